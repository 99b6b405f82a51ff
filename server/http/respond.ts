// Small helpers the console's routes share: a zod failure and a domain refusal as JSON answers.
import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError } from '../conversations/errors.ts';

export function invalid(res: Response, error: z.ZodError) {
  const first = error.issues[0];
  return res.status(400).json({ error: 'invalid', message: first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'Invalid request.' });
}

const STATUS: Record<string, number> = { invalid: 400, not_found: 404, forbidden: 403, already_taken: 409, wrong_state: 409, rate_limited: 429, unauthorized: 401 };

/** Runs a handler; a DomainError becomes its status and message, anything else goes to the error handler. */
export function refusal(res: Response, err: unknown): boolean {
  if (!(err instanceof DomainError)) return false;
  res.status(STATUS[err.code] ?? 500).json({ error: err.code, message: err.message });
  return true;
}
