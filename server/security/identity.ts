// Identity verification (the scheme Intercom and Chatwoot use): the site's backend signs its
// logged-in user's id, or their address when it has no id, with HMAC-SHA256 under the shared
// secret, and the widget passes the hex digest along. Only a matching digest names a customer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CustomerKey } from '../conversations/model.ts';

export function userHash(secret: string, subject: string): string {
  return createHmac('sha256', secret).update(subject, 'utf8').digest('hex');
}

/**
 * The verified key of a claimed identity, or null (no secret configured, no hash, a wrong hash).
 * The hash covers `userId` when given (an address beside it stays an unverified label), else `email`.
 */
export function verifiedKey(secret: string | null, claim: { userId?: string; email?: string; userHash?: string }): CustomerKey | null {
  if (!secret || !claim.userHash) return null;
  const subject = claim.userId ?? claim.email;
  if (!subject) return null;
  const expected = Buffer.from(userHash(secret, subject), 'hex');
  const given = Buffer.from(claim.userHash.toLowerCase(), 'hex');
  // Compared in constant time; a malformed digest decodes short and fails the length check.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return claim.userId !== undefined ? { userId: claim.userId } : { email: subject };
}
