import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG, KnowledgeBase, loadKnowledgeBase, type Answer } from '../../server/knowledge/index.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/kb-bikes');
let kb: KnowledgeBase;

beforeAll(async () => {
  const r = await loadKnowledgeBase(FIXTURE);
  expect(r.issues).toEqual([]);
  kb = r.kb;
});

const id = (a: Answer) => a.entry?.id ?? null;

describe('decision policy on a fixture KB', () => {
  it('answers clear questions in each language, with the entry in that language', () => {
    const en = kb.answer('how much does it cost to rent a bike for a day?', 'en');
    expect(en).toMatchObject({ decision: 'answer', locale: 'en' });
    expect(id(en)).toBe('rental-price-en');
    expect(en.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_CONFIG.answerThreshold);
    expect(en.suggestions).toEqual([]);
    expect(id(kb.answer('هزینه اجاره دوچرخه چقدره؟', 'fa'))).toBe('rental-price-fa');
    expect(id(kb.answer('كم سعر استئجار الدراجة؟', 'ar'))).toBe('rental-price-ar');
  });

  it('handles one-word, typo, letter-variant, diacritic and Finglish queries', () => {
    expect(id(kb.answer('helmet'))).toBe('helmet-en');
    expect(id(kb.answer('what are your opning hours?', 'en'))).toBe('opening-hours-en');
    expect(id(kb.answer('كلاه ايمني هم ميدهيد؟', 'fa'))).toBe('helmet-fa');
    expect(id(kb.answer('مَتَى يَفْتَحُ المَتْجَرُ؟'))).toBe('opening-hours-ar');
    const fi = kb.answer('hazine ejare docharkhe chande?');
    expect(fi.locale).toBe('fa');
    expect(id(fi)).toBe('rental-price-fa');
  });

  it('infers the language when the widget locale is missing or wrong', () => {
    const a = kb.answer('ساعات العمل؟', 'en');
    expect(a.locale).toBe('ar');
    expect(id(a)).toBe('opening-hours-ar');
    const b = kb.answer('فروشگاه چه ساعتی باز است؟');
    expect(b.locale).toBe('fa');
    expect(id(b)).toBe('opening-hours-fa');
  });

  it('returns decision "human" with the KB\'s own talk-to-a-person entry, found by its questions', () => {
    const en = kb.answer('please let me talk to a human', 'en');
    expect(en.decision).toBe('human');
    expect(id(en)).toBe('talk-to-us'); // id says nothing about humans: found by the questions' meaning
    expect(id(kb.answer('با اپراتور وصلم کنید'))).toBe('talk-to-us-fa');
    const ar = kb.answer('عايز أكلم موظف مش روبوت');
    expect(ar.decision).toBe('human');
    expect(id(ar)).toBe('talk-to-us-ar');
  });

  it('says none for unrelated questions and small talk', () => {
    for (const q of ['what is the capital of Peru?', 'hi, how are you?', 'zxqv wplk']) {
      const a = kb.answer(q, 'en');
      expect(a.decision, q).toBe('none');
      expect(a.entry).toBeNull();
      expect(a.score).toBeLessThan(DEFAULT_MATCH_CONFIG.suggestThreshold);
    }
  });

  it('suggests (never answers) when confidence is between the thresholds, suggestions exclude the entry', () => {
    const strict = new KnowledgeBase(kb.all, { answerThreshold: 0.999, confirmThreshold: 0.999, suggestThreshold: 0.2 });
    const a = strict.answer('what does renting a bike cost?', 'en');
    expect(a.decision).toBe('suggest');
    expect(a.entry).toBeNull();
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
    expect(a.suggestions[0].id).toBe('rental-price-en');
    expect(a.suggestions.every((e) => e.locale === 'en')).toBe(true);
  });

  it('thresholds are configuration: a lenient config answers what the default only suggests', () => {
    const q = 'does the price include a helmet and a lock?';
    const lenient = new KnowledgeBase(kb.all, { answerThreshold: 0.05, suggestThreshold: 0.01 });
    expect(lenient.answer(q, 'en').decision).toBe('answer');
    const never = new KnowledgeBase(kb.all, { answerThreshold: 1.01, confirmThreshold: 1.01, suggestThreshold: 1.01 });
    expect(never.answer(q, 'en').decision).toBe('none');
  });

  it('is deterministic and the score is a probability-like 0..1', () => {
    const a = kb.answer('bike stolen what now', 'en');
    const b = kb.answer('bike stolen what now', 'en');
    expect(a).toEqual(b);
    expect(a.score).toBeGreaterThan(0);
    expect(a.score).toBeLessThanOrEqual(1);
    expect(id(a)).toBe('lost-bike-en');
  });

  it('a KB without entries answers none', () => {
    const empty = new KnowledgeBase([]);
    expect(empty.answer('anything', 'en')).toMatchObject({ decision: 'none', entry: null, score: 0, suggestions: [] });
  });
});

describe('loader validation', () => {
  it('names file and line for every problem of a broken KB', async () => {
    const { issues } = await loadKnowledgeBase(resolve(import.meta.dirname, '../fixtures/kb-broken'));
    const by = (f: string) => issues.filter((i) => i.file.endsWith(f));
    expect(by(join('en', 'bad-yaml-en.md'))[0].message).toMatch(/YAML/);
    expect(by(join('en', 'no-questions-en.md'))[0]).toMatchObject({ line: 4 });
    expect(by(join('en', 'no-questions-en.md'))[0].message).toMatch(/questions/);
    expect(by(join('en', 'empty-answer-en.md'))[0].message).toMatch(/empty answer/);
    expect(by(join('en', 'wrong-locale-en.md'))[0]).toMatchObject({ line: 3 });
    expect(by(join('en', 'wrong-locale-en.md'))[0].message).toMatch(/does not match the folder/);
    expect(by(join('fa', 'good-en.md'))[0].message).toMatch(/duplicate id "good-en"/);
    expect(issues.every((i) => typeof i.line === 'number' && i.line > 0)).toBe(true);
  });
  it('the eval KB and the fixture KB are clean', async () => {
    expect((await loadKnowledgeBase(FIXTURE)).issues).toEqual([]);
  });
});
