// Reports: what the console's Reports page shows and what GET /api/v1/reports/summary returns.
// Every figure comes from one module (server/reports/); the definitions are in the README.
//   GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&locale=fa|ar|en] → Report   (admins, supervisors)
// Days are the team's days (its time zone); `to` is included.
import type { HandoffReason, Locale } from './index.ts';

/** Nearest-rank percentiles of a duration, in seconds (null without data). */
export interface Percentiles {
  /** How many durations they were taken from. */
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface ReportSummary {
  from: string;
  to: string;
  timeZone: string;
  locale: Locale | null;
  /** Conversations started in the range. */
  conversations: number;
  /** Those that never reached a person (no queue, no left message). */
  botOnly: number;
  /** Those where the bot answered from the knowledge base at least once. */
  botAnswered: number;
  /** The bot answered, the visitor asked for no person, and did not come back with the same question within 24 h. */
  botResolved: number;
  /** botResolved / conversations (null without conversations). */
  botResolutionRate: number | null;
  /** Conversations where the visitor asked for a person (queued, left a message, or told nobody was there). */
  handoffs: number;
  /** From asking for a person to the first agent reply (live chats, not left messages). */
  firstResponseSeconds: Percentiles;
  /** From joining the queue to the first agent joining (live chats). */
  queueWaitSeconds: Percentiles;
  /** From the start to the close, for conversations a person handled (spam left out). */
  resolutionSeconds: Percentiles;
  /** Closed as resolved by a person and not back with a person within 7 days, of all closed by a person (spam left out). */
  firstContactResolution: { closed: number; resolved: number; rate: number | null };
  csat: { count: number; average: number | null; /** ratings 1…5 */ distribution: [number, number, number, number, number] };
  /** "How likely are you to recommend us?" answered in the range: 9–10 promoters, 7–8 passives, 0–6 detractors. */
  nps: ReportNps;
}

export interface ReportNps {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** (promoters − detractors) / count × 100, from −100 to 100 (null without answers). */
  score: number | null;
}

export interface ReportDay {
  /** YYYY-MM-DD, the team's calendar day. */
  date: string;
  conversations: number;
  botOnly: number;
  botResolved: number;
  handoffs: number;
  /** NPS answers given that day, and of them promoters and detractors. */
  npsResponses: number;
  npsPromoters: number;
  npsDetractors: number;
}

export interface ReportAgentRow {
  agentId: string;
  name: string;
  conversations: number;
  firstResponseSeconds: Percentiles;
  csat: { count: number; average: number | null };
}

export interface ReportComment {
  conversationId: string;
  score: number;
  comment: string;
  agentName: string | null;
  createdAt: string;
}

export interface ReportNpsComment {
  conversationId: string;
  /** 0…10 */
  score: number;
  comment: string;
  createdAt: string;
}

export interface ReportUnanswered {
  normalized: string;
  locale: Locale;
  count: number;
  example: string;
}

export interface Report {
  summary: ReportSummary;
  days: ReportDay[];
  handoffReasons: Record<HandoffReason, number>;
  agents: ReportAgentRow[];
  /** Conversations started per weekday (0 = Sunday … 6 = Saturday) and hour (0…23), in the team's time zone. */
  hours: number[][];
  /** The newest rating comments (at most 50). */
  comments: ReportComment[];
  /** The newest comments given with an NPS answer (at most 50). */
  npsComments: ReportNpsComment[];
  /** What the bot could not answer most often (at most 20). */
  unanswered: ReportUnanswered[];
}
