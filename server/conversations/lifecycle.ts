// Moves every side makes: into the queue, and closing.
import type { AgentInfo, HandoffReason, Resolution } from '../../protocol/index.ts';
import { handoffDraft } from './availability.ts';
import type { Context } from './context.ts';
import { nowIso, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import { OPEN_STATUSES, type Conversation } from './model.ts';
import type { Appended } from './ports.ts';
import type { VisitorQuota } from './quota.ts';
import type { Routing } from './routing.ts';

/** Announces a conversation that just joined the queue, and routes it when routing is automatic. */
export async function announceQueued(ctx: Context, routing: Routing, r: Appended, visitorName?: string | null): Promise<void> {
  await ctx.announce(r.messages, r.conversation);
  await ctx.announceConversation(r.conversation, visitorName);
  ctx.events.emit('lifecycle', { step: 'queued', conversation: r.conversation });
  ctx.queueChanged();
  void routing.route();
}

/** The visitor asks for a person (the button): into the queue, or told that nobody can answer now. */
export async function enqueue(ctx: Context, routing: Routing, conv: Conversation, reason: HandoffReason, quota: VisitorQuota): Promise<Conversation> {
  if (conv.status !== 'bot') return conv; // already queued or with an agent: asking again changes nothing
  await quota.handoff();
  const { draft, queued } = await handoffDraft(ctx, conv.locale, reason, conv.id);
  if (!queued) {
    const r = await ctx.store.messages.append(conv.id, [draft]);
    if (!r) return conv;
    await ctx.announce(r.messages, r.conversation);
    await ctx.announceConversation(r.conversation); // carries agentsAvailable: false, so the widget offers the form
    return r.conversation;
  }
  const r = await ctx.store.messages.append(conv.id, [draft], {
    from: ['bot'],
    patch: { status: 'queued', queuedAt: nowIso(), handoffReason: reason },
  });
  if (!r) return ctx.mustGet(conv.id);
  await announceQueued(ctx, routing, r);
  return r.conversation;
}

export async function closeConversation(ctx: Context, conv: Conversation, by: 'visitor' | 'agent', agent?: AgentInfo, resolution: Resolution | null = null): Promise<Conversation> {
  const text = by === 'visitor' ? systemDraft('closedByVisitor', conv.locale, { type: 'closed', by }) : systemDraft('closedByAgent', conv.locale, { type: 'closed', by }, { name: agent?.name ?? '' });
  const r = await ctx.store.messages.append(conv.id, [text], {
    from: by === 'agent' ? ['assigned'] : OPEN_STATUSES,
    owner: by === 'agent' ? agent?.id : undefined,
    patch: { status: 'closed', closedAt: nowIso(), closedBy: by, resolution },
  });
  if (!r) {
    const latest = await ctx.mustGet(conv.id);
    if (latest.status === 'closed') return latest;
    throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
  }
  await ctx.announce(r.messages, r.conversation);
  await ctx.announceConversation(r.conversation);
  ctx.events.emit('lifecycle', { step: 'closed', conversation: r.conversation });
  if (conv.status === 'queued') ctx.queueChanged();
  if (conv.status === 'offline') ctx.ticketsChanged();
  return r.conversation;
}
