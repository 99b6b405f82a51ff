// Language inference (Persian and Arabic share a script; English vs Finglish share an alphabet)
// and Finglish → Persian-script conversion.
import type { Locale } from '../../protocol/index.ts';
import { AR_DIALECT, AR_STOP, EN_SLANG, EN_STOP, FA_COLLOQUIAL, FA_STOP, FINGLISH_DIGRAPHS, FINGLISH_LETTERS, EN_KNOWN_WORDS, FINGLISH_CONVERT, FINGLISH_MARKERS, FINGLISH_WIDE, FINGLISH_WORDS } from './lexicon.ts';
import { isArabicScript, rawTokens } from './normalize.ts';

/** What the language guesser may know about the loaded KB (surface words per locale). */
export interface VocabHint {
  has(locale: Locale, word: string): boolean;
  /** Persian KB words with this consonant skeleton (for Finglish), with frequencies. */
  faBySkeleton?(skeleton: string): Map<string, number> | undefined;
}

export interface LanguageGuess {
  locale: Locale;
  /** Text is Persian written in Latin letters. */
  finglish: boolean;
  /** 0..1: how sure we are. */
  confidence: number;
}

// Letters that only occur in one of the two languages, before canonical folding.
const FA_ONLY = /[پچژگ]/;
const AR_ONLY_RAW = /[ةىأإؤئً-ْـ]/; // ta marbuta, alef maqsura, hamza forms, harakat, tatweel

/**
 * Infer the language of a message. `given` is the widget's locale: it wins unless the text is
 * clearly in another language.
 */
export function inferLocale(text: string, given?: Locale, vocab?: VocabHint, available?: Locale[]): LanguageGuess {
  const toks = rawTokens(text);
  let arScript = 0, latin = 0;
  for (const t of toks) {
    if (isArabicScript(t)) arScript++;
    else if (/[a-z]/.test(t)) latin++;
  }
  const avail = (l: Locale) => !available || available.includes(l);
  if (arScript === 0 && latin === 0) return { locale: given ?? 'en', finglish: false, confidence: 0 };

  if (latin > arScript) {
    // English or Finglish?
    let en = 0, fi = 0;
    for (const t of toks) {
      if (isArabicScript(t)) continue;
      if (EN_STOP.has(t) || EN_SLANG[t] !== undefined) en += 1;
      else if (vocab?.has('en', t)) en += 0.7;
      else if (EN_KNOWN_WORDS.has(t) && !FINGLISH_MARKERS.has(t) && FINGLISH_WORDS[t] === undefined) en += 0.5;
      if (FINGLISH_MARKERS.has(t) || FINGLISH_WORDS[t] !== undefined) fi += 1;
      // (the wider list holds Latin forms that are English words too — "pool", "bad" — so it counts less)
      else if (FINGLISH_WIDE[t] !== undefined && !EN_KNOWN_WORDS.has(t) && !vocab?.has('en', t)) fi += 0.5;
      else if (vocab?.faBySkeleton && t.length >= 3 && /[aeiou]/.test(t) && !vocab.has('en', t) && vocab.faBySkeleton(latinSkeleton(t))) fi += 0.3;
    }
    // words like "in", "man", "be" are both; require Finglish to clearly dominate
    const finglish = avail('fa') && fi > en * 1.2 + 0.5;
    if (finglish) return { locale: 'fa', finglish: true, confidence: Math.min(1, (fi - en) / 3) };
    return { locale: given === 'en' || !given ? 'en' : 'en', finglish: false, confidence: Math.min(1, 0.5 + en / 4) };
  }

  // Arabic script: Persian or Arabic?
  let fa = 0, ar = 0;
  if (FA_ONLY.test(text)) fa += 1.5;
  const arRaw = text.match(new RegExp(AR_ONLY_RAW.source, 'g'));
  if (arRaw) ar += Math.min(2, arRaw.length * 0.4);
  for (const t of toks) {
    if (!isArabicScript(t)) continue;
    if (FA_STOP.has(t) || FA_COLLOQUIAL[t] !== undefined) fa += 1;
    if (AR_STOP.has(t) || AR_DIALECT[t] !== undefined) ar += 1;
    if (t.startsWith('ال') && t.length > 3) ar += 0.8;
    if (/^(می|نمی)/.test(t) && t.length > 3) fa += 0.8;
    if (/(ها|های|ام|ایم|اید|اند)$/.test(t) && t.length > 4) fa += 0.3;
    if (vocab) {
      const inFa = vocab.has('fa', t), inAr = vocab.has('ar', t);
      if (inFa && !inAr) fa += 0.6;
      if (inAr && !inFa) ar += 0.6;
    }
  }
  // "letters" variants (Persian typed with ي/ك) make raw-letter evidence unreliable; words dominate.
  let locale: Locale;
  const diff = fa - ar;
  if (given === 'fa' || given === 'ar') {
    // switch away from the widget's language only on clear evidence
    locale = given === 'fa' ? (diff < -2 ? 'ar' : 'fa') : (diff > 2 ? 'fa' : 'ar');
  } else {
    locale = diff >= 0 ? 'fa' : 'ar';
  }
  if (!avail(locale)) {
    const other: Locale = locale === 'fa' ? 'ar' : 'fa';
    if (avail(other)) locale = other;
  }
  return { locale, finglish: false, confidence: Math.min(1, Math.abs(diff) / 3) };
}

// ---------------------------------------------------------------- Finglish

const FA_SKELETON: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ط': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ج': 'j', 'چ': 'c', 'ح': 'h', 'ه': 'h',
  'خ': 'x', 'د': 'd', 'ذ': 'z', 'ز': 'z', 'ض': 'z', 'ظ': 'z', 'ر': 'r', 'ژ': 'Z', 'ش': 'S', 'غ': 'q', 'ق': 'q',
  'ف': 'f', 'ک': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n',
};

/** Consonant skeleton of a (canonical) Persian word: vowels-letters dropped, homophones merged. */
export function persianSkeleton(word: string): string {
  let w = word;
  if (w.endsWith('ه') && w.length > 1) w = w.slice(0, -1);
  let out = '';
  for (const ch of w) {
    const m = FA_SKELETON[ch];
    if (m && !out.endsWith(m)) out += m;
  }
  return out;
}

/** Consonant skeleton of a Latin-letter Persian word, comparable with persianSkeleton. */
export function latinSkeleton(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  w = w.replace(/kh/g, 'x').replace(/sh/g, 'S').replace(/ch/g, 'C').replace(/gh/g, 'q').replace(/zh/g, 'Z');
  if (w.endsWith('h') && w.length > 1) w = w.slice(0, -1);
  w = w.replace(/c/g, 'k').replace(/C/g, 'c');
  let out = '';
  for (const ch of w) {
    if ('aeiouyvw'.includes(ch)) continue;
    const m = ch === 'q' ? 'q' : ch === 'x' ? 'x' : ch;
    if (!out.endsWith(m)) out += m;
  }
  return out;
}

/** Letter-by-letter transliteration of a Latin Persian word (a fallback when the KB has no match). */
export function transliterate(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  let out = '';
  let i = 0;
  while (i < w.length) {
    const rest = w.slice(i);
    const first = i === 0, two = rest.slice(0, 2);
    const last = i === w.length - 1;
    if (first && 'aeiou'.includes(w[0])) {
      out += w[0] === 'i' ? 'ای' : w[0] === 'o' || w[0] === 'u' ? 'او' : 'ا';
      i += rest.startsWith('aa') ? 2 : 1;
      continue;
    }
    const dg = FINGLISH_DIGRAPHS.find(([d]) => d === two);
    if (dg) { out += dg[1]; i += 2; continue; }
    const ch = w[i];
    if (ch === 'a') out += 'ا';
    else if (ch === 'e') out += last ? 'ه' : '';
    else if (ch === 'o') out += last ? 'و' : '';
    else out += FINGLISH_LETTERS[ch] ?? '';
    i++;
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Finglish inflection endings (possessive, plural, ezafe, object marker), longest first. */
const FINGLISH_SUFFIXES = ['haye', 'hash', 'hat', 'ham', 'ha', 'ash', 'esh', 'am', 'et', 'ro', 'o', 'e'];

/** Pick the KB word with this skeleton whose spelling is closest to the letter transliteration. */
function bestBySkeleton(latin: string, vocab?: VocabHint): string | undefined {
  const sk = latinSkeleton(latin);
  if (sk.length < 2 || !vocab?.faBySkeleton) return undefined;
  const cands = vocab.faBySkeleton(sk);
  if (!cands) return undefined;
  const naive = transliterate(latin);
  let best: string | undefined, bestD = Infinity, bestF = 0;
  for (const [w, f] of cands) {
    const d = editDistance(naive, w);
    if (d < bestD || (d === bestD && f > bestF) || (d === bestD && f === bestF && best !== undefined && w < best)) { best = w; bestD = d; bestF = f; }
  }
  return best;
}

/** Convert Finglish text to Persian script, preferring words the KB actually uses. */
export function finglishToPersian(text: string, vocab?: VocabHint): string {
  const out: string[] = [];
  for (const t of rawTokens(text)) {
    if (isArabicScript(t) || /^\d+$/.test(t)) { out.push(t); continue; }
    const known = FINGLISH_WORDS[t] ?? FINGLISH_CONVERT[t];
    if (known) { out.push(known); continue; }
    let hit = bestBySkeleton(t, vocab);
    if (!hit) {
      for (const suf of FINGLISH_SUFFIXES) {
        if (t.length - suf.length >= 3 && t.endsWith(suf)) { hit = bestBySkeleton(t.slice(0, -suf.length), vocab); if (hit) break; }
      }
    }
    out.push(hit ?? transliterate(t));
  }
  return out.join(' ');
}
