// What every room of the conversation domain shares: the ports, the bot, the event emitter,
// agents' display names, and turning domain objects into ready payloads for the events.
import { EventEmitter } from 'node:events';
import type { ChatMessage, ConversationSummary, ConversationView, KbHit, Locale } from '../../protocol/index.ts';
import type { KbEntry, KnowledgeService } from '../knowledge/index.ts';
import { coalesce } from './coalesce.ts';
import { DomainError } from './errors.ts';
import type { DomainEvents } from './events.ts';
import { avatarPath, type Conversation, type Message, type Visitor } from './model.ts';
import type { ConversationStore } from './ports.ts';
import { toChatMessage, toConversationView, toSummary } from './presenters.ts';
import type { Team } from './team.ts';

export interface BotEngine {
  decide: KnowledgeService['decide'];
  /** An entry by id (a visitor's choice names one). */
  entry: KnowledgeService['entry'];
  /** The entries whose answer an agent's message contains (they answered with that FAQ answer). */
  answeredWith: (text: string, locale: Locale) => KbEntry[];
  normalize: (text: string, locale: Locale) => string;
  /** Ranked entries for an agent's search from the composer. */
  search: (query: string, locale?: Locale) => KbHit[];
}

/** Display names change rarely; another process may rename someone, so names are re-read after a while. */
const NAME_TTL_MS = 60_000;

export class Context {
  readonly events = new EventEmitter<DomainEvents>();
  private readonly names = new Map<string, { name: string; avatar: string | null; until: number }>();
  /** Announce the queue (coalesced): agents get the whole queue, waiting visitors their place. */
  readonly queueChanged: () => void;
  /** Announce the left messages (coalesced). */
  readonly ticketsChanged: () => void;

  constructor(
    readonly store: ConversationStore,
    readonly team: Team,
    readonly bot: BotEngine,
  ) {
    const quiet = (task: () => Promise<void>) => async () => {
      try {
        await task();
      } catch {
        // a failed announcement is repaired by the next change, or a client's resync
      }
    };
    this.queueChanged = coalesce(quiet(async () => void this.events.emit('queue', await this.queueSnapshot())), 150);
    this.ticketsChanged = coalesce(quiet(async () => void this.events.emit('tickets', { tickets: await this.ticketList() })), 150);
  }

  // ---------------------------------------------------------------- reads
  async mustGet(id: string): Promise<Conversation> {
    const conv = await this.store.conversations.get(id);
    if (!conv) throw new DomainError('not_found', 'No such conversation.');
    return conv;
  }

  /** A conversation of this visitor: the same answer for "missing" and "someone else's", so ids cannot be probed. */
  async ownedByVisitor(visitor: Visitor, conversationId: string): Promise<Conversation> {
    const conv = await this.store.conversations.get(conversationId);
    if (!conv || !(await this.visitorMaySee(visitor, conv))) throw new DomainError('not_found', 'No such conversation.');
    return conv;
  }

  /** A visitor's own conversation, or a chat of the customer they are verified as (on another device). */
  async visitorMaySee(visitor: Visitor, conv: Conversation): Promise<boolean> {
    // This browser's own conversation, unless it belongs to another customer than the one now
    // signed in here (a shared computer where the site did not call Porsan.reset between users).
    if (conv.visitorId === visitor.id) return !conv.customerId || !visitor.customerId || conv.customerId === visitor.customerId;
    if (!conv.customerId || conv.channel !== 'chat') return false;
    // Read again: the link may have begun or ended (Porsan.reset) since this copy of the visitor.
    return (await this.store.customers.customerOf(visitor.id))?.id === conv.customerId;
  }

  /**
   * What the visitor's widget shows: for a verified customer, their open chat on any device;
   * otherwise (or without one) this visitor's current conversation (open, or closed but not dismissed).
   */
  async currentOf(visitor: Visitor): Promise<Conversation | undefined> {
    if (visitor.verified && visitor.customerId) {
      const open = await this.store.customers.openConversationOf(visitor.customerId, 'chat');
      if (open) return open;
    }
    return this.store.conversations.currentOf(visitor.id);
  }

  /** `avatar` undefined: keep the picture already known (a caller that has only the name). */
  rememberAgent(agent: { id: string; name: string; avatarVersion?: string | null }): void {
    const known = this.names.get(agent.id);
    if (agent.avatarVersion === undefined && !known) return; // the store is asked when needed
    const avatar = agent.avatarVersion === undefined ? (known?.avatar ?? null) : avatarPath({ id: agent.id, avatarVersion: agent.avatarVersion });
    this.names.set(agent.id, { name: agent.name, avatar, until: Date.now() + NAME_TTL_MS });
  }

  async agentName(agentId: string | null): Promise<string | null> {
    return (await this.agentProfile(agentId))?.name ?? null;
  }

  /** An agent's display name and picture, as visitors see them. */
  async agentProfile(agentId: string | null): Promise<{ name: string; avatar: string | null } | null> {
    if (!agentId) return null;
    const known = this.names.get(agentId);
    if (known && known.until > Date.now()) return known;
    const agent = await this.store.agents.get(agentId);
    if (agent) this.rememberAgent(agent);
    return this.names.get(agentId) ?? known ?? null;
  }

  // ---------------------------------------------------------------- presenting
  async chat(m: Message): Promise<ChatMessage> {
    return toChatMessage(m, await this.agentName(m.agentId));
  }

  /** Position × the median recent pick-up time, shared among the agents online. */
  async estimator(): Promise<(position: number) => number | null> {
    const recent = (await this.store.conversations.recentPickupSeconds()).sort((a, b) => a - b);
    if (recent.length === 0) return () => null;
    const median = recent[Math.floor(recent.length / 2)] as number;
    const agents = Math.max(1, (await this.team.onlineAgentIds()).length);
    return (position) => Math.round((position * median) / agents);
  }

  async view(conv: Conversation): Promise<ConversationView> {
    const position = conv.status === 'queued' ? await this.store.conversations.queuePosition(conv) : null;
    const agent = await this.agentProfile(conv.agentId);
    const view = toConversationView(conv, position, agent?.name ?? null);
    if (view.agentName && agent?.avatar) view.agentAvatar = agent.avatar;
    view.agentsAvailable = await this.team.available();
    if (position !== null) view.etaSeconds = (await this.estimator())(position);
    return view;
  }

  async summary(conv: Conversation, visitorName?: string | null): Promise<ConversationSummary> {
    const position = conv.status === 'queued' ? await this.store.conversations.queuePosition(conv) : null;
    const name = visitorName !== undefined ? visitorName : ((await this.store.visitors.get(conv.visitorId))?.name ?? null);
    return toSummary(conv, position, await this.agentName(conv.agentId), name);
  }

  async queue(): Promise<ConversationSummary[]> {
    const rows = await this.store.conversations.waiting('queued');
    return rows.map((r, i) => toSummary(r, i + 1, null, r.visitorName));
  }

  async ticketList(): Promise<ConversationSummary[]> {
    const rows = await this.store.conversations.waiting('offline');
    return Promise.all(rows.map(async (r) => toSummary(r, null, await this.agentName(r.agentId), r.visitorName)));
  }

  /** The whole queue from two queries, however long it is. */
  private async queueSnapshot(): Promise<DomainEvents['queue'][0]> {
    const rows = await this.store.conversations.waiting('queued');
    const available = await this.team.available();
    const eta = await this.estimator();
    return {
      summaries: rows.map((r, i) => toSummary(r, i + 1, null, r.visitorName)),
      views: rows.map((r, i) => ({ visitorId: r.visitorId, customerId: r.customerId, view: { ...toConversationView(r, i + 1, null), agentsAvailable: available, etaSeconds: eta(i + 1) } })),
    };
  }

  // ---------------------------------------------------------------- announcing
  /** Announces stored messages; returns them as the protocol has them. */
  async announce(messages: Message[], conversation: Conversation): Promise<ChatMessage[]> {
    const chats = await Promise.all(messages.map((m) => this.chat(m)));
    for (const message of chats) this.events.emit('message', { message, conversation });
    return chats;
  }

  /** Announces a conversation's new state to its visitor's tabs and the agents who have it. */
  async announceConversation(conversation: Conversation, visitorName?: string | null): Promise<ConversationView> {
    const [view, summary] = await Promise.all([this.view(conversation), this.summary(conversation, visitorName)]);
    this.events.emit('conversation', { conversation, view, summary });
    return view;
  }

  locale(conv: Conversation): Locale {
    return conv.locale;
  }
}
