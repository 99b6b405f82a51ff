// What one client address may start (conversations, handoffs, left messages), as the
// conversation domain asks for it: a refusal is a DomainError 'rate_limited' with a retry time.
import { DomainError } from '../conversations/errors.ts';
import type { VisitorQuota } from '../conversations/quota.ts';
import { RateLimited, type LimitKind, type Limits } from './limits.ts';

/** Spends one unit of `kind` for this address, as a domain refusal with a retry time. */
export function spend(limits: Limits, kind: LimitKind, address: string): Promise<void> {
  return limits.take(kind, address).catch((err: unknown) => {
    if (err instanceof RateLimited) throw new DomainError('rate_limited', 'Too many requests from your network right now; please try again a little later.', err.retryAfterSeconds);
    throw err;
  });
}

export function visitorQuota(limits: Limits, address: string): VisitorQuota {
  return {
    newConversation: () => spend(limits, 'conversation', address),
    handoff: () => spend(limits, 'handoff', address),
    leftMessage: () => spend(limits, 'leftMessage', address),
  };
}
