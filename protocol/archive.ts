// The Conversations archive (agents and admins): every conversation, open or closed, found by
// filters and by words in its messages, each opening its transcript; exports for a filter.
//   GET /api/conversations?<filter>&before=<cursor>&limit=<n> → ArchivePage
//   GET /api/conversations/:id → ConversationDetail
//   GET /api/conversations/export?<filter>&format=csv|json → a file (one row per message / one object per conversation)
import type { ChatMessage, ConversationStatus, ConversationSummary, Locale, Resolution } from './index.ts';

export interface ArchiveFilter {
  status?: ConversationStatus;
  /** The agent who had it last. */
  agentId?: string;
  /** Started at or after this instant (ISO 8601). */
  from?: string;
  /** Started before this instant (ISO 8601). */
  to?: string;
  locale?: Locale;
  tag?: string;
  /** A score 1–5, or whether it was rated at all. */
  rating?: 1 | 2 | 3 | 4 | 5 | 'rated' | 'unrated';
  resolution?: Resolution;
  /** Words in its messages (any script; ی/ي, ZWNJ and digits do not matter; each word matches as a prefix). */
  q?: string;
}

/** A message that matched the words of the search. */
export interface ArchiveMatch {
  seq: number;
  author: ChatMessage['author'];
  text: string;
  createdAt: string;
}

export interface ArchiveResult {
  conversation: ConversationSummary;
  /** With words in the filter: the first messages that contain them. */
  matches: ArchiveMatch[];
}

export interface ArchivePage {
  results: ArchiveResult[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
}

export const ARCHIVE_PAGE = 30;
/** At most this many conversations go into one export. */
export const EXPORT_MAX = 5000;
