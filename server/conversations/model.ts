// The conversation domain's own types. The store turns its rows into these (and back); nothing
// outside server/store/ sees a row, a snake_case column or an integer flag.
import type { AgentRole, Author, Channel, ConversationStatus, HandoffReason, Locale, MessageMeta, Resolution, StartedFrom, UploadType } from '../../protocol/index.ts';

export interface Visitor {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: Locale;
  userAgent: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  referrer: string | null;
  timeZone: string | null;
  visits: number;
  currentConversationId: string | null;
  /** The customer this browser is linked to by a verified identity (null: anonymous or unverified). */
  customerId: string | null;
  /** Whether `customerId` was set by a verified identity. */
  verified: boolean;
  createdAt: string;
  lastSeenAt: string;
}

export type VisitorPatch = Partial<Omit<Visitor, 'id' | 'createdAt' | 'customerId' | 'verified'>>;

/**
 * One person across devices and channels. Only verified identities lead here: `userId` checked by
 * its HMAC, `email` by its HMAC (no user id) or by an aligned DKIM/SPF mail sender.
 */
export interface Customer {
  id: string;
  userId: string | null;
  /** A verified address, lower-case. */
  email: string | null;
  name: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How a verified identity is looked up: by the site's user id when there is one, else by the address. */
export type CustomerKey = { userId: string; email?: undefined } | { email: string; userId?: undefined };

export interface Conversation {
  id: string;
  visitorId: string;
  status: ConversationStatus;
  locale: Locale;
  agentId: string | null;
  handoffReason: HandoffReason | null;
  queuedAt: string | null;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  closedBy: 'visitor' | 'agent' | 'system' | null;
  rating: number | null;
  ratingComment: string | null;
  lastSeq: number;
  firstQuestion: string | null;
  lastMessage: string | null;
  pageUrl: string | null;
  tags: string[];
  resolution: Resolution | null;
  trackingCode: string | null;
  /** Started by answering a proactive message. */
  startedFrom: StartedFrom | null;
  channel: Channel;
  /** The customer whose history this belongs to (null: an anonymous or unverified visitor's). */
  customerId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields a transition may set. */
export type ConversationPatch = Partial<
  Pick<Conversation, 'status' | 'agentId' | 'handoffReason' | 'queuedAt' | 'assignedAt' | 'firstResponseAt' | 'closedAt' | 'closedBy' | 'resolution' | 'trackingCode'>
>;

/** A conversation as the queue and lists show it: with its visitor's name. */
export interface ListedConversation extends Conversation {
  visitorName: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: Author;
  text: string;
  meta: MessageMeta | null;
  /** Internal notes are seen by agents only. */
  internal: boolean;
  agentId: string | null;
  createdAt: string;
}

/** A message to append; the store gives it its id, seq and time. */
export interface MessageDraft {
  clientId: string | null;
  author: Author;
  text: string;
  meta?: MessageMeta | null;
  agentId?: string | null;
  internal?: boolean;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  active: boolean;
  /** Concurrent conversations; null means the team default. */
  maxConversations: number | null;
  createdAt: string;
  /** Changes with each new picture; null when the person has none. */
  avatarVersion: string | null;
}

/** Where a person's picture is served (the widget prefixes its server), or null without one. */
export function avatarPath(agent: Pick<Agent, 'id' | 'avatarVersion'>): string | null {
  return agent.avatarVersion ? `/avatars/${encodeURIComponent(agent.id)}?v=${encodeURIComponent(agent.avatarVersion)}` : null;
}

export type AgentPatch = Partial<Pick<Agent, 'name' | 'role' | 'active' | 'maxConversations'>> & { passwordHash?: string };

/** A file as stored (the bytes are in the file storage, under `hash`). */
export interface StoredFile {
  /** SHA-256 of the stored bytes (hex): the storage key. */
  hash: string;
  name: string;
  size: number;
  mime: UploadType;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
}

/** A file sent in a conversation; `messageId` is null until its message is stored. */
export interface Attachment extends StoredFile {
  id: string;
  conversationId: string;
  messageId: string | null;
  uploadedBy: 'visitor' | 'agent';
  createdAt: string;
}

export const OPEN_STATUSES: readonly ConversationStatus[] = ['bot', 'queued', 'assigned', 'offline'];

/** A mail in or out of an email conversation (the thread is followed by `headerId`, its Message-ID). */
export interface EmailRecord {
  id: string;
  conversationId: string;
  /** The conversation message it became (in) or came from (out). */
  messageId: string | null;
  /** The RFC 5322 Message-ID, without angle brackets. */
  headerId: string;
  direction: 'in' | 'out';
  /** The customer's address: the sender (in) or the recipient (out), lower-case. */
  address: string;
  name: string | null;
  subject: string;
  /** In: the From address was proven by aligned DKIM or SPF. */
  verified: boolean;
  /** In: how it was verified, or why not. */
  verification: string | null;
  /** The full text as it came or went (quotes and signature included). */
  original: string;
  status: 'received' | 'sending' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
}

/** An answer to "How likely are you to recommend us?" (0–10). */
export interface NpsResponse {
  id: string;
  conversationId: string;
  visitorId: string;
  customerId: string | null;
  score: number;
  comment: string | null;
  locale: Locale;
  channel: Channel;
  createdAt: string;
}

/** Whose answers count against the once-per-window rule: the customer's, else the visitor's. */
export type NpsSubject = { customerId: string } | { visitorId: string };
