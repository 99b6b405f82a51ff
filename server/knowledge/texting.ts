// Texting forms and slips of function words and country names ("whn", "mcuh", "teh", "germny", "اللذي") read as the word
// meant, before analysis, so that "how mcuh" still asks for a price and "whn" for a time. Only words
// the knowledge base and the general word lists do not know are touched, and only when one
// function word fits.
import type { Locale } from '../../protocol/index.ts';
import { slipKind } from './letters.ts';
import { AR_STOP, EN_KNOWN_WORDS, EN_STOP, FA_STOP } from './lexicon.ts';
import { lexiconColumns } from './lexicon-files.ts';
import { canonicalChars, isArabicScript } from './normalize.ts';

/** Question words carry the kind of answer asked for; they are not all stop words. */
const EN_FUNCTION = [...new Set([...EN_STOP, 'when', 'where', 'how', 'why', 'much', 'many', 'long', 'what', 'which', 'who', 'whose'])].filter((w) => w.length >= 3);
/** Country names are a closed list too: "germny" is Germany. */
const EN_COUNTRIES = lexiconColumns('countries.txt').flatMap((c) => (c[0] ?? '').split('|')).filter((w) => w.length >= 4);
const FUNCTION: Record<Locale, string[]> = {
  en: [...EN_FUNCTION, ...EN_COUNTRIES],
  fa: [...FA_STOP].filter((w) => w.length >= 3),
  ar: [...AR_STOP].filter((w) => w.length >= 3),
};

/** The function word an unknown word is a slip of, if exactly one fits. */
export function functionWordSlip(word: string, locale: Locale): string | null {
  const arabic = isArabicScript(word);
  if (word.length < 3 || /\d/.test(word) || (locale === 'en') === arabic) return null;
  let found: string | null = null;
  for (const f of FUNCTION[locale]) {
    if (Math.abs(f.length - word.length) > 1) continue;
    const k = slipKind(word, f);
    // English texting drops vowels and swaps letters; in Arabic script only a doubled letter is safe
    // (a changed or missing letter often makes another real word there)
    const ok = arabic ? k === 'double' && word.length >= 4 : k === 'drop' || k === 'swap' || k === 'double' || (k === 'slip' && word.length >= 4);
    if (!ok) continue;
    if (found && found !== f) return null;
    found = f;
  }
  return found;
}

/** The text with mistyped function words replaced; `known` says which words to leave alone. */
export function repairTexting(text: string, locale: Locale, known: (word: string) => boolean): string {
  return text.replace(/[\p{L}\p{N}'’]+/gu, (raw) => {
    const w = canonicalChars(raw).replace(/['’]/g, '');
    if (known(w) || EN_KNOWN_WORDS.has(w) || FA_STOP.has(w) || AR_STOP.has(w)) return raw;
    return functionWordSlip(w, locale) ?? raw;
  });
}
