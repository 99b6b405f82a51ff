// Saved replies in the composer: which one the agent is asking for (`/ship` before the caret) and
// its text with the names filled in: {visitor}, {agent}, and {visitor|there} with a word for
// when the visitor gave no name. Pure functions, unit-tested.
import type { SavedReply } from '../../../protocol/index.ts';

/** `/query` right before the caret, at the start of the text or after a space: its query and where it starts. */
export function slashQuery(text: string, caret: number): { query: string; start: number } | null {
  const m = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  return m ? { query: m[2]!.toLowerCase(), start: caret - m[2]!.length - 1 } : null;
}

/** Replies whose shortcut starts with the query first, then those whose title contains it. */
export function matchReplies(replies: SavedReply[], query: string): SavedReply[] {
  const q = query.toLowerCase();
  const byShortcut = replies.filter((r) => r.shortcut.startsWith(q));
  const byTitle = q ? replies.filter((r) => !r.shortcut.startsWith(q) && r.title.toLowerCase().includes(q)) : [];
  return [...byShortcut, ...byTitle].slice(0, 8);
}

export function fillReply(body: string, names: { visitor: string | null; agent: string }): string {
  return body.replace(/\{(visitor|agent)(?:\|([^}]*))?\}/g, (_, which: string, fallback: string | undefined) => (which === 'agent' ? names.agent : names.visitor) || fallback || '').replace(/ +([,،.!?؟])/g, '$1');
}

/** The text with `/query` (from `start` to the caret) replaced by the reply; and where the caret goes. */
export function insertReply(text: string, start: number, caret: number, filled: string): { text: string; caret: number } {
  const next = text.slice(0, start) + filled + text.slice(caret);
  return { text: next, caret: start + filled.length };
}
