// Calibration of the confidence model and the decision thresholds with leave-one-domain-out
// validation. The retrieval evidence of every query is computed once; models and thresholds are
// then tried on it in memory (the same scoring and policy code the engine runs).
//   tsx bench/calibrate.ts            fit, print the leave-one-out figures and the model to ship
import { CONFIDENCE_MODEL, FEATURES, features, type ConfidenceModel } from '../server/knowledge/confidence.ts';
import { decide } from '../server/knowledge/decision.ts';
import { detectHumanRequest } from '../server/knowledge/human.ts';
import { ANSWER_CANDIDATES, askedEntries, DEFAULT_MATCH_CONFIG, KnowledgeBase, scoreEvidence, type Evidence } from '../server/knowledge/knowledge-base.ts';
import type { MatchConfig } from '../server/knowledge/types.ts';
import { domains, loadDomain, type EvalQuery } from './domains.ts';

export interface Case { domain: string; query: EvalQuery; human: boolean; ev: Evidence }

const right = (q: EvalQuery, id: string | undefined | null) => id != null && (id === q.expect || (q.accept ?? []).includes(id));

/** Retrieval evidence of every query of every domain present. */
export async function collectCases(): Promise<{ names: string[]; cases: Case[] }> {
  const names: string[] = [], cases: Case[] = [];
  for (const d of domains()) {
    const ld = await loadDomain(d);
    const kb = new KnowledgeBase(ld.entries);
    names.push(d.name);
    for (const query of ld.queries) {
      const ev = kb.evidence(query.q, query.locale);
      cases.push({ domain: d.name, query, human: detectHumanRequest(ev.text, ev.locale, query.q).human, ev });
    }
  }
  return { names, cases };
}

/** Training rows: every retrieved candidate of every non-human query; each domain weighs the same. */
function rows(cases: readonly Case[], m: ConfidenceModel, depth: number): { x: number[][]; y: number[]; w: number[] } {
  const perDomain = new Map<string, number>();
  for (const c of cases) perDomain.set(c.domain, (perDomain.get(c.domain) ?? 0) + 1);
  const x: number[][] = [], y: number[] = [], w: number[] = [];
  for (const c of cases) {
    if (c.human || c.query.kind === 'human') continue;
    const cs = c.ev.candidates;
    cs.slice(0, depth).forEach((cand, i) => {
      x.push(features(cand, i === 0 ? cs[1] : cs[0], c.ev.terms.length, m));
      y.push(right(c.query, cand.entry.id) ? 1 : 0);
      w.push(100 / perDomain.get(c.domain)!);
    });
  }
  return { x, y, w };
}

/** L2-regularized logistic regression by Newton's method (bias unpenalized). */
export function fitLogistic(x: number[][], y: number[], w: number[], l2: number, offset: number[] = []): { coef: number[]; bias: number } {
  const k = x[0]?.length ?? 0;
  let beta = new Array(k + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array(k + 1).fill(0);
    const H = Array.from({ length: k + 1 }, () => new Array(k + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = [...x[i], 1];
      let z = offset[i] ?? 0;
      for (let j = 0; j <= k; j++) z += beta[j] * xi[j];
      const p = 1 / (1 + Math.exp(-z));
      const r = w[i] * (p - y[i]), s = w[i] * p * (1 - p);
      for (let a = 0; a <= k; a++) {
        g[a] += r * xi[a];
        for (let b = 0; b <= a; b++) H[a][b] += s * xi[a] * xi[b];
      }
    }
    for (let a = 0; a < k; a++) { g[a] += l2 * beta[a]; H[a][a] += l2; }
    for (let a = 0; a <= k; a++) for (let b = a + 1; b <= k; b++) H[a][b] = H[b][a];
    const step = solve(H, g);
    beta = beta.map((v, j) => v - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { coef: beta.slice(0, k), bias: beta[k] };
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / d;
      if (f) for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return M.map((row, i) => row[n] / (row[i] || 1e-12));
}

/** Rows per query: its first `FIT_DEPTH` candidates in retrieval order (the ones a decision is about). */
export let FIT_DEPTH = 3;
export function setFitDepth(d: number): void { FIT_DEPTH = d; }

/**
 * Weights set by rule, not fitted: too few queries show them for a fit, and what they mean is
 * clear — an entry asking for the opposite action is never the answer on its own, and a query that
 * is one of the entry's own questions is answered by it.
 */
export const FIXED_WEIGHTS: Partial<Record<(typeof FEATURES)[number], number>> = { contrast: -3, exact: 3 };

export function fitModel(cases: readonly Case[], l2 = 1): ConfidenceModel {
  const { x, y, w } = rows(cases, CONFIDENCE_MODEL, FIT_DEPTH);
  const free = FEATURES.map((f, i) => [f, i] as const).filter(([f]) => FIXED_WEIGHTS[f] === undefined);
  const offset = x.map((row) => FEATURES.reduce((z, f, i) => z + (FIXED_WEIGHTS[f] ?? 0) * row[i], 0));
  const fit = fitLogistic(x.map((row) => free.map(([, i]) => row[i])), y, w, l2, offset);
  const coef = FEATURES.map((f) => FIXED_WEIGHTS[f] ?? fit.coef[free.findIndex(([g]) => g === f)]);
  const bias = fit.bias;
  const weights = Object.fromEntries(FEATURES.map((f, i) => [f, round(coef[i])])) as Record<(typeof FEATURES)[number], number>;
  return { ...CONFIDENCE_MODEL, weights, bias: round(bias) };
}

export interface DomainFigures { n: number; inScope: number; right: number; wrong: number; oos: number; oosAnswered: number; offered: number; confirm: number; confirmRight: number; suggest: number; oosConfirm: number }

/** The engine's decisions on the cases under a model and config, per domain. */
export function figures(cases: readonly Case[], model: ConfidenceModel, config: MatchConfig): Map<string, DomainFigures> {
  const out = new Map<string, DomainFigures>();
  for (const c of cases) {
    let f = out.get(c.domain);
    if (!f) { f = { n: 0, inScope: 0, right: 0, wrong: 0, oos: 0, oosAnswered: 0, offered: 0, confirm: 0, confirmRight: 0, suggest: 0, oosConfirm: 0 }; out.set(c.domain, f); }
    f.n++;
    const ranked = scoreEvidence(c.ev, model).slice(0, ANSWER_CANDIDATES).map((r) => ({ entry: r.entry, score: r.confidence }));
    const d = c.human ? null : decide(ranked, config, askedEntries(c.ev));
    const id = c.human ? c.query.expect /* scored by the person-request figures */ : d!.decision === 'answer' ? d!.entry!.id : null;
    if (c.query.expect === null) {
      f.oos++;
      if (c.human || id !== null) f.oosAnswered++;
      if (d?.decision === 'confirm') f.oosConfirm++;
      continue;
    }
    f.inScope++;
    if (right(c.query, id)) { f.right++; f.offered++; continue; }
    if (id !== null) { f.wrong++; continue; }
    if (!d) continue;
    const offered = d.decision === 'confirm' ? [d.entry!, ...d.suggestions] : d.suggestions;
    if (offered.some((e) => right(c.query, e.id))) f.offered++;
    if (d.decision === 'confirm') { f.confirm++; if (right(c.query, d.entry!.id)) f.confirmRight++; }
    else if (d.suggestions.length) f.suggest++;
  }
  return out;
}

/** Bounds the worst domain must keep. */
export const TARGET = { maxWrong: 0.01, maxOos: 0.03 };

const ANSWER_GRID = Array.from({ length: 46 }, (_, i) => 0.5 + i * 0.01);
const MARGIN_GRID = [0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3];

interface Point { answerThreshold: number; answerMargin: number }

/**
 * The answer operating point: among the points where every domain keeps wrong ≤ 1% and
 * out-of-scope answered ≤ 3% (judged per domain by `scorer`), the one with the best mean share of
 * right answers (ties: the best worst domain, then the stricter point).
 */
export function chooseAnswerPoint(evaluate: (p: Point) => Map<string, DomainFigures>): Point & { feasible: boolean } {
  let best: (Point & { mean: number; min: number; feasible: boolean; excess: number }) | null = null;
  for (const answerMargin of MARGIN_GRID) {
    for (const answerThreshold of ANSWER_GRID) {
      const figs = [...evaluate({ answerThreshold, answerMargin }).values()];
      const worstWrong = Math.max(...figs.map((f) => f.wrong / Math.max(1, f.inScope)));
      const worstOos = Math.max(...figs.map((f) => f.oosAnswered / Math.max(1, f.oos)));
      // (when no point keeps the bounds, the one that exceeds them least)
      const excess = Math.max(0, worstWrong - TARGET.maxWrong) + Math.max(0, worstOos - TARGET.maxOos);
      const feasible = excess === 0;
      const rates = figs.map((f) => f.right / Math.max(1, f.inScope));
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length, min = Math.min(...rates);
      const cand = { answerThreshold, answerMargin, mean, min, feasible, excess };
      const better = !best || excess < best.excess - 1e-9
        || (Math.abs(excess - best.excess) < 1e-9 && (mean > best.mean + 1e-9 || (Math.abs(mean - best.mean) < 1e-9 && min > best.min + 1e-9)));
      if (better) best = cand;
    }
  }
  return { answerThreshold: best!.answerThreshold, answerMargin: best!.answerMargin, feasible: best!.feasible };
}

/** Leave-one-domain-out: each domain scored by the model and answer point fitted on the others. */
export function leaveOneOut(names: readonly string[], cases: readonly Case[], base: MatchConfig = DEFAULT_MATCH_CONFIG, l2 = 1): Map<string, DomainFigures & { point: Point }> {
  const out = new Map<string, DomainFigures & { point: Point }>();
  for (const held of names) {
    const train = cases.filter((c) => c.domain !== held), test = cases.filter((c) => c.domain === held);
    const model = fitModel(train, l2);
    const point = chooseAnswerPoint((p) => figures(train, model, { ...base, ...p }));
    out.set(held, { ...figures(test, model, { ...base, ...point }).get(held)!, point });
  }
  return out;
}

/**
 * The operating point chosen by the worst held-out domain: every domain scored by its own
 * leave-one-out model, and the point that keeps the bounds on all of them.
 */
export function chooseByHeldOut(names: readonly string[], cases: readonly Case[], base: MatchConfig = DEFAULT_MATCH_CONFIG, l2 = 1): Point & { feasible: boolean } {
  const models = new Map(names.map((n) => [n, fitModel(cases.filter((c) => c.domain !== n), l2)]));
  return chooseAnswerPoint((p) => {
    const out = new Map<string, DomainFigures>();
    for (const n of names) out.set(n, figures(cases.filter((c) => c.domain === n), models.get(n)!, { ...base, ...p }).get(n)!);
    return out;
  });
}

const CONFIRM_GRID = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
const CONFIRM_MARGINS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4];
/** The middle band must be right this often (pooled over the held-out domains) … */
export const CONFIRM_PRECISION = 0.8;

/**
 * The middle band: with the answer point fixed, the confirm point that puts the most right entries
 * to confirmation while at least CONFIRM_PRECISION of the entries put to confirmation are right.
 */
export function chooseConfirmPoint(evaluate: (p: { confirmThreshold: number; confirmMargin: number }) => Map<string, DomainFigures>): { confirmThreshold: number; confirmMargin: number; precision: number } {
  let best = { confirmThreshold: 0.6, confirmMargin: 0.2, precision: 0, right: -1 };
  for (const confirmMargin of CONFIRM_MARGINS) {
    for (const confirmThreshold of CONFIRM_GRID) {
      const figs = [...evaluate({ confirmThreshold, confirmMargin }).values()];
      const right = figs.reduce((n, f) => n + f.confirmRight, 0), all = figs.reduce((n, f) => n + f.confirm + f.oosConfirm, 0);
      const precision = all ? right / all : 1;
      if (precision >= CONFIRM_PRECISION && right > best.right) best = { confirmThreshold, confirmMargin, precision, right };
    }
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1]?.endsWith('bench/calibrate.ts')) {
  const { names, cases } = await collectCases();
  const l2 = Number(process.argv[2] ?? 1);
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : 'n/a').padStart(6);
  console.log(`domains: ${names.join(', ')} (${cases.length} queries); L2 ${l2}`);
  const lodo = leaveOneOut(names, cases, DEFAULT_MATCH_CONFIG, l2);
  console.log('leave-one-domain-out (model + answer point fitted on the other domains):');
  console.log('domain     right  wrong  oos-ans offered confirm  point');
  for (const [n, f] of lodo) console.log(`${n.padEnd(9)} ${pct(f.right, f.inScope)} ${pct(f.wrong, f.inScope)} ${pct(f.oosAnswered, f.oos)} ${pct(f.offered, f.inScope)} ${pct(f.confirm, f.inScope)}  ${f.point.answerThreshold.toFixed(2)}/${f.point.answerMargin}`);
  const point = chooseByHeldOut(names, cases, DEFAULT_MATCH_CONFIG, l2);
  const model = fitModel(cases, l2);
  console.log(`\noperating point by the worst held-out domain: answer ≥ ${point.answerThreshold.toFixed(2)}, lead ≥ ${point.answerMargin}${point.feasible ? '' : ' (NO point keeps the bounds on every domain: best effort)'}`);
  const models = new Map(names.map((n) => [n, fitModel(cases.filter((c) => c.domain !== n), l2)]));
  const confirm = chooseConfirmPoint((p) => new Map(names.map((n) => [n, figures(cases.filter((c) => c.domain === n), models.get(n)!, { ...DEFAULT_MATCH_CONFIG, ...point, ...p }).get(n)!])));
  console.log(`middle band (held-out precision ≥ ${CONFIRM_PRECISION}): confirm ≥ ${confirm.confirmThreshold}, lead ≥ ${confirm.confirmMargin} (held-out precision ${(100 * confirm.precision).toFixed(1)}%)`);
  console.log('model fitted on all domains:');
  console.log(JSON.stringify({ weights: model.weights, bias: model.bias }));
  const all = figures(cases, model, { ...DEFAULT_MATCH_CONFIG, ...point });
  for (const [n, f] of all) console.log(`${n.padEnd(9)} ${pct(f.right, f.inScope)} ${pct(f.wrong, f.inScope)} ${pct(f.oosAnswered, f.oos)} ${pct(f.offered, f.inScope)} ${pct(f.confirm, f.inScope)}`);
}
