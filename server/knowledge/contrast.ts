// Opposite actions (lexicon/opposites.txt): "how do I delete my account?" shares every word but
// one with "how do I create an account?" and asks the opposite.
import type { Locale } from '../../protocol/index.ts';
import { lexiconLines } from './lexicon-files.ts';
import { analyze } from './normalize.ts';

/** stem → (group, side) per language */
const SIDES: Record<Locale, Map<string, [number, 0 | 1]>> = { en: new Map(), fa: new Map(), ar: new Map() };
lexiconLines('opposites.txt').forEach((line, g) => {
  const [loc, a, b] = line.split('\t');
  if (loc !== 'en' && loc !== 'fa' && loc !== 'ar') return;
  for (const [side, words] of [[0, a], [1, b]] as const) {
    for (const w of (words ?? '').split(/\s+/).filter(Boolean)) for (const t of analyze(w, loc).terms) SIDES[loc].set(t, [g, side]);
  }
});

/** The (group, side) pairs of a list of terms, as "group:side" keys. */
export function actionSides(terms: Iterable<string>, locale: Locale): Set<string> {
  const out = new Set<string>();
  for (const t of terms) {
    const s = SIDES[locale].get(t);
    if (s) out.add(`${s[0]}:${s[1]}`);
  }
  return out;
}

/** Does the query ask for an action whose opposite the entry's questions ask for (and not the action itself)? */
export function contrasts(query: Set<string>, entry: Set<string>): boolean {
  for (const k of query) {
    const [g, side] = k.split(':');
    if (entry.has(`${g}:${side === '0' ? 1 : 0}`) && !entry.has(k)) return true;
  }
  return false;
}
