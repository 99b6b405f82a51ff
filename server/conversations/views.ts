// Store rows → the protocol's shapes.
import type {
  ChatMessage, ConversationStatus, Resolution, ConversationSummary, ConversationView, HandoffReason, Locale, MessageMeta, VisitorContext,
} from '../../protocol/index.ts';
import type { ConversationRow, MessageRow, VisitorRow } from '../store/index.ts';
import { markdownToRich } from '../text/markdown.ts';

export function toChatMessage(row: MessageRow, agentName: string | undefined): ChatMessage {
  const msg: ChatMessage = {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: row.author as ChatMessage['author'],
    text: row.text,
    createdAt: row.created_at,
  };
  if (row.author === 'bot' || row.author === 'agent') msg.rich = markdownToRich(row.text);
  if (row.meta) msg.meta = JSON.parse(row.meta) as MessageMeta;
  if (agentName) msg.agentName = agentName;
  return msg;
}

export function toConversationView(row: ConversationRow, queuePosition: number | null, agentName: string | null): ConversationView {
  return {
    id: row.id,
    status: row.status as ConversationStatus,
    locale: row.locale as Locale,
    queuePosition: row.status === 'queued' ? queuePosition : null,
    agentName: row.status === 'assigned' || row.status === 'closed' ? agentName : null,
    rating: row.rating,
    createdAt: row.created_at,
    trackingCode: row.tracking_code,
  };
}

export function toSummary(
  row: ConversationRow,
  queuePosition: number | null,
  agentName: string | null,
  visitorName: string | null,
): ConversationSummary {
  return {
    id: row.id,
    status: row.status as ConversationStatus,
    locale: row.locale as Locale,
    visitorName,
    pageUrl: row.page_url,
    firstQuestion: row.first_question,
    lastMessage: row.last_message,
    agentId: row.agent_id,
    agentName,
    handoffReason: row.handoff_reason as HandoffReason | null,
    queuedAt: row.queued_at,
    queuePosition: row.status === 'queued' ? queuePosition : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rating: row.rating,
    tags: JSON.parse(row.tags) as string[],
    resolution: row.resolution as Resolution | null,
    trackingCode: row.tracking_code,
  };
}

export function toVisitorContext(v: VisitorRow): VisitorContext {
  return {
    id: v.id,
    profile: {
      ...(v.name && { name: v.name }),
      ...(v.email && { email: v.email }),
      ...(v.phone && { phone: v.phone }),
    },
    page: v.page_url ? { url: v.page_url, ...(v.page_title && { title: v.page_title }), ...(v.referrer && { referrer: v.referrer }) } : null,
    locale: v.locale as Locale,
    timeZone: v.time_zone,
    userAgent: v.user_agent,
    visits: v.visits,
    firstSeenAt: v.created_at,
  };
}
