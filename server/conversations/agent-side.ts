// The agent's side: the queue and their own conversations, the whole history of one, claiming,
// writing (and internal notes), tags, handing over to a colleague or back to the queue, closing.
import type { AgentInfo, ChatMessage, ConversationDetail, ConversationSummary, KbHit, Locale, Resolution } from '../../protocol/index.ts';
import type { Context } from './context.ts';
import { nowIso, systemDraft } from './drafts.ts';
import { agentAnswered } from './choices.ts';
import { DomainError } from './errors.ts';
import { closeConversation } from './lifecycle.ts';
import type { Conversation } from './model.ts';
import { toCustomerInfo, toSummary, toVisitorContext } from './presenters.ts';
import type { Routing } from './routing.ts';

export class AgentSide {
  constructor(
    private readonly ctx: Context,
    private readonly routing: Routing,
  ) {}

  queue(): Promise<ConversationSummary[]> {
    return this.ctx.queue();
  }

  async mine(agentId: string): Promise<ConversationSummary[]> {
    const rows = await this.ctx.store.conversations.ofAgent(agentId, ['assigned']);
    return Promise.all(rows.map(async (r) => toSummary(r, null, await this.ctx.agentName(r.agentId), r.visitorName)));
  }

  async detail(conversationId: string): Promise<ConversationDetail> {
    const { ctx } = this;
    const conv = await ctx.mustGet(conversationId);
    const visitor = await ctx.store.visitors.get(conv.visitorId);
    if (!visitor) throw new DomainError('not_found', 'The visitor of this conversation no longer exists.');
    const customer = conv.customerId ? await ctx.store.customers.get(conv.customerId) : undefined;
    // A customer's history spans their devices and channels; an anonymous visitor's is their own.
    const history = customer ? await ctx.store.customers.conversationsOfCustomer(customer.id, 20) : await ctx.store.conversations.ofVisitor(visitor.id);
    const others = history.filter((c) => c.id !== conv.id && c.createdAt <= conv.createdAt).slice(0, customer ? 10 : 5);
    const name = customer?.name ?? visitor.name;
    return {
      conversation: await ctx.summary(conv, visitor.name),
      messages: await this.transcript(conv.id),
      visitor: { ...toVisitorContext(visitor), customer: customer ? toCustomerInfo(customer) : null },
      earlier: await Promise.all(others.map(async (c) => ({ conversation: await ctx.summary(c, c.visitorId === visitor.id ? visitor.name : name), messages: await this.transcript(c.id) }))),
    };
  }

  async claim(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const { ctx } = this;
    const limit = await this.limitOf(agent.id);
    const won = await ctx.store.conversations.assign(conversationId, agent.id, limit);
    if (!won) {
      const conv = await ctx.mustGet(conversationId);
      if (conv.status === 'assigned' && conv.agentId !== agent.id) throw new DomainError('already_taken', 'Another agent has already taken this conversation.');
      if (conv.status === 'queued' || conv.status === 'offline') throw new DomainError('forbidden', `You already have ${limit} open conversations, your limit. Close one first.`);
      throw new DomainError('wrong_state', `This conversation is ${conv.status}, not waiting in the queue.`);
    }
    return ctx.summary(await this.routing.announceAssigned(won, agent));
  }

  async transfer(agent: AgentInfo, conversationId: string, toAgentId: string): Promise<ConversationSummary> {
    const { ctx } = this;
    const conv = await this.owned(agent, conversationId, 'transfer');
    const target = await ctx.store.agents.get(toAgentId);
    if (!target || !target.active || (await ctx.team.presenceOf(target.id)) !== 'online') throw new DomainError('wrong_state', 'That agent is not online.');
    if (target.role === 'editor') throw new DomainError('forbidden', 'Editors do not take conversations.');
    if (!(await ctx.store.conversations.assign(conv.id, target.id, ctx.team.limitOf(target), ['assigned'], agent.id))) {
      throw new DomainError('wrong_state', `${target.name} is at their limit of open conversations, or the conversation changed meanwhile.`);
    }
    ctx.rememberAgent(target);
    await ctx.team.state.noteAssigned(target.id);
    const r = await ctx.store.messages.append(conv.id, [systemDraft('transferred', conv.locale, { type: 'transferred', agentName: target.name }, { name: target.name })]);
    const moved = r?.conversation ?? (await ctx.mustGet(conv.id));
    if (r) await ctx.announce(r.messages, moved);
    await ctx.announceConversation(moved);
    ctx.events.emit('lifecycle', { step: 'assigned', conversation: moved });
    ctx.events.emit('reassigned', { summary: await ctx.summary(moved), previousAgentId: agent.id });
    ctx.team.changed();
    return ctx.summary(moved);
  }

  async release(agent: AgentInfo, conversationId: string): Promise<ConversationSummary> {
    const conv = await this.owned(agent, conversationId, 'release');
    return this.ctx.summary(await this.routing.unassign(conv, 'agent'));
  }

  async send(agent: AgentInfo, conversationId: string, clientId: string, text: string): Promise<ChatMessage> {
    const { ctx } = this;
    const conv = await this.owned(agent, conversationId, 'write in');
    ctx.rememberAgent(agent);
    const r = await ctx.store.messages.append(conv.id, [{ clientId, author: 'agent', text, agentId: agent.id }], {
      from: ['assigned'],
      owner: agent.id,
      ...(!conv.firstResponseAt && { patch: { firstResponseAt: nowIso() } }),
    });
    if (!r) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can write in it.');
    const [chat] = r.created ? await ctx.announce(r.messages, r.conversation) : [await ctx.chat(r.messages[0]!)];
    if (r.created) await agentAnswered(ctx, conv, text);
    return chat!;
  }

  async note(agent: AgentInfo, conversationId: string, clientId: string, text: string): Promise<ChatMessage> {
    const { ctx } = this;
    const conv = await ctx.mustGet(conversationId);
    ctx.rememberAgent(agent);
    const r = await ctx.store.messages.append(conv.id, [{ clientId, author: 'agent', text, agentId: agent.id, internal: true, meta: { type: 'note' } }]);
    if (!r) throw new DomainError('internal', 'Could not store the note.');
    const [chat] = r.created ? await ctx.announce(r.messages, r.conversation) : [await ctx.chat(r.messages[0]!)];
    return chat!;
  }

  async setTags(conversationId: string, tags: string[]): Promise<ConversationSummary> {
    await this.ctx.mustGet(conversationId);
    const clean = [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, 20);
    const conv = await this.ctx.store.conversations.setTags(conversationId, clean);
    if (!conv) throw new DomainError('not_found', 'No such conversation.');
    await this.ctx.announceConversation(conv);
    return this.ctx.summary(conv);
  }

  async close(agent: AgentInfo, conversationId: string, resolution: Resolution | null): Promise<ConversationSummary> {
    const conv = await this.owned(agent, conversationId, 'close');
    const closed = await closeConversation(this.ctx, conv, 'agent', agent, resolution);
    this.ctx.team.changed();
    void this.routing.route();
    return this.ctx.summary(closed);
  }

  async typing(agent: AgentInfo, conversationId: string, typing: boolean): Promise<void> {
    const conv = await this.ctx.store.conversations.get(conversationId);
    if (conv?.status === 'assigned' && conv.agentId === agent.id) this.ctx.events.emit('typing', { conversation: conv, author: 'agent', typing });
  }

  kbSearch(query: string, locale?: Locale): KbHit[] {
    return this.ctx.bot.search(query, locale);
  }

  private async owned(agent: AgentInfo, conversationId: string, what: string): Promise<Conversation> {
    const conv = await this.ctx.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agentId !== agent.id) throw new DomainError('forbidden', `Only the agent who owns an open conversation can ${what} it.`);
    return conv;
  }

  private async limitOf(agentId: string): Promise<number> {
    const agent = await this.ctx.store.agents.get(agentId);
    return agent ? this.ctx.team.limitOf(agent) : this.ctx.team.settings().defaultLimit;
  }

  private async transcript(conversationId: string): Promise<ChatMessage[]> {
    return Promise.all((await this.ctx.store.messages.after(conversationId, 0, { internal: true })).map((m) => this.ctx.chat(m)));
  }
}
