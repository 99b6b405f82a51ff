// Held-out queries for the bike-rental fixture KB (another domain than the kb-store dev set the
// engine is developed on): guards against tuning to one data set. Written without looking at the
// engine's output; the thresholds below are deliberately below the current figures.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../protocol/index.ts';
import { KnowledgeBase, loadKnowledgeBase } from '../../server/knowledge/index.ts';
import { stopWordSlip } from '../../server/knowledge/engine.ts';
import { detectHumanRequest } from '../../server/knowledge/human.ts';
import { stemFa } from '../../server/knowledge/normalize.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/kb-bikes');
const QUERIES = resolve(import.meta.dirname, '../fixtures/kb-bikes-queries/heldout.jsonl');
interface Q { q: string; locale?: Locale; expect: string | null; kind: string }
let kb: KnowledgeBase;
const queries: Q[] = readFileSync(QUERIES, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Q);

beforeAll(async () => {
  kb = (await loadKnowledgeBase(FIXTURE)).kb;
});

function answered(q: Q): string | null {
  const a = kb.answer(q.q, q.locale);
  return a.decision === 'answer' || a.decision === 'human' ? (a.entry?.id ?? null) : null;
}

describe('held-out queries on the bike-rental KB', () => {
  it('answers most in-scope queries and never with a wrong entry', () => {
    const inScope = queries.filter((q) => q.expect !== null);
    const got = inScope.map((q) => ({ q, id: answered(q) }));
    const wrong = got.filter((g) => g.id !== null && g.id !== g.q.expect);
    expect(wrong.map((w) => `${w.q.q} → ${w.id}`)).toEqual([]);
    const right = got.filter((g) => g.id === g.q.expect).length;
    expect(right / inScope.length).toBeGreaterThanOrEqual(0.82);
  });

  it('does not answer out-of-scope near-misses, small talk or gibberish', () => {
    const falseAnswers = queries.filter((q) => q.expect === null).map((q) => [q.q, answered(q)]).filter(([, id]) => id !== null);
    expect(falseAnswers).toEqual([]);
  });

  it('search ranks the right entry first for every in-scope query', () => {
    for (const q of queries) {
      if (q.expect === null || q.kind === 'human') continue;
      expect(kb.search(q.q, q.locale, 3)[0]?.entry.id, q.q).toBe(q.expect);
    }
  });
});

// Four more held-out domains, each written blind to the engine and to the dev set: an internet and
// mobile operator, a medical clinic, food delivery and a digital bank (46–54 entries, 100–115
// queries of every kind). The floors sit at the figures measured with the confidence model and the
// answer point chosen by leave-one-domain-out validation (npm run eval), so a change that loses
// ground on an unseen domain fails here: 0 wrong and 0 out-of-scope answers on each; right answers
// telecom 37/84, clinic 46/78, food 50/94, bank 45/88; right entry ranked first telecom 64/78,
// clinic 63/73, food 61/88, bank 74/83.
describe.each([
  { name: 'telecom', maxWrong: 0, maxFalse: 0, minRight: 37, minFirst: 64 },
  { name: 'clinic', maxWrong: 0, maxFalse: 0, minRight: 46, minFirst: 63 },
  { name: 'food', maxWrong: 0, maxFalse: 0, minRight: 50, minFirst: 61 },
  { name: 'bank', maxWrong: 0, maxFalse: 0, minRight: 45, minFirst: 74 },
])('held-out queries on the $name KB (unseen domain)', ({ name, maxWrong, maxFalse, minRight, minFirst }) => {
  const set: Q[] = readFileSync(resolve(import.meta.dirname, `../fixtures/kb-${name}-queries/heldout.jsonl`), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Q);
  let heldKb: KnowledgeBase;
  beforeAll(async () => {
    const loaded = await loadKnowledgeBase(resolve(import.meta.dirname, `../fixtures/kb-${name}`));
    expect(loaded.issues).toEqual([]);
    heldKb = loaded.kb;
  });
  const answer = (q: Q): string | null => {
    const a = heldKb.answer(q.q, q.locale);
    return a.decision === 'answer' || a.decision === 'human' ? (a.entry?.id ?? null) : null;
  };

  it('keeps wrong and out-of-scope answers rare', () => {
    const wrong = set.filter((q) => q.expect !== null).filter((q) => { const id = answer(q); return id !== null && id !== q.expect; });
    expect(wrong.length).toBeLessThanOrEqual(maxWrong);
    const falseAnswers = set.filter((q) => q.expect === null && answer(q) !== null);
    expect(falseAnswers.length).toBeLessThanOrEqual(maxFalse);
  });

  it('answers requests for a person in all three languages', () => {
    for (const q of set.filter((x) => x.kind === 'human')) expect(heldKb.answer(q.q, q.locale).decision, q.q).toBe('human');
  });

  it('answers at least as many in-scope queries as measured', () => {
    expect(set.filter((q) => q.expect !== null && answer(q) === q.expect).length).toBeGreaterThanOrEqual(minRight);
  });

  it('ranks the right entry first for most in-scope queries', () => {
    const ranked = set.filter((q) => q.expect !== null && q.kind !== 'human');
    expect(ranked.filter((q) => heldKb.search(q.q, q.locale, 3)[0]?.entry.id === q.expect).length).toBeGreaterThanOrEqual(minFirst);
  });
});

describe('the talk-to-a-person entry', () => {
  it('is not reached by shared words alone', async () => {
    const tel = (await loadKnowledgeBase(resolve(import.meta.dirname, '../fixtures/kb-telecom'))).kb;
    const q = 'Someone swiped my phone on the train, can you shut off my line before they use it?';
    expect(tel.answer(q, 'en').decision).not.toBe('human');
    expect(tel.rank(q, 'en').ranked.map((r) => r.entry.id)).not.toContain('human-agent-en');
  });
});

describe('robustness details', () => {
  it('does not take a content word for a mistyped stop word when a letter was changed', () => {
    expect(stopWordSlip('wil', 'en')).toBe(1); // will
    expect(stopWordSlip('teh', 'en')).toBe(1); // the
    expect(stopWordSlip('sell', 'en')).toBeLessThan(1); // well? tell? — or just "sell"
    // Persian and Arabic have many three-letter content words one letter from a function word
    expect(stopWordSlip('رند', 'fa')).toBeLessThan(1); // not روند / اند
  });

  it('reads a request for a person only within one sentence of a long message', () => {
    expect(detectHumanRequest("My router says it's connected. Is there anything else I can try before I call someone?", 'en').human).toBe(false);
    expect(detectHumanRequest('Hi, I tried everything already. I want to talk to a person please.', 'en').human).toBe(true);
    expect(detectHumanRequest('سلام. با یک اپراتور صحبت کنم؟', 'fa').human).toBe(true);
  });

  it('reads want / need as asking for a person only when the speaker wants one', () => {
    expect(detectHumanRequest('what does the receptionist need from me', 'en').human).toBe(false);
    expect(detectHumanRequest('does the agent need my order number?', 'en').human).toBe(false);
    for (const q of ['I want a human', 'i need an agent', 'need a person', 'we need to speak with a representative', 'just want a human please']) expect(detectHumanRequest(q, 'en').human, q).toBe(true);
  });

  it('does not cut whole Persian words down to a stop word or a shorter word (درمان, تومان, سلامت)', () => {
    for (const w of ['درمان', 'تومان', 'سلامت', 'زمان', 'سازمان', 'ساختمان']) expect(stemFa(w)).toBe(w);
    // real possessives are still removed
    expect(stemFa('کارتت')).toBe('کارت');
    expect(stemFa('پولمان')).toBe('پول');
  });

  it('does not read a possessive after a vowel as a verb prefix (Persian)', () => {
    expect(stemFa('بانکیام')).not.toBe('انکیا');
    expect(stemFa('ناراضیام').startsWith('نار')).toBe(true);
  });
});
