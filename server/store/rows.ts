// Rows ↔ the domain's types. The only place that knows column names and integer flags.
import type { Selectable } from 'kysely';
import type { AgentRole, Author, Channel, ConversationStatus, HandoffReason, Locale, MessageMeta, Resolution, UploadType } from '../../protocol/index.ts';
import type { Agent, Attachment, Conversation, ConversationPatch, Customer, Message, Visitor, VisitorPatch } from '../conversations/model.ts';
import type { AgentsTable, AttachmentsTable, ConversationsTable, CustomersTable, MessagesTable, VisitorsTable } from './schema.ts';

export type VisitorRow = Selectable<VisitorsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AgentRow = Selectable<AgentsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CustomerRow = Selectable<CustomersTable>;

export const now = () => new Date().toISOString();

export function toVisitor(r: VisitorRow): Visitor {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    locale: r.locale as Locale,
    userAgent: r.user_agent,
    pageUrl: r.page_url,
    pageTitle: r.page_title,
    referrer: r.referrer,
    timeZone: r.time_zone,
    visits: r.visits,
    currentConversationId: r.current_conversation_id,
    customerId: r.customer_id,
    verified: Number(r.verified) === 1,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  };
}

export function visitorPatchRow(p: VisitorPatch): Partial<VisitorRow> {
  const row: Partial<VisitorRow> = {};
  if (p.name !== undefined) row.name = p.name;
  if (p.email !== undefined) row.email = p.email;
  if (p.phone !== undefined) row.phone = p.phone;
  if (p.locale !== undefined) row.locale = p.locale;
  if (p.userAgent !== undefined) row.user_agent = p.userAgent;
  if (p.pageUrl !== undefined) row.page_url = p.pageUrl;
  if (p.pageTitle !== undefined) row.page_title = p.pageTitle;
  if (p.referrer !== undefined) row.referrer = p.referrer;
  if (p.timeZone !== undefined) row.time_zone = p.timeZone;
  if (p.visits !== undefined) row.visits = p.visits;
  if (p.currentConversationId !== undefined) row.current_conversation_id = p.currentConversationId;
  if (p.lastSeenAt !== undefined) row.last_seen_at = p.lastSeenAt;
  return row;
}

export function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    visitorId: r.visitor_id,
    status: r.status as ConversationStatus,
    locale: r.locale as Locale,
    agentId: r.agent_id,
    handoffReason: r.handoff_reason as HandoffReason | null,
    queuedAt: r.queued_at,
    assignedAt: r.assigned_at,
    firstResponseAt: r.first_response_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by as Conversation['closedBy'],
    rating: r.rating,
    ratingComment: r.rating_comment,
    lastSeq: Number(r.last_seq),
    firstQuestion: r.first_question,
    lastMessage: r.last_message,
    pageUrl: r.page_url,
    tags: JSON.parse(r.tags) as string[],
    resolution: r.resolution as Resolution | null,
    trackingCode: r.tracking_code,
    startedFrom: r.proactive_rule_id ? { ruleId: r.proactive_rule_id, ruleName: r.proactive_rule_name ?? '' } : null,
    channel: r.channel === 'email' ? 'email' : ('chat' satisfies Channel),
    customerId: r.customer_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function conversationPatchRow(p: ConversationPatch): Partial<ConversationRow> {
  const row: Partial<ConversationRow> = {};
  if (p.status !== undefined) row.status = p.status;
  if (p.agentId !== undefined) row.agent_id = p.agentId;
  if (p.handoffReason !== undefined) row.handoff_reason = p.handoffReason;
  if (p.queuedAt !== undefined) row.queued_at = p.queuedAt;
  if (p.assignedAt !== undefined) row.assigned_at = p.assignedAt;
  if (p.firstResponseAt !== undefined) row.first_response_at = p.firstResponseAt;
  if (p.closedAt !== undefined) row.closed_at = p.closedAt;
  if (p.closedBy !== undefined) row.closed_by = p.closedBy;
  if (p.resolution !== undefined) row.resolution = p.resolution;
  if (p.trackingCode !== undefined) row.tracking_code = p.trackingCode;
  return row;
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: Number(r.seq),
    clientId: r.client_id,
    author: r.author as Author,
    text: r.text,
    meta: r.meta ? (JSON.parse(r.meta) as MessageMeta) : null,
    internal: r.internal === 1,
    agentId: r.agent_id,
    createdAt: r.created_at,
  };
}

export function toAgent(r: Pick<AgentRow, 'id' | 'email' | 'name' | 'role' | 'active' | 'max_conversations' | 'created_at' | 'avatar_version'>): Agent {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as AgentRole,
    active: r.active === 1,
    maxConversations: r.max_conversations,
    createdAt: r.created_at,
    avatarVersion: r.avatar_version,
  };
}

export function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    hash: r.hash,
    name: r.name,
    mime: r.mime as UploadType,
    size: Number(r.size),
    kind: r.kind === 'image' ? 'image' : 'file',
    width: r.width,
    height: r.height,
    uploadedBy: r.uploaded_by === 'agent' ? 'agent' : 'visitor',
    createdAt: r.created_at,
  };
}

export function toCustomer(r: CustomerRow): Customer {
  return { id: r.id, userId: r.user_id, email: r.email, name: r.name, phone: r.phone, createdAt: r.created_at, updatedAt: r.updated_at };
}
