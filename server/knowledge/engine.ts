// Retrieval: per-locale inverted index with BM25F over normalized, stemmed terms (questions
// weighted above tags above answer text), a character-trigram similarity for robustness, and
// the typo channel (typos.ts) for query words the index has never seen.
import type { Locale } from '../../protocol/index.ts';
import { analyze, rawTokens, sentences, stemAr } from './normalize.ts';
import { ALL_SYNONYM_GROUPS } from './thesaurus.ts';
import { AR_STOP, EN_STOP, FA_STOP } from './lexicon.ts';

const STOP_BY_LEN: Record<Locale, Map<number, string[]>> = { fa: new Map(), ar: new Map(), en: new Map() };
for (const [loc, set] of [['fa', FA_STOP], ['ar', AR_STOP], ['en', EN_STOP]] as const) {
  for (const w of set) {
    if (w.length < 3) continue;
    const l = STOP_BY_LEN[loc].get(w.length) ?? [];
    l.push(w);
    STOP_BY_LEN[loc].set(w.length, l);
  }
}

/**
 * How surely is this (unknown) word a slip of a stop word of the language ("wil", "teh", "yuor")?
 * 1 for three-letter words one edit away, and for longer words with a dropped letter or two swapped
 * neighbours; 0.5 for longer words with a substituted or added letter, because that also turns
 * real content words into stop words ("sell" ~ "well"); 0 otherwise.
 */
const SLIP_CACHE: Record<Locale, Map<string, number>> = { fa: new Map(), ar: new Map(), en: new Map() };

export function stopWordSlip(word: string, locale: Locale): number {
  const cache = SLIP_CACHE[locale];
  let v = cache.get(word);
  if (v === undefined) {
    if (cache.size > 50_000) cache.clear();
    v = computeStopWordSlip(word, locale);
    cache.set(word, v);
  }
  return v;
}

function computeStopWordSlip(word: string, locale: Locale): number {
  if (word.length < 3) return 0;
  let best = 0;
  for (const len of [word.length - 1, word.length, word.length + 1]) {
    for (const s of STOP_BY_LEN[locale].get(len) ?? []) {
      if (!withinOneEdit(word, s, true)) continue;
      // (three-letter English slips are typos of function words: "wil", "teh"; Persian and Arabic have
      // many three-letter content words one letter away from a function word: رند / روند)
      if ((word.length === 3 && locale === 'en') || len > word.length || isSwap(word, s)) return 1;
      best = 0.5;
    }
  }
  return best;
}

/** Is this (unknown) word one edit away from a stop word of the language? */
export function isNearStopWord(word: string, locale: Locale): boolean {
  return stopWordSlip(word, locale) > 0;
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function withinOneEdit(a: string, b: string, swaps = false): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (swaps && isSwap(a, b)) return true;
  let i = 0, j = 0, edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
import { persianSkeleton } from './language.ts';
import { grams, TypoChannel } from './typos.ts';
import { repairTexting } from './texting.ts';
import { isNegated } from './negation.ts';
import { actionSides, contrasts } from './contrast.ts';
import type { KbEntry } from './types.ts';
import { questionTypes, typeAgreement, typesOfTokens, type QuestionType } from './question-type.ts';

/** Retrieval parameters. General IR defaults, not fitted to any data set. */
export const RETRIEVAL = {
  /** BM25 term-frequency saturation and length normalization. */
  k1: 1.2,
  b: 0.75,
  /** Field weights: the questions are what visitors paraphrase, the answer text adds vocabulary. */
  fieldWeight: { questions: 1.0, tags: 0.5, answer: 0.3 },
  /** Weight of the character-trigram similarity added to the normalized BM25 score. */
  ngramWeight: 0.35,
  /** Weight of query terms unknown to the KB in the coverage denominator (0 = ignore, 1 = full idf). */
  unknownTermWeight: 0.8,
  /** Trigrams found in more than this share of the entries are skipped (no signal, long lists). */
  gramMaxDf: 0.05,
  /** Weight of query terms expanded through the thesaurus. */
  synonymWeight: 0.7,
  /** In a message with several sentences, weight of the sentences that are not questions. */
  contextSentenceWeight: 0.3,
  /** Soft matching of query terms against question terms by character-trigram Jaccard (features only):
   *  credit = softMatchWeight × Jaccard, counted when Jaccard ≥ softMatchMin. Off by default: it made
   *  no measurable difference on the dev set once fuzzy expansion and the stemmers were in place. */
  softMatchWeight: 0,
  softMatchMin: 0.5,
  /** Weight of the best single-question similarity added to the score when reranking. */
  questionSimRerank: 0,
  /** Relative score bonus (malus) when the query and the entry ask for the same (a different) kind of answer. */
  typeRerank: 0.1,
  /** Read query words as the KB writes them (compounds, spoken endings, Arabic root letters): see repairWords. */
  repairWords: true,
  /** Weight of a learned wording's similarity against the entry's own questions (see questionSim). */
  learnedQuestionWeight: 0.85,
  /** Candidates scored in detail (question similarity, margin). */
  rerankDepth: 8,
} as const;

interface Posting { docs: number[]; tfQ: number[]; tfT: number[]; tfA: number[] }
interface GramPosting { docs: number[]; tf: number[] }

export interface Candidate {
  doc: number;
  entry: KbEntry;
  /** combined retrieval score (normalized BM25F + trigram similarity) */
  score: number;
  /** share of the query's idf mass found anywhere in the entry */
  coverage: number;
  /** share of the query's idf mass found in the entry's questions */
  qCoverage: number;
  /** best idf-weighted Dice overlap between the query and one of the entry's questions */
  qSim: number;
  /** character-trigram similarity with the questions */
  gram: number;
  /** best share of one question's idf mass that the query covers (high when a long message contains the question) */
  qRecall: number;
  /** idf (relative to the rarest possible) of the most specific query term the entry lacks */
  maxMiss: number;
  /** do the query and the entry's questions ask for the same kind of answer (+1), different kinds (−1), or unknown (0) */
  typeMatch: number;
  /** 1 when the query is negated and none of the entry's questions is, or the other way round */
  negMismatch: number;
  /** 1 when the query asks for an action whose opposite the entry's questions ask for (contrast.ts) */
  contrast: number;
  /** 1 when the query is one of the entry's questions (or learned wordings), word for word after normalization */
  exact: number;
}

export interface SearchResult {
  terms: string[];
  /** query terms not in the vocabulary (after fuzzy expansion failed) */
  unknown: string[];
  candidates: Candidate[];
}


/** Spoken Persian possessive and object endings ("our", "your", "their", "my … (object)"), longest first. */
const FA_SPOKEN_ENDINGS = ['هامون', 'هاتون', 'هاشون', 'امون', 'اتون', 'اشون', 'مون', 'تون', 'شون', 'امو', 'مو', 'تو', 'شو', 'رو', 'و'];

export class LocaleIndex {
  readonly locale: Locale;
  readonly entries: KbEntry[];
  private postings = new Map<string, Posting>();
  private gramPostings = new Map<string, GramPosting>();
  private lenQ: Float64Array; private lenT: Float64Array; private lenA: Float64Array; private lenG: Float64Array;
  private avgQ = 1; private avgT = 1; private avgA = 1;
  private questionSets: Array<Array<{ set: Set<string>; idfSum: number; grams: Array<ReadonlySet<string>>; learned: boolean }>> = [];
  /** surface words (for language inference) */
  readonly words = new Set<string>();
  /** surface words of the KB and the index term each one maps to */
  private wordTerm = new Map<string, string>();
  private typos: TypoChannel;
  private skeletons = new Map<string, Map<string, number>>();
  private synonyms = new Map<string, string[]>();
  private docTypes: Array<Set<QuestionType>> = [];
  /** per entry: the share of its questions that are negated, and the actions they ask for */
  private docNeg: number[] = [];
  private docActions: Array<Set<string>> = [];
  private scoreBuf: Float64Array; private gramBuf: Float64Array; private markBuf: Uint8Array;

  /** `learned`: extra wordings per entry id, indexed as questions of that entry (see LearnedWording). */
  constructor(locale: Locale, entries: KbEntry[], learned?: ReadonlyMap<string, readonly string[]>) {
    this.locale = locale;
    this.entries = entries;
    const n = entries.length;
    this.lenQ = new Float64Array(n); this.lenT = new Float64Array(n); this.lenA = new Float64Array(n); this.lenG = new Float64Array(n);
    this.scoreBuf = new Float64Array(n); this.gramBuf = new Float64Array(n); this.markBuf = new Uint8Array(n);
    const wordFreq = new Map<string, number>();
    // (only while building: the questions' terms, and how many of each entry's questions are its own — the rest are learned wordings)
    const questionTerms: string[][][] = [];
    const ownQuestions: number[] = [];
    entries.forEach((e, d) => {
      const tf = new Map<string, [number, number, number]>();
      const add = (terms: string[], f: 0 | 1 | 2) => {
        for (const t of terms) {
          let v = tf.get(t);
          if (!v) { v = [0, 0, 0]; tf.set(t, v); }
          v[f]++;
        }
      };
      const qts: string[][] = [];
      const gtf = new Map<string, number>();
      const types = new Set<QuestionType>();
      this.docTypes.push(types);
      const qs = learned?.has(e.id) ? [...e.questions, ...learned.get(e.id)!] : e.questions;
      ownQuestions.push(e.questions.length);
      let negatedQs = 0;
      for (const q of qs) {
        for (const t of questionTypes(q, locale)) types.add(t);
        const a = analyze(q, locale);
        if (isNegated(a.tokens, locale)) negatedQs++;
        a.words.forEach((w, k) => this.wordTerm.set(w, a.terms[k]));
        qts.push(a.terms);
        add(a.terms, 0);
        this.lenQ[d] += a.terms.length;
        for (const w of a.words) {
          this.words.add(w);
          wordFreq.set(w, (wordFreq.get(w) ?? 0) + 2);
          for (const g of grams(w)) gtf.set(g, (gtf.get(g) ?? 0) + 1);
        }
      }
      questionTerms.push(qts);
      this.docNeg.push(negatedQs / Math.max(1, qs.length));
      this.docActions.push(actionSides(qts.flat(), locale));
      const tagTerms = e.tags.flatMap((t) => analyze(t.replace(/[-_]/g, ' '), locale).terms);
      add(tagTerms, 1);
      this.lenT[d] = tagTerms.length;
      const ans = analyze(stripMarkdown(e.answer), locale);
      ans.words.forEach((w, k) => { if (!this.wordTerm.has(w)) this.wordTerm.set(w, ans.terms[k]); });
      add(ans.terms, 2);
      this.lenA[d] = ans.terms.length;
      for (const w of ans.words) { this.words.add(w); wordFreq.set(w, (wordFreq.get(w) ?? 0) + 1); }
      for (const [t, [q, tg, a]] of tf) {
        let p = this.postings.get(t);
        if (!p) { p = { docs: [], tfQ: [], tfT: [], tfA: [] }; this.postings.set(t, p); }
        p.docs.push(d); p.tfQ.push(q); p.tfT.push(tg); p.tfA.push(a);
      }
      for (const [g, c] of gtf) {
        let p = this.gramPostings.get(g);
        if (!p) { p = { docs: [], tf: [] }; this.gramPostings.set(g, p); }
        p.docs.push(d); p.tf.push(c);
        this.lenG[d] += c;
      }
    });
    // (arrays grown by push keep up to half again their length spare: at 10,000 entries that was tens of MB)
    for (const p of this.postings.values()) { p.docs = p.docs.slice(); p.tfQ = p.tfQ.slice(); p.tfT = p.tfT.slice(); p.tfA = p.tfA.slice(); }
    for (const p of this.gramPostings.values()) { p.docs = p.docs.slice(); p.tf = p.tf.slice(); }
    const avg = (a: Float64Array) => (a.length ? Math.max(1e-9, a.reduce((x, y) => x + y, 0) / a.length) : 1);
    this.avgQ = avg(this.lenQ); this.avgT = Math.max(1, avg(this.lenT)); this.avgA = Math.max(1, avg(this.lenA));
    // one (read-only) trigram set per term, shared by every question that has the term
    const gramSets = new Map<string, ReadonlySet<string>>();
    const gramSet = (t: string) => {
      let g = gramSets.get(t);
      if (!g) gramSets.set(t, (g = new Set(grams(t))));
      return g;
    };
    this.questionSets = questionTerms.map((qts, d) =>
      qts.map((qt, k) => {
        const set = new Set(qt);
        let idfSum = 0;
        for (const t of set) idfSum += this.idf(this.postings.get(t)?.docs.length ?? 0);
        return { set, idfSum, grams: [...set].map(gramSet), learned: k >= ownQuestions[d] };
      }),
    );
    this.typos = new TypoChannel(locale, [...this.wordTerm.keys()], this.wordTerm);
    for (const g of ALL_SYNONYM_GROUPS[locale]) {
      const stems = [...new Set(g.split(' ').flatMap((w) => analyze(w, locale).terms))];
      for (const a of stems) {
        const list = this.synonyms.get(a) ?? [];
        for (const b2 of stems) if (b2 !== a && !list.includes(b2)) list.push(b2);
        this.synonyms.set(a, list);
      }
    }
    if (locale === 'fa') {
      // every surface token of the KB (stop words included: Finglish has function words too)
      for (const e of entries) {
        for (const w of rawTokens([...e.questions, stripMarkdown(e.answer)].join(' '))) {
          const sk = persianSkeleton(w);
          if (sk.length < 2) continue;
          let m = this.skeletons.get(sk);
          if (!m) { m = new Map(); this.skeletons.set(sk, m); }
          m.set(w, (m.get(w) ?? 0) + 1);
        }
      }
    }
  }

  get size(): number { return this.entries.length; }

  hasWord(w: string): boolean { return this.words.has(w); }

  /** KB words with this consonant skeleton (Finglish lookup), with their frequencies. */
  bySkeleton(sk: string): Map<string, number> | undefined { return this.skeletons.get(sk); }

  idf(df: number): number {
    const n = this.entries.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Mistyped function words read as meant (texting.ts), leaving the KB's own words alone. */
  private repairTexting(text: string): string {
    return repairTexting(text, this.locale, (w) => this.words.has(w) || this.wordTerm.has(w));
  }

  /** Index terms an unknown word is likely a slip of, with weights (see typos.ts). */
  fuzzy(word: string): Array<[string, number]> {
    return this.typos.expand(word);
  }

  /**
   * Query words read the way the knowledge base writes them, where the analyzer alone gets it wrong:
   * two neighbouring words the KB writes as one are joined ("وای فای" / "وای‌فای", "wi fi" / "wifi");
   * an Arabic first و/ف/ب/ل taken for a prefix is kept when the KB has it as a root letter; spoken
   * Persian endings come off (نتمون); an unknown word that is two KB words written together is split.
   */
  private repairWords(a: { words: string[]; terms: string[] }): { words: string[]; terms: string[] } {
    if (!RETRIEVAL.repairWords) return a;
    const words: string[] = [], terms: string[] = [];
    for (let i = 0; i < a.words.length; i++) {
      const w = a.words[i];
      const joined = i + 1 < a.words.length ? w + a.words[i + 1] : '';
      const jt = joined ? this.wordTerm.get(joined) : undefined;
      if (jt !== undefined && !(this.postings.has(a.terms[i]) && this.postings.has(a.terms[i + 1]) && this.pairInSameQuestion(a.terms[i], a.terms[i + 1]))) {
        words.push(joined); terms.push(jt); i++;
        continue;
      }
      // an Arabic word whose first و / ف / ب / ل the stemmer took for a prefix, but which the KB has as a root letter (وصلتني ~ وصل)
      if (this.locale === 'ar' && !this.postings.has(a.terms[i]) && /^[وفبل]/.test(w)) {
        const t = stemAr(w, true);
        if (t !== a.terms[i] && this.postings.has(t)) { words.push(w); terms.push(t); continue; }
      }
      // spoken Persian endings the stemmer leaves alone (نتمون, رمزمو, سیمکارتمو): taken off when what is left is a KB word
      if (this.locale === 'fa' && w.length >= 4 && !this.postings.has(a.terms[i]) && !this.wordTerm.has(w)) {
        const base = FA_SPOKEN_ENDINGS.map((e) => (w.endsWith(e) && w.length - e.length >= 2 ? w.slice(0, -e.length) : '')).find((b) => b && this.wordTerm.has(b));
        if (base) { words.push(base); terms.push(this.wordTerm.get(base)!); continue; }
      }
      if (w.length >= 6 && !this.postings.has(a.terms[i]) && !this.wordTerm.has(w)) {
        let split: [string, string] | null = null;
        for (let k = 3; k <= w.length - 3 && !split; k++) {
          const l = this.wordTerm.get(w.slice(0, k)), r = this.wordTerm.get(w.slice(k));
          if (l !== undefined && r !== undefined) split = [l, r];
        }
        if (split) { words.push(w, w); terms.push(split[0], split[1]); continue; }
      }
      words.push(w); terms.push(a.terms[i]);
    }
    return { words, terms };
  }

  /** Do both terms occur in one question of some entry (then the KB itself writes them apart)? */
  private pairInSameQuestion(x: string, y: string): boolean {
    const px = this.postings.get(x), py = this.postings.get(y);
    if (!px || !py) return false;
    const docs = new Set(py.docs);
    for (const d of px.docs) {
      if (!docs.has(d)) continue;
      for (const q of this.questionSets[d]) if (q.set.has(x) && q.set.has(y)) return true;
    }
    return false;
  }

  /**
   * Query terms with weights: in a multi-sentence message, sentences that ask something count fully,
   * context less; and the kinds of answer asked for (from the asking sentences, when there are some).
   */
  private queryTerms(text: string): { uniq: string[]; qw: number[]; words: string[]; surface: string[]; types: Set<QuestionType>; negated: boolean } {
    const segs = sentences(text);
    const weighted: Array<{ terms: string[]; words: string[]; w: number; question?: boolean }> = [];
    const anyQuestion = segs.length > 1 && segs.some((s) => s.question);
    const asking: string[] = [];
    if (anyQuestion) {
      for (const sg of segs) {
        const a = analyze(this.repairTexting(sg.text), this.locale);
        if (sg.question) asking.push(...a.tokens);
        weighted.push({ ...this.repairWords(a), w: sg.question ? 1 : RETRIEVAL.contextSentenceWeight, question: sg.question });
      }
      // a question sentence of a word or less ("should I?") says too little: the context counts in full
      if (weighted.filter((x) => x.question).reduce((n, x) => n + x.terms.length, 0) < 2) for (const x of weighted) x.w = 1;
    } else {
      const a = analyze(this.repairTexting(text), this.locale);
      asking.push(...a.tokens);
      weighted.push({ ...this.repairWords(a), w: 1 });
    }
    const idx = new Map<string, number>();
    const uniq: string[] = [], qw: number[] = [], words: string[] = [], surface: string[] = [];
    for (const seg of weighted) {
      seg.terms.forEach((t, k) => {
        const i = idx.get(t);
        if (i === undefined) { idx.set(t, uniq.length); uniq.push(t); qw.push(seg.w); surface.push(seg.words[k]); }
        else qw[i] = Math.max(qw[i], seg.w);
      });
      words.push(...seg.words);
    }
    return { uniq, qw, words, surface, types: typesOfTokens(asking, this.locale), negated: isNegated(asking, this.locale) };
  }

  search(text: string, limit: number = RETRIEVAL.rerankDepth): SearchResult {
    const { uniq, qw, words, surface, types: qTypes, negated } = this.queryTerms(text);
    const terms = uniq;
    const n = this.entries.length;
    const unknown: string[] = [];
    // expanded query: term → (weight, original term index)
    const expanded: Array<{ term: string; w: number; src: number }> = [];
    const srcIdf: number[] = [];
    const exact = new Set(uniq.filter((t) => this.postings.has(t)));
    uniq.forEach((t, i) => {
      const p = this.postings.get(t);
      let maxIdf = 0;
      const seen = new Set<string>();
      const push = (term: string, w: number) => {
        if (seen.has(term)) return;
        seen.add(term);
        expanded.push({ term, w: w * qw[i], src: i });
        maxIdf = Math.max(maxIdf, this.idf(this.postings.get(term)!.docs.length));
      };
      if (p) push(t, 1);
      // (a fuzzy form equal to another word of the same message is no typo of this one: "مدیر" ≠ "متجر" in "مدیر متجر")
      else for (const [term, w] of this.fuzzy(surface[i])) if (this.postings.has(term) && !exact.has(term)) push(term, w);
      for (const syn of this.synonyms.get(t) ?? []) if (this.postings.has(syn)) push(syn, RETRIEVAL.synonymWeight);
      const slip = seen.size === 0 ? stopWordSlip(surface[i], this.locale) : 0;
      if (slip === 1) {
        srcIdf.push(0); // a mistyped function word ("wil", "teh"): no content
      } else if (seen.size === 0) {
        unknown.push(t);
        srcIdf.push(this.idf(0) * RETRIEVAL.unknownTermWeight * qw[i] * (1 - slip));
      } else srcIdf.push((p ? this.idf(p.docs.length) : maxIdf) * qw[i]);
    });
    // expansion weights were multiplied by qw; coverage tracks the unweighted match quality
    for (const e of expanded) e.w = e.w / qw[e.src];
    const denom = srcIdf.reduce((a, b) => a + b, 0) || 1;
    const scores = this.scoreBuf, gsim = this.gramBuf, mark = this.markBuf;
    const touched: number[] = [];
    const { k1, b } = RETRIEVAL;
    const fw = RETRIEVAL.fieldWeight;
    const nQ = k1 * (1 - b), nT = nQ, nA = nQ;
    const bQ = (k1 * b) / this.avgQ, bT = (k1 * b) / this.avgT, bA = (k1 * b) / this.avgA;
    for (const { term, w, src } of expanded) {
      const p = this.postings.get(term)!;
      const f = (w * qw[src] * this.idf(p.docs.length) * (k1 + 1)) / denom;
      const docs = p.docs, tq = p.tfQ, tt = p.tfT, ta = p.tfA;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j];
        let s = 0;
        if (tq[j]) s += (fw.questions * tq[j]) / (tq[j] + nQ + bQ * this.lenQ[d]);
        if (tt[j]) s += (fw.tags * tt[j]) / (tt[j] + nT + bT * this.lenT[d]);
        if (ta[j]) s += (fw.answer * ta[j]) / (ta[j] + nA + bA * this.lenA[d]);
        if (!mark[d]) { mark[d] = 1; touched.push(d); }
        scores[d] += f * s;
      }
    }
    // character trigrams of the query words vs. the questions (very common grams carry no signal: skipped)
    const qg = new Set<string>();
    for (const w of words) for (const g of grams(w)) qg.add(g);
    let gDen = 0;
    const gramCap = Math.max(32, n * RETRIEVAL.gramMaxDf);
    for (const g of qg) {
      const p = this.gramPostings.get(g);
      const idf = this.idf(p ? p.docs.length : 0);
      gDen += idf;
      if (!p || p.docs.length > gramCap) continue;
      for (const d of p.docs) {
        if (!mark[d]) { mark[d] = 1; touched.push(d); }
        gsim[d] += idf;
      }
    }
    // top-k selection without sorting everything
    const top: Array<[number, number]> = [];
    const gw = gDen > 0 ? RETRIEVAL.ngramWeight / gDen : 0;
    for (const d of touched) {
      const sc = scores[d] + gw * gsim[d];
      if (top.length < limit || sc > top[top.length - 1][1] || (sc === top[top.length - 1][1] && d < top[top.length - 1][0])) {
        let i = top.length < limit ? top.length : top.length - 1;
        if (top.length < limit) top.push([d, sc]); else top[i] = [d, sc];
        while (i > 0 && (top[i - 1][1] < sc || (top[i - 1][1] === sc && top[i - 1][0] > d))) { top[i] = top[i - 1]; top[i - 1] = [d, sc]; i--; }
      }
    }
    const gramOf = new Map<number, number>();
    for (const [d] of top) gramOf.set(d, gDen > 0 ? gsim[d] / gDen : 0);
    for (const d of touched) { scores[d] = 0; gsim[d] = 0; mark[d] = 0; }
    const idf0 = this.idf(0) || 1;
    const qActions = actionSides(uniq, this.locale);
    const qGrams = uniq.map((t) => new Set(grams(t)));
    const candidates: Candidate[] = top.map(([d, score]) => {
      const c = new Float64Array(uniq.length), q = new Float64Array(uniq.length);
      for (const { term, w, src } of expanded) {
        const p = this.postings.get(term);
        const at = p ? indexOfDoc(p.docs, d) : -1;
        if (at < 0) continue;
        c[src] = Math.max(c[src], w);
        if (p!.tfQ[at]! > 0) q[src] = Math.max(q[src], w);
      }
      const [qSim, qRecall, exact] = this.questionSim(d, expanded, uniq.length, srcIdf, qGrams, RETRIEVAL.softMatchWeight > 0 ? c : undefined);
      let coverage = 0, qCoverage = 0;
      for (let i = 0; i < uniq.length; i++) { coverage += c[i] * srcIdf[i]; qCoverage += q[i] * srcIdf[i]; }
      coverage /= denom; qCoverage /= denom;
      let maxMiss = 0;
      for (let i = 0; i < uniq.length; i++) if (c[i] < 0.5 && qw[i] === 1) maxMiss = Math.max(maxMiss, srcIdf[i] / idf0);
      return { doc: d, entry: this.entries[d], score, coverage, qCoverage, qSim, qRecall, exact, gram: gramOf.get(d) ?? 0, maxMiss, typeMatch: typeAgreement(qTypes, this.docTypes[d]), negMismatch: negated ? (this.docNeg[d] > 0 ? 0 : 1) : this.docNeg[d] >= 0.5 ? 1 : 0, contrast: qActions.size && contrasts(qActions, this.docActions[d]) ? 1 : 0 };
    });
    // rerank: a candidate whose questions ask for the kind of answer the query asks for (a time, a price,
    // a procedure…) moves ahead of one that asks for another kind
    if (RETRIEVAL.typeRerank > 0) {
      for (const c of candidates) c.score *= 1 + RETRIEVAL.typeRerank * c.typeMatch;
      candidates.sort((x, y) => y.score - x.score || x.doc - y.doc);
    }
    // rerank: add the best single-question similarity (a paraphrase of one question beats
    // scattered matches over several questions and the answer)
    if (RETRIEVAL.questionSimRerank > 0) {
      for (const c of candidates) c.score += RETRIEVAL.questionSimRerank * c.qSim;
      candidates.sort((x, y) => y.score - x.score || x.doc - y.doc);
    }
    return { terms, unknown, candidates };
  }

  /** Best idf-weighted Dice overlap between the (expanded) query and a single question of the entry, and best question recall. */
  private questionSim(d: number, expanded: Array<{ term: string; w: number; src: number }>, nsrc: number, srcIdf: number[], qGrams: Array<Set<string>>, cov?: Float64Array): [number, number, number] {
    let qIdf = 0;
    for (let i = 0; i < nsrc; i++) qIdf += srcIdf[i];
    const qs = this.questionSets[d];
    let best = 0, bestRecall = 0, exact = 0;
    const hit = new Float64Array(nsrc);
    for (const { set, idfSum, grams: tg, learned } of qs) {
      // (a learned wording is a visitor's text, not an editor's: its generic frame — "how many days does it
      // take" — counts less than the entry's own questions; repeated word for word it is still exact)
      const trust = learned ? RETRIEVAL.learnedQuestionWeight : 1;
      hit.fill(0);
      for (const { term, w, src } of expanded) if (set.has(term) && w > hit[src]) hit[src] = w;
      // soft match: morphological variants the stemmer missed share most character trigrams
      for (let i = 0; i < nsrc; i++) {
        if (RETRIEVAL.softMatchWeight === 0 || hit[i] >= RETRIEVAL.softMatchWeight || srcIdf[i] === 0) continue;
        for (const g of tg) {
          const sim = RETRIEVAL.softMatchWeight * jaccard(qGrams[i], g);
          if (sim >= RETRIEVAL.softMatchWeight * RETRIEVAL.softMatchMin && sim > hit[i]) hit[i] = sim;
        }
      }
      if (cov) for (let i = 0; i < nsrc; i++) if (hit[i] > cov[i]) cov[i] = hit[i];
      let inter = 0;
      for (let i = 0; i < nsrc; i++) inter += hit[i] * srcIdf[i];
      const dice = qIdf + idfSum > 0 ? (2 * inter) / (qIdf + idfSum) : 0;
      if (dice >= EXACT_DICE) exact = 1;
      if (dice * trust > best) best = dice * trust;
      // recall of the question: matched idf mass measured with the question's own idf
      let rec = 0;
      if (idfSum > 0) {
        const got = new Map<string, number>();
        for (const { term, w } of expanded) if (set.has(term) && w > (got.get(term) ?? 0)) got.set(term, w);
        for (const [term, w] of got) rec += w * this.idf(this.postings.get(term)!.docs.length);
        rec = Math.min(1, rec / idfSum) * trust;
      }
      if (rec > bestRecall) bestRecall = rec;
    }
    return [best, bestRecall, exact];
  }
}

/** Question similarity at which the query is the question, all terms matched exactly and nothing else. */
const EXACT_DICE = 0.999;

/** Where entry `d` is in a posting list (ascending), or -1: the entry's term frequencies without a map per entry. */
function indexOfDoc(docs: readonly number[], d: number): number {
  let lo = 0, hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1, x = docs[mid]!;
    if (x === d) return mid;
    if (x < d) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter === 0 ? 0 : inter / (a.size + b.size - inter);
}

export function stripMarkdown(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_`#>|~-]+/g, ' ');
}
