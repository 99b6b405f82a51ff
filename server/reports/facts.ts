// What the reports are computed from: per conversation, the times and outcomes the store knows,
// and what the bot did in it. The store gathers these (server/store/reports.ts); compute.ts
// turns them into figures.
import type { ConversationStatus, HandoffReason, Locale, Resolution } from '../../protocol/index.ts';

export interface ConversationFact {
  id: string;
  visitorId: string;
  locale: Locale;
  status: ConversationStatus;
  /** The person who has (or last had) it. */
  agentId: string | null;
  handoffReason: HandoffReason | null;
  createdAt: string;
  /** Set when it reached a person: joined the queue, or became a left message. */
  queuedAt: string | null;
  /** When an agent first joined it (the first "joined" notice). */
  firstAssignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  closedBy: 'visitor' | 'agent' | 'system' | null;
  resolution: Resolution | null;
  rating: number | null;
  ratingComment: string | null;
  /** A left message (its tracking code). */
  trackingCode: string | null;
  firstQuestion: string | null;
  /** Knowledge-base entries the bot answered with. */
  answeredEntries: string[];
  /** Why the visitor first asked for a person, also when nobody could answer then; null: never asked. */
  askedPerson: HandoffReason | null;
}

export interface UnansweredCount {
  normalized: string;
  locale: string;
  count: number;
  example: string;
}

/** An NPS answer (0–10), when it was given, in the conversation's language. */
export interface NpsFact {
  conversationId: string;
  score: number;
  comment: string | null;
  createdAt: string;
  locale: Locale;
}

export interface ReportFacts {
  /** Conversations started in the range (and locale). */
  conversations: ConversationFact[];
  /** Every conversation of the same visitors started since the range began, for "did they come back". */
  followUps: ConversationFact[];
  unanswered: UnansweredCount[];
  agentNames: Map<string, string>;
  /** NPS answers given in the range (and locale). */
  nps: NpsFact[];
}

export interface FactsQuery {
  /** ISO instants: [from, to). */
  fromIso: string;
  toIso: string;
  locale: Locale | null;
}
