import { describe, expect, it } from 'vitest';
import { analyze, canonicalChars, normalizeForGrouping, stemEn } from '../../server/knowledge/normalize.ts';
import { finglishToPersian, latinSkeleton, persianSkeleton } from '../../server/knowledge/language.ts';

const terms = (t: string, l: 'fa' | 'ar' | 'en') => analyze(t, l).terms;

describe('Persian normalization', () => {
  it('treats ZWNJ, no ZWNJ and a space as the same word (می‌شود / میشود / می شود)', () => {
    const a = terms('ارسال رایگان می‌شود؟', 'fa');
    expect(terms('ارسال رایگان میشود؟', 'fa')).toEqual(a);
    expect(terms('ارسال رایگان می شود؟', 'fa')).toEqual(a);
    expect(terms('کتاب‌ها', 'fa')).toEqual(terms('کتاب ها', 'fa'));
    expect(terms('کتاب‌ها', 'fa')).toEqual(terms('کتابها', 'fa'));
  });
  it('unifies Arabic ي / ك / ى with Persian ی / ک', () => {
    expect(terms('كيف پول را پس مي‌گيرم', 'fa')).toEqual(terms('کیف پول را پس می‌گیرم', 'fa'));
    expect(canonicalChars('مصطفى')).toBe(canonicalChars('مصطفی'));
  });
  it('maps Persian, Arabic-Indic and ASCII digits to the same token', () => {
    expect(terms('۱۲ میلیون', 'fa')).toEqual(terms('12 میلیون', 'fa'));
    expect(terms('١٢ میلیون', 'fa')).toEqual(terms('12 میلیون', 'fa'));
  });
  it('strips affixes: می/نمی verb prefixes, ها/های plurals, possessives', () => {
    expect(terms('سفارش‌هایم', 'fa')).toEqual(terms('سفارش', 'fa'));
    expect(terms('می‌رسد', 'fa')).toEqual(terms('میرسه', 'fa')); // colloquial 3rd person
    expect(terms('میخوام', 'fa')).toEqual(terms('می‌خواهم', 'fa'));
  });
  it('removes stop words', () => {
    expect(terms('سلام، لطفاً این را برای من بگویید', 'fa')).not.toContain('سلام');
    expect(terms('و در به از که', 'fa')).toEqual([]);
  });
});

describe('Arabic normalization', () => {
  it('removes harakat and tatweel', () => {
    expect(terms('مَتَى يَعُودُ الْمُنْتَجُ', 'ar')).toEqual(terms('متى يعود المنتج', 'ar'));
    expect(terms('هـــل التركيـــب مجانـــي', 'ar')).toEqual(terms('هل التركيب مجاني', 'ar'));
  });
  it('unifies alef / hamza variants and ta marbuta', () => {
    expect(terms('إلغاء الطلب', 'ar')).toEqual(terms('الغاء الطلب', 'ar'));
    expect(terms('أريد فاتورة', 'ar')).toEqual(terms('اريد فاتوره', 'ar'));
    expect(canonicalChars('آ أ إ ا')).toBe('ا ا ا ا');
  });
  it('accepts Persian ی / ک typed in Arabic', () => {
    expect(terms('عندی کود خصم', 'ar')).toEqual(terms('عندي كود خصم', 'ar'));
  });
  it('maps dialect question words to standard Arabic', () => {
    expect(terms('ايمتى يوصل الطلب', 'ar')).toEqual(terms('متى يوصل الطلب', 'ar'));
    expect(terms('وين الطلب', 'ar')).toEqual(terms('أين الطلب', 'ar'));
  });
  it('maps a dialect word behind a conjunction or the article', () => {
    expect(terms('وفين الطلب', 'ar')).toEqual(terms('أين الطلب', 'ar'));
    expect(terms('الاوردر', 'ar')).toEqual(terms('الطلب', 'ar'));
    expect(terms('الباسوورد', 'ar')).toEqual(terms('كلمة المرور', 'ar'));
  });
  it('drops و / ف written onto a particle, but keeps three-letter words that only look like it', () => {
    expect(terms('ولا فهل وما', 'ar')).toEqual([]);
    expect(terms('الواي فاي', 'ar')).toHaveLength(2);
  });
  it('maps Arabic-Indic digits', () => {
    expect(terms('٥ أيام', 'ar')).toEqual(terms('5 أيام', 'ar'));
  });
  it('strips the article and light suffixes', () => {
    expect(terms('الضمان', 'ar')).toEqual(terms('ضمان', 'ar'));
  });
});

describe('invisible characters', () => {
  it('drops bidi controls and zero-width marks pasted from other apps', () => {
    const dirty = '\u200Fسفارش\u200E \u202Bمن\u202C\u200B کجاست\uFEFF';
    expect(terms(dirty, 'fa')).toEqual(terms('سفارش من کجاست', 'fa'));
    expect(terms('re\u200Bfund\u2066', 'en')).toEqual(['refund']);
  });
  it('applies NFKC (Arabic presentation forms, full-width Latin)', () => {
    expect(canonicalChars('ﻻ')).toBe('لا');
    expect(canonicalChars('ＲＥＦＵＮＤ')).toBe('refund');
  });
});

describe('English normalization', () => {
  it('stems inflections to one term', () => {
    expect(stemEn('deliveries')).toBe(stemEn('delivery'));
    expect(stemEn('delivered')).toBe(stemEn('deliver'));
    expect(stemEn('refunds')).toBe('refund');
  });
  it('expands texting abbreviations and drops stop words', () => {
    expect(terms('where is ur shop', 'en')).toEqual(terms('where is your shop', 'en'));
    expect(terms('the a an of', 'en')).toEqual([]);
  });
});

describe('Finglish', () => {
  it('Persian and Latin skeletons agree for common words', () => {
    expect(latinSkeleton('ersal')).toBe(persianSkeleton('ارسال'));
    expect(latinSkeleton('rooz')).toBe(persianSkeleton('روز'));
    expect(latinSkeleton('chand')).toBe(persianSkeleton('چند'));
  });
  it('converts function words and transliterates the rest', () => {
    const p = finglishToPersian('sefaresh chand rooz tool mikeshe');
    expect(p).toContain('چند');
    expect(terms(p, 'fa')).toEqual(expect.arrayContaining(terms('می‌کشه', 'fa')));
  });
});

describe('normalizeForGrouping', () => {
  it('groups spelling, ZWNJ, letter and order variants together', () => {
    const k = normalizeForGrouping('سفارشم کی می‌رسد؟', 'fa');
    expect(normalizeForGrouping('سفارشم کي ميرسد', 'fa')).toBe(k);
    expect(normalizeForGrouping('کی سفارشم می رسد', 'fa')).toBe(k);
    expect(normalizeForGrouping('Where is my REFUND?')).toBe(normalizeForGrouping('where is my refund'));
  });
});
