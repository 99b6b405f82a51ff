// The gate in front of /api/v1: the route must be in the table (security/access.ts), and — unless
// it is public — the request must carry `Authorization: Bearer <token>` for an unrevoked API token
// holding the route's scope. Each token has its own request budget.
import type { NextFunction, Request, Response } from 'express';
import { apiRouteScope } from '../../security/access.ts';
import { apiTokenHash, type ApiToken } from '../../security/api-tokens.ts';
import { RateLimited, type Limits } from '../../security/limits.ts';
import type { Store } from '../../store/index.ts';

export interface TokenRequest extends Request {
  apiToken?: ApiToken;
}

/** last_used_at is written at most this often per token. */
const TOUCH_MS = 60_000;

export function apiV1Gate(store: Store, limits: Limits) {
  const touched = new Map<string, number>();
  return async (req: TokenRequest, res: Response, next: NextFunction) => {
    const scope = apiRouteScope(req.method, req.baseUrl + req.path);
    if (scope === undefined) return res.status(404).json({ error: 'not_found', message: 'No such API route.' });
    if (scope === 'public') return next();
    const bearer = /^Bearer +([\w-]+)$/i.exec(req.headers.authorization ?? '');
    const hash = bearer ? apiTokenHash(bearer[1]!) : null;
    const token = hash ? await store.apiTokens.byHash(hash) : undefined;
    if (!token) {
      res.setHeader('WWW-Authenticate', bearer ? 'Bearer error="invalid_token"' : 'Bearer');
      return res.status(401).json({ error: 'unauthorized', message: bearer ? 'Unknown or revoked API token.' : 'Send an API token: Authorization: Bearer <token>.' });
    }
    try {
      await limits.take('apiToken', token.id);
    } catch (err) {
      if (!(err instanceof RateLimited)) throw err;
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
      return res.status(429).json({ error: 'rate_limited', message: 'Too many requests with this token; try again shortly.', retryAfterSeconds: err.retryAfterSeconds });
    }
    if (!token.scopes.includes(scope)) {
      res.setHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
      return res.status(403).json({ error: 'forbidden', message: `This token lacks the "${scope}" scope.` });
    }
    req.apiToken = token;
    const now = Date.now();
    if ((touched.get(token.id) ?? 0) < now - TOUCH_MS) {
      touched.set(token.id, now);
      void store.apiTokens.touch(token.id, new Date(now).toISOString()).catch(() => undefined);
    }
    next();
  };
}
