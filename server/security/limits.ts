// Flood limits per client address (and per account for logins), with rate-limiter-flexible.
// One interface, so a deployment on several nodes can back it with Redis instead of memory.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.ts';

export type LimitKind = 'newVisitor' | 'conversation' | 'handoff' | 'leftMessage' | 'ticketLookup' | 'connection' | 'loginAddress' | 'loginAccount' | 'upload' | 'download' | 'proactive' | 'apiToken' | 'transcriptMail' | 'emailSender';

/** Refused: try again after this many seconds. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`);
  }
}

export interface Limits {
  /** Spends one unit of `kind` for `key`; throws RateLimited when the budget is used up. */
  take(kind: LimitKind, key: string): Promise<void>;
  /** Gives back what a successful action should not have cost (a login that worked). */
  forgive(kind: LimitKind, key: string): Promise<void>;
  /** Seconds until `key` may try `kind` again, 0 when it may now (without spending anything). */
  blockedFor(kind: LimitKind, key: string): Promise<number>;
}

export interface LimitRule {
  points: number;
  seconds: number;
}

export function limitRules(c: RateLimitConfig & { loginLimit: number; loginAccountLimit: number; apiRequests?: number; transcriptMails?: number; emailSenders?: number }): Record<LimitKind, LimitRule> {
  return {
    newVisitor: { points: c.newVisitors, seconds: 600 },
    conversation: { points: c.conversations, seconds: 600 },
    handoff: { points: c.handoffs, seconds: 600 },
    leftMessage: { points: c.leftMessages, seconds: 3600 },
    ticketLookup: { points: c.ticketLookups, seconds: 600 },
    connection: { points: c.connections, seconds: 60 },
    loginAddress: { points: c.loginLimit, seconds: 900 },
    loginAccount: { points: c.loginAccountLimit, seconds: 900 },
    upload: { points: c.uploads, seconds: 600 },
    download: { points: c.downloads, seconds: 600 },
    proactive: { points: c.proactive, seconds: 600 },
    /** REST API requests per token per minute */
    apiToken: { points: c.apiRequests ?? 600, seconds: 60 },
    /** transcripts mailed per client address per hour */
    transcriptMail: { points: c.transcriptMails ?? 5, seconds: 3600 },
    /** new mails per sender address per hour (the email channel) */
    emailSender: { points: c.emailSenders ?? 10, seconds: 3600 },
  };
}

/** Limits over any rate-limiter-flexible backend (memory here; Redis for several nodes). */
export function createLimits(rules: Record<LimitKind, LimitRule>, make: (kind: LimitKind, rule: LimitRule) => RateLimiterAbstract = memoryLimiter): Limits {
  const limiters = new Map<LimitKind, RateLimiterAbstract>();
  const limiter = (kind: LimitKind) => {
    let l = limiters.get(kind);
    if (!l) limiters.set(kind, (l = make(kind, rules[kind])));
    return l;
  };
  return {
    async take(kind, key) {
      try {
        await limiter(kind).consume(key);
      } catch (res) {
        if (res instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
        throw res;
      }
    },
    async forgive(kind, key) {
      await limiter(kind).reward(key, 1);
    },
    async blockedFor(kind, key) {
      const res = await limiter(kind).get(key);
      if (!res || res.remainingPoints > 0) return 0;
      return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    },
  };
}

function memoryLimiter(kind: LimitKind, rule: LimitRule): RateLimiterAbstract {
  return new RateLimiterMemory({ keyPrefix: kind, points: rule.points, duration: rule.seconds });
}
