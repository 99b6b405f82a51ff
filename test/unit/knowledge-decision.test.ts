// One score, one order: the ranking, the scores shown to editors and the decision agree; the bot
// never answers when another entry is within the margin; the middle band; learned wordings.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decide, DEFAULT_MATCH_CONFIG, KnowledgeBase, loadKnowledgeBase, openKnowledge, toLegacyAnswer, type KbEntry } from '../../server/knowledge/index.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/kb-bikes');
let kb: KnowledgeBase;
beforeAll(async () => { kb = (await loadKnowledgeBase(FIXTURE)).kb; });

const entry = (id: string): KbEntry => ({ id, locale: 'en', questions: [id], tags: [], answer: id, file: `en/${id}.md` });
const cfg = { ...DEFAULT_MATCH_CONFIG, answerThreshold: 0.8, answerMargin: 0.1, confirmThreshold: 0.5, confirmMargin: 0.2, suggestThreshold: 0.4, offerThreshold: 0.2 };

describe('decision policy', () => {
  it('answers only when the runner-up is clearly behind', () => {
    expect(decide([{ entry: entry('a'), score: 0.9 }, { entry: entry('b'), score: 0.5 }], cfg)).toMatchObject({ decision: 'answer', suggestions: [] });
    const close = decide([{ entry: entry('a'), score: 0.9 }, { entry: entry('b'), score: 0.87 }, { entry: entry('c'), score: 0.86 }], cfg);
    expect(close.decision).toBe('suggest');
    expect(close.entry).toBeNull();
    expect(close.suggestions.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('asks to confirm an entry that is clearly ahead but below the answer threshold', () => {
    const d = decide([{ entry: entry('a'), score: 0.7 }, { entry: entry('b'), score: 0.3 }, { entry: entry('c'), score: 0.1 }], cfg);
    expect(d.decision).toBe('confirm');
    expect(d.entry?.id).toBe('a');
    expect(d.suggestions.map((e) => e.id)).toEqual(['b']); // c is below the suggestion floor
  });

  it('says none below the suggest threshold, with weak suggestions when there are some', () => {
    expect(decide([{ entry: entry('a'), score: 0.3 }], cfg)).toMatchObject({ decision: 'none', entry: null });
    expect(decide([{ entry: entry('a'), score: 0.3 }], cfg).suggestions.map((e) => e.id)).toEqual(['a']);
    expect(decide([{ entry: entry('a'), score: 0.1 }], cfg).suggestions).toEqual([]);
    expect(decide([], cfg)).toMatchObject({ decision: 'none', score: 0, suggestions: [] });
  });

  it('offers, never answers, a message whose question sentences ask for different entries', () => {
    const a = entry('a'), b = entry('b');
    const ranked = [{ entry: a, score: 0.95 }, { entry: b, score: 0.3 }];
    const d = decide(ranked, cfg, [b, a]);
    expect(d).toMatchObject({ decision: 'suggest', entry: null });
    expect(d.suggestions).toEqual([b, a]);
    expect(decide(ranked, cfg, [a, a]).decision).toBe('answer'); // both sentences ask for the same entry
  });

  it('folds confirm into suggest for callers without the middle band', () => {
    const a = { decision: 'confirm' as const, locale: 'en' as const, entry: entry('a'), score: 0.7, suggestions: [entry('b')], candidates: [] };
    expect(toLegacyAnswer(a)).toMatchObject({ decision: 'suggest', entry: null });
    expect(toLegacyAnswer(a).suggestions.map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('one score, one order', () => {
  const queries = ['bike stolen what now', 'how much does it cost to rent a bike for a day?', 'helmet', 'opening hours', 'do you rent bikes', 'lock'];
  it('ranks candidates by the score it shows, and decides by the first of them', () => {
    for (const q of queries) {
      const a = kb.decide(q, 'en');
      const scores = a.candidates.map((c) => c.score);
      expect(scores, q).toEqual([...scores].sort((x, y) => y - x));
      if (a.decision === 'answer' || a.decision === 'confirm') {
        expect(a.entry?.id).toBe(a.candidates[0].entry.id);
        expect(a.score).toBe(a.candidates[0].score);
      }
      const hits = kb.search(q, 'en', 5);
      expect(hits.map((h) => h.entry.id), q).toEqual(a.candidates.filter((c) => hits.some((h) => h.entry === c.entry)).map((c) => c.entry.id));
      for (const h of hits) expect(h.score).toBe(a.candidates.find((c) => c.entry === h.entry)?.score);
    }
  });

  it('gives the closest entry of a question it does not answer, in its language', () => {
    const c = kb.closest('my bicycle got pinched from the rack', 'en');
    expect(c?.entry.id).toBe('lost-bike-en');
    expect(kb.closest('zzqx wvvk', 'en')).toBeNull();
  });
});

describe('learned wordings', () => {
  const wording = 'my two-wheeler vanished from the rack outside the cafe';
  it('are matched like the entry\'s own questions', () => {
    expect(kb.decide(wording, 'en').decision).not.toBe('answer');
    const learned = kb.withLearned([{ entryId: 'lost-bike-en', text: wording }, { entryId: 'no-such-entry', text: 'ignored' }]);
    expect(learned.learned).toEqual([{ entryId: 'lost-bike-en', text: wording }]);
    const a = learned.decide('two-wheeler vanished from the rack outside the cafe', 'en');
    expect(a.decision).toBe('answer');
    expect(a.entry?.id).toBe('lost-bike-en');
    expect(a.entry?.questions).not.toContain(wording); // the entry itself is unchanged
    expect(learned.decide(wording, 'en')).toMatchObject({ decision: 'answer', entry: { id: 'lost-bike-en' } }); // word for word
  });

  it('count less than the entry\'s own questions when only their generic frame matches', () => {
    const frame = 'how many days does it take for my deposit to come back';
    const learned = kb.withLearned([{ entryId: 'lost-bike-en', text: frame }]);
    const own = new KnowledgeBase([...kb.all.map((e) => (e.id === 'lost-bike-en' ? { ...e, questions: [...e.questions, frame] } : e))]);
    const q = 'how many days does it take for my helmet to come';
    expect(learned.decide(q, 'en').candidates.find((c) => c.entry.id === 'lost-bike-en')!.score)
      .toBeLessThan(own.decide(q, 'en').candidates.find((c) => c.entry.id === 'lost-bike-en')!.score);
  });

  it('add matches, not statistics: a wording learned for one entry leaves another entry\'s evidence alone', () => {
    const e = (id: string, questions: string[], answer: string): KbEntry => ({ id, locale: 'en', questions, tags: [], answer, file: `en/${id}.md` });
    const small = new KnowledgeBase([
      e('double-charge', ['why was my card charged twice'], 'A duplicate charge is reversed within a week.'),
      e('assembly', ['do you assemble the wardrobe'], 'Our fitters assemble furniture on delivery.'),
      e('opening-hours', ['when are you open'], 'Every day from nine to six.'),
    ]);
    const learned = small.withLearned([{ entryId: 'assembly', text: 'is there a charge to put the wardrobe together' }]);
    const q = 'card charged two times';
    const of = (k: KnowledgeBase) => k.evidence(q, 'en').candidates.find((c) => c.entry.id === 'double-charge')!;
    const [before, after] = [of(small), of(learned)];
    expect(after.coverage).toBe(before.coverage);
    expect(after.qSim).toBe(before.qSim);
    expect(after.gram).toBe(before.gram);
    // and the learned entry does gain the visitor's words
    expect(learned.evidence('put it together', 'en').candidates[0]?.entry.id).toBe('assembly');
  });

  it('stay in force on the service across setLearned calls and reloads', async () => {
    const service = await openKnowledge({ dir: FIXTURE });
    try {
      let reloads = 0;
      service.onReload(() => reloads++);
      service.setLearned([{ entryId: 'lost-bike-en', text: wording }]);
      expect(reloads).toBe(1);
      expect(service.decide(wording, 'en').entry?.id).toBe('lost-bike-en');
      service.setLearned([]);
      expect(service.decide(wording, 'en').decision).not.toBe('answer');
    } finally {
      await service.close();
    }
  });
});
