import { describe, expect, it } from 'vitest';
import { KnowledgeBase, type KbEntry } from '../../server/knowledge/index.ts';
import { questionTypes, typeAgreement } from '../../server/knowledge/question-type.ts';
import type { Locale } from '../../protocol/index.ts';

const types = (q: string, l: Locale) => [...questionTypes(q, l)].sort();

describe('question types', () => {
  it('reads the kind of answer asked for in English', () => {
    expect(types('How long does delivery take?', 'en')).toEqual(['time']);
    expect(types('how many days until it arrives', 'en')).toEqual(['time']);
    expect(types('How much does shipping cost?', 'en')).toEqual(['price']);
    expect(types('How do I claim my warranty?', 'en')).toEqual(['procedure']);
    expect(types('Where is your store?', 'en')).toEqual(['place']);
    expect(types('why was my card charged twice', 'en')).toEqual(['reason']);
    expect(types('Do you sell gift cards?', 'en')).toEqual([]);
  });

  it('reads it in Persian, also colloquial and without ZWNJ', () => {
    expect(types('ارسال چقدر طول میکشه؟', 'fa')).toEqual(['time']);
    expect(types('هزینه ارسال چنده؟', 'fa')).toEqual(['price']);
    expect(types('چطوری سفارشمو لغو کنم؟', 'fa')).toEqual(['procedure']);
    expect(types('فروشگاهتون کجاست', 'fa')).toEqual(['place']);
  });

  it('reads it in Arabic, also dialect and with Persian letters', () => {
    expect(types('ما مدة الضمان؟', 'ar')).toEqual(['time']);
    expect(types('كم يوما يحتاج المبلغ', 'ar')).toEqual(['time']);
    expect(types('ما الإجراء المطلوب؟', 'ar')).toEqual(['procedure']);
    expect(types('وين الفرع', 'ar')).toEqual(['place']);
    expect(types('کیف أستفید من الضمان؟', 'ar')).toEqual(['procedure']);
  });

  it('agreement is +1 for a shared kind, −1 for different kinds, 0 when either is unknown', () => {
    expect(typeAgreement(new Set(['time']), new Set(['time', 'price']))).toBe(1);
    expect(typeAgreement(new Set(['procedure']), new Set(['time']))).toBe(-1);
    expect(typeAgreement(new Set(), new Set(['time']))).toBe(0);
  });

  it('puts the entry that asks for the same kind of answer first in retrieval when the words fit both', () => {
    const e = (id: string, q: string): KbEntry => ({ id, locale: 'en', questions: [q], tags: [], answer: 'See the warranty page.', file: `en/${id}.md` });
    // the duration entry comes first: on a tie of words it would win
    const kb = new KnowledgeBase([e('warranty-length-en', 'How long is the warranty period?'), e('warranty-claim-en', 'How do I use the warranty?')]);
    // (retrieval order; the calibrated score then weighs this with the other evidence)
    expect(kb.evidence('the fridge is still in its warranty period and stopped cooling, how do I get it fixed', 'en').candidates[0]?.entry.id).toBe('warranty-claim-en');
    expect(kb.search('how long is my warranty', 'en', 1)[0]?.entry.id).toBe('warranty-length-en');
  });
});
