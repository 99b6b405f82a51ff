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

export interface Answer {
  /** human = the visitor asked for a person */
  decision: 'answer' | 'suggest' | 'human' | 'none';
  /** the language used: given, or inferred from the text when not given / clearly another language */
  locale: Locale;
  /** the entry answered with ('answer'), or the KB's own talk-to-a-person entry for 'human' if it has one */
  entry: KbEntry | null;
  /** calibrated confidence 0..1 of the top candidate */
  score: number;
  /** up to 3 near candidates for 'suggest' (may be filled for 'none'), never including `entry` */
  suggestions: KbEntry[];
}

export interface MatchConfig {
  /** confidence at or above which the bot answers with the top entry */
  answerThreshold: number;
  /** confidence at or above which (and below answerThreshold) the bot offers suggestions */
  suggestThreshold: number;
}
