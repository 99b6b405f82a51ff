import type { ErrorCode } from '../../protocol/index.ts';

/** A refusal the caller should see as `{ ok: false, error, message }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
