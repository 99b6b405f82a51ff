// Text normalization, tokenization and light stemming for Persian, Arabic and English.
// The same pipeline runs over KB entries and visitor queries, so whatever it conflates,
// it conflates on both sides. Everything here is general linguistic knowledge (letter
// variants, affixes, stop words, colloquial verb forms) — nothing is specific to one KB.
import type { Locale } from '../../protocol/index.ts';
import {
  AR_DIALECT_WIDE,
  AR_STOP,
  EN_SLANG_WIDE,
  EN_STOP,
  FA_COLLOQUIAL_WIDE,
  FA_STOP,
} from './lexicon.ts';
import { AR_PHRASES, EN_PHRASES, FA_PHRASES, SMALL_TALK } from './thesaurus.ts';

// ---------------------------------------------------------------- characters

/** Bidi controls, zero-width characters and other invisible marks pasted from other apps. */
const INVISIBLE = /[\u200B\u200D\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u061C]/g;
/** Zero-width non-joiner (Persian half space). Removed, so "می‌شود" == "میشود". */
const ZWNJ = /\u200C/g;
/** Arabic harakat, Quranic marks, superscript alef, and tatweel. */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

const CHAR_MAP: Record<string, string> = {
  // Arabic-script letter unification (applied to fa and ar alike; ar gets a few more below)
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ې': 'ی', 'ۍ': 'ی', 'ێ': 'ی',
  'ك': 'ک', 'ڪ': 'ک',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ؤ': 'و', 'ۄ': 'و',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ە': 'ه', 'ھ': 'ه',
  'ء': '',
  // digits
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9',
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  // punctuation
  '،': ' ', '؛': ' ', '؟': ' ', '«': ' ', '»': ' ', '٪': '%', '٫': '.', '٬': ',', '…': ' ',
};
const CHAR_RE = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');

/**
 * Character-level canonical form: NFKC, invisible marks, diacritics/tatweel, ZWNJ, letter
 * variants (ي/ی, ك/ک, ة/ه, hamza forms), digits in any script → ASCII, lower case.
 * Persian and Arabic share the folding so a query typed with the "other" letters matches.
 */
export const canonicalChars = memo(canonicalCharsOf);

function canonicalCharsOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(ZWNJ, '')
    .replace(DIACRITICS, '')
    .replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c)
    .toLowerCase();
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/**
 * A pure text function, remembered for short texts: one question goes through the same steps
 * several times (language inference, each locale's analysis, the person-request reader), and
 * words repeat across questions. Bounded; longer texts (KB answers) are not kept.
 */
function memo<T>(f: (text: string) => T, max = 4096, longest = 300): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (text.length > longest) return f(text);
    let v = seen.get(text);
    if (v === undefined) {
      if (seen.size >= max) seen.clear();
      seen.set(text, (v = f(text)));
    }
    return v;
  };
}

/** Canonical characters, then split into word tokens (punctuation and apostrophes drop out). */
/** Split a message into sentences; `question` marks the ones that end with a question mark. */
export function sentences(text: string): Array<{ text: string; question: boolean }> {
  const out: Array<{ text: string; question: boolean }> = [];
  const re = /[^.!?؟\n;؛]+[.!?؟\n;؛]*/g;
  for (const m of text.matchAll(re)) {
    const t = m[0].trim();
    if (!t) continue;
    out.push({ text: t, question: /[?؟]/.test(t) });
  }
  return out;
}

export function rawTokens(text: string): string[] {
  const canon = canonicalChars(text).replace(/['’‘`]/g, '');
  return canon.match(TOKEN_RE) ?? [];
}

export function isArabicScript(tok: string): boolean {
  return /[\u0600-\u06FF]/.test(tok);
}

// ---------------------------------------------------------------- Persian

const FA_PREFIX_JOIN = new Set(['می', 'نمی']);
const FA_SUFFIX_JOIN = new Set(['ها', 'های', 'هایی', 'هایم', 'هایت', 'هایش', 'هایمان', 'هایتان', 'هایشان', 'ای', 'ام', 'اش', 'ات', 'تر', 'ترین', 'مان', 'تان', 'شان']);

/** Rejoin Persian affixes typed as separate words ("می شود" → "میشود", "کتاب ها" → "کتابها"). */
function joinFaAffixes(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (FA_PREFIX_JOIN.has(t) && i + 1 < tokens.length && isArabicScript(tokens[i + 1])) {
      out.push(t + tokens[++i]);
    } else if (FA_SUFFIX_JOIN.has(t) && out.length > 0 && isArabicScript(out[out.length - 1]) && out[out.length - 1].length >= 2) {
      out[out.length - 1] += t;
    } else out.push(t);
  }
  return out;
}

const FA_PLURAL_POSS = ['هایشان', 'هایمان', 'هایتان', 'هایی', 'هایم', 'هایت', 'هایش', 'های', 'ها', 'ترین', 'شان', 'مان', 'تان'];
const FA_VERB_ENDINGS = ['یم', 'ید', 'ند', 'ن', 'م', 'ی', 'د', 'ه'];

/** Whole Persian words that end like a possessive suffix (زمان is not زم + مان, تومان is not تو + مان). */
const FA_WHOLE_WORDS = new Set(
  'زمان سازمان ساختمان تومان درمان مهمان پیمان فرمان آسمان ایمان گمان زایمان سیمان قهرمان رمان چیدمان سامان آرمان دودمان'
    .split(' ').map((x) => canonicalChars(x)),
);

/**
 * Light Persian stemmer: verb prefixes می/نمی/برمی + person endings, plural/possessive suffixes.
 * A word ending in ـمان or ـت is not cut down to a stop word (سلامت is not سلام + ت).
 */
export function stemFa(word: string): string {
  if (!isArabicScript(word) || FA_WHOLE_WORDS.has(word)) return word;
  const s = stemFaRaw(word);
  // (only for the possessive endings ـمان / ـت that whole words share; کرده‌ام → کرد is right)
  return s !== word && /(مان|ت)$/.test(word) && FA_STOP.has(s) && !FA_STOP.has(word) ? word : s;
}

function stemFaRaw(word: string): string {
  let w = word;
  let verb = false;
  if (w.startsWith('برمی') && w.length >= 6) { w = w.slice(4); verb = true; }
  else if (w.startsWith('نمی') && w.length >= 5) { w = w.slice(3); verb = true; }
  else if (w.startsWith('می') && w.length >= 4) { w = w.slice(2); verb = true; }
  // subjunctive / imperative ب and negative ن on present verbs: بفرستید ~ می‌فرستید, نکنید ~ می‌کنید
  // (not on a noun/adjective with a possessive after a vowel, ZWNJ dropped: بانکی‌ام, ناراضی‌ام)
  // (not before ا: present stems do not start with it after ب — بانکم is بانک + م)
  if (!verb && w.length >= 5 && /^[بن]/.test(w) && !/^(بی|نی|با|نا)/.test(w) && !/[یه](ام|ات|اش)$/.test(w)) {
    const m = /(یم|ید|ند|م|د)$/.exec(w);
    if (m && w.length - 1 - m[1].length >= 2) return w.slice(1, -m[1].length);
  }
  if (verb) {
    for (const e of FA_VERB_ENDINGS) {
      if (w.endsWith(e) && w.length - e.length >= 2) { w = w.slice(0, -e.length); break; }
    }
    return w;
  }
  // colloquial object marker glued to a possessive: سفارشمو → سفارشم
  if (w.length >= 6 && /[متش]و$/.test(w)) w = w.slice(0, -1);
  for (const s of FA_PLURAL_POSS) {
    if (w.endsWith(s) && w.length - s.length >= 2) { w = w.slice(0, -s.length); break; }
  }
  // possessive after a vowel (ZWNJ dropped): ناراضی‌ام → ناراضیام, خانه‌ات → خانهات
  if (w.length >= 5 && /[یه](ام|ات|اش|ایم|اید|اند)$/.test(w)) w = w.replace(/(ام|ات|اش|ایم|اید|اند)$/, '');
  // comparative: ارزان‌تر → ارزان
  else if (w.length >= 5 && w.endsWith('تر')) w = w.slice(0, -2);
  // single-letter possessive / indefinite suffixes, only on longer words
  if (w.length >= 5 && /[متش]$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 5 && w.endsWith('ی')) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------- Arabic

const AR_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'کال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['هما', 'کما', 'تها', 'تهم', 'تنا', 'تکم', 'ات', 'ون', 'ین', 'ان', 'ها', 'هم', 'هن', 'کم', 'کن', 'نا', 'نی', 'تم', 'وا', 'ه', 'ی', 'ک', 'ت'];

/** Light Arabic stemmer (Light10-style): article/conjunction/preposition prefixes, pronoun and plural suffixes. */
export function stemAr(word: string, keepLetterPrefix = false): string {
  let w = word;
  if (!isArabicScript(w)) return w;
  for (const p of AR_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) { w = w.slice(p.length); break; }
  }
  // (a first و / ف / ب / ل is a conjunction or preposition as often as a root letter: وصلت — keepLetterPrefix tries the other reading)
  if (!keepLetterPrefix && w === word && w.length >= 5 && /^[وفبل]/.test(w)) w = w.slice(1);
  // dialect progressive prefix on present verbs: بيوصل / بتوصل
  if (w.length >= 5 && /^ب[یتن]/.test(w)) w = w.slice(1);
  let stripped = false;
  for (let round = 0; round < 2; round++) {
    for (const s of AR_SUFFIXES) {
      if (w.endsWith(s) && w.length - s.length >= 3) { w = w.slice(0, -s.length); stripped = true; break; }
    }
  }
  // ta marbuta before a suffix: بطاقتي → بطاقت → بطاق (= بطاقة → بطاقه → بطاق)
  if (stripped && w.length >= 4 && w.endsWith('ت')) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------- English

const EN_VOWEL = /[aeiouy]/;
/** Light English stemmer (Porter step 1 plus common derivational suffixes). */
export function stemEn(word: string): string {
  let w = word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  let stripped = false;
  if (w.endsWith('eed')) { if (w.length > 4) w = w.slice(0, -1); }
  else if (w.endsWith('ing') && EN_VOWEL.test(w.slice(0, -3)) && w.length > 5) { w = w.slice(0, -3); stripped = true; }
  else if (w.endsWith('ed') && EN_VOWEL.test(w.slice(0, -2)) && w.length > 4) { w = w.slice(0, -2); stripped = true; }
  if (stripped) {
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
  }
  const rules: Array<[string, string]> = [
    ['ational', 'ate'], ['ization', 'ize'], ['fulness', 'ful'], ['iveness', 'ive'], ['ousness', 'ous'],
    ['tional', 'tion'], ['ation', 'ate'], ['ement', ''], ['ment', ''], ['ness', ''], ['ably', 'able'],
    ['ally', 'al'], ['ly', ''], ['ity', ''], ['ful', ''], ['able', ''], ['ible', ''],
  ];
  for (const [suf, rep] of rules) {
    if (w.endsWith(suf) && w.length - suf.length >= 4) { w = w.slice(0, -suf.length) + rep; break; }
  }
  // final e / y: "deliver", "delivery", "delivered" → "deliver"; "price", "prices", "priced" → "pric"
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && (w.endsWith('y') || w.endsWith('i'))) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('er')) w = w.slice(0, -2);
  return w;
}

// ---------------------------------------------------------------- pipeline

export interface Analyzed {
  /** Normalized surface tokens (after colloquial mapping, before stemming), stop words removed. */
  words: string[];
  /** Stemmed index terms, aligned with `words`. */
  terms: string[];
  /** All standard tokens, stop words included (see `standardTokens`). */
  tokens: string[];
}

function mapTokens(tokens: string[], table: Record<string, string>): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const m = table[t];
    if (m === undefined) out.push(t);
    else if (m !== '') out.push(...m.split(' '));
  }
  return out;
}

/**
 * A dialect word behind a conjunction or the article (ومابتشتغل, الاوردر) is looked up without it:
 * the conjunction carries no content; the article is kept on a one-word standard form.
 */
function arDialectWithPrefix(t: string): string {
  if (AR_DIALECT_WIDE[t] !== undefined || t.length < 4) return t;
  if (/^[وف]/.test(t)) {
    const m = AR_DIALECT_WIDE[t.slice(1)];
    if (m !== undefined) return m || t.slice(1);
  }
  if (t.startsWith('ال')) {
    const m = AR_DIALECT_WIDE[t.slice(2)];
    if (m) return m.includes(' ') || m.startsWith('ال') ? m : 'ال' + m;
  }
  return t;
}

/** Canonical tokens of a text with small talk removed and informal forms mapped to standard ones (stop words kept). */
export function standardTokens(text: string, locale: Locale): string[] {
  return standardTokensIn[locale](text).slice();
}
const standardTokensIn: Record<Locale, (text: string) => readonly string[]> = {
  fa: memo((t) => standardTokensOf(t, 'fa')),
  ar: memo((t) => standardTokensOf(t, 'ar')),
  en: memo((t) => standardTokensOf(t, 'en')),
};

function standardTokensOf(text: string, locale: Locale): string[] {
  let canon = ' ' + canonicalChars(text).replace(/['’‘`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ') + ' ';
  for (const re of SMALL_TALK[locale]) canon = canon.replace(re, ' ');
  for (const [re, rep] of locale === 'en' ? EN_PHRASES : locale === 'fa' ? FA_PHRASES : AR_PHRASES) canon = canon.replace(re, rep);
  const toks: string[] = canon.match(TOKEN_RE) ?? [];
  if (locale === 'fa') return mapTokens(joinFaAffixes(mapTokens(toks, FA_COLLOQUIAL_WIDE)), FA_COLLOQUIAL_WIDE);
  if (locale === 'ar') return mapTokens(toks.flatMap((t) => arDialectWithPrefix(t).split(' ')), AR_DIALECT_WIDE);
  return mapTokens(toks, EN_SLANG_WIDE);
}

/** Two-letter Arabic particles that و / ف are often written onto (ولا، فهل، وما…), in canonical letters. */
const AR_GLUED_PARTICLES = new Set(['لا', 'لم', 'لن', 'ما', 'من', 'هل', 'قد', 'ان', 'عن', 'لو', 'ثم', 'کم', 'ذا', 'هو', 'هی', 'انا']);

/** Full analysis of a text in a given language: canonical tokens → colloquial → stop words → stems. */
export function analyze(text: string, locale: Locale): Analyzed {
  const toks = standardTokens(text, locale);
  let stop: Set<string>;
  let stem: (w: string) => string;
  if (locale === 'fa') { stop = FA_STOP; stem = stemFa; }
  else if (locale === 'ar') { stop = AR_STOP; stem = stemAr; }
  else { stop = EN_STOP; stem = stemEn; }
  const words: string[] = [];
  const terms: string[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (stop.has(t)) continue;
    // "چه کار (کنم)" is "what (should I) do": no topic in it
    if (locale === 'fa' && t === 'کار' && toks[k - 1] === 'چه') continue;
    // Arabic conjunction / preposition glued to a stop word: ولم, فهل, وهل, بعد → stop
    // (three letters: only before the short particles, so فاي in "واي فاي" stays: فـ + اي is rare)
    if (locale === 'ar' && /^[وف]/.test(t) && (t.length >= 4 ? stop.has(t.slice(1)) : t.length === 3 && AR_GLUED_PARTICLES.has(t.slice(1)))) continue;
    if (t.length === 1 && !/\d/.test(t)) continue;
    const s = locale === 'en' && isArabicScript(t) ? t : stem(t);
    if (stop.has(s)) continue;
    words.push(t);
    terms.push(s);
  }
  return { words, terms, tokens: toks };
}

/**
 * A canonical key for grouping similar unanswered questions: normalized, stop words removed,
 * stemmed, de-duplicated and sorted, so word order, spelling variants and affixes don't split groups.
 */
export function normalizeForGrouping(text: string, locale?: Locale): string {
  const loc = locale ?? guessScriptLocale(text);
  const { terms } = analyze(text, loc);
  return [...new Set(terms)].sort().join(' ');
}

/** Cheap locale guess from script and stop words only (no KB needed). */
export function guessScriptLocale(text: string): Locale {
  const toks = rawTokens(text);
  let arabicScript = 0, latin = 0, fa = 0, ar = 0;
  for (const t of toks) {
    if (isArabicScript(t)) {
      arabicScript++;
      if (/[پچژگ]/.test(t) || FA_STOP.has(t)) fa++;
      if (t.startsWith('ال') || AR_STOP.has(t)) ar++;
    } else if (/[a-z]/.test(t)) latin++;
  }
  if (arabicScript === 0 && latin > 0) return 'en';
  if (arabicScript === 0) return 'en';
  return ar > fa ? 'ar' : 'fa';
}
