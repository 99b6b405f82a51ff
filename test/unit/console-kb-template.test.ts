// The console's "write an entry for this" template: ids, safe YAML quoting, and a file that the
// `yaml` package and the server's own knowledge-base loader read back unchanged.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entryTemplate, latinSlug, phrasingTemplate, suggestEntryId, yamlQuote } from '../../console/src/lib/kb-template.ts';
import { parseEntry } from '../../server/knowledge/loader.ts';

/** The YAML front matter of a template, parsed. */
function frontMatter(text: string): { id: string; locale: string; questions: string[]; tags: string[] } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  expect(m, 'front matter between two --- lines').not.toBeNull();
  return parse(m![1]!) as { id: string; locale: string; questions: string[]; tags: string[] };
}

describe('suggestEntryId', () => {
  it('slugifies the Latin words and ends with the locale', () => {
    expect(suggestEntryId('Do you sell spaceships?', 'en')).toBe('do-you-sell-spaceships-en');
    expect(suggestEntryId("Can't I pay with PayPal: yes/no?", 'en')).toBe('cant-i-pay-with-paypal-yes-en');
    expect(suggestEntryId('Où est ma commande ?', 'en')).toBe('ou-est-ma-commande-en');
  });

  it('keeps Latin words inside Persian or Arabic text', () => {
    expect(suggestEntryId('آیا iPhone 15 دارید؟', 'fa')).toBe('iphone-15-fa');
  });

  it('uses new-entry-<locale>-<n> when there are no Latin letters', () => {
    expect(suggestEntryId('زمان ارسال سفارش چقدر است؟', 'fa')).toBe('new-entry-fa-1');
    expect(suggestEntryId('هل لديكم فرع في دبي؟', 'ar')).toBe('new-entry-ar-1');
    expect(suggestEntryId('12345 ?!', 'en')).toBe('new-entry-en-1');
    expect(suggestEntryId('سلام', 'fa', ['new-entry-fa-1', 'new-entry-fa-2'])).toBe('new-entry-fa-3');
  });

  it('never returns a taken id and keeps slugs short', () => {
    expect(suggestEntryId('Shipping time', 'en', ['shipping-time-en'])).toBe('shipping-time-2-en');
    expect(suggestEntryId('Shipping time', 'en', ['shipping-time-en', 'shipping-time-2-en'])).toBe('shipping-time-3-en');
    const long = latinSlug('one two three four five six seven eight nine ten');
    expect(long).toBe('one-two-three-four-five-six');
    expect(latinSlug('a'.repeat(200)).length).toBeLessThanOrEqual(48);
    for (const id of [suggestEntryId('Do you sell spaceships?', 'en'), suggestEntryId('سلام', 'fa')]) {
      expect(id).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);
    }
  });
});

describe('yamlQuote', () => {
  it('escapes backslashes, quotes and control characters', () => {
    expect(yamlQuote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(yamlQuote('x\ny\tz')).toBe('"x\\ny\\tz"');
    for (const s of ['a "b" \\ c', 'x\ny\tz', 'key: value # not a comment', '- [not, a, list]', '\u0007bell\u2028sep\uFEFF', "it's", '']) {
      expect(parse(`q: ${yamlQuote(s)}`)).toEqual({ q: s });
    }
  });
});

describe('entryTemplate', () => {
  const tricky: Array<[string, 'fa' | 'ar' | 'en']> = [
    ['Do you sell spaceships?', 'en'],
    ['Price: is it "final" or \\negotiable\\?', 'en'],
    ["What's #1: 'this' or [that] & *more*? {x: y} | > % @ `", 'en'],
    ['سفارشم کی می‌رسد؟ "فوری": بله', 'fa'],
    ['زمان ارسال: چقدر است؟', 'fa'],
    ['هل يمكنني الدفع نقدًا: عند الاستلام؟', 'ar'],
    ['true', 'en'],
    ['123', 'en'],
    ['null', 'en'],
  ];

  it('builds the file with id, locale, the quoted question, empty tags and a placeholder answer', () => {
    const t = entryTemplate({ example: 'Do you sell spaceships?', locale: 'en' });
    expect(t).toMatchObject({ id: 'do-you-sell-spaceships-en', locale: 'en', folder: 'knowledge-base/en/', fileName: 'do-you-sell-spaceships-en.md' });
    expect(t.text).toBe(
      ['---', 'id: do-you-sell-spaceships-en', 'locale: en', 'questions:', '  - "Do you sell spaceships?"', 'tags: []', '---', 'Write the answer here: 2–5 sentences of markdown.', ''].join('\n'),
    );
    expect(entryTemplate({ example: 'سلام', locale: 'fa' }, ['new-entry-fa-1']).fileName).toBe('new-entry-fa-2.md');
  });

  it.each(tricky)('YAML reads the question back exactly: %s', (example, locale) => {
    const t = entryTemplate({ example, locale });
    const fm = frontMatter(t.text);
    expect(fm).toEqual({ id: t.id, locale, questions: [example], tags: [] });
  });

  it('collapses line breaks and spaces in the question', () => {
    const t = entryTemplate({ example: '  Do you\n  deliver\r\non Fridays?  ', locale: 'en' });
    expect(t.question).toBe('Do you deliver on Fridays?');
    expect(frontMatter(t.text).questions).toEqual(['Do you deliver on Fridays?']);
  });

  it.each(tricky)('the server loader accepts the file as is: %s', (example, locale) => {
    const t = entryTemplate({ example, locale });
    const { entry, issues } = parseEntry(`knowledge-base/${locale}/${t.fileName}`, t.text, locale);
    expect(issues).toEqual([]);
    expect(entry).toMatchObject({ id: t.id, locale, questions: [example], tags: [] });
  });
});

describe('phrasingTemplate', () => {
  it('is one quoted questions: line for the existing entry file, which YAML reads back to the same text', () => {
    const t = phrasingTemplate({ example: '  the box came   "squished"\n', locale: 'en' }, 'damaged-package-en');
    expect(t).toMatchObject({ kind: 'phrasing', id: 'damaged-package-en', fileName: 'damaged-package-en.md', folder: 'knowledge-base/en/' });
    expect(t.text).toBe('  - "the box came \\"squished\\""\n');
    expect(parse(`questions:\n${t.text}`)).toEqual({ questions: ['the box came "squished"'] });
  });
});
