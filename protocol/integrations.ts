// Connecting Porsan to other tools: API tokens, the REST API (/api/v1) and webhooks.
// Console (admins, session cookie):
//   GET    /api/tokens                    → {tokens: ApiTokenInfo[]}
//   POST   /api/tokens {name, scopes, agentId?} → 201 {id, token}      (the token is shown once)
//   DELETE /api/tokens/:id                → 204 (revoked at once)
//   GET    /api/webhooks                  → {webhooks: WebhookInfo[]}
//   POST   /api/webhooks {url, events}    → 201 {id, secret}           (the whsec_… secret is shown once)
//   DELETE /api/webhooks/:id              → 204
//   GET    /api/webhooks/:id/deliveries   → {deliveries: WebhookDeliveryInfo[]}
//   POST   /api/webhooks/deliveries/:id/resend → {delivery: WebhookDeliveryInfo}
// REST API (Authorization: Bearer <token>), described by GET /api/v1/openapi.json.
import type { ChatMessage, ConversationStatus, HandoffReason, Locale, MessageMeta, Resolution, VisitorContext } from './index.ts';

export type ApiScope = 'read' | 'write';
export const API_SCOPES: readonly ApiScope[] = ['read', 'write'];

export interface ApiTokenInfo {
  id: string;
  name: string;
  scopes: ApiScope[];
  /** The person the token writes as (messages, closing). */
  agentId: string;
  agentName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const WEBHOOK_EVENTS = [
  'conversation.created',
  'message.created',
  'conversation.queued',
  'conversation.assigned',
  'conversation.closed',
  'conversation.rated',
  'ticket.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookInfo {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
}

/** pending: waiting for its (next) attempt; sending: an attempt is running; delivered; failed: gave up after 24 h. */
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export interface WebhookDeliveryInfo {
  /** The webhook-id header: the same on every attempt of this delivery. */
  id: string;
  webhookId: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt (null: no answer, e.g. refused or timed out). */
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

// ---------------------------------------------------------------- the REST API's shapes (and webhooks' data)
/** A conversation as the API and webhooks give it. */
export interface ApiConversation {
  id: string;
  status: ConversationStatus;
  locale: Locale;
  visitorId: string;
  visitorName: string | null;
  agentId: string | null;
  agentName: string | null;
  handoffReason: HandoffReason | null;
  resolution: Resolution | null;
  trackingCode: string | null;
  tags: string[];
  rating: number | null;
  ratingComment: string | null;
  firstQuestion: string | null;
  pageUrl: string | null;
  createdAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** A message as the API and webhooks give it (internal notes have `internal: true`). */
export interface ApiMessage {
  id: string;
  conversationId: string;
  seq: number;
  author: ChatMessage['author'];
  text: string;
  agentName: string | null;
  meta: MessageMeta | null;
  internal: boolean;
  createdAt: string;
}

export interface ApiConversationDetail {
  conversation: ApiConversation;
  messages: ApiMessage[];
  visitor: VisitorContext;
}

export interface ApiConversationPage {
  items: ApiConversation[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** The body of every webhook request (Standard Webhooks: type, timestamp, data). */
export type WebhookPayload =
  | { type: 'message.created'; timestamp: string; data: { message: ApiMessage; conversation: ApiConversation } }
  | { type: Exclude<WebhookEvent, 'message.created'>; timestamp: string; data: { conversation: ApiConversation } };

/** A knowledge-base entry as the API gives it (GET /api/v1/kb/entries). */
export interface ApiKbEntry {
  id: string;
  locale: Locale;
  /** The first is its title. */
  questions: string[];
  tags: string[];
  /** Markdown. */
  answer: string;
}
