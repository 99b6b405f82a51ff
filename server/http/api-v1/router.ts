// Serves the REST API's routes (routes.ts) behind the token gate (gate.ts): each input is checked
// with its route's zod schema; domain refusals become HTTP statuses.
import { Router, type Response } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../../../protocol/index.ts';
import { DomainError } from '../../conversations/errors.ts';
import type { Logger } from '../../log.ts';
import type { TokenRequest } from './gate.ts';
import { openApiDocument } from './openapi.ts';
import { API_ROUTES, type ApiDeps } from './routes.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  already_taken: 409,
  wrong_state: 409,
  rate_limited: 429,
  internal: 500,
};

function invalid(res: Response, where: string, error: z.ZodError) {
  const first = error.issues[0];
  return res.status(400).json({ error: 'invalid', message: first ? `${where}${first.path.length ? '.' + first.path.join('.') : ''}: ${first.message}` : `Invalid ${where}.` });
}

export function apiV1Routes(deps: ApiDeps & { log: Logger; version: string }): Router {
  const router = Router();
  let document: unknown;
  router.get('/api/v1/openapi.json', (_req, res) => {
    document ??= openApiDocument(API_ROUTES, deps.version);
    res.json(document);
  });
  for (const r of API_ROUTES) {
    router[r.method](r.path, async (req: TokenRequest, res) => {
      const input: Record<string, unknown> = { token: req.apiToken };
      for (const [key, schema, value] of [
        ['params', r.params, req.params],
        ['query', r.query, req.query],
        ['body', r.body, req.body ?? {}],
      ] as const) {
        if (!schema) continue;
        const parsed = (schema as z.ZodType).safeParse(value);
        if (!parsed.success) return invalid(res, key, parsed.error);
        input[key] = parsed.data;
      }
      try {
        res.status(r.status).json(await r.run(input as Parameters<typeof r.run>[0], deps));
      } catch (err) {
        if (err instanceof DomainError) {
          if (err.retryAfterSeconds) res.setHeader('Retry-After', String(err.retryAfterSeconds));
          return res.status(STATUS[err.code]).json({ error: err.code, message: err.message });
        }
        deps.log.error({ err, route: r.path }, 'api request failed');
        res.status(500).json({ error: 'internal', message: 'Internal error.' });
      }
    });
  }
  return router;
}
