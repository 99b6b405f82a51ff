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
  opts.socket.on(event, (...args: unknown[]) => runEvent(opts, opts.limiter, event, schema, run, args));
}

/** One event of a table shared by every socket of a namespace: its schema and what it does for one connection. */
export interface EventHandler<C> {
  schema: z.ZodType;
  run(input: unknown, conn: C): Promise<object | void>;
}

/**
 * `handle` for many sockets at once: one table of handlers for the namespace and one `onAny`
 * listener per socket, instead of a set of closures per socket and event (10,000 visitors).
 * Events not in the table are ignored, as events nobody listens to are.
 */
export function dispatcher<C>(handlers: Readonly<Record<string, EventHandler<C>>>, opts: Pick<HandleOptions, 'log' | 'observe'>): (conn: C, limiter: TokenBucket, event: string, args: unknown[]) => void {
  return (conn, limiter, event, args) => {
    const h = Object.hasOwn(handlers, event) ? handlers[event] : undefined;
    if (h) runEvent(opts, limiter, event, h.schema, (input) => h.run(input, conn), args);
  };
}

function runEvent<S extends z.ZodType, R extends object>(
  opts: Pick<HandleOptions, 'log' | 'guard' | 'observe'>,
  limiter: TokenBucket,
  event: string,
  schema: S,
  run: (input: z.output<S>) => Promise<R | void>,
  args: unknown[],
): void {
  const { log, guard, observe } = opts;
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
}
