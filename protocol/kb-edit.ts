// Editing the knowledge base from the console (editors and admins). The markdown files stay the
// source of truth: saving writes `<kb>/<locale>/<id>.md`, the server's hot reload applies it. A
// save names the hash of the file it started from; if the file changed meanwhile (another editor,
// a git pull), it is refused with the current version, never silently overwritten.
//   GET    /api/kb/entries/:id → KbEntryFile
//   POST   /api/kb/entries {entry} → KbSaved (409 when the id is taken)
//   PUT    /api/kb/entries/:id {entry, baseHash} → KbSaved (409 KbConflict when the file changed)
//   DELETE /api/kb/entries/:id {baseHash} → 204 (409 KbConflict)
//   POST   /api/kb/preview {entry} → KbPreview (validation and the answer as the widget shows it)
import type { KbIssueInfo, Locale, RichBlock } from './index.ts';

export interface KbEntryDraft {
  id: string;
  locale: Locale;
  questions: string[];
  tags: string[];
  /** Markdown. */
  answer: string;
}

export interface KbEntryFile {
  entry: KbEntryDraft;
  /** sha256 of the file as it is on disk. */
  hash: string;
  /** Relative to the knowledge-base folder, e.g. `fa/shipping-time-fa.md`. */
  file: string;
}

export interface KbSaved {
  hash: string;
  file: string;
  /** Whether the running bot already answers with the new version (the reload was seen). */
  live: boolean;
}

export interface KbConflict {
  error: 'conflict';
  message: string;
  /** The file as it is now (null: it was deleted). */
  current: KbEntryFile | null;
}

export interface KbPreview {
  /** Problems that would stop the save (the same checks the server's loader makes). */
  issues: KbIssueInfo[];
  /** The answer as the widget will render it. */
  rich: RichBlock[];
  /** The file that would be written. */
  text: string;
}
