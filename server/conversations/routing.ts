// Who gets a waiting conversation: automatic routing (the online agent with the fewest open
// conversations below their limit, ties to the longest idle), announcing an assignment, and
// putting conversations back in the queue when their agent lets go or is gone.
import type { AgentInfo } from '../../protocol/index.ts';
import type { Context } from './context.ts';
import { nowIso, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import type { Conversation } from './model.ts';

/** How often routing runs anyway (a trigger lost with a process that died is made up for). */
const SWEEP_MS = 5000;

export class Routing {
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly ctx: Context) {
    ctx.team.state.onWentOffline((agentId) => void this.requeueAgent(agentId).catch(() => undefined));
    ctx.team.state.onChange(() => void this.route());
    this.sweep = setInterval(() => void this.route(), SWEEP_MS);
    this.sweep.unref();
  }

  /** One routing pass at a time across every process; a pass already running covers this call's changes. */
  async route(): Promise<void> {
    if (this.ctx.team.settings().routing !== 'auto') return;
    try {
      await this.ctx.team.state.exclusive('routing', 10_000, () => this.routeOnce());
    } catch {
      // the next trigger or sweep routes again
    }
  }

  private async routeOnce(): Promise<void> {
    const { store, team } = this.ctx;
    if (team.settings().routing !== 'auto') return;
    for (const conv of await store.conversations.waiting('queued')) {
      const online = new Set(await team.onlineAgentIds());
      if (online.size === 0) return;
      const [counts, agents, idle] = await Promise.all([store.conversations.openCounts(), store.agents.all(), team.state.lastAssigned()]);
      const candidates = agents
        .filter((a) => a.active && a.role !== 'editor' && online.has(a.id) && (counts.get(a.id) ?? 0) < team.limitOf(a))
        .sort((a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0) || (idle.get(a.id) ?? 0) - (idle.get(b.id) ?? 0));
      const pick = candidates[0];
      if (!pick) return;
      const assigned = await store.conversations.assign(conv.id, pick.id, team.limitOf(pick), ['queued']);
      if (assigned) await this.announceAssigned(assigned, { id: pick.id, name: pick.name, email: pick.email, role: pick.role });
    }
  }

  /** Tells everyone that `agent` now has `conv` (claimed or routed). */
  async announceAssigned(conv: Conversation, agent: AgentInfo): Promise<Conversation> {
    const { ctx } = this;
    ctx.rememberAgent(agent);
    await ctx.team.state.noteAssigned(agent.id);
    const r = await ctx.store.messages.append(conv.id, [systemDraft('assigned', conv.locale, { type: 'assigned', agentName: agent.name }, { name: agent.name })]);
    const now = r?.conversation ?? conv;
    if (r) await ctx.announce(r.messages, now);
    await ctx.announceConversation(now);
    ctx.events.emit('lifecycle', { step: 'assigned', conversation: now });
    if (conv.trackingCode) ctx.ticketsChanged();
    else ctx.queueChanged();
    ctx.team.changed();
    return now;
  }

  /** Back to the queue (or, for a left message, back to the tickets), keeping its original place. */
  async unassign(conv: Conversation, reason: 'agent' | 'agent_offline'): Promise<Conversation> {
    const { ctx } = this;
    const back = conv.trackingCode ? 'offline' : 'queued';
    const r = await ctx.store.messages.append(
      conv.id,
      [systemDraft(reason === 'agent' ? 'released' : 'releasedOffline', conv.locale, { type: 'released', reason })],
      { from: ['assigned'], owner: conv.agentId ?? undefined, patch: { status: back, agentId: null, assignedAt: null, queuedAt: conv.queuedAt ?? nowIso() } },
    );
    if (!r) throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
    await ctx.announce(r.messages, r.conversation);
    await ctx.announceConversation(r.conversation);
    if (conv.agentId) ctx.events.emit('reassigned', { summary: await ctx.summary(r.conversation), previousAgentId: conv.agentId });
    if (back === 'offline') ctx.ticketsChanged();
    else {
      ctx.events.emit('lifecycle', { step: 'queued', conversation: r.conversation });
      ctx.queueChanged();
    }
    ctx.team.changed();
    void this.route();
    return r.conversation;
  }

  /** The agent has been offline past the grace period: their conversations go back to the queue. */
  async requeueAgent(agentId: string): Promise<void> {
    for (const conv of await this.ctx.store.conversations.ofAgent(agentId, ['assigned'])) {
      await this.unassign(conv, 'agent_offline').catch(() => undefined);
    }
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
