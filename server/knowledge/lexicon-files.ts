// General-language word lists kept as plain text beside the code (`lexicon/*.txt`), so that a
// linguist can extend them without touching TypeScript. One entry per line; `#` starts a comment.
//   synonyms-<locale>.txt   near-synonym groups: words separated by spaces
//   colloquial-fa.txt, dialect-ar.txt, slang-en.txt   informal token(s) → standard form, TAB-separated
//                                                      (the informal side may list variants with `|`)
import { existsSync, readFileSync } from 'node:fs';

const DIR = new URL('./lexicon/', import.meta.url);

/** The non-empty, non-comment lines of a lexicon file ([] when the file is missing). */
export function lexiconLines(name: string): string[] {
  const url = new URL(name, DIR);
  if (!existsSync(url)) return [];
  return readFileSync(url, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** A mapping file as `{ 'variant|variant': 'standard' }`; lines without a TAB are skipped. */
export function lexiconPairs(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lexiconLines(name)) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const from = line.slice(0, tab).trim();
    const to = line.slice(tab + 1).trim();
    if (from && to) out[from] = to;
  }
  return out;
}

/** A file of TAB-separated columns per line (`countries.txt`: English, Persian, Arabic). */
export function lexiconColumns(name: string): string[][] {
  return lexiconLines(name).map((l) => l.split('\t').map((c) => c.trim()));
}
