// The general word lists in server/knowledge/lexicon/: well-formed, and used by the engine.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, type KbEntry } from '../../server/knowledge/index.ts';
import { lexiconLines, lexiconPairs } from '../../server/knowledge/lexicon-files.ts';
import { analyze } from '../../server/knowledge/normalize.ts';
import type { Locale } from '../../protocol/index.ts';

const DIR = resolve(import.meta.dirname, '../../server/knowledge/lexicon');
const files = readdirSync(DIR);

function entry(id: string, locale: Locale, questions: string[], answer = 'See the help page.'): KbEntry {
  return { id, locale, questions, tags: [], answer, file: `${locale}/${id}.md` };
}

describe('lexicon files', () => {
  it('has synonym groups for every language and the informal-form tables', () => {
    for (const name of ['synonyms-fa.txt', 'synonyms-ar.txt', 'synonyms-en.txt', 'colloquial-fa.txt', 'dialect-ar.txt', 'slang-en.txt', 'finglish-fa.txt']) {
      expect(files, name).toContain(name);
      expect(lexiconLines(name).length, name).toBeGreaterThan(100);
    }
  });

  it('synonym groups have at least two different words each', () => {
    for (const name of files.filter((f) => f.startsWith('synonyms-'))) {
      for (const line of lexiconLines(name)) {
        const words = line.split(/\s+/);
        expect(new Set(words).size, `${name}: ${line}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('mapping files have a TAB-separated informal and standard side on every line', () => {
    for (const name of ['colloquial-fa.txt', 'dialect-ar.txt', 'slang-en.txt', 'finglish-fa.txt', 'finglish-loanwords-fa.txt']) {
      const lines = lexiconLines(name);
      expect(Object.keys(lexiconPairs(name)).length, name).toBeGreaterThan(lines.length * 0.95);
      for (const line of lines) expect(line, `${name}: ${line}`).toMatch(/^[^\t]+\t[^\t]+$/);
    }
  });

  it('returns nothing for a missing file', () => {
    expect(lexiconLines('no-such-file.txt')).toEqual([]);
  });
});

describe('the engine uses them', () => {
  it('finds an entry through a general synonym it does not contain (en, fa, ar)', () => {
    const kb = new KnowledgeBase([
      // the distractors come first: a tie would go to them
      entry('cancel-en', 'en', ['Can I cancel my appointment?']),
      entry('postpone-en', 'en', ['Can I postpone my appointment?']),
      entry('lab-fa', 'fa', ['چطور نوبت آزمایشگاه بگیرم؟']),
      entry('doctor-fa', 'fa', ['چطور نوبت پزشک بگیرم؟']),
      entry('price-ar', 'ar', ['كم سعر الزيارة؟']),
      entry('date-ar', 'ar', ['كيف أغير موعد الزيارة؟']),
    ]);
    expect(kb.search('can i defer my appointment', 'en', 1)[0]?.entry.id).toBe('postpone-en');
    expect(kb.search('نوبت دکتر', 'fa', 1)[0]?.entry.id).toBe('doctor-fa');
    expect(kb.search('تغيير ميعاد الزيارة', 'ar', 1)[0]?.entry.id).toBe('date-ar');
  });

  it('reads colloquial Persian, dialect Arabic and texting English as the standard forms', () => {
    expect(analyze('کی میرسه', 'fa').terms).toEqual(analyze('کی میرسد', 'fa').terms);
    expect(analyze('ابغى', 'ar').terms).toEqual(analyze('أريد', 'ar').terms);
    expect(analyze('pwd reset', 'en').terms).toEqual(analyze('password reset', 'en').terms);
  });
});

describe('compounds written apart or together', () => {
  const e = (id: string, locale: Locale, q: string) => entry(id, locale, [q]);
  const kb = new KnowledgeBase([
    // distractors first: a tie would go to them
    e('account-password-en', 'en', 'How do I reset my account password?'),
    e('wifi-password-en', 'en', 'How do I reset the wifi password?'),
    e('sell-en', 'en', 'Do you sell cards for birthdays?'),
    e('gift-card-en', 'en', 'Can I pay with a gift card?'),
    e('account-password-fa', 'fa', 'رمز حساب کاربری را چطور عوض کنم؟'),
    e('wifi-password-fa', 'fa', 'رمز وای‌فای را چطور عوض کنم؟'),
  ]);
  it('joins two words the knowledge base writes as one', () => {
    const en = kb.rank('reset wi fi password', 'en');
    expect(en.terms).toContain('wifi');
    expect(en.unknown).toEqual([]);
    expect(en.ranked[0]?.entry.id).toBe('wifi-password-en');
    const fa = kb.rank('رمز وای فای را عوض کنم', 'fa');
    expect(fa.terms).toContain(analyze('وای‌فای', 'fa').terms[0]);
    expect(fa.ranked[0]?.entry.id).toBe('wifi-password-fa');
  });
  it('takes spoken Persian endings off a word the knowledge base has without them', () => {
    const r = kb.rank('رمز وای‌فایمو عوض کنم', 'fa');
    expect(r.terms).toContain(analyze('وای‌فای', 'fa').terms[0]);
    expect(r.unknown).toEqual([]);
    expect(kb.rank('رمز حسابمون', 'fa').terms).toContain(analyze('حساب', 'fa').terms[0]);
  });
  it('reads a first و of an Arabic word as a root letter when the knowledge base does', () => {
    const ar = new KnowledgeBase([entry('late-ar', 'ar', ['لماذا تأخر الطلب؟']), entry('arrived-ar', 'ar', ['وصل الطلب تالفا'])]);
    const r = ar.rank('وصلتني الطلبية تالفة', 'ar');
    expect(r.terms).toContain(analyze('وصل', 'ar').terms[0]);
    expect(r.ranked[0]?.entry.id).toBe('arrived-ar');
  });
  it('splits an unknown word into two words of the knowledge base', () => {
    const r = kb.rank('pay by giftcard', 'en');
    expect(r.terms).toEqual(expect.arrayContaining(['gift', 'card']));
    expect(r.ranked[0]?.entry.id).toBe('gift-card-en');
  });
});
