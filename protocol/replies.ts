// Saved replies: the team's snippets for the composer, separate from the FAQ's answers. Typing
// `/shortcut` in the composer inserts one; {visitor} and {agent} become the visitor's and the
// agent's names ({visitor|there}: "there" when the visitor gave no name).
//   GET /api/replies → {replies}                    (agents and admins)
//   POST /api/replies, PUT|DELETE /api/replies/:id  (admins)
export interface SavedReply {
  id: string;
  /** Without the slash: letters (any script), digits, "-" and "_". */
  shortcut: string;
  title: string;
  /** Markdown, with {visitor} and {agent} variables. */
  body: string;
  updatedAt: string;
}

export interface SavedReplyInput {
  shortcut: string;
  title: string;
  body: string;
}

export const REPLY_LIMITS = { shortcut: 32, title: 100, body: 4000, count: 500 } as const;
export const SHORTCUT_PATTERN = /^[\p{L}\p{N}_-]{1,32}$/u;
