// The one place where the wire format lives: socket events and payloads shared by
// the widget, the console and the server. Types only, so it costs the widget nothing.
import type { AttachmentMeta } from './attachments.ts';
import type { ProactiveMeta, StartedFrom } from './proactive.ts';

import type { ChoiceMeta, ConfirmMeta } from './learned.ts';

export * from './attachments.ts';
export * from './proactive.ts';
export * from './learned.ts';
import type { Transcript } from './transcripts.ts';

export type Locale = 'fa' | 'ar' | 'en';
export const LOCALES: readonly Locale[] = ['fa', 'ar', 'en'];

export type Author = 'visitor' | 'bot' | 'agent' | 'system';
/** Where a conversation happens: the widget, or a mail thread. */
export type Channel = 'chat' | 'email';
export const CHANNELS: readonly Channel[] = ['chat', 'email'];
/** `offline`: handed off when nobody could answer; a left message (ticket) waiting for a reply. */
export type ConversationStatus = 'bot' | 'queued' | 'assigned' | 'offline' | 'closed';

// ---------------------------------------------------------------- rich text
// Markdown from the knowledge base and from agents is turned by the server into this
// small tree of allowed nodes, which clients render as elements (never innerHTML).
export type RichInline =
  | string
  | { t: 'b' | 'i' | 'code'; c: RichInline[] }
  | { t: 'a'; href: string; c: RichInline[] }
  | { t: 'br' };
export type RichBlock =
  | { t: 'p'; c: RichInline[] }
  | { t: 'ul' | 'ol'; items: RichInline[][] }
  | { t: 'pre'; v: string };

// ---------------------------------------------------------------- messages
export interface Suggestion {
  id: string;
  title: string;
}

/** What a bot or system message means, beyond its text. */
export type MessageMeta =
  /** `chosen`: the visitor chose this entry (middle band or a suggestion), the bot did not decide alone. */
  | { type: 'answer'; entryId: string; score: number; chosen?: boolean }
  | { type: 'no_answer'; suggestions: Suggestion[] }
  /** The middle band: "Is this what you mean?" with one entry, and others if it is not (see learned.ts). */
  | ConfirmMeta
  /** A visitor's message that is their choice on a bot message's entry or suggestions (`choose`). */
  | ChoiceMeta
  | { type: 'handoff'; reason: HandoffReason }
  | { type: 'assigned'; agentName: string }
  | { type: 'released'; reason: 'agent' | 'agent_offline' }
  | { type: 'transferred'; agentName: string }
  | { type: 'ticket'; trackingCode: string }
  | { type: 'closed'; by: 'visitor' | 'agent' | 'system' }
  | { type: 'rated'; score: number; comment?: string }
  | { type: 'note' }
  | AttachmentMeta
  | ProactiveMeta
  | EmailMeta;

/**
 * Email conversations. `email`: a customer's mail (its subject, sender, whether the sender was
 * verified, and `emailId` to open the full original). `email_failed`: an agent's reply that could
 * not be delivered (an internal note). `email_suggestion`: the bot's proposed answer for the agent
 * (internal; never mailed unless the deployment turned that on).
 */
export type EmailMeta =
  | { type: 'email'; emailId: string; subject: string; from: string; verified: boolean }
  | { type: 'email_failed'; error: string }
  | { type: 'email_suggestion'; entryId: string; score: number };

export interface ChooseRequest {
  messageId: string;
  entryId: string | null;
}

export type HandoffReason = 'asked' | 'button' | 'bot_failed';

export interface ChatMessage {
  id: string;
  conversationId: string;
  /** Per-conversation sequence number given by the server; strictly increasing. */
  seq: number;
  /** Client-generated id for de-duplication (visitor and agent messages). */
  clientId: string | null;
  author: Author;
  /** Plain text; for bot and agent messages this is the markdown source. */
  text: string;
  /** Bot and agent messages: the markdown rendered to a safe tree. */
  rich?: RichBlock[];
  /** Agent messages: the agent's display name. */
  agentName?: string;
  meta?: MessageMeta;
  /** ISO 8601 */
  createdAt: string;
}

export interface PageInfo {
  url: string;
  title?: string;
  referrer?: string;
}

export interface VisitorProfile {
  name?: string;
  email?: string;
  phone?: string;
  /** The site's own id of its logged-in user. */
  userId?: string;
  /** Hex HMAC-SHA256 of `userId` (or of `email` without one) under the identity secret: proves the claim. */
  userHash?: string;
}

/** What the visitor sees of their conversation. */
export interface ConversationView {
  id: string;
  status: ConversationStatus;
  locale: Locale;
  /** Position in the queue, 1-based, while status is 'queued'. */
  queuePosition: number | null;
  agentName: string | null;
  /** The agent's picture, a path on the Porsan server (e.g. `/avatars/<id>?v=…`), when they set one. */
  agentAvatar?: string | null;
  rating: number | null;
  createdAt: string;
  /** While queued: estimated seconds until an agent picks it up, from recent pick-up times. */
  etaSeconds?: number | null;
  /** While offline (a left message): the code to look the answer up by. */
  trackingCode?: string | null;
  /** Whether a person could answer now (agents online and within business hours). */
  agentsAvailable?: boolean;
}

/** The left-message form, used when no agent is available. */
export interface LeaveMessageRequest {
  name: string;
  email?: string;
  phone?: string;
  text: string;
}

// ---------------------------------------------------------------- acks
export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'already_taken'
  | 'wrong_state'
  | 'rate_limited'
  | 'unauthorized'
  | 'internal';

export type Ok<T extends object = object> = { ok: true } & T;
export interface Fail {
  ok: false;
  error: ErrorCode;
  message: string;
  /** With `rate_limited`: when to try again. */
  retryAfterSeconds?: number;
}
export type Result<T extends object = object> = Ok<T> | Fail;
export type Ack<T extends object = object> = (result: Result<T>) => void;

// ---------------------------------------------------------------- visitor namespace "/visitor"
// Handshake auth: { token?: string }. Without a valid token the server issues a new one
// in the `hello` reply; the widget stores it and sends it on every later connection.

export interface VisitorHello {
  locale: Locale;
  page: PageInfo;
  /** Highest seq the client already has for the current conversation (0 = none). */
  afterSeq?: number;
  /** The visitor's IANA time zone (Intl.DateTimeFormat().resolvedOptions().timeZone), so agents see their local time. */
  timeZone?: string;
}
export interface VisitorWelcome {
  token: string;
  visitorId: string;
  conversation: ConversationView | null;
  /** Messages of the current conversation after `afterSeq`. */
  messages: ChatMessage[];
}

export interface VisitorClientEvents {
  hello: (req: VisitorHello, ack: Ack<VisitorWelcome>) => void;
  /** Send a message; starts a conversation when there is none open. */
  send: (req: { clientId: string; text: string; /** Answering a proactive message: starts the conversation with it. */ ruleId?: string }, ack: Ack<{ message: ChatMessage }>) => void;
  /** Ask for a person (the "talk to a person" button). */
  handoff: (req: Record<string, never>, ack: Ack<{ conversation: ConversationView }>) => void;
  /** Messages of a conversation after a seq (after a reconnect). */
  sync: (req: { conversationId: string; afterSeq: number }, ack: Ack<{ messages: ChatMessage[] }>) => void;
  close: (req: { conversationId: string }, ack: Ack<{ conversation: ConversationView }>) => void;
  rate: (req: { conversationId: string; score: number; comment?: string }, ack: Ack) => void;
  /** Start a fresh conversation after the previous one was closed. */
  restart: (req: Record<string, never>, ack: Ack<{ conversation: ConversationView | null }>) => void;
  /**
   * Who the visitor is. With `userHash` valid under the server's identity secret: `verified`, and
   * the visitor joins that customer's history; `changed` then says the conversation to show is
   * another one (say hello again). Otherwise the fields only label the visitor.
   */
  identify: (req: VisitorProfile, ack: Ack<{ verified: boolean; changed?: boolean }>) => void;
  /** Whether to ask "How likely are you to recommend us?" after this ended conversation. */
  npsDue: (req: { conversationId: string }, ack: Ack<{ ask: boolean }>) => void;
  /** The answer: 0 (not at all likely) … 10 (extremely likely), with an optional comment. */
  nps: (req: { conversationId: string; score: number; comment?: string }, ack: Ack) => void;
  typing: (req: { typing: boolean }) => void;
  /** Leave a message when no agent is available; returns the tracking code. */
  leaveMessage: (req: LeaveMessageRequest, ack: Ack<{ conversation: ConversationView; trackingCode: string }>) => void;
  /** Look up a left message and its replies by tracking code. */
  ticket: (req: { trackingCode: string }, ack: Ack<{ conversation: ConversationView; messages: ChatMessage[] }>) => void;
  /** The conversation as a text file to download, and whether it can be mailed (see transcripts.ts). */
  transcript: (req: { conversationId: string }, ack: Ack<Transcript>) => void;
  /**
   * The visitor's choice on a bot message: the entry of a middle-band message (`confirm`) or one
   * of its or a `no_answer`'s suggestions; null: "No, something else". The bot replies with the
   * entry's answer or the other suggestions; the choice is kept as evidence for learned wordings.
   */
  choose: (req: ChooseRequest, ack: Ack<{ message: ChatMessage }>) => void;
  /** Mail the transcript to `email` (only when the server has SMTP). */
  mailTranscript: (req: { conversationId: string; email: string }, ack: Ack) => void;
}

export interface VisitorServerEvents {
  message: (message: ChatMessage) => void;
  conversation: (conversation: ConversationView) => void;
  typing: (ev: { author: 'agent'; typing: boolean }) => void;
}

// ---------------------------------------------------------------- agent namespace "/agent"
// Authenticated by the console's session cookie during the handshake.

/** `supervisor`: works conversations like an agent and reads the reports (not people or settings). */
export type AgentRole = 'agent' | 'editor' | 'supervisor' | 'admin';

export interface AgentInfo {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  /** Their picture (a path on this server), when they set one in their profile. */
  avatar?: string | null;
}

export type Presence = 'online' | 'away' | 'offline';

export interface AgentStatus extends AgentInfo {
  presence: Presence;
  active: boolean;
  openConversations: number;
  limit: number;
}

export interface VisitorContext {
  id: string;
  profile: VisitorProfile;
  page: PageInfo | null;
  locale: Locale;
  userAgent: string | null;
  visits: number;
  firstSeenAt: string;
  /** IANA time zone the widget reported, when known (console shows the visitor's local time). */
  timeZone: string | null;
  /** The verified customer behind this conversation, when there is one. */
  customer?: CustomerInfo | null;
}

/** A customer as agents see them: known by a verified identity, on any device or channel. */
export interface CustomerInfo {
  id: string;
  userId: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  since: string;
}

/** A row in the console's queue or "mine" list. */
export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  locale: Locale;
  visitorName: string | null;
  pageUrl: string | null;
  firstQuestion: string | null;
  lastMessage: string | null;
  agentId: string | null;
  agentName: string | null;
  handoffReason: HandoffReason | null;
  queuedAt: string | null;
  queuePosition: number | null;
  createdAt: string;
  updatedAt: string;
  rating: number | null;
  /** What the visitor wrote with their rating. */
  ratingComment?: string | null;
  tags: string[];
  resolution: Resolution | null;
  trackingCode: string | null;
  /** Started by answering a proactive message. */
  startedFrom?: StartedFrom | null;
  /** 'chat' when absent (older servers). */
  channel?: Channel;
}

export type Resolution = 'resolved' | 'unresolved' | 'spam';

export interface KbHit {
  id: string;
  locale: Locale;
  title: string;
  answer: string;
  score: number;
}

export type RoutingMode = 'manual' | 'auto';

export interface BusinessHours {
  timeZone: string;
  /** Per weekday (0 = Sunday … 6 = Saturday): opening ranges as "HH:MM-HH:MM", empty = closed. */
  days: Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', string[]>;
}

export interface TeamSettings {
  routing: RoutingMode;
  /** The whole team's manual "away" switch: handoffs become left messages. */
  teamAway: boolean;
  hours: BusinessHours;
  /** Default per-agent limit of concurrent conversations. */
  defaultLimit: number;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: ChatMessage[];
  visitor: VisitorContext;
  /**
   * Earlier conversations of the same visitor (of the same customer, on every device and channel,
   * when the conversation has one), newest first, with their messages.
   */
  earlier: { conversation: ConversationSummary; messages: ChatMessage[] }[];
}

export interface AgentClientEvents {
  /** First call after connecting: who am I, what is waiting, what is mine. */
  hello: (req: Record<string, never>, ack: Ack<{ agent: AgentInfo; queue: ConversationSummary[]; mine: ConversationSummary[] }>) => void;
  open: (req: { conversationId: string }, ack: Ack<ConversationDetail>) => void;
  claim: (req: { conversationId: string }, ack: Ack<{ conversation: ConversationSummary }>) => void;
  send: (req: { conversationId: string; clientId: string; text: string }, ack: Ack<{ message: ChatMessage }>) => void;
  close: (req: { conversationId: string; resolution?: Resolution }, ack: Ack<{ conversation: ConversationSummary }>) => void;
  typing: (req: { conversationId: string; typing: boolean }) => void;
  presence: (req: { presence: 'online' | 'away' }, ack: Ack<{ agent: AgentStatus }>) => void;
  /** Online agents, for transfers. */
  agents: (req: Record<string, never>, ack: Ack<{ agents: AgentStatus[] }>) => void;
  transfer: (req: { conversationId: string; toAgentId: string }, ack: Ack<{ conversation: ConversationSummary }>) => void;
  /** Back to the queue, keeping its place by original wait time. */
  release: (req: { conversationId: string }, ack: Ack<{ conversation: ConversationSummary }>) => void;
  /** An internal note: agents see it, the visitor never does. */
  note: (req: { conversationId: string; clientId: string; text: string }, ack: Ack<{ message: ChatMessage }>) => void;
  tags: (req: { conversationId: string; tags: string[] }, ack: Ack<{ conversation: ConversationSummary }>) => void;
  /** Search the knowledge base from the composer (canned replies are FAQ answers). */
  kbSearch: (req: { query: string; locale?: Locale }, ack: Ack<{ hits: KbHit[] }>) => void;
  /** Left messages waiting for a reply, oldest first. */
  tickets: (req: Record<string, never>, ack: Ack<{ tickets: ConversationSummary[] }>) => void;
}

export interface AgentServerEvents {
  /** The whole queue, oldest first, whenever it changes. */
  queue: (queue: ConversationSummary[]) => void;
  /** A conversation this agent owns or has open changed. */
  conversation: (conversation: ConversationSummary) => void;
  /** A new message in a conversation the agent owns or has open. */
  message: (message: ChatMessage) => void;
  typing: (ev: { conversationId: string; author: 'visitor'; typing: boolean }) => void;
  /** The team's presence changed (someone came online, went away, opened or closed a conversation). */
  agents: (agents: AgentStatus[]) => void;
  /** A new left message, or one answered. */
  tickets: (tickets: ConversationSummary[]) => void;
}

// ---------------------------------------------------------------- HTTP (console)
// POST /api/login {email, password} → 200 {agent} + Set-Cookie porsan_session; 401 {error, message}
// POST /api/logout → 204
// GET  /api/me → 200 {agent} | 401
// Admin:  GET /api/agents → {agents: AgentStatus[]}; POST /api/agents {email,name,role,password} → {agent};
//         PATCH /api/agents/:id {name?, role?, active?, limit?} → {agent}; POST /api/agents/:id/password {password} → 204
//         GET /api/settings → TeamSettings; PUT /api/settings (partial TeamSettings) → TeamSettings
// Editor: GET /api/kb → {entries: KbEntryInfo[], issues: KbIssueInfo[]}; POST /api/kb/try {q, locale?} → KbTryResult;
//         GET /api/kb/gaps → {gaps: UnansweredGap[]}
export interface KbEntryInfo {
  id: string;
  locale: Locale;
  questions: string[];
  tags: string[];
  file: string;
}
export interface KbIssueInfo {
  file: string;
  line: number | null;
  message: string;
}
export interface KbTryResult {
  /** `confirm`: the middle band, the bot asks "Is this what you mean?" with `entryId`. */
  decision: 'answer' | 'confirm' | 'suggest' | 'human' | 'none';
  locale: Locale;
  entryId: string | null;
  score: number;
  candidates: { id: string; title: string; score: number }[];
}
export interface UnansweredGap {
  normalized: string;
  locale: Locale;
  count: number;
  example: string;
  lastAt: string;
  /** The entry the bot now answers the example with, or the first one it offers as a suggestion (same
   *  language), with the bot's confidence: often the question is a new wording of it, and adding it to
   *  the entry's questions closes the gap. Null when the bot offers nothing. */
  closest: { id: string; title: string; file: string; score: number } | null;
}
export interface LoginRequest {
  email: string;
  password: string;
}

// ---------------------------------------------------------------- limits shared by both sides
export const LIMITS = {
  messageChars: 4000,
  commentChars: 1000,
  nameChars: 100,
  urlChars: 2000,
} as const;

export * from './transcripts.ts';
export * from './reports.ts';
export * from './integrations.ts';
export * from './archive.ts';
export * from './replies.ts';
export * from './profile.ts';
export * from './kb-edit.ts';
