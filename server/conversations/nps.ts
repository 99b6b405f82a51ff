// The NPS question ("How likely are you to recommend us?", 0–10 and a comment): offered after a
// closed conversation, at most once per customer (verified) or visitor (anonymous) per window.
import type { Context } from './context.ts';
import { DomainError } from './errors.ts';
import type { Conversation, NpsResponse, NpsSubject, Visitor } from './model.ts';

export interface NpsSettings {
  enabled: boolean;
  /** The window: one answer per subject per this many days. */
  days: number;
}

export const NPS_OFF: NpsSettings = { enabled: false, days: 90 };

export class NpsSurvey {
  constructor(
    private readonly ctx: Context,
    private readonly settings: NpsSettings,
  ) {}

  /** Whether to ask the visitor now, after this (closed) conversation. */
  async due(visitor: Visitor, conversationId: string): Promise<boolean> {
    if (!this.settings.enabled) return false;
    const conv = await this.ctx.ownedByVisitor(visitor, conversationId);
    if (conv.status !== 'closed') return false;
    return !(await this.ctx.store.nps.answeredSince(await this.subject(visitor, conv), this.since()));
  }

  async answer(visitor: Visitor, conversationId: string, score: number, comment: string | null): Promise<NpsResponse> {
    if (!this.settings.enabled) throw new DomainError('forbidden', 'This team does not ask this question.');
    const conv = await this.ctx.ownedByVisitor(visitor, conversationId);
    if (conv.status !== 'closed') throw new DomainError('wrong_state', 'This question is asked once a conversation has ended.');
    const subject = await this.subject(visitor, conv);
    const customerId = 'customerId' in subject ? subject.customerId : null;
    const stored = await this.ctx.store.nps.record({ conversationId: conv.id, visitorId: visitor.id, customerId, score, comment, locale: conv.locale, channel: conv.channel }, subject, this.since());
    if (!stored) throw new DomainError('wrong_state', 'You have already answered this question recently.');
    return stored;
  }

  private since(): string {
    return new Date(Date.now() - this.settings.days * 24 * 3600_000).toISOString();
  }

  /** A verified customer answers once across devices and channels; an anonymous visitor once on their own. */
  private async subject(visitor: Visitor, conv: Conversation): Promise<NpsSubject> {
    if (conv.customerId) return { customerId: conv.customerId };
    const customer = visitor.verified && visitor.customerId ? await this.ctx.store.customers.customerOf(visitor.id) : undefined;
    return customer ? { customerId: customer.id } : { visitorId: visitor.id };
  }
}
