// The conversation domain: lifecycle (bot → queued → assigned → closed), the bot's turn,
// the queue and claims. It persists through the store and announces changes as events;
// the realtime edge turns those into socket emits. It knows nothing of sockets or HTTP.
import { EventEmitter } from 'node:events';
import { randomInt } from 'node:crypto';
import type {
  AgentInfo, ChatMessage, ConversationDetail, ConversationSummary, ConversationView, HandoffReason, KbHit, LeaveMessageRequest,
  Locale, MessageMeta, PageInfo, Resolution, Suggestion, VisitorProfile,
} from '../../protocol/index.ts';
import type { Answer, KnowledgeService } from '../knowledge/index.ts';
import type { AgentRow, ConversationRow, MessageRow, Store, VisitorRow } from '../store/index.ts';
import { botText } from './bot-text.ts';
import { DomainError } from './errors.ts';
import { UNLIMITED, type VisitorQuota } from './quota.ts';
import type { Team } from './team.ts';
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
  /** A left message arrived or was picked up. */
  tickets: [];
  /** A conversation left an agent (transfer, release, requeue): that agent's console must drop it. */
  reassigned: [conversation: ConversationRow, previousAgentId: string];
}

export interface BotEngine {
  answer: KnowledgeService['answer'];
  normalize: (text: string, locale: Locale) => string;
  /** Ranked entries for an agent's search from the composer. */
  search: (query: string, locale?: Locale) => KbHit[];
}

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 12 characters from 31: about 59 bits, grouped for reading aloud over the phone. */
function trackingCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const OPEN = ['bot', 'queued', 'assigned', 'offline'] as const;
/** A visitor returning after this long counts as a new visit. */
const VISIT_GAP_MS = 30 * 60 * 1000;

export class Conversations extends EventEmitter<ConversationEvents> {
  private readonly agentNames = new Map<string, string>();

  private routing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly bot: BotEngine,
    private readonly team: Team,
  ) {
    super();
    team.on('wentOffline', (agentId) => void this.requeueAgent(agentId).catch(() => {}));
    team.on('changed', () => void this.route());
  }

  // ================================================================ visitors
  /** Registers a visitor's arrival (new or returning) and what page they are on. */
  async arrive(visitor: VisitorRow, locale: Locale, page: PageInfo, userAgent: string | null, timeZone: string | null): Promise<VisitorRow> {
    const returning = Date.now() - Date.parse(visitor.last_seen_at) > VISIT_GAP_MS;
    const patch = {
      time_zone: timeZone ?? visitor.time_zone,
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

  async visitorSend(visitor: VisitorRow, clientId: string, text: string, quota: VisitorQuota = UNLIMITED): Promise<ChatMessage> {
    const conv = await this.openConversationFor(visitor, quota);
    const { message, created } = await this.store.appendMessage({ conversationId: conv.id, clientId, author: 'visitor', text });
    const chat = await this.chat(message);
    if (!created) return chat; // a retry: already stored, already answered
    const fresh = (await this.store.conversation(conv.id)) ?? conv;
    if (message.seq === 1) this.emit('conversation', fresh); // a new conversation: every tab learns of it
    this.emit('message', chat, fresh);
    if (fresh.status === 'bot') await this.botTurn(fresh, text, quota);
    return chat;
  }

  async handoff(visitor: VisitorRow, reason: HandoffReason, quota: VisitorQuota = UNLIMITED): Promise<ConversationView> {
    const conv = await this.openConversationFor(visitor, quota);
    return this.view(await this.enqueue(conv, reason, quota));
  }

  /** When nobody can answer: the visitor leaves a message and gets a tracking code. */
  async leaveMessage(visitor: VisitorRow, req: LeaveMessageRequest, quota: VisitorQuota = UNLIMITED): Promise<{ conversation: ConversationView; trackingCode: string }> {
    const current = await this.currentRow(visitor);
    if (current?.status === 'assigned') throw new DomainError('wrong_state', 'An agent is already with you in this conversation.');
    await quota.leftMessage();
    await this.identify(visitor, req);
    const conv = await this.openConversationFor(visitor, quota);
    if (conv.status === 'assigned') throw new DomainError('wrong_state', 'An agent is already with you in this conversation.');
    const { message } = await this.store.appendMessage({ conversationId: conv.id, clientId: null, author: 'visitor', text: req.text });
    this.emit('message', await this.chat(message), conv);
    // A second message on a ticket already left joins it, under the same code.
    if (conv.status === 'offline' && conv.tracking_code) return { conversation: await this.view(conv), trackingCode: conv.tracking_code };
    const code = trackingCode();
    const moved = await this.store.transition(conv.id, ['bot', 'queued'], { status: 'offline', tracking_code: code, queued_at: new Date().toISOString(), handoff_reason: conv.handoff_reason ?? 'button' });
    const now = await this.mustGet(conv.id);
    if (!moved) throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
    await this.post(now, 'system', botText('ticket', this.locale(now), { code }), { type: 'ticket', trackingCode: code });
    this.emit('conversation', now);
    if (conv.status === 'queued') this.emit('queue');
    this.emit('tickets');
    return { conversation: await this.view(now), trackingCode: code };
  }

  /** A left message and its answers, by tracking code (from any device). */
  async ticket(code: string): Promise<{ conversation: ConversationView; messages: ChatMessage[] }> {
    const conv = await this.store.conversationByTrackingCode(code.trim().toUpperCase());
    if (!conv) throw new DomainError('not_found', 'No message with that tracking code.');
    return { conversation: await this.view(conv), messages: await this.messagesAfter(conv.id, 0) };
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

  /** The whole queue from one query (it is broadcast on every change). */
  async queue(): Promise<ConversationSummary[]> {
    const rows = await this.store.queuedWithNames();
    return rows.map((r, i) => toSummary(r, i + 1, null, r.visitor_name));
  }

  async tickets(): Promise<ConversationSummary[]> {
    return Promise.all((await this.store.tickets()).map((r) => this.summary(r)));
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
      messages: await this.messagesAfter(conv.id, 0, true),
      visitor: toVisitorContext(visitor),
      earlier: await Promise.all(
        others.slice(0, 5).map(async (c) => ({ conversation: await this.summary(c), messages: await this.messagesAfter(c.id, 0, true) })),
      ),
    };
  }

  async claim(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const before = await this.mustGet(conversationId);
    const limit = await this.limitOf(agent.id);
    const won = await this.store.assign(conversationId, agent.id, limit);
    const conv = await this.mustGet(conversationId);
    if (!won) {
      if (conv.status === 'assigned' && conv.agent_id !== agent.id) throw new DomainError('already_taken', 'Another agent has already taken this conversation.');
      if (conv.status === 'queued' || conv.status === 'offline') throw new DomainError('forbidden', `You already have ${limit} open conversations, your limit. Close one first.`);
      throw new DomainError('wrong_state', `This conversation is ${conv.status}, not waiting in the queue.`);
    }
    await this.announceAssigned(conv, agent, before.status);
    return this.summary(conv);
  }

  async transfer(agent: AgentInfo, conversationId: string, toAgentId: string): Promise<ConversationSummary> {
    const conv = await this.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agent_id !== agent.id) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can transfer it.');
    const target = await this.store.agent(toAgentId);
    if (!target || !target.active || this.team.presenceOf(target.id) !== 'online') throw new DomainError('wrong_state', 'That agent is not online.');
    if (target.role === 'editor') throw new DomainError('forbidden', 'Editors do not take conversations.');
    if (!(await this.store.assign(conv.id, target.id, this.team.limitOf(target), ['assigned'], agent.id))) {
      throw new DomainError('wrong_state', `${target.name} is at their limit of open conversations, or the conversation changed meanwhile.`);
    }
    this.rememberAgent(target);
    this.team.noteAssigned(target.id);
    const moved = await this.mustGet(conv.id);
    await this.post(moved, 'system', botText('transferred', this.locale(moved), { name: target.name }), { type: 'transferred', agentName: target.name });
    this.emit('conversation', moved);
    this.emit('reassigned', moved, agent.id);
    this.team.emit('changed');
    return this.summary(moved);
  }

  /** Back to the queue (or, for a left message, back to the tickets), keeping its original place. */
  async release(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const conv = await this.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agent_id !== agent.id) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can release it.');
    return this.summary(await this.unassign(conv, 'agent'));
  }

  async note(agent: AgentInfo, conversationId: string, clientId: string, text: string): Promise<ChatMessage> {
    const conv = await this.mustGet(conversationId);
    this.rememberAgent(agent);
    const { message, created } = await this.store.appendMessage({ conversationId: conv.id, clientId, author: 'agent', text, agentId: agent.id, internal: true, meta: { type: 'note' } });
    const chat = await this.chat(message);
    if (created) this.emit('message', chat, conv);
    return chat;
  }

  async setTags(conversationId: string, tags: string[]): Promise<ConversationSummary> {
    await this.mustGet(conversationId);
    await this.store.setTags(conversationId, [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, 20));
    const conv = await this.mustGet(conversationId);
    this.emit('conversation', conv);
    return this.summary(conv);
  }

  kbSearch(query: string, locale?: Locale): KbHit[] {
    return this.bot.search(query, locale);
  }

  /** The agent has been offline past the grace period: their conversations go back to the queue. */
  async requeueAgent(agentId: string): Promise<void> {
    for (const conv of await this.store.conversationsOfAgent(agentId, ['assigned'])) {
      await this.unassign(conv, 'agent_offline').catch(() => undefined);
    }
  }

  /**
   * Automatic routing: each waiting conversation, oldest first, goes to the online agent with
   * the fewest open conversations below their limit (ties: longest idle). Runs one at a time.
   */
  route(): Promise<void> {
    this.routing = this.routing.then(() => this.routeOnce()).catch(() => undefined);
    return this.routing;
  }

  private async routeOnce(): Promise<void> {
    if (this.team.settings().routing !== 'auto') return;
    for (const conv of await this.store.queued()) {
      const online = new Set(this.team.onlineAgentIds());
      if (online.size === 0) return;
      const counts = await this.store.openCounts();
      const candidates = (await this.store.agents())
        .filter((a) => a.active && a.role !== 'editor' && online.has(a.id) && (counts.get(a.id) ?? 0) < this.team.limitOf(a))
        .sort((a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0) || this.team.lastAssignedAt(a.id) - this.team.lastAssignedAt(b.id));
      const pick = candidates[0];
      if (!pick) return;
      if (await this.store.assign(conv.id, pick.id, this.team.limitOf(pick), ['queued'])) {
        await this.announceAssigned(await this.mustGet(conv.id), { id: pick.id, name: pick.name, email: pick.email, role: pick.role as AgentInfo['role'] }, 'queued');
      }
    }
  }

  private async announceAssigned(conv: ConversationRow, agent: AgentInfo, from: string): Promise<void> {
    this.rememberAgent(agent);
    this.team.noteAssigned(agent.id);
    await this.post(conv, 'system', botText('assigned', this.locale(conv), { name: agent.name }), { type: 'assigned', agentName: agent.name });
    this.emit('conversation', conv);
    if (from === 'offline') this.emit('tickets');
    else this.emit('queue');
    this.team.emit('changed');
  }

  private async unassign(conv: ConversationRow, reason: 'agent' | 'agent_offline'): Promise<ConversationRow> {
    const back = conv.tracking_code ? 'offline' : 'queued';
    const ok = await this.store.transition(conv.id, ['assigned'], { status: back, agent_id: null, assigned_at: null, queued_at: conv.queued_at ?? new Date().toISOString() }, conv.agent_id ?? undefined);
    if (!ok) throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
    const now = await this.mustGet(conv.id);
    await this.post(now, 'system', botText(reason === 'agent' ? 'released' : 'releasedOffline', this.locale(now)), { type: 'released', reason });
    this.emit('conversation', now);
    this.emit('reassigned', now, conv.agent_id as string);
    if (back === 'offline') this.emit('tickets');
    else this.emit('queue');
    this.team.emit('changed');
    void this.route();
    return now;
  }

  private async limitOf(agentId: string): Promise<number> {
    const row = await this.store.agent(agentId);
    return row ? this.team.limitOf(row) : this.team.settings().defaultLimit;
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

  async agentClose(agent: AgentInfo, conversationId: string, resolution: Resolution | null): Promise<ConversationSummary> {
    const conv = await this.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agent_id !== agent.id) {
      throw new DomainError('forbidden', 'Only the agent who owns an open conversation can close it.');
    }
    const closed = await this.closeConversation(conv, 'agent', agent, resolution);
    this.team.emit('changed');
    void this.route();
    return this.summary(closed);
  }

  // ================================================================ views
  async view(conv: ConversationRow): Promise<ConversationView> {
    const position = conv.status === 'queued' ? await this.queuePosition(conv.id) : null;
    const view = toConversationView(conv, position, await this.agentName(conv.agent_id));
    view.agentsAvailable = this.team.available();
    if (position !== null) view.etaSeconds = (await this.estimator())(position);
    return view;
  }

  /** Position × the median recent pick-up time, shared among the agents online. */
  private async estimator(): Promise<(position: number) => number | null> {
    const recent = (await this.store.recentPickupSeconds()).sort((a, b) => a - b);
    if (recent.length === 0) return () => null;
    const median = recent[Math.floor(recent.length / 2)] as number;
    const agents = Math.max(1, this.team.onlineAgentIds().length);
    return (position) => Math.round((position * median) / agents);
  }

  async summary(conv: ConversationRow): Promise<ConversationSummary> {
    const position = conv.status === 'queued' ? await this.queuePosition(conv.id) : null;
    return this.summaryOf(conv, position);
  }

  /** Every queued conversation with its view, for announcing new positions. */
  async queuedViews(): Promise<{ conversation: ConversationRow; view: ConversationView }[]> {
    const rows = await this.store.queued();
    const available = this.team.available();
    const eta = await this.estimator();
    return rows.map((r, i) => ({ conversation: r, view: { ...toConversationView(r, i + 1, null), agentsAvailable: available, etaSeconds: eta(i + 1) } }));
  }

  // ================================================================ internals
  private async botTurn(conv: ConversationRow, question: string, quota: VisitorQuota): Promise<void> {
    const answer: Answer = this.bot.answer(question, this.locale(conv));
    const locale = answer.locale;
    if (answer.decision === 'human') {
      // The FAQ's own "talk to a person" answer, unless nobody is there to talk to.
      try {
        await quota.handoff();
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'rate_limited') throw err;
        await this.post(conv, 'system', botText('rateLimited', this.locale(conv)), { type: 'handoff', reason: 'asked' });
        return;
      }
      if (answer.entry && this.team.available()) await this.post(conv, 'bot', answer.entry.answer, { type: 'answer', entryId: answer.entry.id, score: answer.score });
      await this.enqueue(conv, 'asked', UNLIMITED);
      return;
    }
    if (answer.decision === 'answer' && answer.entry) {
      await this.post(conv, 'bot', answer.entry.answer, { type: 'answer', entryId: answer.entry.id, score: answer.score });
      return;
    }
    await this.store.recordUnanswered({ conversationId: conv.id, locale, text: question, normalized: this.bot.normalize(question, locale) });
    // A guess in another language than the widget's, with nothing close enough to suggest, is
    // not trusted (Latin-letter gibberish on a Persian page should not get English suggestions).
    const trusted = answer.decision === 'suggest' || locale === this.locale(conv);
    const replyLocale = trusted ? locale : this.locale(conv);
    const suggestions: Suggestion[] = trusted ? answer.suggestions.slice(0, 3).map((e) => ({ id: e.id, title: e.questions[0] ?? e.id })) : [];
    const text = botText(suggestions.length ? 'noAnswer' : 'noAnswerNoSuggestions', replyLocale);
    await this.post(conv, 'bot', text, { type: 'no_answer', suggestions });
  }

  private async enqueue(conv: ConversationRow, reason: HandoffReason, quota: VisitorQuota): Promise<ConversationRow> {
    if (conv.status !== 'bot') return conv; // already queued or with an agent: asking again changes nothing
    await quota.handoff();
    if (!this.team.available()) {
      // Nobody can answer now: the widget offers to leave a message instead (see leaveMessage).
      await this.post(conv, 'system', botText('nobodyAvailable', this.locale(conv)), { type: 'handoff', reason });
      this.emit('conversation', conv); // carries agentsAvailable: false, so the widget offers the form
      return conv;
    }
    const queued = await this.store.transition(conv.id, ['bot'], { status: 'queued', queued_at: new Date().toISOString(), handoff_reason: reason });
    const now = await this.mustGet(conv.id);
    if (!queued) return now; // already queued or with an agent: asking again changes nothing
    await this.post(now, 'system', botText('queued', this.locale(now)), { type: 'handoff', reason });
    this.emit('conversation', now);
    this.emit('queue');
    void this.route();
    return now;
  }

  private async closeConversation(conv: ConversationRow, by: 'visitor' | 'agent', agent?: AgentInfo, resolution: Resolution | null = null): Promise<ConversationRow> {
    const wasQueued = conv.status === 'queued';
    const done = await this.store.transition(conv.id, by === 'agent' ? ['assigned'] : OPEN, { status: 'closed', closed_at: new Date().toISOString(), closed_by: by, resolution }, by === 'agent' ? agent?.id : undefined);
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
    if (conv.status === 'offline') this.emit('tickets');
    return closed;
  }

  private async post(conv: ConversationRow, author: 'bot' | 'system', text: string, meta: MessageMeta): Promise<ChatMessage> {
    const { message } = await this.store.appendMessage({ conversationId: conv.id, clientId: null, author, text, meta });
    const chat = await this.chat(message);
    this.emit('message', chat, (await this.store.conversation(conv.id)) ?? conv);
    return chat;
  }

  private async openConversationFor(visitor: VisitorRow, quota: VisitorQuota): Promise<ConversationRow> {
    const conv = await this.currentRow(visitor);
    if (conv && conv.status !== 'closed') return conv;
    await quota.newConversation();
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

  private async messagesAfter(conversationId: string, afterSeq: number, internal = false): Promise<ChatMessage[]> {
    const rows = await this.store.messagesAfter(conversationId, afterSeq, { internal });
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
