import type { ErrorCode } from '../../protocol/index.ts';

/** A refusal the caller should see as `{ ok: false, error, message }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With `rate_limited`: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
