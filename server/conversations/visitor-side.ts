// The visitor's side of a conversation: arriving, asking (with the bot's turn), asking for a
// person, ending, rating, starting over, saying who they are, catching up after a reconnect.
import type { ChatMessage, ConversationView, HandoffReason, Locale, PageInfo, StartedFrom, VisitorProfile } from '../../protocol/index.ts';
import { planBotTurn, type TurnPlan } from './bot-turn.ts';
import { choose, personAsked } from './choices.ts';
import type { Context } from './context.ts';
import { botDraft, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import { announceQueued, closeConversation, enqueue } from './lifecycle.ts';
import type { Conversation, CustomerKey, MessageDraft, Visitor } from './model.ts';
import { UNLIMITED, type VisitorQuota } from './quota.ts';
import type { Routing } from './routing.ts';

/** A visitor returning after this long counts as a new visit. */
const VISIT_GAP_MS = 30 * 60 * 1000;

/** The proactive message a visitor answered: it opens the conversation they start by answering. */
export interface Opening extends StartedFrom {
  /** The message as the visitor saw it (in their language). */
  text: string;
}

export class VisitorSide {
  constructor(
    private readonly ctx: Context,
    private readonly routing: Routing,
  ) {}

  /** Registers a visitor's arrival (new or returning) and what page they are on. */
  async arrive(visitor: Visitor, locale: Locale, page: PageInfo, userAgent: string | null, timeZone: string | null): Promise<Visitor> {
    const returning = Date.now() - Date.parse(visitor.lastSeenAt) > VISIT_GAP_MS;
    const patch = {
      timeZone: timeZone ?? visitor.timeZone,
      locale,
      pageUrl: page.url,
      pageTitle: page.title ?? null,
      referrer: page.referrer ?? null,
      userAgent,
      lastSeenAt: new Date().toISOString(),
      visits: visitor.visits + (returning ? 1 : 0),
    };
    await this.ctx.store.visitors.update(visitor.id, patch);
    return { ...visitor, ...patch };
  }

  /** The visitor's current conversation (open, or closed but not yet dismissed) and its messages after `afterSeq`. */
  async current(visitor: Visitor, afterSeq = 0): Promise<{ conversation: ConversationView | null; messages: ChatMessage[] }> {
    const conv = await this.ctx.currentOf(visitor);
    if (!conv) return { conversation: null, messages: [] };
    const [conversation, messages] = await Promise.all([this.ctx.view(conv), this.messagesAfter(conv.id, afterSeq)]);
    return { conversation, messages };
  }

  /**
   * The visitor's open conversation, or a new one (started from `opening` when given). Re-read
   * each time: another tab may have started or ended a conversation meanwhile.
   */
  async openFor(visitor: Visitor, quota: VisitorQuota, opening?: Opening | null): Promise<Conversation> {
    const conv = await this.ctx.currentOf(visitor);
    if (conv && conv.status !== 'closed') return conv;
    await quota.newConversation();
    const startedFrom = opening ? { ruleId: opening.ruleId, ruleName: opening.ruleName } : null;
    const customerId = visitor.verified ? visitor.customerId : null;
    const created = await this.ctx.store.conversations.open({ visitorId: visitor.id, locale: visitor.locale, pageUrl: visitor.pageUrl, startedFrom, customerId });
    this.ctx.events.emit('lifecycle', { step: 'created', conversation: created });
    return created;
  }

  /**
   * A visitor's message, and the bot's answer while the bot has the conversation: both stored
   * in one transaction (with a move to the queue when they asked for a person). A message that
   * answers a proactive message (`opening`) and starts a conversation comes after that message.
   */
  async send(visitor: Visitor, clientId: string, text: string, quota: VisitorQuota = UNLIMITED, opening?: Opening | null): Promise<ChatMessage> {
    const { ctx } = this;
    const conv = await this.openFor(visitor, quota, opening);
    const question: MessageDraft = { clientId, author: 'visitor', text };
    const before = opening && conv.lastSeq === 0 && conv.startedFrom?.ruleId === opening.ruleId ? [botDraft(opening.text, { type: 'proactive', ruleId: opening.ruleId, ruleName: opening.ruleName })] : [];
    let plan: TurnPlan | null = conv.status === 'bot' ? await planBotTurn(ctx, conv, text, quota) : null;
    let r = await ctx.store.messages.append(conv.id, [...before, question, ...(plan?.drafts ?? [])], plan?.guard);
    if (!r) {
      // Moved meanwhile (another tab asked for a person): the question alone.
      plan = null;
      r = await ctx.store.messages.append(conv.id, [...before, question]);
      if (!r) throw new DomainError('internal', 'Could not store the message.');
    }
    const mine = r.messages.find((m) => m.clientId === clientId);
    if (!r.created || !mine) return ctx.chat(r.messages[0]!); // a retry: already stored, already answered
    if (r.messages[0]!.seq === 1) await ctx.announceConversation(r.conversation, visitor.name); // a new conversation: every tab learns of it
    if (plan?.handoff) await personAsked(ctx, conv.id);
    if (plan?.handoff === 'queued') {
      await announceQueued(ctx, this.routing, r, visitor.name);
    } else {
      await ctx.announce(r.messages, r.conversation);
      if (plan?.handoff === 'nobody') await ctx.announceConversation(r.conversation, visitor.name);
    }
    if (plan?.unanswered) await ctx.store.unanswered.record({ conversationId: conv.id, locale: plan.unanswered.locale, text, normalized: plan.unanswered.normalized });
    return ctx.chat(mine);
  }

  async handoff(visitor: Visitor, reason: HandoffReason, quota: VisitorQuota = UNLIMITED): Promise<ConversationView> {
    const conv = await this.openFor(visitor, quota);
    const queued = await enqueue(this.ctx, this.routing, conv, reason, quota);
    if (conv.status === 'bot') await personAsked(this.ctx, conv.id);
    return this.ctx.view(queued);
  }

  /** The visitor's choice on a bot message (middle band or suggestions): the choice and the bot's reply. */
  choose(visitor: Visitor, messageId: string, entryId: string | null): Promise<ChatMessage> {
    return choose(this.ctx, visitor, messageId, entryId);
  }

  async close(visitor: Visitor, conversationId: string): Promise<ConversationView> {
    const conv = await this.ctx.ownedByVisitor(visitor, conversationId);
    return this.ctx.view(await closeConversation(this.ctx, conv, 'visitor'));
  }

  async rate(visitor: Visitor, conversationId: string, score: number, comment: string | null): Promise<void> {
    const { ctx } = this;
    const conv = await ctx.ownedByVisitor(visitor, conversationId);
    if (conv.status !== 'closed') throw new DomainError('wrong_state', 'A conversation can be rated once it has ended.');
    const rated = await ctx.store.conversations.rate(conv.id, score, comment);
    if (!rated) throw new DomainError('wrong_state', 'This conversation has already been rated.');
    ctx.events.emit('lifecycle', { step: 'rated', conversation: rated });
    const r = await ctx.store.messages.append(conv.id, [systemDraft('rated', conv.locale, { type: 'rated', score, ...(comment && { comment }) }, { score })]);
    if (!r) return;
    await ctx.announce(r.messages, r.conversation);
    await ctx.announceConversation(r.conversation, visitor.name);
  }

  /** Leaves a closed conversation behind so the next message starts a new one. */
  async restart(visitor: Visitor): Promise<ConversationView | null> {
    const conv = await this.ctx.currentOf(visitor);
    if (conv && conv.status !== 'closed') return this.ctx.view(conv);
    await this.ctx.store.visitors.update(visitor.id, { currentConversationId: null });
    return null;
  }

  /**
   * Labels the visitor with what they (or the site) say; with a verified `key` also links them to
   * that customer. `changed`: the conversation the widget should show is another one now.
   */
  async identify(visitor: Visitor, profile: VisitorProfile, key: CustomerKey | null = null): Promise<{ visitor: Visitor; changed: boolean }> {
    const { store } = this.ctx;
    const labels = {
      ...(profile.name !== undefined && { name: profile.name }),
      ...(profile.email !== undefined && { email: profile.email }),
      ...(profile.phone !== undefined && { phone: profile.phone }),
    };
    await store.visitors.update(visitor.id, labels);
    const labelled = { ...visitor, ...labels };
    if (!key) return { visitor: labelled, changed: false };
    const customer = await store.customers.findOrCreateVerifiedCustomer(key, { name: profile.name ?? null, phone: profile.phone ?? null });
    const news = { ...(profile.name && profile.name !== customer.name && { name: profile.name }), ...(profile.phone && profile.phone !== customer.phone && { phone: profile.phone }) };
    await store.customers.update(customer.id, news);
    if (visitor.verified && visitor.customerId === customer.id) return { visitor: labelled, changed: false };
    const before = await this.ctx.currentOf(visitor);
    // Another customer signed in on this browser: what it shows of the previous one goes.
    if (visitor.customerId && visitor.customerId !== customer.id) await store.visitors.update(visitor.id, { currentConversationId: null });
    await store.customers.link(visitor.id, customer.id);
    const linked = { ...labelled, customerId: customer.id, verified: true };
    const after = await this.ctx.currentOf(linked);
    return { visitor: linked, changed: before?.id !== after?.id };
  }

  async sync(visitor: Visitor, conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    const conv = await this.ctx.ownedByVisitor(visitor, conversationId);
    return this.messagesAfter(conv.id, afterSeq);
  }

  /** Typing indicators travel only within a conversation an agent is working. */
  async typing(visitor: Visitor, typing: boolean): Promise<void> {
    const conv = await this.ctx.currentOf(visitor);
    if (conv?.status === 'assigned') this.ctx.events.emit('typing', { conversation: conv, author: 'visitor', typing });
  }

  private async messagesAfter(conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    return Promise.all((await this.ctx.store.messages.after(conversationId, afterSeq)).map((m) => this.ctx.chat(m)));
  }
}
