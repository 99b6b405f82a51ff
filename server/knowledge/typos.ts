// The typo channel: a query word the knowledge base does not have, read as the KB word(s) it is
// most likely a slip of. In order:
//   1. the dotless skeleton (Arabic script): letters that differ only by dots (المنتح ~ المنتج);
//   2. one slip — two neighbours swapped, a letter dropped, doubled or added, a neighbouring key or
//      another letter — found through a character-trigram pre-filter;
//   3. (Arabic) the same three-letter root (استرجع ~ إرجاع), as weaker evidence;
//   4. fuse.js over the pre-filtered candidates, for looser misspellings.
// A repair that is unambiguous in this KB (one KB word fits) weighs almost like the clean word.
import Fuse from 'fuse.js';
import type { Locale } from '../../protocol/index.ts';
import { likelySlip, rasm, slipKind } from './letters.ts';
import { isArabicScript } from './normalize.ts';

export const TYPOS = {
  /** weight of a repair that is the only reading in this KB: dots only / one likely slip / another single slip */
  dotsOnly: 1.0,
  likelySlip: 0.95,
  otherSlip: 0.85,
  /** weight of each reading when several KB words fit */
  ambiguous: 0.7,
  /** weight of a word of the same Arabic root, and how many such words at most */
  sameRoot: 0.6,
  maxRootExpansions: 4,
  /** fuse.js: score cut-off (0 = exact, 1 = anything), stricter for short words; expansions per word */
  fuzzyMaxScore: 0.34,
  fuzzyMaxScoreShort: 0.2,
  fuzzyShortLength: 4,
  maxExpansions: 2,
  /** words shorter than this are never repaired (too ambiguous) */
  minLength: 3,
  /** a single slip is looked for from this length on; four-letter words only with a likely slip */
  singleSlipMinLength: 4,
  /** fuse.js is tried from this length on (Arabic script: a longer one) */
  fuseMinLength: 4,
  fuseMinLengthArabic: 6,
  /** how many KB words the trigram pre-filter hands on */
  candidates: 24,
} as const;

export function grams(word: string): string[] {
  const w = `#${word}#`;
  if (w.length <= 3) return [w];
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

const AR_ROOT_PREFIXES = ['وال', 'بال', 'فال', 'کال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const AR_ROOT_SUFFIXES = ['تها', 'تهم', 'ات', 'ون', 'ین', 'ان', 'ها', 'هم', 'کم', 'نا', 'نی', 'تم', 'وا', 'ه', 'ی', 'ک', 'ت'];

/**
 * Rough three-letter roots of an Arabic word (canonical letters): clitics and inflection off (with
 * one or two suffixes taken, since a final ی or ت may be a root letter or a suffix), then the
 * derivational pattern: است-، ا-، م-، ت-، the imperfect prefix, the ت of form VIII, long vowels inside.
 */
export function arabicRoots(word: string): string[] {
  let w = word;
  for (const p of AR_ROOT_PREFIXES) if (w.startsWith(p) && w.length - p.length >= 3) { w = w.slice(p.length); break; }
  const stems = [w];
  for (let r = 0; r < 2; r++) {
    const last = stems[stems.length - 1];
    const s = AR_ROOT_SUFFIXES.find((x) => last.endsWith(x) && last.length - x.length >= 3);
    if (!s) break;
    stems.push(last.slice(0, -s.length));
  }
  const out = new Set<string>();
  for (let x of stems) {
    if (x.startsWith('است') && x.length >= 6) x = x.slice(3);
    else if (/^[یتنام]/.test(x) && x.length >= 4) x = x.slice(1);
    if (x.length >= 4 && x[1] === 'ت') x = x[0] + x.slice(2); // form VIII: (ا)شتری → شری
    if (x.length > 3) x = x[0] + x.slice(1, -1).replace(/[اوی]/g, '') + x[x.length - 1];
    // (a weak last root letter is written ا, و or ی: شراء and اشتری share شری)
    if (x.length === 3) out.add(x.replace(/[او]$/, 'ی'));
  }
  return [...out];
}

/** A root one likely slip away (استرجح ~ رجع) is tried when the root itself is not in the KB. */
function rootSlips(root: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < root.length; i++) for (const ch of ARABIC_LETTERS) if (ch !== root[i] && likelySlip(root[i], ch)) out.push(root.slice(0, i) + ch + root.slice(i + 1));
  return out;
}
const ARABIC_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقکلمنهوی';

export class TypoChannel {
  private vocabGrams = new Map<string, number[]>();
  private byRasm = new Map<string, string[]>();
  private byRoot = new Map<string, Set<string>>();
  private cache = new Map<string, Array<[string, number]>>();

  /** `vocab`: the KB's surface words; `termOf`: the index term of each. */
  constructor(private readonly locale: Locale, private readonly vocab: readonly string[], private readonly termOf: ReadonlyMap<string, string>) {
    vocab.forEach((w, i) => {
      for (const g of grams(w)) {
        let l = this.vocabGrams.get(g);
        if (!l) { l = []; this.vocabGrams.set(g, l); }
        l.push(i);
      }
      if (w.length >= TYPOS.minLength && isArabicScript(w)) {
        const r = rasm(w);
        const l = this.byRasm.get(r) ?? [];
        l.push(w);
        this.byRasm.set(r, l);
        for (const root of locale === 'ar' ? arabicRoots(w) : []) {
          const s = this.byRoot.get(root) ?? new Set();
          s.add(termOf.get(w)!);
          this.byRoot.set(root, s);
        }
      }
    });
    for (const [g, l] of this.vocabGrams) this.vocabGrams.set(g, l.slice()); // no spare capacity left from push
  }

  /** Index terms an unknown word is likely a slip of, with weights (empty: no repair). Cached. */
  expand(word: string): Array<[string, number]> {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const result = word.length >= TYPOS.minLength && !/^\d+$/.test(word) ? this.compute(word) : [];
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private weighed(terms: string[], unique: number): Array<[string, number]> {
    const distinct = [...new Set(terms)];
    return distinct.slice(0, TYPOS.maxExpansions).map((t) => [t, distinct.length === 1 ? unique : TYPOS.ambiguous]);
  }

  private compute(word: string): Array<[string, number]> {
    if (isArabicScript(word)) {
      const same = (this.byRasm.get(rasm(word)) ?? []).filter((w) => w !== word);
      if (same.length) return this.weighed(same.map((w) => this.termOf.get(w)!), TYPOS.dotsOnly);
    }
    const pool = this.pool(word);
    if (word.length >= TYPOS.singleSlipMinLength) {
      const slips = pool.map((w) => ({ w, k: slipKind(word, w) })).filter(({ w, k }) => {
        if (!k) return false;
        if (word.length > TYPOS.singleSlipMinLength) return true;
        // (four letters: a changed letter often makes another real word — cars/card — unless only its dots changed)
        return k === 'swap' || k === 'drop' || k === 'double' || (k === 'slip' && rasm(word) === rasm(w)) || (k === 'extra' && w === word.slice(0, -1));
      });
      if (slips.length) {
        const likely = slips.filter(({ k }) => k !== 'other' && k !== 'extra');
        const chosen = likely.length ? likely : slips;
        return this.weighed(chosen.map(({ w }) => this.termOf.get(w)!), likely.length ? TYPOS.likelySlip : TYPOS.otherSlip);
      }
    }
    if (this.locale === 'ar' && isArabicScript(word)) {
      const roots = arabicRoots(word);
      let terms = [...new Set(roots.flatMap((r) => [...(this.byRoot.get(r) ?? [])]))];
      if (!terms.length) terms = [...new Set(roots.flatMap(rootSlips).flatMap((r) => [...(this.byRoot.get(r) ?? [])]))];
      if (terms.length) return terms.slice(0, TYPOS.maxRootExpansions).map((t) => [t, TYPOS.sameRoot]);
    }
    // (looser matches of short words, in Arabic script above all, are mostly other words: ویزای is no ویزیت)
    if (!pool.length || word.length < (isArabicScript(word) ? TYPOS.fuseMinLengthArabic : TYPOS.fuseMinLength)) return [];
    const fuse = new Fuse(pool, { includeScore: true, threshold: TYPOS.fuzzyMaxScore, ignoreLocation: true, minMatchCharLength: 2, isCaseSensitive: true });
    return fuse
      .search(word)
      .filter((r) => (r.score ?? 1) <= (word.length <= TYPOS.fuzzyShortLength ? TYPOS.fuzzyMaxScoreShort : TYPOS.fuzzyMaxScore))
      // penalize length differences fuse ignores (a word matching inside a longer word)
      .map((r): [string, number] => [this.termOf.get(r.item)!, (1 - (r.score ?? 1)) * (1 - 0.15 * Math.abs(r.item.length - word.length))])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .filter(([t], i, arr) => arr.findIndex(([u]) => u === t) === i)
      .slice(0, TYPOS.maxExpansions);
  }

  /** KB words sharing the most character trigrams with the word, of a similar length. */
  private pool(word: string): string[] {
    const counts = new Map<number, number>();
    for (const g of grams(word)) {
      const l = this.vocabGrams.get(g);
      if (!l || l.length > 2000) continue;
      for (const i of l) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return [...counts.entries()]
      // (a short word inside a longer one is no typo of it: رند is not دارند)
      .filter(([i]) => Math.abs(this.vocab[i].length - word.length) <= (word.length <= TYPOS.fuzzyShortLength ? 1 : 2))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, TYPOS.candidates)
      .map(([i]) => this.vocab[i]);
  }
}
