// Public data types of the knowledge-base engine (re-exported by index.ts).
import type { Locale } from '../../protocol/index.ts';

export interface KbEntry {
  id: string;
  locale: Locale;
  questions: string[];
  tags: string[];
  /** markdown body */
  answer: string;
  /** path of the source file */
  file: string;
}

export interface KbIssue {
  file: string;
  line: number | null;
  message: string;
}

/**
 * What the bot does with a message:
 * - `answer`: it answers with `entry`;
 * - `confirm` (the middle band): `entry` is clearly ahead of every other entry but not sure enough
 *   to answer outright: ask the visitor "did you mean …?" with `entry`, and offer `suggestions`;
 * - `suggest`: several entries are close; offer `suggestions` (best first);
 * - `human`: the visitor asked for a person (`entry` is the KB's own talk-to-a-person entry, if any);
 * - `none`: nothing fits (`suggestions` may still hold weak candidates).
 */
export type Decision = 'answer' | 'confirm' | 'suggest' | 'human' | 'none';

/** One entry of the ranking with the one score the engine ranks, shows and decides by. */
export interface RankedEntry {
  entry: KbEntry;
  /** calibrated confidence 0..1 that this entry answers the message */
  score: number;
}

export interface Answer {
  decision: Decision;
  /** the language used: given, or inferred from the text when not given / clearly another language */
  locale: Locale;
  /** the entry answered with (`answer`), to confirm (`confirm`), or the KB's human entry (`human`) */
  entry: KbEntry | null;
  /** the score of the top candidate (for `human`: how explicit the request was) */
  score: number;
  /** entries to offer, best first, never including `entry`: up to 3 for `suggest` (may be filled for `none`), up to 2 for `confirm` */
  suggestions: KbEntry[];
  /** the ranking behind the decision, best first, in the message's language (up to 5; empty for `human`) */
  candidates: RankedEntry[];
}

/** The decisions of callers that do not show the middle band: `confirm` is folded into `suggest`. */
export type LegacyDecision = Exclude<Decision, 'confirm'>;
/** `Answer` with `confirm` folded into `suggest` (entry first among the suggestions): see `toLegacyAnswer`. */
export interface LegacyAnswer extends Omit<Answer, 'decision'> {
  decision: LegacyDecision;
}

/** A wording of an entry learned at run time (e.g. confirmed by visitors), matched like one of its questions. */
export interface LearnedWording {
  entryId: string;
  text: string;
}

export interface MatchConfig {
  /** score at or above which the bot answers with the top entry (when it leads by `answerMargin`) */
  answerThreshold: number;
  /** the runner-up (another entry) must be at least this far below the top entry for an answer */
  answerMargin: number;
  /** score at or above which a top entry that leads by `confirmMargin` is offered for confirmation */
  confirmThreshold: number;
  /** lead over the runner-up needed for the middle band */
  confirmMargin: number;
  /** score at or above which (and below the answer) the bot offers suggestions */
  suggestThreshold: number;
  /** entries below this score are never offered (as suggestions or alongside an entry to confirm) */
  offerThreshold: number;
}
