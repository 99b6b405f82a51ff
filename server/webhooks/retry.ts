// When to try a failed delivery again: exponential backoff (base, 2×base, 4×base… at most six
// hours apart) with ±20 % jitter, until the delivery's 24 hours are up.
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /** How long after the event (or a re-send) attempts go on. */
  windowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, maxDelayMs: 6 * 3600_000, windowMs: 24 * 3600_000 };

/** After `attempts` failed attempts, when to try next; null when the window is over. */
export function nextAttemptAt(attempts: number, now: number, retryUntil: number, policy: RetryPolicy, random = Math.random): number | null {
  const exp = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const at = now + Math.round(exp * (0.8 + 0.4 * random()));
  return at > retryUntil ? null : at;
}
