// The conversation domain: lifecycle (bot → queued → assigned → closed), the bot's turn,
// the queue and claims. It persists through the store and announces changes as events;
// the realtime edge turns those into socket emits. It knows nothing of sockets or HTTP.
import { EventEmitter } from 'node:events';
import type {
  AgentInfo, ChatMessage, ConversationDetail, ConversationSummary, ConversationView, HandoffReason, Locale, MessageMeta,
  PageInfo, Suggestion, VisitorProfile,
} from '../../protocol/index.ts';
import type { Answer, KnowledgeService } from '../knowledge/index.ts';
import type { AgentRow, ConversationRow, MessageRow, Store, VisitorRow } from '../store/index.ts';
import { botText } from './bot-text.ts';
import { DomainError } from './errors.ts';
import { toChatMessage, toConversationView, toSummary, toVisitorContext } from './views.ts';

export interface ConversationEvents {
  /** A message was stored (visitor, bot, agent or system). */
  message: [message: ChatMessage, conversation: ConversationRow];
  /** A conversation's status, owner or rating changed. */
  conversation: [conversation: ConversationRow];
  /** The queue changed: something joined, left or moved. */
  queue: [];
  /** Someone started or stopped typing in an assigned conversation. */
  typing: [conversation: ConversationRow, author: 'visitor' | 'agent', typing: boolean];
}

export interface BotEngine {
  answer: KnowledgeService['answer'];
  normalize: (text: string, locale: Locale) => string;
}

const OPEN = ['bot', 'queued', 'assigned'] as const;
/** A visitor returning after this long counts as a new visit. */
const VISIT_GAP_MS = 30 * 60 * 1000;

export class Conversations extends EventEmitter<ConversationEvents> {
  private readonly agentNames = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly bot: BotEngine,
  ) {
    super();
  }

  // ================================================================ visitors
  /** Registers a visitor's arrival (new or returning) and what page they are on. */
  async arrive(visitor: VisitorRow, locale: Locale, page: PageInfo, userAgent: string | null): Promise<VisitorRow> {
    const returning = Date.now() - Date.parse(visitor.last_seen_at) > VISIT_GAP_MS;
    const patch = {
      locale,
      page_url: page.url,
      page_title: page.title ?? null,
      referrer: page.referrer ?? null,
      user_agent: userAgent,
      last_seen_at: new Date().toISOString(),
      visits: visitor.visits + (returning ? 1 : 0),
    };
    await this.store.updateVisitor(visitor.id, patch);
    return { ...visitor, ...patch };
  }

  /** The visitor's current conversation (open, or closed but not yet dismissed) and its messages after `afterSeq`. */
  async current(visitor: VisitorRow, afterSeq = 0): Promise<{ conversation: ConversationView | null; messages: ChatMessage[] }> {
    const conv = await this.currentRow(visitor);
    if (!conv) return { conversation: null, messages: [] };
    return { conversation: await this.view(conv), messages: await this.messagesAfter(conv.id, afterSeq) };
  }

  async visitorSend(visitor: VisitorRow, clientId: string, text: string): Promise<ChatMessage> {
    const conv = await this.openConversationFor(visitor);
    const { message, created } = await this.store.appendMessage({ conversationId: conv.id, clientId, author: 'visitor', text });
    const chat = await this.chat(message);
    if (!created) return chat; // a retry: already stored, already answered
    const fresh = (await this.store.conversation(conv.id)) ?? conv;
    this.emit('message', chat, fresh);
    if (fresh.status === 'bot') await this.botTurn(fresh, text);
    return chat;
  }

  async handoff(visitor: VisitorRow, reason: HandoffReason): Promise<ConversationView> {
    const conv = await this.openConversationFor(visitor);
    return this.view(await this.enqueue(conv, reason));
  }

  async visitorClose(visitor: VisitorRow, conversationId: string): Promise<ConversationView> {
    const conv = await this.ownedByVisitor(visitor, conversationId);
    const closed = await this.closeConversation(conv, 'visitor');
    return this.view(closed);
  }

  async rate(visitor: VisitorRow, conversationId: string, score: number, comment: string | null): Promise<void> {
    const conv = await this.ownedByVisitor(visitor, conversationId);
    if (conv.status !== 'closed') throw new DomainError('wrong_state', 'A conversation can be rated once it has ended.');
    if (!(await this.store.rate(conv.id, score, comment))) throw new DomainError('wrong_state', 'This conversation has already been rated.');
    const rated = await this.mustGet(conv.id);
    await this.post(rated, 'system', botText('rated', this.locale(rated), { score }), { type: 'rated', score });
    this.emit('conversation', rated);
  }

  /** Leaves a closed conversation behind so the next message starts a new one. */
  async restart(visitor: VisitorRow): Promise<ConversationView | null> {
    const conv = await this.currentRow(visitor);
    if (conv && conv.status !== 'closed') return this.view(conv);
    await this.store.updateVisitor(visitor.id, { current_conversation_id: null });
    return null;
  }

  async identify(visitor: VisitorRow, profile: VisitorProfile): Promise<void> {
    await this.store.updateVisitor(visitor.id, {
      ...(profile.name !== undefined && { name: profile.name }),
      ...(profile.email !== undefined && { email: profile.email }),
      ...(profile.phone !== undefined && { phone: profile.phone }),
    });
  }

  async visitorSync(visitor: VisitorRow, conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    const conv = await this.ownedByVisitor(visitor, conversationId);
    return this.messagesAfter(conv.id, afterSeq);
  }

  /** Typing indicators travel only within a conversation an agent is working. */
  async visitorTyping(visitor: VisitorRow, typing: boolean): Promise<void> {
    const conv = await this.currentRow(visitor);
    if (conv?.status === 'assigned') this.emit('typing', conv, 'visitor', typing);
  }

  async agentTyping(agent: AgentInfo, conversationId: string, typing: boolean): Promise<void> {
    const conv = await this.store.conversation(conversationId);
    if (conv?.status === 'assigned' && conv.agent_id === agent.id) this.emit('typing', conv, 'agent', typing);
  }

  // ================================================================ agents
  rememberAgent(agent: Pick<AgentRow, 'id' | 'name'>): void {
    this.agentNames.set(agent.id, agent.name);
  }

  async queue(): Promise<ConversationSummary[]> {
    const rows = await this.store.queued();
    return Promise.all(rows.map((r, i) => this.summaryOf(r, i + 1)));
  }

  async mine(agentId: string): Promise<ConversationSummary[]> {
    const rows = await this.store.conversationsOfAgent(agentId, ['assigned']);
    return Promise.all(rows.map((r) => this.summary(r)));
  }

  async detail(conversationId: string): Promise<ConversationDetail> {
    const conv = await this.mustGet(conversationId);
    const visitor = await this.store.visitor(conv.visitor_id);
    if (!visitor) throw new DomainError('not_found', 'The visitor of this conversation no longer exists.');
    const others = (await this.store.conversationsOfVisitor(visitor.id)).filter((c) => c.id !== conv.id && c.created_at <= conv.created_at);
    return {
      conversation: await this.summary(conv),
      messages: await this.messagesAfter(conv.id, 0),
      visitor: toVisitorContext(visitor),
      earlier: await Promise.all(
        others.slice(0, 5).map(async (c) => ({ conversation: await this.summary(c), messages: await this.messagesAfter(c.id, 0) })),
      ),
    };
  }

  async claim(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const won = await this.store.transition(conversationId, ['queued'], {
      status: 'assigned',
      agent_id: agent.id,
      assigned_at: new Date().toISOString(),
    });
    const conv = await this.mustGet(conversationId);
    if (!won) {
      if (conv.status === 'assigned') throw new DomainError('already_taken', 'Another agent has already taken this conversation.');
      throw new DomainError('wrong_state', `This conversation is ${conv.status}, not waiting in the queue.`);
    }
    this.rememberAgent(agent);
    await this.post(conv, 'system', botText('assigned', this.locale(conv), { name: agent.name }), { type: 'assigned', agentName: agent.name });
    this.emit('conversation', conv);
    this.emit('queue');
    return this.summary(conv);
  }

  async agentSend(agent: AgentInfo, conversationId: string, clientId: string, text: string): Promise<ChatMessage> {
    const conv = await this.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agent_id !== agent.id) {
      throw new DomainError('forbidden', 'Only the agent who owns an open conversation can write in it.');
    }
    this.rememberAgent(agent);
    const { message, created } = await this.store.appendMessage({ conversationId, clientId, author: 'agent', text, agentId: agent.id });
    const chat = await this.chat(message);
    if (created) {
      if (!conv.first_response_at) await this.store.transition(conv.id, ['assigned'], { first_response_at: message.created_at });
      this.emit('message', chat, conv);
    }
    return chat;
  }

  async agentClose(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const conv = await this.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agent_id !== agent.id) {
      throw new DomainError('forbidden', 'Only the agent who owns an open conversation can close it.');
    }
    return this.summary(await this.closeConversation(conv, 'agent', agent));
  }

  // ================================================================ views
  async view(conv: ConversationRow): Promise<ConversationView> {
    const position = conv.status === 'queued' ? await this.queuePosition(conv.id) : null;
    return toConversationView(conv, position, await this.agentName(conv.agent_id));
  }

  async summary(conv: ConversationRow): Promise<ConversationSummary> {
    const position = conv.status === 'queued' ? await this.queuePosition(conv.id) : null;
    return this.summaryOf(conv, position);
  }

  /** Every queued conversation with its view, for announcing new positions. */
  async queuedViews(): Promise<{ conversation: ConversationRow; view: ConversationView }[]> {
    const rows = await this.store.queued();
    return rows.map((r, i) => ({ conversation: r, view: toConversationView(r, i + 1, null) }));
  }

  // ================================================================ internals
  private async botTurn(conv: ConversationRow, question: string): Promise<void> {
    const answer: Answer = this.bot.answer(question, this.locale(conv));
    const locale = answer.locale;
    if (answer.decision === 'human') {
      if (answer.entry) await this.post(conv, 'bot', answer.entry.answer, { type: 'answer', entryId: answer.entry.id, score: answer.score });
      await this.enqueue(conv, 'asked');
      return;
    }
    if (answer.decision === 'answer' && answer.entry) {
      await this.post(conv, 'bot', answer.entry.answer, { type: 'answer', entryId: answer.entry.id, score: answer.score });
      return;
    }
    const suggestions: Suggestion[] = answer.suggestions.slice(0, 3).map((e) => ({ id: e.id, title: e.questions[0] ?? e.id }));
    await this.store.recordUnanswered({ conversationId: conv.id, locale, text: question, normalized: this.bot.normalize(question, locale) });
    const text = botText(suggestions.length ? 'noAnswer' : 'noAnswerNoSuggestions', locale);
    await this.post(conv, 'bot', text, { type: 'no_answer', suggestions });
  }

  private async enqueue(conv: ConversationRow, reason: HandoffReason): Promise<ConversationRow> {
    const queued = await this.store.transition(conv.id, ['bot'], { status: 'queued', queued_at: new Date().toISOString(), handoff_reason: reason });
    const now = await this.mustGet(conv.id);
    if (!queued) return now; // already queued or with an agent: asking again changes nothing
    await this.post(now, 'system', botText('queued', this.locale(now)), { type: 'handoff', reason });
    this.emit('conversation', now);
    this.emit('queue');
    return now;
  }

  private async closeConversation(conv: ConversationRow, by: 'visitor' | 'agent', agent?: AgentInfo): Promise<ConversationRow> {
    const wasQueued = conv.status === 'queued';
    const done = await this.store.transition(conv.id, by === 'agent' ? ['assigned'] : OPEN, { status: 'closed', closed_at: new Date().toISOString(), closed_by: by }, by === 'agent' ? agent?.id : undefined);
    if (!done) {
      const latest = await this.mustGet(conv.id);
      if (latest.status === 'closed') return latest;
      throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
    }
    const closed = await this.mustGet(conv.id);
    const text = by === 'visitor' ? botText('closedByVisitor', this.locale(closed)) : botText('closedByAgent', this.locale(closed), { name: agent?.name ?? '' });
    await this.post(closed, 'system', text, { type: 'closed', by });
    this.emit('conversation', closed);
    if (wasQueued) this.emit('queue');
    return closed;
  }

  private async post(conv: ConversationRow, author: 'bot' | 'system', text: string, meta: MessageMeta): Promise<ChatMessage> {
    const { message } = await this.store.appendMessage({ conversationId: conv.id, clientId: null, author, text, meta });
    const chat = await this.chat(message);
    this.emit('message', chat, (await this.store.conversation(conv.id)) ?? conv);
    return chat;
  }

  private async openConversationFor(visitor: VisitorRow): Promise<ConversationRow> {
    const conv = await this.currentRow(visitor);
    if (conv && conv.status !== 'closed') return conv;
    return this.store.createConversation({ visitorId: visitor.id, locale: visitor.locale, pageUrl: visitor.page_url });
  }

  private async currentRow(visitor: VisitorRow): Promise<ConversationRow | undefined> {
    // Re-read: another tab may have started or ended a conversation meanwhile.
    const fresh = await this.store.visitor(visitor.id);
    const id = fresh?.current_conversation_id;
    return id ? this.store.conversation(id) : undefined;
  }

  private async ownedByVisitor(visitor: VisitorRow, conversationId: string): Promise<ConversationRow> {
    const conv = await this.store.conversation(conversationId);
    // The same answer for "missing" and "someone else's", so ids cannot be probed.
    if (!conv || conv.visitor_id !== visitor.id) throw new DomainError('not_found', 'No such conversation.');
    return conv;
  }

  private async mustGet(id: string): Promise<ConversationRow> {
    const conv = await this.store.conversation(id);
    if (!conv) throw new DomainError('not_found', 'No such conversation.');
    return conv;
  }

  private async queuePosition(id: string): Promise<number | null> {
    const idx = (await this.store.queued()).findIndex((c) => c.id === id);
    return idx < 0 ? null : idx + 1;
  }

  private async summaryOf(conv: ConversationRow, position: number | null): Promise<ConversationSummary> {
    const visitor = await this.store.visitor(conv.visitor_id);
    return toSummary(conv, position, await this.agentName(conv.agent_id), visitor?.name ?? null);
  }

  private async messagesAfter(conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    const rows = await this.store.messagesAfter(conversationId, afterSeq);
    return Promise.all(rows.map((r) => this.chat(r)));
  }

  private async chat(row: MessageRow): Promise<ChatMessage> {
    return toChatMessage(row, (await this.agentName(row.agent_id)) ?? undefined);
  }

  private async agentName(agentId: string | null): Promise<string | null> {
    if (!agentId) return null;
    const known = this.agentNames.get(agentId);
    if (known) return known;
    const agent = await this.store.agent(agentId);
    if (agent) this.agentNames.set(agent.id, agent.name);
    return agent?.name ?? null;
  }

  private locale(conv: ConversationRow): Locale {
    return conv.locale as Locale;
  }
}
