// Detecting "I want to talk to a person" in fa / ar / en, and finding the KB's own
// talk-to-a-person entry (by what its questions say, never by id).
import type { Locale } from '../../protocol/index.ts';
import { AR_DIALECT, BOT_WORDS, FA_COLLOQUIAL, foldLexicon, HUMAN_NOUNS, HUMAN_REAL, HUMAN_VERBS, NEGATIONS } from './lexicon.ts';
import { rawTokens, sentences } from './normalize.ts';

const WEAK_NOUNS: Record<Locale, Set<string>> = {
  en: new Set(['someone', 'somebody', 'people', 'live', 'real', 'persons']),
  fa: new Set(['فرد', 'همکار', 'مسئول']),
  ar: new Set(['احد', 'حد', 'عامل', 'مسوول', 'المسوول']),
};
const WEAK_VERBS: Record<Locale, string[]> = {
  en: ['want', 'need', 'get me'],
  fa: ['میخواهم', 'میخوام'].map(foldLexicon),
  ar: ['اريد', 'بدي', 'عايز', 'ابغی'].map(foldLexicon),
};
const VERBS: Record<Locale, string[]> = {
  en: HUMAN_VERBS.en,
  fa: HUMAN_VERBS.fa.map(foldLexicon),
  ar: HUMAN_VERBS.ar.map(foldLexicon),
};

const NOUN_TAILS: Record<Locale, string[]> = {
  en: ['s', 'es'],
  fa: ['ها', 'های', 'ان', 'تون', 'تان', 'مون', 'مان', 'ای'],
  ar: ['ين', 'ون', 'ا', 'كم', 'کم', 'ه'],
};

function stripPrefix(t: string, locale: Locale): string[] {
  const out = [t];
  if (locale === 'ar') {
    for (const p of ['وال', 'بال', 'لل', 'ال', 'و', 'ل', 'ب']) if (t.startsWith(p) && t.length - p.length >= 3) out.push(t.slice(p.length));
  }
  return out;
}

function nounKind(t: string, locale: Locale): 'strong' | 'weak' | null {
  const nouns = HUMAN_NOUNS[locale];
  for (const c of stripPrefix(t, locale)) {
    const cands = [c];
    // allow inflectional tails (plural / possessive): کارشناستون, اپراتورها, موظفين, agents —
    // but not adjective endings (شخصي "personal" is not شخص "person")
    for (const tail of NOUN_TAILS[locale]) if (c.endsWith(tail) && c.length - tail.length >= 3) cands.push(c.slice(0, -tail.length));
    for (const x of cands) {
      if (nouns.has(x) || WEAK_NOUNS[locale].has(x)) {
        if (locale === 'fa' && x === 'پشتیبان' && c !== x && !c.startsWith('پشتیبانی')) continue;
        return WEAK_NOUNS[locale].has(x) ? 'weak' : 'strong';
      }
    }
  }
  return null;
}

const SPEAKER_VERBS = new Set(['want', 'wants', 'need', 'needs']);
const SPEAKER_SUBJECT = / (?:i|we|i d|id|i would|we d|just|really|pls|please|plz) (?:really |just |do |would )?(?:want|need) |^ (?:want|need) /;

export interface HumanSignal {
  human: boolean;
  /** strength 0..1 (1 = explicit) */
  strength: number;
}

/**
 * Does this message ask for a human (operator / agent / real person) rather than an FAQ answer?
 * In a message of several sentences the request has to be made within one of them ("my router
 * says it is connected. … before I call someone?" asks for no one).
 */
export function detectHumanRequest(text: string, locale: Locale): HumanSignal {
  const parts = sentences(text);
  if (parts.length <= 1) return detectInSentence(text, locale);
  let best: HumanSignal = { human: false, strength: 0 };
  for (const p of parts) {
    const h = detectInSentence(p.text, locale);
    if (h.strength > best.strength) best = h;
  }
  return best;
}

function detectInSentence(text: string, locale: Locale): HumanSignal {
  let toks = rawTokens(text);
  const table = locale === 'fa' ? FA_COLLOQUIAL : locale === 'ar' ? AR_DIALECT : null;
  if (table) toks = toks.flatMap((t) => (table[t] ? table[t].split(' ') : [t]));
  const joined = ' ' + toks.join(' ') + ' ';
  let strongNoun = false, weakNoun = false, strongVerb = false, weakVerb = false, bot = false, neg = false, real = false;
  for (const t of toks) {
    const k = nounKind(t, locale);
    if (k === 'strong') strongNoun = true;
    else if (k === 'weak') weakNoun = true;
    // (English want/need ask for something only with the speaker as subject: "what does the receptionist need" does not)
    const speakerOnly = locale === 'en' && SPEAKER_VERBS.has(t) && !SPEAKER_SUBJECT.test(joined);
    if (!speakerOnly && VERBS[locale].some((v) => v.length >= 3 && t.includes(v))) strongVerb = true;
    if (!speakerOnly && WEAK_VERBS[locale].includes(t)) weakVerb = true;
    if (BOT_WORDS[locale].has(t) || stripPrefix(t, locale).some((x) => BOT_WORDS[locale].has(x))) bot = true;
    if (NEGATIONS[locale].has(t) || (locale === 'fa' && t.startsWith('نمی')) || (locale === 'en' && /nt$/.test(t))) neg = true;
    if (HUMAN_REAL[locale].has(t)) real = true;
  }
  if (locale === 'en') {
    for (const v of VERBS.en) if (v.includes(' ') && joined.includes(' ' + v + ' ')) strongVerb = true;
    for (const v of WEAK_VERBS.en) if (v.includes(' ') && joined.includes(' ' + v + ' ')) weakVerb = true;
  }
  const content = toks.length;
  if (strongNoun && (strongVerb || real)) return { human: true, strength: 1 };
  if (strongNoun && weakVerb) return { human: true, strength: 0.8 };
  if (weakNoun && real) return { human: true, strength: 0.8 };
  if (weakNoun && strongVerb && locale === 'en' && /\b(someone|somebody|a real|live)\b/.test(joined)) return { human: true, strength: 0.7 };
  if (bot && neg && (strongNoun || weakNoun || strongVerb || real)) return { human: true, strength: 0.9 };
  if (strongNoun && content <= 2) return { human: true, strength: 0.7 };
  return { human: false, strength: 0 };
}

/** Index of the entry whose questions are requests for a person, or -1. */
export function findHumanEntry(entries: Array<{ questions: string[]; locale: Locale }>): number {
  let best = -1, bestScore = 0;
  entries.forEach((e, i) => {
    let hits = 0;
    for (const q of e.questions) if (detectHumanRequest(q, e.locale).human) hits++;
    const score = hits + hits / e.questions.length;
    if (hits > 0 && score > bestScore) { best = i; bestScore = score; }
  });
  return best;
}
