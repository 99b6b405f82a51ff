// A starting point for a new knowledge-base entry, built from a question the bot could not
// answer: the markdown file an editor saves as `knowledge-base/<locale>/<id>.md`. Pure functions
// (no DOM), unit-tested in test/unit/console-kb-template.test.ts.
import type { Locale } from '../../../protocol/index.ts';

export interface EntryTemplate {
  /** `entry`: a whole new file; `phrasing`: one more line for the `questions:` of an existing entry */
  kind: 'entry' | 'phrasing';
  id: string;
  locale: Locale;
  /** The question as it appears in `questions:` (trimmed, whitespace collapsed). */
  question: string;
  /** Where to save it, relative to the project: `knowledge-base/<locale>/`. */
  folder: string;
  /** `<id>.md` */
  fileName: string;
  /** The whole file: YAML front matter and a placeholder answer. */
  text: string;
}

/** The answer line to replace, in the entry's own language. */
export const ANSWER_PLACEHOLDER: Record<Locale, string> = {
  en: 'Write the answer here: 2–5 sentences of markdown.',
  fa: 'پاسخ را اینجا بنویسید: ۲ تا ۵ جمله.',
  ar: 'اكتب الإجابة هنا: من جملتين إلى خمس جمل.',
};

const MAX_WORDS = 6;
const MAX_SLUG = 48;

/** A YAML double-quoted scalar: `\` and `"` escaped, and control/line-separator characters as escapes. */
export function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Latin words of a text as a slug ("Do you ship to Canada?" → "do-you-ship-to-canada"), or '' when it has no Latin letters. */
export function latinSlug(text: string): string {
  const words =
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  if (!words.some((w) => /[a-z]/.test(w))) return '';
  let slug = '';
  for (const w of words.slice(0, MAX_WORDS)) {
    const next = slug ? slug + '-' + w : w;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, MAX_SLUG);
}

/**
 * An id for a new entry: the Latin words of the example, or `new-entry-<locale>-<n>` when it has
 * none; always ending in `-<locale>` and never one of `taken`.
 */
export function suggestEntryId(example: string, locale: Locale, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const slug = latinSlug(example);
  if (slug) {
    const first = `${slug}-${locale}`;
    if (!used.has(first)) return first;
    for (let n = 2; ; n++) if (!used.has(`${slug}-${n}-${locale}`)) return `${slug}-${n}-${locale}`;
  }
  for (let n = 1; ; n++) if (!used.has(`new-entry-${locale}-${n}`)) return `new-entry-${locale}-${n}`;
}

/** The markdown file for a new entry answering `example` (a visitor's question). */
export function entryTemplate(gap: { example: string; locale: Locale }, taken: Iterable<string> = []): EntryTemplate {
  const question = gap.example.replace(/\s+/g, ' ').trim();
  const id = suggestEntryId(question, gap.locale, taken);
  const text = [
    '---',
    `id: ${id}`,
    `locale: ${gap.locale}`,
    'questions:',
    `  - ${yamlQuote(question)}`,
    'tags: []',
    '---',
    ANSWER_PLACEHOLDER[gap.locale],
    '',
  ].join('\n');
  return { kind: 'entry', id, locale: gap.locale, question, folder: `knowledge-base/${gap.locale}/`, fileName: `${id}.md`, text };
}

/** One more `questions:` line for the existing entry `entryId`: the visitor's wording of its question. */
export function phrasingTemplate(gap: { example: string; locale: Locale }, entryId: string): EntryTemplate {
  const question = gap.example.replace(/\s+/g, ' ').trim();
  return { kind: 'phrasing', id: entryId, locale: gap.locale, question, folder: `knowledge-base/${gap.locale}/`, fileName: `${entryId}.md`, text: `  - ${yamlQuote(question)}\n` };
}
