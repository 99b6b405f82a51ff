// One wrapper for every incoming event: rate limit, validate, authorize, run, answer with an
// ack. A malformed event gets `{ ok: false, error: 'invalid' }`; nothing a client sends can
// throw or reject past this point.
import type { z } from 'zod';
import type { Fail, Result } from '../../protocol/index.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Logger } from '../log.ts';
import { RateLimited } from '../security/limits.ts';
import type { TokenBucket } from './rate-limit.ts';

type AnySocket = { on(event: string, listener: (...args: unknown[]) => void): unknown };

export function fail(error: Fail['error'], message: string, retryAfterSeconds?: number): Fail {
  return retryAfterSeconds === undefined ? { ok: false, error, message } : { ok: false, error, message, retryAfterSeconds };
}

export interface HandleOptions {
  socket: AnySocket;
  limiter: TokenBucket;
  log: Logger;
  /** Runs before the handler (after validation): throws a DomainError to refuse. */
  guard?: (event: string) => Promise<void>;
  /** Told how long each handled event took, in seconds. */
  observe?: (event: string, seconds: number) => void;
}

/** The error a client sees for anything a handler threw. */
export function failureOf(err: unknown, log: Logger, event: string): Fail {
  if (err instanceof DomainError) return fail(err.code, err.message, err.retryAfterSeconds);
  if (err instanceof RateLimited) return fail('rate_limited', 'Too many requests from your network right now; please try again a little later.', err.retryAfterSeconds);
  log.error({ err, event }, 'socket handler failed');
  return fail('internal', 'Something went wrong on our side; please try again.');
}

export function handle<S extends z.ZodType, R extends object>(
  opts: HandleOptions,
  event: string,
  schema: S,
  run: (input: z.output<S>) => Promise<R | void>,
): void {
  const { socket, limiter, log, guard, observe } = opts;
  socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (r: Result<object>) => void) : undefined;
    const payload = args.length > (ack ? 1 : 0) ? args[0] : undefined;
    const reply = (r: Result<object>) => {
      try {
        ack?.(r);
      } catch (err) {
        log.warn({ err, event }, 'ack failed');
      }
    };
    const started = performance.now();
    void (async () => {
      try {
        if (!limiter.take()) return reply(fail('rate_limited', 'Too many requests; slow down a little.', 1));
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          return reply(fail('invalid', `Invalid ${event}: ${first ? `${first.path.join('.') || 'payload'} ${first.message}` : 'bad payload'}`));
        }
        if (guard) await guard(event);
        const result = await run(parsed.data);
        reply({ ok: true, ...(result ?? {}) });
        observe?.(event, (performance.now() - started) / 1000);
      } catch (err) {
        reply(failureOf(err, log, event));
      }
    })();
  });
}
