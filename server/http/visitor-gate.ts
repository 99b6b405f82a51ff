// The widget's door to HTTP (uploads, downloads, proactive counts), apart from the console's:
// the route must be in security/access.ts's VISITOR_ROUTES (anything else is refused), the
// page must be on an allowed site (CORS answers only those), each client address gets its
// budget per route, and `visitor` routes need the visitor's own token as a bearer header —
// never a console session or a cookie. Routes behind it read `req.visitor`.
import type { NextFunction, Request, Response } from 'express';
import { hashToken } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Visitor } from '../conversations/model.ts';
import { originAllowed } from '../realtime/handshake.ts';
import { visitorRoute, visitorRouteMethods } from '../security/access.ts';
import { RateLimited, type Limits } from '../security/limits.ts';
import { clientAddress, requestOrigin } from '../security/network.ts';
import type { Store } from '../store/index.ts';

export interface VisitorRequest extends Request {
  visitor?: Visitor;
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer ([\w-]{1,100})$/.exec(header ?? '');
  return m ? m[1]! : null;
}

export function visitorGate(deps: { config: Config; store: Store; limits: Limits }) {
  const { config, store, limits } = deps;
  return async (req: VisitorRequest, res: Response, next: NextFunction) => {
    const path = req.baseUrl + req.path;
    const origin = requestOrigin(req);
    if (origin !== undefined && !originAllowed(req, config)) return res.status(403).json({ error: 'forbidden', message: 'This site may not use the chat.' });
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', config.allowedOrigins === '*' ? '*' : origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      const methods = visitorRouteMethods(path);
      if (!methods.length) return res.status(404).end();
      res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
      res.setHeader('Access-Control-Max-Age', '600');
      return res.status(204).end();
    }
    const access = visitorRoute(req.method, path);
    if (!access) return res.status(404).json({ error: 'not_found', message: 'No such route.' });
    try {
      await limits.take(access.limit, clientAddress(req, config.trustProxy));
    } catch (err) {
      if (!(err instanceof RateLimited)) return next(err);
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
      return res.status(429).json({ error: 'rate_limited', message: 'Too many requests from your network right now; please try again a little later.', retryAfterSeconds: err.retryAfterSeconds });
    }
    if (access.who === 'anyone') return next();
    const token = bearer(req.headers.authorization);
    const visitor = token ? await store.visitors.byTokenHash(hashToken(token)) : undefined;
    if (!visitor) return res.status(401).json({ error: 'unauthorized', message: 'A visitor token is needed.' });
    req.visitor = visitor;
    next();
  };
}
