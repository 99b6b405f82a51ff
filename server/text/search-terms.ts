// Words for full-text search over messages, folded by the knowledge engine's normalizer: Arabic
// and Persian letter variants (ي/ی, ك/ک, ة/ه, hamza forms), ZWNJ, diacritics and digits in any
// script come out the same, so «می‌خواهم» typed as «ميخواهم» or «۱۲۳» as «123» still matches.
// The same folding runs when a message is stored and when an agent searches.
import { rawTokens } from '../knowledge/normalize.ts';

/** The indexed form of a message: its folded words, space-separated. */
export function searchTerms(text: string): string {
  return rawTokens(text).join(' ');
}

/** An agent's query as folded words (at most 10; each matches words that start with it). */
export function queryTerms(query: string): string[] {
  return [...new Set(rawTokens(query))].slice(0, 10);
}
