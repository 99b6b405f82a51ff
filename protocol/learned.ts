// The middle band and learned wordings. When the bot's best entry is clearly ahead but not sure
// enough to answer, it asks "Is this what you mean?" (a `confirm` message); the visitor's choice
// (`choose`, a `choice` message) is evidence that their wording means that entry, and so is an
// agent answering a handed-off question with the entry's FAQ answer. Editors accept such learned
// wordings into the entry's file, or reject them.
//   GET  /api/kb/learned → {wordings: LearnedWordingInfo[]} (pending first, by evidence)
//   POST /api/kb/learned/:id/accept → {wording, saved: KbSaved | null} (409 KbConflict when the file changed)
//   POST /api/kb/learned/:id/reject → {wording}
import type { Locale, Suggestion } from './index.ts';

export interface ConfirmMeta {
  type: 'confirm';
  entryId: string;
  /** The entry's first question, as the visitor sees it. */
  title: string;
  score: number;
  /** What "No, something else" offers (may be empty: then the person button). */
  suggestions: Suggestion[];
}

export interface ChoiceMeta {
  type: 'choice';
  /** The bot message chosen on. */
  messageId: string;
  /** The entry chosen; null: "No, something else". */
  entryId: string | null;
  /** 'confirm': on a middle-band message; 'suggestion': one of the suggestions. */
  on: 'confirm' | 'suggestion';
}

export type LearnedStatus = 'pending' | 'accepted' | 'rejected';

export interface LearnedWordingInfo {
  id: string;
  /** The wording as a visitor wrote it (the latest example). */
  text: string;
  normalized: string;
  entryId: string;
  /** The entry's first question (null: the entry no longer exists). */
  entryTitle: string | null;
  locale: Locale;
  /** Pieces of evidence that still count (a pick followed by a request for a person does not). */
  evidence: number;
  /** Different visitors among them. */
  visitors: number;
  status: LearnedStatus;
  /** Whether the bot already uses it before an editor accepts it (PORSAN_KB_AUTO_LEARN). */
  auto: boolean;
  lastAt: string;
}
