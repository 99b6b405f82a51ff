// What the domain announces, with ready payloads: the realtime edge only routes them to rooms.
import type { AgentStatus, ChatMessage, ConversationSummary, ConversationView } from '../../protocol/index.ts';
import type { Conversation } from './model.ts';

/** Steps in a conversation's life that other tools hear about (webhooks, mail). */
export type LifecycleStep = 'created' | 'queued' | 'assigned' | 'closed' | 'rated' | 'ticket';

export interface DomainEvents {
  /** A message was stored (visitor, bot, agent, system or an internal note). */
  message: [e: { message: ChatMessage; conversation: Conversation }];
  /** A conversation's status, owner, tags or rating changed. */
  conversation: [e: { conversation: Conversation; view: ConversationView; summary: ConversationSummary }];
  /** The queue changed: the whole queue for agents, and each waiting visitor's new place. */
  queue: [e: { summaries: ConversationSummary[]; views: { visitorId: string; customerId: string | null; view: ConversationView }[] }];
  /** Left messages changed. */
  tickets: [e: { tickets: ConversationSummary[] }];
  /** A conversation left an agent (transfer, release, requeue): that agent's console must drop it. */
  reassigned: [e: { summary: ConversationSummary; previousAgentId: string }];
  typing: [e: { conversation: Conversation; author: 'visitor' | 'agent'; typing: boolean }];
  /**
   * A step in a conversation's life: started, joined the queue, got an agent (claim, routing or
   * transfer), closed, rated, or became a left message. Emitted after it is stored; listeners that
   * need more than the conversation (names, the visitor) read it themselves, so nothing is read for
   * nobody.
   */
  lifecycle: [e: { step: LifecycleStep; conversation: Conversation }];
  /** Evidence for learned wordings changed (null: several entries may be affected). */
  learned: [e: { entryId: string | null }];
  /** The team's presence, limits or open conversations changed. */
  agents: [e: { agents: AgentStatus[] }];
}
