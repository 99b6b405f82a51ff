import { describe, expect, it } from 'vitest';
import { finglishToPersian, inferLocale } from '../../server/knowledge/language.ts';
import { detectHumanRequest } from '../../server/knowledge/human.ts';

describe('Finglish with the general word table', () => {
  it('reads everyday Finglish without help from a knowledge base', () => {
    const q = 'net khoonamun kollan ghate, hich site baz nemishe';
    expect(inferLocale(q)).toMatchObject({ locale: 'fa', finglish: true });
    const fa = finglishToPersian(q);
    for (const w of ['اینترنت', 'کلا', 'قطع', 'هیچ', 'نمیشود']) expect(fa).toContain(w);
  });
  it('does not take English words that are also Persian loanwords for Finglish', () => {
    for (const q of ['hotel parking', 'internet modem', 'bank film', 'key lost']) expect(inferLocale(q), q).toMatchObject({ locale: 'en', finglish: false });
  });
});

describe('language inference', () => {
  it('tells Persian from Arabic (same script)', () => {
    expect(inferLocale('سفارشم کی می‌رسد؟').locale).toBe('fa');
    expect(inferLocale('متى يصل الطلب إلى المنزل؟').locale).toBe('ar');
    expect(inferLocale('ايمتى يوصل الطلب').locale).toBe('ar');
    expect(inferLocale('میخوام بدونم سفارشم کی میرسه').locale).toBe('fa');
  });
  it('recognizes Persian typed with Arabic letters as Persian', () => {
    expect(inferLocale('يك هفته پيش شكايت كردم؛ جوابش را كجا ببينم؟').locale).toBe('fa');
    expect(inferLocale('گوشي‌اي كه فرستاديد روشن نمي‌شود').locale).toBe('fa');
  });
  it('recognizes Arabic typed with Persian letters as Arabic', () => {
    expect(inferLocale('عندی کود خصم لکنه یرفض فی سلة المشتریات').locale).toBe('ar');
  });
  it('tells English from Finglish', () => {
    expect(inferLocale('how long does shipping take?')).toMatchObject({ locale: 'en', finglish: false });
    expect(inferLocale('ersal chand rooz tool mikeshe?')).toMatchObject({ locale: 'fa', finglish: true });
    expect(inferLocale('salam, sefaresh man kojast?')).toMatchObject({ locale: 'fa', finglish: true });
  });
  it('keeps the widget locale for ambiguous text but switches on clear evidence', () => {
    expect(inferLocale('گارانتی', 'fa').locale).toBe('fa');
    expect(inferLocale('ما هي ساعات العمل في الفرع؟', 'fa').locale).toBe('ar');
    expect(inferLocale('where is my order', 'fa').locale).toBe('en');
    expect(inferLocale('سفارش من کجاست؟', 'en').locale).toBe('fa');
  });
  it('does not pick a language the KB does not have when the other script-mate exists', () => {
    expect(inferLocale('متى يصل الطلب', undefined, undefined, ['fa', 'en']).locale).toBe('fa');
  });
});

describe('human request detection', () => {
  const yes: Array<[string, 'fa' | 'ar' | 'en']> = [
    ['I want to talk to a human', 'en'],
    ['connect me to an agent please', 'en'],
    ['can I speak with a real person?', 'en'],
    ['operator', 'en'],
    ['not a bot, a person please', 'en'],
    ['می‌خواهم با اپراتور صحبت کنم', 'fa'],
    ['میشه با یه کارشناس حرف بزنم؟', 'fa'],
    ['وصلم کنید به یک آدم واقعی', 'fa'],
    ['اپراتور', 'fa'],
    ['أريد التحدث مع موظف', 'ar'],
    ['عايز أكلم بني آدم مش روبوت', 'ar'],
    ['حولني لموظف حقيقي لو سمحت', 'ar'],
    ['بدي احكي مع شخص حقيقي', 'ar'],
  ];
  it.each(yes)('detects "%s"', (text, locale) => {
    expect(detectHumanRequest(text, locale).human).toBe(true);
  });
  const no: Array<[string, 'fa' | 'ar' | 'en']> = [
    ['what is your phone number?', 'en'],
    ['how do I contact support?', 'en'],
    ['when will the technician come to install it?', 'en'],
    ['شماره تلفن پشتیبانی چند است؟', 'fa'],
    ['کارشناس نصب کی می‌آید؟', 'fa'],
    ['ما هي ساعات عمل خدمة العملاء؟', 'ar'],
    ['متى يصل المندوب؟', 'ar'],
  ];
  it.each(no)('does not flag "%s"', (text, locale) => {
    expect(detectHumanRequest(text, locale).human).toBe(false);
  });
});
