// The Express app: health, the embed script and widget bundle, the console, the demo
// site, and the console's small REST surface behind one authorization gate.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { emailRoutes } from './email-routes.ts';
import type { SurveyLinks } from '../email/survey.ts';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { KnowledgeService } from '../knowledge/index.ts';
import type { Store } from '../store/index.ts';
import type { Limits } from '../security/limits.ts';
import type { AgentSessions } from '../security/sessions.ts';
import { authRoutes } from './auth-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import { archiveRoutes } from './archive-routes.ts';
import { kbEditRoutes } from './kb-edit-routes.ts';
import { learnedRoutes } from './learned-routes.ts';
import type { Learning } from '../learning/service.ts';
import { avatarRoutes, profileRoutes } from './profile-routes.ts';
import { repliesRoutes } from './replies-routes.ts';
import { authorize } from './authorize.ts';
import { apiV1Gate } from './api-v1/gate.ts';
import { apiV1Routes } from './api-v1/router.ts';
import { integrationRoutes } from './integration-routes.ts';
import { reportRoutes } from './report-routes.ts';
import type { Webhooks } from '../webhooks/index.ts';
import { apiHeaders, consoleHeaders, demoHeaders, widgetHeaders } from './headers.ts';
import type { Team } from '../conversations/team.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Metrics } from '../metrics.ts';
import { clientAddress } from '../security/network.ts';
import proxyaddr from 'proxy-addr';
import type { FileStorage } from '../files/storage.ts';
import type { ProactiveRules } from '../proactive/rules.ts';
import { fileRoutes } from './file-routes.ts';
import { proactiveRoutes } from './proactive-routes.ts';
import { visitorGate } from './visitor-gate.ts';
import { widgetScript } from './widget-script.ts';

export interface HttpDeps {
  config: Config;
  store: Store;
  knowledge: KnowledgeService;
  log: Logger;
  team: Team;
  conversations: Conversations;
  limits: Limits;
  sessions: AgentSessions;
  /** Readiness for /readyz (database, Redis, migrations, shutting down). */
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean | string> }>;
  metrics: Metrics | null;
  /** Ends one session's live sockets (logout). */
  endSession: (sessionHash: string) => void;
  /** A person's rights changed: cut their live sockets, and with `endSessions` log them out everywhere. */
  revokeAgent: (agentId: string, opts: { endSessions: boolean }) => Promise<void>;
  /** The bytes of files sent in conversations. */
  files: FileStorage;
  proactive: ProactiveRules;
  webhooks: Webhooks;
  /** Learned wordings (editors accept or reject them). */
  learning: Learning;
  /** Porsan's version (in the OpenAPI document). */
  version: string;
  /** The email channel's survey links (null without the email channel). */
  surveys: SurveyLinks | null;
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const { config, store, knowledge, log, team, conversations } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy.setting);
  app.use(apiHeaders(config));

  // Browsers ask for it on every page of this origin (demo and console alike).
  const favicon = join(import.meta.dirname, 'favicon.ico');
  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/x-icon').sendFile(favicon);
  });

  // Liveness: the process answers. Readiness: it can serve (load balancers route by this one).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', knowledgeBase: { entries: knowledge.entries().length, issues: knowledge.issues().length }, uptime: process.uptime() });
  });
  app.get('/readyz', async (_req, res) => {
    const r = await deps.ready();
    res.status(r.ok ? 200 : 503).json({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  // Prometheus scrapes from inside the network: /metrics answers loopback and private addresses only.
  const internal = proxyaddr.compile(['loopback', 'linklocal', 'uniquelocal', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
  app.get('/metrics', async (req, res) => {
    const metrics = deps.metrics;
    if (!metrics || !internal(req.socket.remoteAddress ?? '', 0) || clientAddress(req, config.trustProxy) !== (req.socket.remoteAddress ?? '')) {
      return res.status(404).json({ error: 'not_found', message: 'Not found.' });
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The embed script and the lazily loaded app: loaded from customers' sites, so CORS
  // must allow module loading from the allowed origins.
  const built = (file: string) => join(config.staticDir, file);
  const widgetCors: RequestHandler = (req, res, next) => {
    const origin = req.headers.origin;
    if (config.allowedOrigins === '*') res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && config.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    next();
  };
  app.get('/widget.js', widgetHeaders, widgetCors, widgetScript(built('widget.js'), () => deps.proactive.siteConfig(), log));
  app.use('/widget', widgetHeaders, widgetCors, express.static(built('widget'), { maxAge: '5m', fallthrough: false }));

  app.use(avatarRoutes({ store }));
  // Two doors: /api for the console (session cookie, its own origin), /visitor for the widget
  // (visitor token, the allowed sites). Each refuses any route its table does not list.
  // The REST API for other tools: API tokens instead of sessions, its own gate and route table.
  app.use('/api/v1', express.json({ limit: '16kb' }), apiV1Gate(store, deps.limits));
  app.use(apiV1Routes({ store, conversations, team, knowledge, log, version: deps.version }));
  app.use('/api/v1', (_req, res) => res.status(404).json({ error: 'not_found', message: 'No such API route.' }));

  app.use('/api', express.json({ limit: '16kb' }), authorize(config, deps.sessions));
  app.use('/visitor', visitorGate({ config, store, limits: deps.limits }));
  app.use(authRoutes({ store, config, limits: deps.limits, endSession: deps.endSession }));
  app.use(adminRoutes({ store, team, conversations, knowledge, kbDir: config.kbDir, revokeAgent: deps.revokeAgent }));
  app.use(archiveRoutes({ conversations }));
  app.use(repliesRoutes({ store }));
  app.use(profileRoutes({ store, conversations, team, sessions: deps.sessions }));
  app.use(kbEditRoutes({ knowledge, kbDir: config.kbDir, watching: config.kbWatch }));
  app.use(learnedRoutes({ learning: deps.learning }));
  app.use(fileRoutes({ config, conversations, storage: deps.files, limits: deps.limits, log }));
  app.use(proactiveRoutes(deps.proactive));
  app.use(reportRoutes({ store, team }));
  app.use(integrationRoutes({ store, webhooks: deps.webhooks }));
  app.use(emailRoutes({ store, conversations, surveys: deps.surveys }));
  app.use('/api', (_req, res) => res.status(404).json({ error: 'not_found', message: 'No such API route.' }));
  app.use('/visitor', (_req, res) => res.status(404).json({ error: 'not_found', message: 'No such route.' }));

  const consoleDir = built('console');
  app.use('/console', consoleHeaders(config));
  app.use('/console', express.static(consoleDir, { index: 'index.html' }));
  app.get(/^\/console(\/.*)?$/, (_req, res) => {
    const index = join(consoleDir, 'index.html');
    if (!existsSync(index)) return res.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.');
    res.sendFile(index);
  });

  app.use('/', demoHeaders, express.static(config.demoDir));

  // Errors answer with a code and a sentence, never a stack trace or a server path.
  const onError: ErrorRequestHandler = (err: { status?: number; statusCode?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) log.error({ err }, 'http request failed');
    const message =
      err.type === 'entity.too.large' ? 'Request body too large.'
      : err.type === 'entity.parse.failed' ? 'Malformed JSON.'
      : status === 404 ? 'Not found.'
      : status >= 500 ? 'Internal error.'
      : 'Bad request.';
    if (res.headersSent) return;
    res.status(status).json({ error: status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'invalid', message });
  };
  app.use(onError);
  return app;
}
