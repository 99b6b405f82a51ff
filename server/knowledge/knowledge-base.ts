// An immutable, fully indexed snapshot of a knowledge base: ranking (one score, one order),
// decisions, search for agents and editors, the closest entry to an unanswered question.
import type { Locale } from '../../protocol/index.ts';
import { LOCALES } from '../../protocol/index.ts';
import { CONFIDENCE_MODEL, confidence, type ConfidenceModel } from './confidence.ts';
import { decide } from './decision.ts';
import { LocaleIndex, RETRIEVAL, type Candidate } from './engine.ts';
import { detectHumanRequest, findHumanEntry } from './human.ts';
import { finglishToPersian, inferLocale, type VocabHint } from './language.ts';
import { sentences } from './normalize.ts';
import type { Answer, KbEntry, LearnedWording, LegacyAnswer, MatchConfig, RankedEntry } from './types.ts';

/**
 * Default decision thresholds on the calibrated score (0..1), chosen by leave-one-domain-out
 * validation (see the knowledge README). Override with PORSAN_KB_ANSWER_THRESHOLD /
 * PORSAN_KB_SUGGEST_THRESHOLD (mapped by the server) or the config of `openKnowledge`.
 */
export const DEFAULT_MATCH_CONFIG: Readonly<MatchConfig> = Object.freeze({
  answerThreshold: 0.89,
  answerMargin: 0.05,
  confirmThreshold: 0.6,
  confirmMargin: 0.2,
  suggestThreshold: 0.5,
  offerThreshold: 0.05,
});

/** Only the first this-many characters of a message are analyzed (bounds the cost of pasted walls of text). */
export const MAX_QUERY_CHARS = 1000;

/** Judge a multi-sentence message also by its question sentences when they agree with the whole. */
export const LONG_MESSAGE_AGREEMENT = true;

/** Default and maximum number of hits returned by `search`; candidates listed in an Answer. */
export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;
export const ANSWER_CANDIDATES = 5;

export interface KbSearchHit {
  entry: KbEntry;
  /** the engine's score (0..1) that this entry answers the query: the same score `answer` ranks and decides by */
  score: number;
}

export interface Ranked {
  entry: KbEntry;
  confidence: number;
  candidate: Candidate;
}

export interface Evidence {
  locale: Locale;
  /** the text matched (Finglish converted to Persian script) */
  text: string;
  terms: string[];
  unknown: string[];
  /** retrieval order */
  candidates: Candidate[];
  /** per question sentence of a longer message: its two best candidates and its number of terms */
  sentences: Array<{ candidates: Candidate[]; terms: number }>;
}

/**
 * Evidence → ranking under a confidence model. A long message buries its question in context: when
 * a question sentence on its own picks the same entry, the sentence's (undiluted) score counts.
 */
export function scoreEvidence(ev: Evidence, model: ConfidenceModel): Ranked[] {
  const cs = ev.candidates;
  const ranked = cs.map((c, i) => ({ entry: c.entry, candidate: c, confidence: confidence(c, i === 0 ? cs[1] : cs[0], ev.terms.length, model) }));
  for (const sg of ev.sentences) {
    const same = sg.candidates[0] && ranked.find((x) => x.entry === sg.candidates[0].entry);
    if (!same) continue;
    const c = confidence(sg.candidates[0], sg.candidates[1], sg.terms, model);
    if (c > same.confidence) same.confidence = c;
  }
  return ranked.sort((a, b) => b.confidence - a.confidence || a.candidate.doc - b.candidate.doc);
}

/** The entries the question sentences of a longer message pick one by one (see decide). */
export function askedEntries(ev: Evidence): KbEntry[] {
  return ev.sentences.map((s) => s.candidates[0]?.entry).filter((e): e is KbEntry => !!e);
}

export interface Ranking {
  locale: Locale;
  /** the text matched (Finglish converted to Persian script) */
  text: string;
  terms: string[];
  unknown: string[];
  /** best first by `confidence` */
  ranked: Ranked[];
}

/** `confirm` folded into `suggest`, the entry to confirm first among the suggestions. */
export function toLegacyAnswer(a: Answer): LegacyAnswer {
  if (a.decision !== 'confirm') return { ...a, decision: a.decision };
  return { ...a, decision: 'suggest', entry: null, suggestions: a.entry ? [a.entry, ...a.suggestions] : a.suggestions };
}

export class KnowledgeBase {
  readonly all: KbEntry[];
  readonly config: MatchConfig;
  /** the learned wordings in force (those of entries that exist) */
  readonly learned: readonly LearnedWording[];
  private byId = new Map<string, KbEntry>();
  private indexes = new Map<Locale, LocaleIndex>();
  private humanEntries = new Map<Locale, KbEntry>();
  private hint: VocabHint;

  /** `model`: another confidence model (calibration tools); the shipped one by default. */
  constructor(entries: KbEntry[], config: Partial<MatchConfig> = {}, learned: readonly LearnedWording[] = [], readonly model: ConfidenceModel = CONFIDENCE_MODEL) {
    this.all = entries;
    this.config = { ...DEFAULT_MATCH_CONFIG, ...stripUndefined(config) };
    for (const e of entries) this.byId.set(e.id, e);
    this.learned = dedupeLearned(learned.filter((l) => this.byId.has(l.entryId) && l.text.trim()));
    const extra = new Map<string, string[]>();
    for (const l of this.learned) extra.set(l.entryId, [...(extra.get(l.entryId) ?? []), askingPart(l.text)]);
    for (const loc of LOCALES) {
      const list = entries.filter((e) => e.locale === loc);
      if (!list.length) continue;
      this.indexes.set(loc, new LocaleIndex(loc, list, extra));
      const h = findHumanEntry(list);
      if (h >= 0) this.humanEntries.set(loc, list[h]);
    }
    const fa = this.indexes.get('fa');
    this.hint = {
      has: (loc, w) => this.indexes.get(loc)?.hasWord(w) ?? false,
      faBySkeleton: fa ? (sk) => fa.bySkeleton(sk) : undefined,
    };
  }

  /** A new snapshot with these wordings learned in addition (same entries and config). */
  withLearned(wordings: readonly LearnedWording[]): KnowledgeBase {
    return new KnowledgeBase(this.all, this.config, [...this.learned, ...wordings], this.model);
  }

  entry(id: string): KbEntry | undefined {
    return this.byId.get(id);
  }

  humanEntry(locale: Locale): KbEntry | undefined {
    return this.humanEntries.get(locale);
  }

  locales(): Locale[] {
    return [...this.indexes.keys()];
  }

  /** The language a message will be answered in, and the text to match (Finglish converted). */
  prepare(question: string, locale?: Locale): { locale: Locale; text: string } {
    if (question.length > MAX_QUERY_CHARS) question = question.slice(0, MAX_QUERY_CHARS);
    const g = inferLocale(question, locale, this.hint, this.locales());
    return { locale: g.locale, text: g.finglish ? finglishToPersian(question, this.hint) : question };
  }

  /**
   * The retrieval evidence for a message, before any scoring: the candidates (the human entry left
   * out), and for a message of several sentences the best candidates of each question sentence.
   */
  evidence(question: string, locale?: Locale, depth?: number): Evidence {
    const p = this.prepare(question, locale);
    const idx = this.indexes.get(p.locale);
    if (!idx) return { ...p, terms: [], unknown: [], candidates: [], sentences: [] };
    const found = idx.search(p.text, depth);
    // The talk-to-a-person entry is reached by asking for a person (detectHumanRequest), not by
    // sharing words with it: "someone swiped my phone" is no request for someone.
    const human = this.humanEntries.get(p.locale);
    const keep = (cs: Candidate[]) => (human ? cs.filter((c) => c.entry !== human) : cs);
    const parts: Evidence['sentences'] = [];
    if (LONG_MESSAGE_AGREEMENT) {
      const segs = sentences(p.text);
      if (segs.length > 1) {
        for (const sg of segs) {
          if (!sg.question) continue;
          const r = idx.search(sg.text);
          // (a one-word question — "how do I pay with it?" — says too little on its own)
          if (r.terms.length >= 2) parts.push({ candidates: keep(r.candidates).slice(0, 2), terms: r.terms.length });
        }
      }
    }
    return { ...p, terms: found.terms, unknown: found.unknown, candidates: keep(found.candidates), sentences: parts };
  }

  /** The ranking: candidates with their score, best first — the order and score every other method uses. */
  rank(question: string, locale?: Locale, depth?: number): Ranking {
    const ev = this.evidence(question, locale, depth);
    return { locale: ev.locale, text: ev.text, terms: ev.terms, unknown: ev.unknown, ranked: scoreEvidence(ev, this.model) };
  }

  /** Ranked search for agents and editors: the ranking's order and score. */
  search(query: string, locale?: Locale, limit = SEARCH_DEFAULT_LIMIT): KbSearchHit[] {
    const n = Math.max(0, Math.min(SEARCH_MAX_LIMIT, Math.floor(Number.isFinite(limit) ? limit : SEARCH_DEFAULT_LIMIT)));
    if (n === 0 || !query.trim()) return [];
    const { ranked } = this.rank(query, locale, Math.max(n, RETRIEVAL.rerankDepth));
    // entries reached only through shared character trigrams (no query term, fuzzy form or synonym in them) are noise
    return ranked.filter((r) => r.candidate.coverage > 0).slice(0, n).map((r) => ({ entry: r.entry, score: round(r.confidence) }));
  }

  /**
   * The entry closest to a question the bot could not answer (for editors: "add as a wording of
   * it"), in the question's language, whatever its score; null when nothing shares a word with it.
   */
  closest(question: string, locale?: Locale): RankedEntry | null {
    const top = this.search(question, locale, 1)[0];
    return top ? { entry: top.entry, score: top.score } : null;
  }

  /** What the bot does with a message (see `Decision`). */
  decide(question: string, locale?: Locale): Answer {
    const p = this.prepare(question, locale);
    const human = detectHumanRequest(p.text, p.locale, question);
    if (human.human) {
      return { decision: 'human', locale: p.locale, entry: this.humanEntries.get(p.locale) ?? null, score: human.strength, suggestions: [], candidates: [] };
    }
    const ev = this.evidence(question, locale);
    const loc = ev.locale;
    const ranked = scoreEvidence(ev, this.model);
    const candidates = ranked.slice(0, ANSWER_CANDIDATES).map((r) => ({ entry: r.entry, score: round(r.confidence) }));
    const d = decide(candidates, this.config, askedEntries(ev));
    return { ...d, locale: loc, candidates };
  }

  /** `decide` for callers that do not show the middle band yet (`confirm` → `suggest`). */
  answer(question: string, locale?: Locale): LegacyAnswer {
    return toLegacyAnswer(this.decide(question, locale));
  }
}

/** A learned message of several sentences is indexed by its question sentences (its greeting and story are no wording of the entry). */
function askingPart(text: string): string {
  const segs = sentences(text);
  const asking = segs.filter((x) => x.question);
  return segs.length > 1 && asking.length ? asking.map((x) => x.text).join(' ') : text;
}

function dedupeLearned(list: readonly LearnedWording[]): LearnedWording[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const k = `${l.entryId}\u0000${l.text.trim()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) (out as Record<string, unknown>)[k] = v;
  return out;
}
