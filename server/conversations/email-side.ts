// Email as a channel: a customer's mail becomes a conversation in the queue (channel 'email'), a
// reply to a stored mail joins that conversation (reopening it when it was closed). A verified
// sender's conversation belongs to their customer record; an unverified one gets a visitor of its
// own, labelled with the address and never joined to anyone's history. The bot's answer is a
// suggestion for the agent (an internal message), sent only when the deployment asks for it.
import { createHash } from 'node:crypto';
import type { ChatMessage, Locale } from '../../protocol/index.ts';
import type { Context } from './context.ts';
import { botDraft, nowIso, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import { announceQueued } from './lifecycle.ts';
import type { Conversation, EmailRecord, MessageDraft, Visitor } from './model.ts';
import type { Routing } from './routing.ts';

/** The system's line when a mail joins the queue (for agents: the customer reads mail, not this). */
const QUEUED: Record<Locale, string> = {
  fa: 'ایمیل رسید و در صف پاسخ است.',
  ar: 'وصل البريد وهو في قائمة الانتظار.',
  en: 'Email received; waiting in the queue.',
};
const queuedDraft = (locale: Locale): MessageDraft => ({ clientId: null, author: 'system', text: QUEUED[locale] });

export interface InboundEmail {
  /** The sender, lower-case. */
  address: string;
  name: string | null;
  verified: boolean;
  /** How it was verified, or why not. */
  verification: string;
  subject: string;
  /** What the agent reads: the new words, without quotes and signature. */
  text: string;
  /** The full text, kept for "show original". */
  original: string;
  /** Its Message-ID, without angle brackets. */
  headerId: string;
  /** In-Reply-To and References: the mails it answers. */
  replyTo: string[];
}

export interface Received {
  conversation: Conversation;
  message: ChatMessage;
  /** A new thread (a new conversation), not a reply. */
  created: boolean;
}

export class EmailSide {
  constructor(
    private readonly ctx: Context,
    private readonly routing: Routing,
    private readonly opts: { botReply: boolean },
  ) {}

  /** Null when this mail (by Message-ID) was already received. */
  async receive(mail: InboundEmail): Promise<Received | null> {
    const { ctx } = this;
    if (await ctx.store.email.byHeaderId(mail.headerId)) return null;
    const previous = await ctx.store.email.latestOf(mail.replyTo);
    const earlier = previous && (await ctx.store.conversations.get(previous.conversationId));
    // A reply continues its thread only when it comes from the thread's own sender, verified the
    // same way: a stranger who quotes a Message-ID does not get into someone else's conversation.
    if (earlier && previous.address === mail.address && (await this.senderVerifiedLikeThread(earlier, mail.verified))) {
      const record = await this.record(mail, earlier.id);
      return record && this.continueThread(earlier, mail, record);
    }
    return this.newThread(mail);
  }

  /** The customer's rating from the survey mail (the link was checked by the caller); false when already rated. */
  async rate(conversationId: string, score: number, comment: string | null): Promise<boolean> {
    const { ctx } = this;
    const conv = await ctx.mustGet(conversationId);
    if (conv.channel !== 'email' || conv.status !== 'closed') throw new DomainError('wrong_state', 'Only a closed email conversation takes its survey.');
    const rated = await ctx.store.conversations.rate(conv.id, score, comment);
    if (!rated) return false;
    ctx.events.emit('lifecycle', { step: 'rated', conversation: rated });
    const r = await ctx.store.messages.append(conv.id, [systemDraft('rated', conv.locale, { type: 'rated', score, ...(comment && { comment }) }, { score })]);
    if (r) {
      await ctx.announce(r.messages, r.conversation);
      await ctx.announceConversation(r.conversation);
    }
    return true;
  }

  /** A note for the agents of a conversation (a delivery failure): internal, never mailed. */
  async noteForAgents(conversationId: string, text: string, meta: ChatMessage['meta']): Promise<void> {
    const r = await this.ctx.store.messages.append(conversationId, [{ clientId: null, author: 'system', text, meta: meta ?? null, internal: true }]);
    if (r) await this.ctx.announce(r.messages, r.conversation);
  }

  private async senderVerifiedLikeThread(conv: Conversation, verified: boolean): Promise<boolean> {
    const visitor = await this.ctx.store.visitors.get(conv.visitorId);
    return !!visitor && visitor.verified === verified;
  }

  private async newThread(mail: InboundEmail): Promise<Received | null> {
    const { ctx } = this;
    const answer = ctx.bot.decide(`${mail.subject}\n${mail.text}`.slice(0, 2000));
    const locale: Locale = answer.locale;
    const visitor = await this.visitorFor(mail, locale);
    const conv = await ctx.store.conversations.open({ visitorId: visitor.id, locale, pageUrl: null, channel: 'email', customerId: visitor.customerId });
    ctx.events.emit('lifecycle', { step: 'created', conversation: conv });
    const record = await this.record(mail, conv.id);
    if (!record) return null; // stored meanwhile (the same mail read twice at once)
    const question: MessageDraft = { clientId: `email-${record.id}`, author: 'visitor', text: mail.text, meta: emailMeta(record) };
    // Nobody asked for a person (handoffReason stays empty): mail is always for the team.
    const r = await ctx.store.messages.append(conv.id, [question, ...this.botDrafts(answer), queuedDraft(locale)], {
      from: ['bot'],
      patch: { status: 'queued', queuedAt: nowIso() },
    });
    if (!r) throw new DomainError('internal', 'Could not store the mail.');
    const stored = r.messages.find((m) => m.author === 'visitor')!;
    await ctx.store.email.setMessage(record.id, stored.id);
    await ctx.announceConversation(r.conversation, visitor.name);
    await announceQueued(ctx, this.routing, r, visitor.name);
    return { conversation: r.conversation, message: await ctx.chat(stored), created: true };
  }

  private async continueThread(conv: Conversation, mail: InboundEmail, record: EmailRecord): Promise<Received> {
    const { ctx } = this;
    const question: MessageDraft = { clientId: `email-${record.id}`, author: 'visitor', text: mail.text, meta: emailMeta(record) };
    const visitorName = (await ctx.store.visitors.get(conv.visitorId))?.name ?? null;
    if (conv.status === 'closed') {
      const r = await ctx.store.messages.append(conv.id, [question, queuedDraft(conv.locale)], {
        from: ['closed'],
        patch: { status: 'queued', queuedAt: nowIso(), agentId: null, closedAt: null, closedBy: null, resolution: null },
      });
      if (r) {
        await ctx.store.email.setMessage(record.id, r.messages[0]!.id);
        await announceQueued(ctx, this.routing, r, visitorName);
        return { conversation: r.conversation, message: await ctx.chat(r.messages[0]!), created: false };
      }
    }
    const r = await ctx.store.messages.append(conv.id, [question]);
    if (!r) throw new DomainError('internal', 'Could not store the mail.');
    await ctx.store.email.setMessage(record.id, r.messages[0]!.id);
    await ctx.announce(r.messages, r.conversation);
    await ctx.announceConversation(r.conversation, visitorName);
    return { conversation: r.conversation, message: await ctx.chat(r.messages[0]!), created: false };
  }

  /** The bot's answer: for the agent's eyes (internal), or mailed when the deployment asks for it. */
  private botDrafts(answer: ReturnType<Context['bot']['decide']>): MessageDraft[] {
    const entry = answer.decision === 'answer' || answer.decision === 'confirm' ? answer.entry : answer.decision === 'suggest' ? (answer.suggestions[0] ?? null) : null;
    if (!entry) return [];
    if (this.opts.botReply && answer.decision === 'answer') return [botDraft(entry.answer, { type: 'answer', entryId: entry.id, score: answer.score })];
    return [{ ...botDraft(entry.answer, { type: 'email_suggestion', entryId: entry.id, score: answer.score }), internal: true }];
  }

  /**
   * One visitor per sender address and verification: a verified sender's is linked to their
   * customer; an unverified sender's is only labelled with the address.
   */
  private async visitorFor(mail: InboundEmail, locale: Locale): Promise<Visitor> {
    const { store } = this.ctx;
    // Not a hash of any token a browser could hold: nobody can open a socket as this visitor.
    const tokenHash = `email:${mail.verified ? 'verified' : 'unverified'}:${createHash('sha256').update(mail.address).digest('hex')}`;
    let visitor = await store.visitors.byTokenHash(tokenHash);
    const customer = mail.verified ? await store.customers.findOrCreateVerifiedCustomer({ email: mail.address }, { name: mail.name }) : null;
    if (!visitor) {
      try {
        visitor = await store.visitors.create({ tokenHash, locale, customerId: customer?.id ?? null, verified: !!customer });
      } catch (err) {
        visitor = await store.visitors.byTokenHash(tokenHash); // created meanwhile by another node
        if (!visitor) throw err;
      }
    }
    if (customer && visitor.customerId !== customer.id) await store.customers.link(visitor.id, customer.id);
    await store.visitors.update(visitor.id, { name: mail.name ?? visitor.name ?? mail.address, email: mail.address, lastSeenAt: nowIso() });
    return { ...visitor, customerId: customer?.id ?? null, verified: !!customer, name: mail.name ?? visitor.name ?? mail.address, email: mail.address };
  }

  private record(mail: InboundEmail, conversationId: string): Promise<EmailRecord | null> {
    return this.ctx.store.email.record({
      conversationId,
      messageId: null,
      headerId: mail.headerId,
      direction: 'in',
      address: mail.address,
      name: mail.name,
      subject: mail.subject,
      verified: mail.verified,
      verification: mail.verification,
      original: mail.original,
      status: 'received',
      error: null,
    });
  }
}

function emailMeta(r: EmailRecord): ChatMessage['meta'] {
  return { type: 'email', emailId: r.id, subject: r.subject, from: r.address, verified: r.verified };
}
