// The Express app: health, the embed script and widget bundle, the console, the demo
// site, and the console's small REST surface.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { KnowledgeService } from '../knowledge/index.ts';
import type { Store } from '../store/index.ts';
import { authRoutes } from './auth-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import type { Team } from '../conversations/team.ts';
import type { Conversations } from '../conversations/service.ts';

export interface HttpDeps {
  config: Config;
  store: Store;
  knowledge: KnowledgeService;
  log: Logger;
  onLogout: (sessionHash: string) => void;
  team: Team;
  conversations: Conversations;
  cutAgent: (agentId: string) => Promise<void>;
}

export function createHttpApp({ config, store, knowledge, log, onLogout, team, conversations, cutAgent }: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', knowledgeBase: { entries: knowledge.entries().length, issues: knowledge.issues().length }, uptime: process.uptime() });
  });

  // The embed script and the lazily loaded app: loaded from customers' sites, so CORS
  // must allow module loading from the allowed origins.
  const built = (file: string) => join(config.staticDir, file);
  const widgetCors = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const origin = req.headers.origin;
    if (config.allowedOrigins === '*') res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && config.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    next();
  };
  app.get('/widget.js', widgetCors, (_req, res) => {
    const file = built('widget.js');
    if (!existsSync(file)) return res.status(503).type('text/plain').send('The widget is not built yet: run `npm run build`.');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.sendFile(file);
  });
  app.use('/widget', widgetCors, express.static(built('widget'), { maxAge: '5m', fallthrough: false }));

  app.use(express.json({ limit: '16kb' }));
  app.use(authRoutes(store, config, onLogout));
  app.use(adminRoutes({ store, team, conversations, knowledge, cutAgent }));

  const consoleDir = built('console');
  app.use('/console', (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.use('/console', express.static(consoleDir, { index: 'index.html' }));
  app.get(/^\/console(\/.*)?$/, (_req, res) => {
    const index = join(consoleDir, 'index.html');
    if (!existsSync(index)) return res.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.');
    res.sendFile(index);
  });

  app.use('/', express.static(config.demoDir));

  app.use('/api', (_req, res) => res.status(404).json({ error: 'not_found', message: 'No such API route.' }));
  const onError: ErrorRequestHandler = (err: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = err.status ?? 500;
    if (status >= 500) log.error({ err }, 'http request failed');
    const message = err.type === 'entity.too.large' ? 'Request body too large.' : err.type === 'entity.parse.failed' ? 'Malformed JSON.' : status >= 500 ? 'Internal error.' : (err.message ?? 'Bad request.');
    res.status(status).json({ error: status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'invalid', message });
  };
  app.use(onError);
  return app;
}
