// Domain → the shapes the REST API and webhooks give other tools (protocol/integrations.ts).
import type { ApiConversation, ApiMessage, ChatMessage } from '../../protocol/index.ts';
import type { Conversation } from './model.ts';
import type { ConversationStore } from './ports.ts';

export function toApiConversation(c: Conversation, names: { visitorName: string | null; agentName: string | null }): ApiConversation {
  return {
    id: c.id,
    status: c.status,
    locale: c.locale,
    visitorId: c.visitorId,
    visitorName: names.visitorName,
    agentId: c.agentId,
    agentName: c.agentId ? names.agentName : null,
    handoffReason: c.handoffReason,
    resolution: c.resolution,
    trackingCode: c.trackingCode,
    tags: c.tags,
    rating: c.rating,
    ratingComment: c.ratingComment,
    firstQuestion: c.firstQuestion,
    pageUrl: c.pageUrl,
    createdAt: c.createdAt,
    queuedAt: c.queuedAt,
    assignedAt: c.assignedAt,
    firstResponseAt: c.firstResponseAt,
    closedAt: c.closedAt,
    updatedAt: c.updatedAt,
  };
}

export function toApiMessage(m: ChatMessage): ApiMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    author: m.author,
    text: m.text,
    agentName: m.agentName ?? null,
    meta: m.meta ?? null,
    internal: m.meta?.type === 'note',
    createdAt: m.createdAt,
  };
}

/** A conversation with its visitor's and agent's names read from the store. */
export async function readApiConversation(store: Pick<ConversationStore, 'visitors' | 'agents'>, c: Conversation): Promise<ApiConversation> {
  const [visitor, agent] = await Promise.all([store.visitors.get(c.visitorId), c.agentId ? store.agents.get(c.agentId) : undefined]);
  return toApiConversation(c, { visitorName: visitor?.name ?? null, agentName: agent?.name ?? null });
}
