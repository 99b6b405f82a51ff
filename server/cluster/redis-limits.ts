// Flood limits shared by every node, in Redis; while Redis is unreachable each node falls back
// to limits of its own memory (rate-limiter-flexible's insurance limiter) rather than none.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimitKind, LimitRule } from '../security/limits.ts';
import type { RedisClient } from './redis.ts';

export function redisLimiter(client: RedisClient, prefix: string): (kind: LimitKind, rule: LimitRule) => RateLimiterAbstract {
  return (kind, rule) =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: `${prefix}limit:${kind}`,
      points: rule.points,
      duration: rule.seconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `insurance:${kind}`, points: rule.points, duration: rule.seconds }),
    });
}
