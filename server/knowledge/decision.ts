// The decision policy: one ranking by one score, and what the bot does with it. The runner-up
// (another entry) must be clearly behind before the bot answers or asks to confirm: three entries
// within a few hundredths of each other are a choice for the visitor, not an answer.
import type { Decision, KbEntry, MatchConfig, RankedEntry } from './types.ts';

/** Maximum number of suggestions offered (`suggest`, `none`), and besides the entry to confirm. */
export const MAX_SUGGESTIONS = 3;
export const MAX_CONFIRM_SUGGESTIONS = 2;

export interface PolicyResult {
  decision: Exclude<Decision, 'human'>;
  entry: KbEntry | null;
  score: number;
  suggestions: KbEntry[];
}

/**
 * Decide from a ranking sorted by score, best first. `asked`: the entries that the question sentences
 * of a longer message pick one by one; when they are two or more different entries, the message asks
 * several things and gets them offered, not one of them answered.
 */
export function decide(ranked: readonly RankedEntry[], config: MatchConfig, asked: readonly KbEntry[] = []): PolicyResult {
  const top = ranked[0];
  if (!top) return { decision: 'none', entry: null, score: 0, suggestions: [] };
  if (new Set(asked).size >= 2 && top.score >= config.offerThreshold) {
    const offer = [...new Set([...asked, ...ranked.filter((r) => r.score >= config.offerThreshold).map((r) => r.entry)])].slice(0, MAX_SUGGESTIONS);
    return { decision: 'suggest', entry: null, score: top.score, suggestions: offer };
  }
  const lead = top.score - (ranked[1]?.score ?? 0);
  const floor = config.offerThreshold;
  const others = ranked.slice(1).filter((r) => r.score >= floor).map((r) => r.entry);
  if (top.score >= config.answerThreshold && lead >= config.answerMargin) {
    return { decision: 'answer', entry: top.entry, score: top.score, suggestions: [] };
  }
  if (top.score >= config.confirmThreshold && lead >= config.confirmMargin) {
    return { decision: 'confirm', entry: top.entry, score: top.score, suggestions: others.slice(0, MAX_CONFIRM_SUGGESTIONS) };
  }
  const offer = [top.entry, ...others].slice(0, MAX_SUGGESTIONS);
  if (top.score >= config.suggestThreshold) return { decision: 'suggest', entry: null, score: top.score, suggestions: offer };
  return { decision: 'none', entry: null, score: top.score, suggestions: top.score >= floor ? offer : [] };
}
