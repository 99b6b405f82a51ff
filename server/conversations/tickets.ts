// Left messages: when nobody can answer, the visitor leaves a message and gets a tracking code;
// anyone with the code can read the answer later, from any device.
import { randomInt } from 'node:crypto';
import type { ChatMessage, ConversationSummary, ConversationView, LeaveMessageRequest } from '../../protocol/index.ts';
import type { Context } from './context.ts';
import { nowIso, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import type { MessageDraft, Visitor } from './model.ts';
import { UNLIMITED, type VisitorQuota } from './quota.ts';
import type { VisitorSide } from './visitor-side.ts';

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 12 characters from 31: about 59 bits, grouped for reading aloud over the phone. */
function trackingCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export class Tickets {
  constructor(
    private readonly ctx: Context,
    private readonly visitors: VisitorSide,
  ) {}

  async leave(visitor: Visitor, req: LeaveMessageRequest, quota: VisitorQuota = UNLIMITED): Promise<{ conversation: ConversationView; trackingCode: string }> {
    const { ctx } = this;
    const current = await ctx.currentOf(visitor);
    if (current?.status === 'assigned') throw new DomainError('wrong_state', 'An agent is already with you in this conversation.');
    await quota.leftMessage();
    await this.visitors.identify(visitor, req);
    const conv = await this.visitors.openFor(visitor, quota);
    const text: MessageDraft = { clientId: null, author: 'visitor', text: req.text };
    // A second message on a ticket already left joins it, under the same code.
    if (conv.status === 'offline' && conv.trackingCode) {
      const r = await ctx.store.messages.append(conv.id, [text]);
      if (r) await ctx.announce(r.messages, r.conversation);
      return { conversation: await ctx.view(r?.conversation ?? conv), trackingCode: conv.trackingCode };
    }
    const code = trackingCode();
    const r = await ctx.store.messages.append(conv.id, [text, systemDraft('ticket', conv.locale, { type: 'ticket', trackingCode: code }, { code })], {
      from: ['bot', 'queued'],
      patch: { status: 'offline', trackingCode: code, queuedAt: nowIso(), handoffReason: conv.handoffReason ?? 'button' },
    });
    if (!r) throw new DomainError('wrong_state', 'The conversation changed meanwhile; try again.');
    await ctx.announce(r.messages, r.conversation);
    const view = await ctx.announceConversation(r.conversation, req.name);
    ctx.events.emit('lifecycle', { step: 'ticket', conversation: r.conversation });
    if (conv.status === 'queued') ctx.queueChanged();
    ctx.ticketsChanged();
    return { conversation: view, trackingCode: code };
  }

  /** A left message and its answers, by tracking code (from any device). */
  async byCode(code: string): Promise<{ conversation: ConversationView; messages: ChatMessage[] }> {
    const { ctx } = this;
    const conv = await ctx.store.conversations.byTrackingCode(code.trim().toUpperCase());
    if (!conv) throw new DomainError('not_found', 'No message with that tracking code.');
    const messages = await Promise.all((await ctx.store.messages.after(conv.id, 0)).map((m) => ctx.chat(m)));
    return { conversation: await ctx.view(conv), messages };
  }

  list(): Promise<ConversationSummary[]> {
    return this.ctx.ticketList();
  }
}
