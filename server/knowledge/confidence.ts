// The confidence model: one calibrated score per candidate, the score the engine ranks by,
// decides by and shows to editors.
import type { Candidate } from './engine.ts';

/**
 * Scale-free retrieval features of a candidate (all about 0..1 or a small log):
 * - qSim: idf-weighted Dice overlap with the entry's best-matching question;
 * - coverage / qCoverage: share of the query's idf mass found anywhere in the entry / in its questions;
 * - lead, behind: the candidate's retrieval-score lead over the best other candidate, or how far it
 *   is behind the best one (relative to max(score, marginFloor)); the lead counts as far as the query is covered;
 * - shortLength: for short queries (fewer than `longMessageTerms` terms) ln(1 + terms), capped —
 *   one or two words that half match are weaker evidence than a sentence;
 * - longRecall: for long messages, question recall × ln(1 + terms): how much of one of the entry's
 *   questions the message contains (a long message buries its question in greeting and context);
 * - long: 1 for long messages;
 * - maxMiss: idf (relative to the rarest) of the most specific query term the entry lacks;
 * - typeMatch: +1 / −1 when query and entry ask for the same / a different kind of answer;
 * - gram: character-trigram similarity with the entry's questions;
 * - negMismatch: the query is negated and the entry's questions are not, or the other way round;
 * - contrast: the query asks for an action whose opposite the entry's questions ask for;
 * - exact: the query is one of the entry's questions, word for word after normalization.
 */
export const FEATURES = ['qSim', 'coverage', 'qCoverage', 'lead', 'behind', 'shortLength', 'longRecall', 'long', 'maxMiss', 'typeMatch', 'gram', 'negMismatch', 'contrast', 'exact'] as const;
export type Feature = (typeof FEATURES)[number];

export interface ConfidenceModel {
  weights: Readonly<Record<Feature, number>>;
  bias: number;
  longMessageTerms: number;
  marginFloor: number;
  queryLengthCap: number;
}

/**
 * Logistic regression of "this candidate is the right entry" over FEATURES, fitted with
 * leave-one-domain-out validation over every domain we have (bench/calibrate.ts; figures in the
 * knowledge README).
 */
export const CONFIDENCE_MODEL: ConfidenceModel = Object.freeze({
  weights: Object.freeze({ qSim: 1.649, coverage: 2.138, qCoverage: 0.381, lead: 4.078, behind: -4.779, shortLength: 1.011, longRecall: 1.089, long: 1.619, maxMiss: 0.987, typeMatch: -0.116, gram: 1.567, negMismatch: 0.18, contrast: -3, exact: 3 }),
  bias: -4.995,
  longMessageTerms: 8,
  marginFloor: 0.5,
  queryLengthCap: 6,
});

/** The feature vector of a candidate (in FEATURES order). `runnerUp` is the best other candidate. */
export function features(c: Candidate, runnerUp: Candidate | undefined, queryTerms: number, m: ConfidenceModel = CONFIDENCE_MODEL): number[] {
  const long = queryTerms >= m.longMessageTerms;
  const other = runnerUp?.score ?? 0;
  const lead = Math.max(0, (c.score - other) / Math.max(c.score, m.marginFloor));
  const behind = Math.max(0, (other - c.score) / Math.max(other, m.marginFloor));
  return [
    c.qSim,
    c.coverage,
    c.qCoverage,
    lead * c.coverage,
    behind,
    long ? 0 : Math.log(1 + Math.min(queryTerms, m.queryLengthCap)),
    long ? c.qRecall * Math.log(1 + queryTerms) : 0,
    long ? 1 : 0,
    c.maxMiss,
    c.typeMatch,
    c.gram,
    c.negMismatch,
    c.contrast,
    c.exact,
  ];
}

/** A feature vector turned into a confidence in 0..1. */
export function scoreFeatures(x: readonly number[], m: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = m.bias;
  FEATURES.forEach((f, i) => { z += m.weights[f] * x[i]; });
  return 1 / (1 + Math.exp(-z));
}

/** Features of a candidate turned into one confidence in 0..1. */
export function confidence(c: Candidate, runnerUp: Candidate | undefined, queryTerms: number, m: ConfidenceModel = CONFIDENCE_MODEL): number {
  return scoreFeatures(features(c, runnerUp, queryTerms, m), m);
}
