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
    expect(right / inScope.length).toBeGreaterThanOrEqual(0.85);
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

// A second held-out domain (an internet and mobile operator), written blind to the engine and to
// the dev set: 46 entries, 110 queries of every kind. The floors sit just below the figures measured
// (40/84 answered right, 0 wrong, 0 false answers out of 26, right entry ranked first for 62 of 78
// non-human queries), so a change that loses ground on an unseen domain fails here.
describe('held-out queries on the telecom KB (unseen domain)', () => {
  const telQueries: Q[] = readFileSync(resolve(import.meta.dirname, '../fixtures/kb-telecom-queries/heldout.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Q);
  let tel: KnowledgeBase;
  beforeAll(async () => {
    const loaded = await loadKnowledgeBase(resolve(import.meta.dirname, '../fixtures/kb-telecom'));
    expect(loaded.issues).toEqual([]);
    tel = loaded.kb;
  });
  const answer = (q: Q): string | null => {
    const a = tel.answer(q.q, q.locale);
    return a.decision === 'answer' || a.decision === 'human' ? (a.entry?.id ?? null) : null;
  };

  it('keeps wrong and out-of-scope answers rare', () => {
    const inScope = telQueries.filter((q) => q.expect !== null);
    const wrong = inScope.filter((q) => { const id = answer(q); return id !== null && id !== q.expect; });
    expect(wrong.map((q) => q.q).length).toBeLessThanOrEqual(1);
    const oos = telQueries.filter((q) => q.expect === null);
    const falseAnswers = oos.filter((q) => answer(q) !== null);
    expect(falseAnswers.length).toBeLessThanOrEqual(1);
  });

  it('answers requests for a person in all three languages', () => {
    for (const q of telQueries.filter((x) => x.kind === 'human')) expect(tel.answer(q.q, q.locale).decision, q.q).toBe('human');
  });

  it('does not reach the talk-to-a-person entry by shared words alone', () => {
    const q = 'Someone swiped my phone on the train, can you shut off my line before they use it?';
    expect(tel.answer(q, 'en').decision).not.toBe('human');
    expect(tel.rank(q, 'en').ranked.map((r) => r.entry.id)).not.toContain('human-agent-en');
  });

  it('answers at least as many in-scope queries as when the set was written', () => {
    const inScope = telQueries.filter((q) => q.expect !== null);
    const right = inScope.filter((q) => answer(q) === q.expect).length;
    expect(right).toBeGreaterThanOrEqual(38);
  });

  it('ranks the right entry first for most in-scope queries', () => {
    const ranked = telQueries.filter((q) => q.expect !== null && q.kind !== 'human');
    const first = ranked.filter((q) => tel.search(q.q, q.locale, 3)[0]?.entry.id === q.expect).length;
    expect(first).toBeGreaterThanOrEqual(58);
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
