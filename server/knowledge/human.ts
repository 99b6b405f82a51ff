// Detecting "I want to talk to a person" in fa / ar / en (and Finglish / Arabizi), and finding the
// KB's own talk-to-a-person entry (by what its questions say, never by id).
//
// A message is read clause by clause for the roles of its words (see human-lexicon.ts): a person
// or team together with talking / connecting / replying, a person asked for, someone available
// now, a rejection of the bot. A clause that declines ("no need for an agent"), reports a past
// contact ("I talked to an agent yesterday"), is about hiring, or is about a third party
// ("someone else") asks for no one.
import type { Locale } from '../../protocol/index.ts';
import { HUMAN_PHRASES, HUMAN_WORDS, type HumanRole } from './human-lexicon.ts';
import { AR_DIALECT, AR_STOP, EN_KNOWN_WORDS, FA_COLLOQUIAL, FA_STOP } from './lexicon.ts';
import { canonicalChars, isArabicScript } from './normalize.ts';
import { slipKind } from './letters.ts';

export interface HumanSignal {
  human: boolean;
  /** strength 0..1 (1 = explicit) */
  strength: number;
}

const NONE: HumanSignal = { human: false, strength: 0 };

const AR_PREFIXES = ['وبال', 'وال', 'بال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const AR_SUFFIXES = ['ين', 'ون', 'كم', 'کم', 'نا', 'ني', 'ه', 'ي', 'ی', 'ا', 'ک'];
const FA_SUFFIXES = ['هاتون', 'هامون', 'های', 'ها', 'اتون', 'تون', 'تان', 'مون', 'مان', 'ای', 'رو', 'ا', 'و', 'ی', 'م', 'ت', 'ش', 'ه'];
/** Roles a mistyped word may be read as (the others are short function words). */
const TYPO_ROLES: HumanRole[] = ['person', 'team', 'talk', 'connect', 'want'];
/** A time question ("when is support available?") asks about hours, not for someone now. */
const WHEN = /\b(?:when|hours|what time|opening)\b|(?:^| )(?:ساعت|ساعات|کی|چه ساعتی|متی|اوقات|مواعید|امتی)(?= |$)/;
/** Question words: a short message with one is a question about someone, not a call for them. */
const QUESTION = /\b(?:what|how|when|where|why|who|which|does|do|is|are)\b|(?:^| )(?:چه|چی|کی|کجا|چرا|چطور|چند|آیا|ما|ماذا|متی|این|کیف|لماذا|هل|شو|وین|فین)(?= |$)/;
/** English want / need ask for something only with the speaker as subject ("what does the agent need" does not). */
const SPEAKER_WANT = new Set(['want', 'wanna', 'need', 'needed']);
const SPEAKER_SUBJECT = /(?:^| )(?:i|we|id|i would|we d|just|really|pls|please|plz|u|you)(?: really| just| do| would| kinda)? (?:want|wanna|need)(?= |$)|^(?:want|wanna|need)(?= |$)/;

function rolesOf(tok: string, table: Map<string, Set<HumanRole>>, arabic: 'fa' | 'ar' | null): Set<HumanRole> | undefined {
  const hit = table.get(tok);
  if (hit) return hit;
  const cands: string[] = [];
  if (arabic === 'ar') for (const p of AR_PREFIXES) if (tok.startsWith(p) && tok.length - p.length >= 2) cands.push(tok.slice(p.length));
  const bases = [tok, ...cands];
  const suffixes = arabic === 'ar' ? AR_SUFFIXES : arabic === 'fa' ? FA_SUFFIXES : ['s', 'es'];
  for (const b of bases) {
    if (b !== tok && table.has(b)) return table.get(b);
    for (const s of suffixes) if (b.endsWith(s) && b.length - s.length >= 3 && table.has(b.slice(0, -s.length))) return table.get(b.slice(0, -s.length));
  }
  return undefined;
}

function isKnownWord(tok: string): boolean {
  return EN_KNOWN_WORDS.has(tok) || FA_STOP.has(tok) || AR_STOP.has(tok) || FA_COLLOQUIAL[tok] !== undefined || AR_DIALECT[tok] !== undefined;
}

const TYPO_CACHE = new Map<Map<string, Set<HumanRole>>, Map<string, Set<HumanRole> | undefined>>();

/** A mistyped role word: one slip from a word of the table (four-letter words: no free substitution). Cached. */
function typoRoles(tok: string, table: Map<string, Set<HumanRole>>): Set<HumanRole> | undefined {
  let cache = TYPO_CACHE.get(table);
  if (!cache) { cache = new Map(); TYPO_CACHE.set(table, cache); }
  if (cache.has(tok)) return cache.get(tok);
  if (cache.size > 20_000) cache.clear();
  const roles = findTypoRoles(tok, table);
  cache.set(tok, roles);
  return roles;
}

function findTypoRoles(tok: string, table: Map<string, Set<HumanRole>>): Set<HumanRole> | undefined {
  if (tok.length < 4 || /\d/.test(tok) || isKnownWord(tok)) return undefined;
  for (const [w, roles] of table) {
    if (w.length < 4 || Math.abs(w.length - tok.length) > 1 || w[0] !== tok[0] && w[1] !== tok[1]) continue;
    const k = slipKind(tok, w);
    if (!k || (k === 'other' && tok.length < 5)) continue;
    const useful = [...roles].filter((r) => TYPO_ROLES.includes(r));
    if (useful.length) return new Set(useful);
  }
  return undefined;
}

interface Word { tok: string; roles: Set<HumanRole> }

function readClause(text: string, locale: Locale): Word[] {
  const canon = ' ' + canonicalChars(text).replace(/['’‘`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim() + ' ';
  const toks = canon.trim().split(' ').filter(Boolean);
  const words: Word[] = toks.map((tok) => {
    const latin = !isArabicScript(tok);
    const arabic = latin ? null : locale === 'ar' ? 'ar' : 'fa';
    const table = latin ? HUMAN_WORDS.latin : HUMAN_WORDS[arabic!];
    // (Persian typed in an Arabic widget and the reverse: the other table too)
    const other = arabic ? HUMAN_WORDS[arabic === 'ar' ? 'fa' : 'ar'] : null;
    const roles = rolesOf(tok, table, arabic) ?? (other ? rolesOf(tok, other, arabic === 'ar' ? 'fa' : 'ar') : undefined) ?? typoRoles(tok, table);
    return { tok, roles: new Set(roles ?? []) };
  });
  // two-word expressions: the role goes to the expression's first word
  for (const [re, role] of HUMAN_PHRASES) {
    for (const m of canon.matchAll(re)) {
      const at = canon.slice(0, m.index! + (m[0].startsWith(' ') ? 1 : 0)).trim();
      const i = at ? at.split(' ').length : 0;
      if (words[i]) words[i].roles.add(role);
    }
  }
  return words;
}

function judgeClause(text: string, locale: Locale): HumanSignal {
  const words = readClause(text, locale);
  const joined = words.map((w) => w.tok).join(' ');
  const has = (r: HumanRole) => words.some((w) => w.roles.has(r));
  // a role word is negated by a negation up to three words before it (not "isn't there anyone", "can't I");
  // a Persian verb comes last, so a negated Persian verb negates its whole clause ("اپراتور نمیخواد")
  const faNeg = words.some((w) => w.roles.has('neg') && isArabicScript(w.tok) && locale === 'fa' && w.tok.startsWith('ن') && w.tok.length > 3);
  const negated = (i: number) => (faNeg || words.slice(Math.max(0, i - 3), i).some((w) => w.roles.has('neg')))
    && !words[i].roles.has('there') && !words.slice(Math.max(0, i - 1), i + 1).some((w) => w.roles.has('there') || w.roles.has('can'));
  const live = (r: HumanRole) => words.some((w, i) => w.roles.has(r) && !negated(i)
    && !(r === 'want' && locale === 'en' && SPEAKER_WANT.has(w.tok) && !SPEAKER_SUBJECT.test(joined)));
  // a person followed or preceded by else / another / second is a third party
  const third = (i: number) => words.slice(Math.max(0, i - 1), i + 3).some((w) => w.roles.has('other'));
  const who = (r: 'person' | 'someone') => words.some((w, i) => w.roles.has(r) && !negated(i) && !third(i));
  const bot = has('bot');
  const asksSomething = has('person') || has('someone') || has('talk') || has('connect') || has('want');
  const declined = !bot && (has('noNeed') || words.some((w, i) => negated(i) && (w.roles.has('want') || w.roles.has('talk') || w.roles.has('connect') || w.roles.has('person') || w.roles.has('someone'))));
  if (bot && (has('neg') || has('frustrated')) && asksSomething) return { human: true, strength: 0.9 };
  if (bot && has('frustrated')) return { human: true, strength: 0.8 };
  if (declined || has('hiring')) return NONE;
  const person = who('person'), someone = who('someone'), team = has('team');
  const talk = live('talk') || live('connect');
  // (a person or someone replies; "does phone support reply on Fridays" asks about the team)
  const reply = live('reply');
  const past = has('past');
  const near = (a: HumanRole, b: HumanRole, gap: number) => words.some((w, i) => w.roles.has(a) && words.slice(Math.max(0, i - gap), i + gap + 1).some((x) => x.roles.has(b)));
  if ((person || someone || team) && talk && !past) return { human: true, strength: 1 };
  if ((person || someone) && reply && !past) return { human: true, strength: 0.9 };
  if ((person || someone) && live('available') && (near('person', 'available', 4) || near('someone', 'available', 4)) && !WHEN.test(joined)) return { human: true, strength: 0.9 };
  if ((near('someone', 'there', 3) || (person && has('now') && near('person', 'there', 3))) && !past) return { human: true, strength: 0.85 };
  if (team && live('available') && has('now')) return { human: true, strength: 0.8 };
  if (person && (live('want') || has('real')) && !past) return { human: true, strength: 0.9 };
  // (a person asked for in a word or two: "operator?", "agent pls", "ممثل خدمة العملاء" — not "what does the agent need")
  if (person && words.length <= 3 && !QUESTION.test(joined) && words.every((w) => w.roles.size > 0 || isKnownWord(w.tok)) && !has('thanks') && !past) return { human: true, strength: 0.7 };
  if (team && live('want') && words.length <= 4) return { human: true, strength: 0.75 };
  return NONE;
}

/** Clauses: sentences and comma-separated parts ("no thanks, I don't need a human"). */
function clauses(text: string): string[] {
  return text.split(/[.!?؟\n;؛,،…:]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Does this message ask for a human (operator / agent / real person) rather than an FAQ answer?
 * `raw` is the message as typed when `text` was converted (Finglish): its Latin words are read too.
 */
export function detectHumanRequest(text: string, locale: Locale, raw?: string): HumanSignal {
  let best = NONE;
  const texts = raw && raw !== text ? [text, raw] : [text];
  for (const t of texts) {
    for (const c of clauses(t)) {
      const signal = judgeClause(c, locale);
      if (signal.strength > best.strength) best = signal;
    }
  }
  return best;
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
