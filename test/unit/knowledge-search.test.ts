import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, loadKnowledgeBase, openKnowledge, type KnowledgeService } from '../../server/knowledge/index.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/kb-bikes');
let kb: KnowledgeBase;
let service: KnowledgeService;

beforeAll(async () => {
  const r = await loadKnowledgeBase(FIXTURE);
  expect(r.issues).toEqual([]);
  kb = r.kb;
  service = await openKnowledge({ dir: FIXTURE });
});
afterAll(async () => { await service.close(); });

const ids = (hits: { entry: { id: string } }[]) => hits.map((h) => h.entry.id);

describe('ranked search for agents', () => {
  it('returns hits for one-word keyword searches in each language, best first', () => {
    expect(ids(service.search('helmet', 'en'))[0]).toBe('helmet-en');
    expect(ids(service.search('کلاه'))[0]).toBe('helmet-fa');
    expect(ids(service.search('سعر', 'ar'))[0]).toBe('rental-price-ar');
    const hits = service.search('price');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns hits even when the bot itself would not answer', () => {
    // a vague two-word search shares words with entries but is no confident question
    const q = 'bike day';
    expect(service.search(q, 'en').length).toBeGreaterThan(0);
    const a = kb.answer('rent', 'en');
    const hits = kb.search('rent', 'en');
    expect(hits.length).toBeGreaterThan(0);
    if (a.decision !== 'answer') expect(hits[0].score).toBeLessThan(kb.config.answerThreshold);
  });

  it('agrees with answer() on the top entry and its confidence', () => {
    const q = 'how much does it cost to rent a bike for a day?';
    const a = kb.answer(q, 'en');
    const [top] = kb.search(q, 'en');
    expect(top.entry.id).toBe(a.entry?.id);
    expect(top.score).toBe(a.score);
  });

  it('honours the limit and returns nothing for empty or unmatched queries', () => {
    expect(kb.search('bike', 'en', 1).length).toBeLessThanOrEqual(1);
    expect(kb.search('bike', 'en', 0)).toEqual([]);
    expect(kb.search('   ')).toEqual([]);
    expect(kb.search('qqqzzzx', 'en')).toEqual([]);
    expect(kb.search('bike', 'en', 1000).length).toBeLessThanOrEqual(5);
  });
});
