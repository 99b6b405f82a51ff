// Wires the parts together and starts listening. Used by main.ts and by the tests.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Express } from 'express';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { openStore, type Store } from './store/index.ts';
import { openKnowledge, normalizeForGrouping, type KnowledgeService } from './knowledge/index.ts';
import { Conversations } from './conversations/service.ts';
import { createHttpApp } from './http/app.ts';
import { setupVisitors, type VisitorNamespace } from './realtime/visitor.ts';
import { agentRoom, sessionRoom, setupAgents, type AgentNamespace } from './realtime/agent.ts';
import { wireFanout } from './realtime/fanout.ts';
import { ensureAdmin, type AdminBootstrap } from './admin.ts';
import { Team } from './conversations/team.ts';
import { defaultSettings } from './conversations/hours.ts';
import { MemoryTeamState } from './conversations/memory-team-state.ts';
import type { KbHit, Locale } from '../protocol/index.ts';
import { createLimits, limitRules, type Limits } from './security/limits.ts';
import { AgentSessions } from './security/sessions.ts';
import { allowHandshake } from './realtime/handshake.ts';
import { Webhooks } from './webhooks/index.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { wireMailNotifications } from './mail/notifications.ts';
import { Transcripts } from './transcripts/index.ts';
import { readFileSync } from 'node:fs';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Porsan {
  port: number;
  config: Config;
  store: Store;
  knowledge: KnowledgeService;
  conversations: Conversations;
  team: Team;
  io: Server;
  http: HttpServer;
  /** The Express app behind `http` (Socket.IO handles its own paths first). */
  app: Express;
  limits: Limits;
  log: Logger;
  /** Set when this start created the first admin. */
  admin: AdminBootstrap | null;
  webhooks: Webhooks;
  /** Null without SMTP (PORSAN_SMTP_URL). */
  mailer: Mailer | null;
  /** Resolves when the mail notifications started so far have been sent (or failed). */
  mailIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startPorsan(config: Config): Promise<Porsan> {
  const log = createLogger(config.logLevel);
  const store = await openStore(config);
  const admin = await ensureAdmin(store, config);
  const knowledge = await openKnowledge({
    dir: config.kbDir,
    watch: config.kbWatch,
    config: config.kbThresholds,
    log: (level, msg, extra) => log[level](extra ?? {}, msg),
  });
  for (const issue of knowledge.issues()) log.warn({ file: issue.file, line: issue.line }, `knowledge base: ${issue.message}`);
  const team = await Team.open(store, new MemoryTeamState(config.agentGraceMs), defaultSettings(config.team), {
    leaveMessageWhenNobodyOnline: config.leaveMessageWhenNobodyOnline,
  });
  const conversations = new Conversations(
    store,
    { answer: (q, l) => knowledge.answer(q, l), normalize: normalizeForGrouping, search: (q, l) => searchKnowledge(knowledge, q, l) },
    team,
  );

  const webhooks = await Webhooks.start(store, conversations, config.webhooks, log);
  const mailer = createMailer(config.mail, log);
  const mail = mailer ? wireMailNotifications({ conversations, store, team, mailer, publicOrigin: config.publicOrigin, log }) : null;
  const transcripts = new Transcripts(store, conversations, mailer);

  const limits = createLimits(limitRules({ ...config.rateLimits, loginLimit: config.loginLimit, loginAccountLimit: config.loginAccountLimit, apiRequests: config.apiRateLimit }));
  const sessions = new AgentSessions(store);
  const io = new Server({
    // The widget's sites may call without credentials; the console is same-origin and needs no CORS.
    cors: { origin: config.allowedOrigins === '*' ? '*' : config.allowedOrigins, credentials: false },
    allowRequest: allowHandshake(config, limits, log),
    maxHttpBufferSize: 64 * 1024,
    // Recovered connections run the handshake checks again (the default skips them).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  const visitors = io.of('/visitor') as unknown as VisitorNamespace;
  const agents = io.of('/agent') as unknown as AgentNamespace;

  const app = createHttpApp({
    config,
    store,
    knowledge,
    log,
    team,
    conversations,
    limits,
    sessions,
    endSession: (sessionHash) => {
      sessions.invalidate();
      agents.in(sessionRoom(sessionHash)).disconnectSockets(true);
    },
    revokeAgent: async (agentId, { endSessions }) => {
      if (endSessions) await store.agents.deleteSessionsOf(agentId);
      sessions.invalidate();
      agents.in(agentRoom(agentId)).disconnectSockets(true);
    },
    webhooks,
    version: VERSION,
  });
  const http = createServer(app);
  io.attach(http);
  setupVisitors(visitors, { config, store, conversations, limits, log, transcripts });
  setupAgents(agents, { config, conversations, team, sessions, log });
  wireFanout(conversations, team, visitors, agents);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info({ port }, 'porsan listening');

  let closing: Promise<void> | null = null;
  return {
    port, config, store, knowledge, conversations, team, io, http, app, log, admin, limits, webhooks, mailer,
    mailIdle: () => mail?.idle() ?? Promise.resolve(),
    close() {
      closing ??= (async () => {
        conversations.close();
        await team.close();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        http.closeAllConnections();
        await webhooks.close();
        await mail?.idle();
        mailer?.close();
        await knowledge.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Ranked entries for an agent's search: the engine's top entries with their confidences, best first. */
function searchKnowledge(knowledge: KnowledgeService, query: string, locale?: Locale): KbHit[] {
  return knowledge.search(query, locale, 5).map(({ entry: e, score }) => ({ id: e.id, locale: e.locale, title: e.questions[0] ?? e.id, answer: e.answer, score }));
}
