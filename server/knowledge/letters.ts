// How people mistype: letters that differ only by their dots (the rasm, the dotless skeleton of
// Arabic script), neighbouring keys on the standard Persian, Arabic and English keyboards, doubled
// and dropped letters. All on canonical letters (see canonicalChars: ي→ی, ك→ک, ة→ه …).

/** Letter groups that share one dotless shape inside a word (initial / medial forms). */
const RASM_GROUPS = ['بتثنیپ', 'جحخچ', 'دذ', 'رزژ', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'کگ'];
/** At the end of a word ن and ی have shapes of their own (ں ى), and ق is round (ٯ) unlike ف (ڡ). */
const RASM_FINAL_GROUPS = ['بتثپ', 'جحخچ', 'دذ', 'رزژ', 'سش', 'صض', 'طظ', 'عغ', 'کگ'];

function groupMap(groups: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const ch of g) m.set(ch, g[0]);
  return m;
}
const RASM = groupMap(RASM_GROUPS), RASM_FINAL = groupMap(RASM_FINAL_GROUPS);

/** The dotless skeleton of a (canonical) Arabic-script word: letters that differ only by dots fall together. */
export function rasm(word: string): string {
  let out = '';
  const last = word.length - 1;
  for (let i = 0; i <= last; i++) {
    const ch = word[i];
    out += (i === last ? RASM_FINAL : RASM).get(ch) ?? ch;
  }
  return out;
}

/** Do two letters differ only by their dots (in a non-final position)? */
export function sameRasm(a: string, b: string): boolean {
  return a === b || (RASM.has(a) && RASM.get(a) === RASM.get(b));
}

// Keyboards as rows of the keys from the Q row down (canonical letters; '.' for keys without a letter).
const LAYOUTS: string[][] = [
  ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  // Persian standard (ISIRI 9147)
  ['ضصثقفغعهخحجچ', 'شسیبلاتنمکگ', 'ظطزرذدپو'],
  // Arabic (101); ة ى ئ fold into ه ی ی
  ['ضصثقفغعهخحجد', 'شسیبلاتنمکط', 'یءورلیهوزظ'],
];
const ROW_OFFSET = [0, 0.25, 0.75];

const NEIGHBOURS = new Map<string, Set<string>>();
for (const rows of LAYOUTS) {
  const pos: Array<[string, number, number]> = [];
  rows.forEach((row, r) => [...row].forEach((ch, c) => { if (ch !== '.') pos.push([ch, r, c + ROW_OFFSET[r]]); }));
  for (const [a, ra, xa] of pos) {
    for (const [b, rb, xb] of pos) {
      if (a === b || Math.abs(ra - rb) > 1 || Math.abs(xa - xb) > 1) continue;
      let s = NEIGHBOURS.get(a);
      if (!s) { s = new Set(); NEIGHBOURS.set(a, s); }
      s.add(b);
    }
  }
}

/** Are two letters neighbouring keys on the English, Persian or Arabic keyboard? */
export function neighbourKeys(a: string, b: string): boolean {
  return NEIGHBOURS.get(a)?.has(b) ?? false;
}

/** Letters commonly swapped for each other by sound in Arabic script. */
const SOUND_PAIRS = ['ضظ', 'ضد', 'ظذ', 'ظز', 'ذز', 'ذد', 'سص', 'سث', 'صث', 'تط', 'هح', 'حع', 'اع', 'اه', 'قغ', 'قک', 'طت'];
const SOUND = new Set(SOUND_PAIRS.flatMap(([a, b]) => [a + b, b + a]));

/** A plausible slip of one letter for another: same dotless shape, neighbouring key, or same sound. */
export function likelySlip(a: string, b: string): boolean {
  return sameRasm(a, b) || neighbourKeys(a, b) || SOUND.has(a + b);
}

/**
 * The kind of single slip that turns `typed` into `word`, or null: 'swap' (two neighbours
 * exchanged), 'drop' / 'extra' (a letter missing / added; 'double' when the added letter repeats its
 * neighbour), 'slip' (a likely substitution, see likelySlip) or 'other' (any other substitution).
 */
export function slipKind(typed: string, word: string): 'swap' | 'drop' | 'extra' | 'double' | 'slip' | 'other' | null {
  if (typed === word) return null;
  const lt = typed.length, lw = word.length;
  if (Math.abs(lt - lw) > 1) return null;
  let i = 0;
  while (i < lt && i < lw && typed[i] === word[i]) i++;
  if (lt === lw) {
    if (typed.slice(i + 1) === word.slice(i + 1)) return likelySlip(typed[i], word[i]) ? 'slip' : 'other';
    if (i + 1 < lt && typed[i] === word[i + 1] && typed[i + 1] === word[i] && typed.slice(i + 2) === word.slice(i + 2)) return 'swap';
    return null;
  }
  if (lt < lw) return typed.slice(i) === word.slice(i + 1) ? 'drop' : null;
  if (typed.slice(i + 1) !== word.slice(i)) return null;
  return typed[i] === typed[i - 1] || typed[i] === typed[i + 1] ? 'double' : 'extra';
}
