// Domain → the protocol's shapes, for the widget and the console.
import type { ChatMessage, ConversationSummary, ConversationView, CustomerInfo, RichBlock, VisitorContext } from '../../protocol/index.ts';
import { markdownToRich } from '../text/markdown.ts';
import type { Conversation, Customer, Message, Visitor } from './model.ts';

// Bot answers repeat (the same FAQ entries): keep their rendered trees.
const richCache = new Map<string, RichBlock[]>();
function rich(text: string): RichBlock[] {
  let r = richCache.get(text);
  if (!r) {
    r = markdownToRich(text);
    if (richCache.size >= 1000) richCache.delete(richCache.keys().next().value as string);
    richCache.set(text, r);
  }
  return r;
}

export function toChatMessage(m: Message, agentName: string | null | undefined): ChatMessage {
  const msg: ChatMessage = {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    author: m.author,
    text: m.text,
    createdAt: m.createdAt,
  };
  if (m.author === 'bot' || m.author === 'agent') msg.rich = rich(m.text);
  if (m.meta) msg.meta = m.meta;
  if (agentName) msg.agentName = agentName;
  return msg;
}

export function toConversationView(c: Conversation, queuePosition: number | null, agentName: string | null): ConversationView {
  return {
    id: c.id,
    status: c.status,
    locale: c.locale,
    queuePosition: c.status === 'queued' ? queuePosition : null,
    agentName: c.status === 'assigned' || c.status === 'closed' ? agentName : null,
    rating: c.rating,
    createdAt: c.createdAt,
    trackingCode: c.trackingCode,
  };
}

export function toSummary(c: Conversation, queuePosition: number | null, agentName: string | null, visitorName: string | null): ConversationSummary {
  return {
    id: c.id,
    status: c.status,
    locale: c.locale,
    visitorName,
    pageUrl: c.pageUrl,
    firstQuestion: c.firstQuestion,
    lastMessage: c.lastMessage,
    agentId: c.agentId,
    agentName,
    handoffReason: c.handoffReason,
    queuedAt: c.queuedAt,
    queuePosition: c.status === 'queued' ? queuePosition : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    rating: c.rating,
    ratingComment: c.ratingComment,
    tags: c.tags,
    resolution: c.resolution,
    trackingCode: c.trackingCode,
    startedFrom: c.startedFrom,
    channel: c.channel,
  };
}

export function toVisitorContext(v: Visitor): VisitorContext {
  return {
    id: v.id,
    profile: {
      ...(v.name && { name: v.name }),
      ...(v.email && { email: v.email }),
      ...(v.phone && { phone: v.phone }),
    },
    page: v.pageUrl ? { url: v.pageUrl, ...(v.pageTitle && { title: v.pageTitle }), ...(v.referrer && { referrer: v.referrer }) } : null,
    locale: v.locale,
    timeZone: v.timeZone,
    userAgent: v.userAgent,
    visits: v.visits,
    firstSeenAt: v.createdAt,
  };
}

export function toCustomerInfo(c: Customer): CustomerInfo {
  return { id: c.id, userId: c.userId, email: c.email, name: c.name, phone: c.phone, since: c.createdAt };
}
