// One wrapper for every incoming event: rate limit, validate, run, answer with an ack.
// A malformed event gets `{ ok: false, error: 'invalid' }`; nothing a client sends can
// throw past this point.
import type { z } from 'zod';
import type { Fail, Result } from '../../protocol/index.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Logger } from '../log.ts';
import type { TokenBucket } from './rate-limit.ts';

type AnySocket = { on(event: string, listener: (...args: unknown[]) => void): unknown };

export function fail(error: Fail['error'], message: string): Fail {
  return { ok: false, error, message };
}

export function handle<S extends z.ZodType, R extends object>(
  socket: AnySocket,
  event: string,
  schema: S,
  limiter: TokenBucket,
  log: Logger,
  run: (input: z.output<S>) => Promise<R | void>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (r: Result<object>) => void) : undefined;
    const payload = args.length > (ack ? 1 : 0) ? args[0] : undefined;
    const reply = (r: Result<object>) => {
      if (ack) ack(r);
    };
    if (!limiter.take()) return reply(fail('rate_limited', 'Too many requests; slow down a little.'));
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return reply(fail('invalid', `Invalid ${event}: ${first ? `${first.path.join('.') || 'payload'} ${first.message}` : 'bad payload'}`));
    }
    try {
      const result = await run(parsed.data);
      reply({ ok: true, ...(result ?? {}) });
    } catch (err) {
      if (err instanceof DomainError) return reply(fail(err.code, err.message));
      log.error({ err, event }, 'socket handler failed');
      reply(fail('internal', 'Something went wrong on our side; please try again.'));
    }
  });
}
