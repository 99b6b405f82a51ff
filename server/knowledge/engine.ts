// Retrieval: per-locale inverted index with BM25F over normalized, stemmed terms (questions
// weighted above tags above answer text), a character-trigram similarity for robustness, and
// fuse.js fuzzy expansion of query terms the index has never seen (typos), cached.
import Fuse from 'fuse.js';
import type { Locale } from '../../protocol/index.ts';
import { analyze } from './normalize.ts';
import { persianSkeleton } from './language.ts';
import type { KbEntry } from './types.ts';

/** Retrieval parameters. General IR defaults, not fitted to any data set. */
export const RETRIEVAL = {
  /** BM25 term-frequency saturation and length normalization. */
  k1: 1.2,
  b: 0.75,
  /** Field weights: the questions are what visitors paraphrase, the answer text adds vocabulary. */
  fieldWeight: { questions: 1.0, tags: 0.5, answer: 0.3 },
  /** Weight of the character-trigram similarity added to the normalized BM25 score. */
  ngramWeight: 0.35,
  /** Fuzzy expansion: fuse.js score cut-off (0 = exact, 1 = anything) and how many expansions per term. */
  fuzzyMaxScore: 0.34,
  fuzzyMaxExpansions: 2,
  /** Terms shorter than this are never fuzzy-expanded (too ambiguous). */
  fuzzyMinLength: 3,
  /** How many vocabulary terms the trigram pre-filter hands to fuse.js. */
  fuzzyCandidates: 24,
  /** Weight of query terms unknown to the KB in the coverage denominator (0 = ignore, 1 = full idf). */
  unknownTermWeight: 0.5,
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
}

export interface SearchResult {
  terms: string[];
  /** query terms not in the vocabulary (after fuzzy expansion failed) */
  unknown: string[];
  candidates: Candidate[];
}

function grams(word: string): string[] {
  const w = `#${word}#`;
  if (w.length <= 3) return [w];
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

export class LocaleIndex {
  readonly locale: Locale;
  readonly entries: KbEntry[];
  private postings = new Map<string, Posting>();
  private gramPostings = new Map<string, GramPosting>();
  private lenQ: Float64Array; private lenT: Float64Array; private lenA: Float64Array; private lenG: Float64Array;
  private avgQ = 1; private avgT = 1; private avgA = 1;
  private questionTerms: string[][][] = [];
  /** surface words (for language inference) */
  readonly words = new Set<string>();
  private vocab: string[] = [];
  private vocabGrams = new Map<string, number[]>();
  private fuzzyCache = new Map<string, Array<[string, number]>>();
  private skeletons = new Map<string, { word: string; n: number }>();

  constructor(locale: Locale, entries: KbEntry[]) {
    this.locale = locale;
    this.entries = entries;
    const n = entries.length;
    this.lenQ = new Float64Array(n); this.lenT = new Float64Array(n); this.lenA = new Float64Array(n); this.lenG = new Float64Array(n);
    const wordFreq = new Map<string, number>();
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
      for (const q of e.questions) {
        const a = analyze(q, locale);
        qts.push(a.terms);
        add(a.terms, 0);
        this.lenQ[d] += a.terms.length;
        for (const w of a.words) {
          this.words.add(w);
          wordFreq.set(w, (wordFreq.get(w) ?? 0) + 2);
          for (const g of grams(w)) gtf.set(g, (gtf.get(g) ?? 0) + 1);
        }
      }
      this.questionTerms.push(qts);
      const tagTerms = e.tags.flatMap((t) => analyze(t.replace(/[-_]/g, ' '), locale).terms);
      add(tagTerms, 1);
      this.lenT[d] = tagTerms.length;
      const ans = analyze(stripMarkdown(e.answer), locale);
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
    const avg = (a: Float64Array) => (a.length ? Math.max(1e-9, a.reduce((x, y) => x + y, 0) / a.length) : 1);
    this.avgQ = avg(this.lenQ); this.avgT = Math.max(1, avg(this.lenT)); this.avgA = Math.max(1, avg(this.lenA));
    this.vocab = [...this.postings.keys()];
    this.vocab.forEach((t, i) => {
      for (const g of grams(t)) {
        let l = this.vocabGrams.get(g);
        if (!l) { l = []; this.vocabGrams.set(g, l); }
        l.push(i);
      }
    });
    if (locale === 'fa') {
      for (const [w, f] of wordFreq) {
        const sk = persianSkeleton(w);
        if (sk.length < 2) continue;
        const cur = this.skeletons.get(sk);
        if (!cur || f > cur.n) this.skeletons.set(sk, { word: w, n: f });
      }
    }
  }

  get size(): number { return this.entries.length; }

  hasWord(w: string): boolean { return this.words.has(w); }

  bySkeleton(sk: string): string | undefined { return this.skeletons.get(sk)?.word; }

  idf(df: number): number {
    const n = this.entries.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Known vocabulary terms close to an unknown term (typo tolerance), via trigram pre-filter + fuse.js. */
  fuzzy(term: string): Array<[string, number]> {
    const cached = this.fuzzyCache.get(term);
    if (cached) return cached;
    let result: Array<[string, number]> = [];
    if (term.length >= RETRIEVAL.fuzzyMinLength && !/^\d+$/.test(term)) {
      const counts = new Map<number, number>();
      for (const g of grams(term)) {
        const l = this.vocabGrams.get(g);
        if (!l || l.length > 2000) continue;
        for (const i of l) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const pool = [...counts.entries()]
        .filter(([i]) => Math.abs(this.vocab[i].length - term.length) <= 2)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, RETRIEVAL.fuzzyCandidates)
        .map(([i]) => this.vocab[i]);
      if (pool.length) {
        const fuse = new Fuse(pool, { includeScore: true, threshold: RETRIEVAL.fuzzyMaxScore, ignoreLocation: true, minMatchCharLength: 2, isCaseSensitive: true });
        result = fuse
          .search(term)
          .filter((r) => (r.score ?? 1) <= RETRIEVAL.fuzzyMaxScore)
          // penalize length differences fuse ignores (a term matching inside a longer word)
          .map((r): [string, number] => [r.item, (1 - (r.score ?? 1)) * (1 - 0.15 * Math.abs(r.item.length - term.length))])
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, RETRIEVAL.fuzzyMaxExpansions);
      }
    }
    if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(term, result);
    return result;
  }

  search(text: string, limit = RETRIEVAL.rerankDepth): SearchResult {
    const { terms, words } = analyze(text, this.locale);
    const uniq = [...new Set(terms)];
    const n = this.entries.length;
    const unknown: string[] = [];
    // expanded query: term → (weight, original term index)
    const expanded: Array<{ term: string; w: number; src: number }> = [];
    const srcIdf: number[] = [];
    uniq.forEach((t, i) => {
      const p = this.postings.get(t);
      if (p) {
        expanded.push({ term: t, w: 1, src: i });
        srcIdf.push(this.idf(p.docs.length));
      } else {
        const fz = this.fuzzy(t);
        if (fz.length === 0) {
          unknown.push(t);
          srcIdf.push(this.idf(0) * RETRIEVAL.unknownTermWeight);
        } else {
          let maxIdf = 0;
          for (const [term, w] of fz) {
            expanded.push({ term, w, src: i });
            maxIdf = Math.max(maxIdf, this.idf(this.postings.get(term)!.docs.length));
          }
          srcIdf.push(maxIdf);
        }
      }
    });
    const denom = srcIdf.reduce((a, b) => a + b, 0) || 1;
    const scores = new Float64Array(n);
    const cov = new Map<number, Float64Array>(); // doc → per-src best match weight (any field)
    const qcov = new Map<number, Float64Array>(); // doc → per-src best match weight (questions)
    const { k1, b } = RETRIEVAL;
    const fw = RETRIEVAL.fieldWeight;
    for (const { term, w, src } of expanded) {
      const p = this.postings.get(term)!;
      const idf = this.idf(p.docs.length);
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j];
        const sat = (tf: number, len: number, avg: number) => (tf === 0 ? 0 : (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg)));
        const s = fw.questions * sat(p.tfQ[j], this.lenQ[d], this.avgQ) + fw.tags * sat(p.tfT[j], this.lenT[d], this.avgT) + fw.answer * sat(p.tfA[j], this.lenA[d], this.avgA);
        scores[d] += (w * idf * s) / denom;
        let c = cov.get(d);
        if (!c) { c = new Float64Array(uniq.length); cov.set(d, c); }
        c[src] = Math.max(c[src], w);
        if (p.tfQ[j] > 0) {
          let q = qcov.get(d);
          if (!q) { q = new Float64Array(uniq.length); qcov.set(d, q); }
          q[src] = Math.max(q[src], w);
        }
      }
    }
    // character trigrams of the query words vs. the questions
    const qg = new Map<string, number>();
    for (const w of words) for (const g of grams(w)) qg.set(g, (qg.get(g) ?? 0) + 1);
    let gDen = 0;
    const gramSim = new Map<number, number>();
    for (const [g] of qg) {
      const p = this.gramPostings.get(g);
      const idf = this.idf(p ? p.docs.length : 0);
      gDen += idf;
      if (!p || p.docs.length > n * 0.5) continue;
      for (let j = 0; j < p.docs.length; j++) gramSim.set(p.docs[j], (gramSim.get(p.docs[j]) ?? 0) + idf);
    }
    const touched = new Set<number>([...cov.keys(), ...gramSim.keys()]);
    const prelim: Array<[number, number]> = [];
    for (const d of touched) {
      const g = gDen > 0 ? (gramSim.get(d) ?? 0) / gDen : 0;
      prelim.push([d, scores[d] + RETRIEVAL.ngramWeight * g]);
    }
    prelim.sort((a, b2) => b2[1] - a[1] || a[0] - b2[0]);
    const candidates: Candidate[] = prelim.slice(0, limit).map(([d, score]) => {
      const c = cov.get(d), q = qcov.get(d);
      let coverage = 0, qCoverage = 0;
      for (let i = 0; i < uniq.length; i++) {
        if (c) coverage += c[i] * srcIdf[i];
        if (q) qCoverage += q[i] * srcIdf[i];
      }
      return {
        doc: d, entry: this.entries[d], score,
        coverage: coverage / denom, qCoverage: qCoverage / denom,
        qSim: this.questionSim(d, expanded, uniq.length, srcIdf),
        gram: gDen > 0 ? (gramSim.get(d) ?? 0) / gDen : 0,
      };
    });
    return { terms: uniq, unknown, candidates };
  }

  /** Best idf-weighted Dice overlap between the (expanded) query and a single question of the entry. */
  private questionSim(d: number, expanded: Array<{ term: string; w: number; src: number }>, nsrc: number, srcIdf: number[]): number {
    const qIdf = srcIdf.reduce((a, b) => a + b, 0);
    let best = 0;
    for (const qt of this.questionTerms[d]) {
      const set = new Set(qt);
      let qsum = 0;
      for (const t of set) qsum += this.idf(this.postings.get(t)?.docs.length ?? 0);
      const hit = new Float64Array(nsrc);
      for (const { term, w, src } of expanded) if (set.has(term)) hit[src] = Math.max(hit[src], w);
      let inter = 0;
      for (let i = 0; i < nsrc; i++) inter += hit[i] * srcIdf[i];
      const dice = qIdf + qsum > 0 ? (2 * inter) / (qIdf + qsum) : 0;
      best = Math.max(best, dice);
    }
    return best;
  }
}

export function stripMarkdown(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_`#>|~-]+/g, ' ');
}
