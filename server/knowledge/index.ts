// Knowledge-base engine: loads FAQ markdown files, answers visitor questions in fa / ar / en.
//
//   openKnowledge({ dir, watch }) → KnowledgeService
//   service.decide("می‌خوام بدونم سفارشم کی می‌رسه") → { decision, locale, entry, score, suggestions, candidates }
//
// Pipeline: language inference → (Finglish → Persian script) → human-request detection →
// per-language normalization/stemming → BM25F + trigram retrieval with typo channels
// → one calibrated score per candidate → answer / confirm / suggest / none (see decision.ts).
export type { Answer, Decision, KbEntry, KbIssue, LearnedWording, LegacyAnswer, LegacyDecision, MatchConfig, RankedEntry } from './types.ts';
export { normalizeForGrouping } from './normalize.ts';
export { loadKb, parseEntry } from './loader.ts';
export { CONFIDENCE_MODEL, confidence } from './confidence.ts';
export { MAX_SUGGESTIONS, MAX_CONFIRM_SUGGESTIONS, decide } from './decision.ts';
export {
  ANSWER_CANDIDATES, DEFAULT_MATCH_CONFIG, KnowledgeBase, LONG_MESSAGE_AGREEMENT, MAX_QUERY_CHARS, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT,
  toLegacyAnswer, type KbSearchHit, type Ranked, type Ranking,
} from './knowledge-base.ts';
export { RELOAD_DEBOUNCE_MS, keepLastGood, loadKnowledgeBase, openKnowledge, type KbLog, type KnowledgeService, type OpenKnowledgeOptions } from './service.ts';
export { latinSkeleton } from './language.ts';
