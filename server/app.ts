// Wires the parts together and starts listening. Used by main.ts and by the tests.
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
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
import { connectRedis, type RedisClient } from './cluster/redis.ts';
import { RedisTeamState } from './cluster/redis-team-state.ts';
import { redisLimiter } from './cluster/redis-limits.ts';
import type { TeamState } from './conversations/ports.ts';
import { Metrics } from './metrics.ts';
import { join } from 'node:path';
import { LocalFileStorage, type FileStorage } from './files/storage.ts';
import { startSweeper } from './files/sweep.ts';
import { ProactiveRules } from './proactive/rules.ts';
import { Webhooks } from './webhooks/index.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { wireMailNotifications } from './mail/notifications.ts';
import { Transcripts } from './transcripts/index.ts';
import { startEmailChannel, type EmailChannel } from './email/index.ts';
import { SurveyLinks } from './email/survey.ts';
import type { DNSResolver } from './email/verify.ts';
import { readFileSync } from 'node:fs';
import { answeredWith, Learning } from './learning/service.ts';

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
  /** This node's name in the cluster. */
  nodeId: string;
  redis: RedisClient | null;
  metrics: Metrics | null;
  /** Ready to serve: database reachable and migrated, Redis reachable (when used), not shutting down. */
  ready(): Promise<Readiness>;
  log: Logger;
  /** The bytes of files sent in conversations (PORSAN_DATA_DIR/files). */
  files: FileStorage;
  proactive: ProactiveRules;
  /** Set when this start created the first admin. */
  admin: AdminBootstrap | null;
  webhooks: Webhooks;
  /** Null without SMTP (PORSAN_SMTP_URL). */
  mailer: Mailer | null;
  /** Resolves when the mail notifications (and email replies) started so far have been sent (or failed). */
  mailIdle(): Promise<void>;
  /** The email channel (PORSAN_IMAP_URL); null without it. */
  email: EmailChannel | null;
  close(): Promise<void>;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, boolean | string>;
}

/** What tests may put in place of the outside world. */
export interface StartOptions {
  /** DNS for the email channel's sender verification (default: the system resolver). */
  dnsResolver?: DNSResolver;
}

export async function startPorsan(config: Config, opts: StartOptions = {}): Promise<Porsan> {
  const nodeId = config.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = createLogger(config.logLevel).child({ node: nodeId });
  const store = await openStore(config);
  // Several nodes share Redis: fan-out, presence and grace, limits. One process needs none of it.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log, `porsan:${nodeId}`) : null;
  const admin = await ensureAdmin(store, config);
  const knowledge = await openKnowledge({
    dir: config.kbDir,
    watch: config.kbWatch,
    config: config.kbThresholds,
    log: (level, msg, extra) => log[level](extra ?? {}, msg),
  });
  for (const issue of knowledge.issues()) log.warn({ file: issue.file, line: issue.line }, `knowledge base: ${issue.message}`);
  warmUp(knowledge);
  const teamState: TeamState = redis
    ? await RedisTeamState.start(redis, { prefix: config.redisPrefix, nodeId, graceMs: config.agentGraceMs, nodeTimeoutMs: config.nodeTimeoutMs }, log)
    : new MemoryTeamState(config.agentGraceMs);
  const team = await Team.open(store, teamState, defaultSettings(config.team), {
    leaveMessageWhenNobodyOnline: config.leaveMessageWhenNobodyOnline,
    settingsRefreshMs: redis ? 2000 : 0,
  });
  const conversations = new Conversations(
    store,
    {
      decide: (q, l) => knowledge.decide(q, l),
      entry: (id) => knowledge.entry(id),
      answeredWith: (text, l) => answeredWith(knowledge, text, l),
      normalize: normalizeForGrouping,
      search: (q, l) => searchKnowledge(knowledge, q, l),
    },
    team,
    { nps: config.nps, emailBotReply: config.email?.botReply ?? false },
  );

  const learning = new Learning({ store: store.learned, knowledge, kbDir: config.kbDir, watching: config.kbWatch, autoLearn: config.kbAutoLearn, log: (msg, extra) => log.warn(extra ?? {}, msg) });
  conversations.events.on('learned', () => void learning.refresh());
  await learning.refresh();

  const files = await LocalFileStorage.open(join(config.dataDir, 'files'));
  const proactive = new ProactiveRules(store, team, config.uploads);
  const webhooks = await Webhooks.start(store, conversations, config.webhooks, log);
  const mailer = createMailer(config.mail, log);
  const mail = mailer ? wireMailNotifications({ conversations, store, team, mailer, publicOrigin: config.publicOrigin, log }) : null;
  const transcripts = new Transcripts(store, conversations, mailer);
  const surveys = config.email ? new SurveyLinks(store) : null;

  const limits = createLimits(limitRules({ ...config.rateLimits, loginLimit: config.loginLimit, loginAccountLimit: config.loginAccountLimit, apiRequests: config.apiRateLimit, emailSenders: config.email?.senderLimit }), redis ? redisLimiter(redis, config.redisPrefix) : undefined);
  const sessions = new AgentSessions(store);
  const io = new Server({
    // The widget's sites may call without credentials; the console is same-origin and needs no CORS.
    cors: { origin: config.allowedOrigins === '*' ? '*' : config.allowedOrigins, credentials: false },
    allowRequest: allowHandshake(config, limits, log),
    maxHttpBufferSize: 64 * 1024,
    // Recovered connections run the handshake checks again (the default skips them).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    // Every emit reaches its room on whichever node the socket is (Redis Streams keep recovery working).
    ...(redis && { adapter: createAdapter(redis, { streamName: `${config.redisPrefix}socket.io`, channelPrefix: `${config.redisPrefix}socket.io`, sessionKeyPrefix: `${config.redisPrefix}sio-session:` }) }),
  });
  const visitors = io.of('/visitor') as unknown as VisitorNamespace;
  const agents = io.of('/agent') as unknown as AgentNamespace;
  const metrics = config.metrics ? new Metrics(nodeId, { visitors: () => visitors.sockets.size, agents: () => agents.sockets.size }) : null;
  if (metrics) {
    conversations.events.on('message', ({ message }) => metrics.messages.inc({ author: message.author }));
    conversations.events.on('queue', ({ summaries }) => metrics.queueLength.set(summaries.length));
  }
  let closing: Promise<void> | null = null;
  const ready = async (): Promise<Readiness> => {
    const checks: Readiness['checks'] = { shuttingDown: closing !== null };
    try {
      const db = await store.ready();
      checks.database = db.ok || `migrations pending: ${db.pending.join(', ')}`;
    } catch {
      checks.database = 'unreachable';
    }
    if (redis) checks.redis = await redis.ping().then((r) => r === 'PONG', () => 'unreachable');
    checks.knowledgeBase = knowledge.entries().length > 0 || 'empty';
    return { ok: !checks.shuttingDown && Object.entries(checks).every(([k, v]) => k === 'shuttingDown' || v === true), checks };
  };

  const app = createHttpApp({
    config,
    store,
    knowledge,
    learning,
    log,
    team,
    conversations,
    limits,
    sessions,
    ready,
    metrics,
    endSession: (sessionHash) => {
      sessions.invalidate();
      agents.in(sessionRoom(sessionHash)).disconnectSockets(true);
    },
    revokeAgent: async (agentId, { endSessions }) => {
      if (endSessions) await store.agents.deleteSessionsOf(agentId);
      sessions.invalidate();
      agents.in(agentRoom(agentId)).disconnectSockets(true);
    },
    files,
    proactive,
    webhooks,
    version: VERSION,
    surveys,
  });
  const http = createServer(app);
  io.attach(http);
  setupVisitors(visitors, { config, store, conversations, limits, log, transcripts, opening: (id, locale) => proactive.opening(id, locale), observe: metrics ? (event, s) => event === 'send' && metrics.botTurn.observe(s) : undefined });
  setupAgents(agents, { config, conversations, team, sessions, log });
  wireFanout(conversations, team, visitors, agents);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info({ port, cluster: !!redis }, 'porsan listening');
  // Uploads whose message never came, and staged files of uploads that never finished: after an hour.
  const stopSweeper = startSweeper(files, store.attachments, log, { graceMs: 60 * 60 * 1000, everyMs: 15 * 60 * 1000 });
  const email =
    config.email && surveys
      ? startEmailChannel({ config: config.email, mail: config.mail, publicOrigin: config.publicOrigin, store, conversations, team, mailer, limits, log, surveys, resolver: opts.dnsResolver })
      : null;

  return {
    port, config, store, knowledge, conversations, team, io, http, app, log, admin, limits, nodeId, redis, metrics, ready, files, proactive, webhooks, mailer, email,
    mailIdle: async () => {
      await mail?.idle();
      await email?.idle();
    },
    close() {
      // Graceful: /readyz says no at once; sockets are let go (their clients reconnect to another
      // node behind the load balancer); this node's agents count as gone; then the rest closes.
      closing ??= (async () => {
        stopSweeper();
        await email?.close();
        conversations.close();
        learning.close();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        http.closeAllConnections();
        await webhooks.close();
        await mail?.idle();
        mailer?.close();
        await team.close();
        await knowledge.close();
        await store.close();
        await redis?.quit().catch(() => undefined);
      })();
      return closing;
    },
  };
}

/** Ranked entries for an agent's search: the engine's top entries with their confidences, best first. */
function searchKnowledge(knowledge: KnowledgeService, query: string, locale?: Locale): KbHit[] {
  return knowledge.search(query, locale, 5).map(({ entry: e, score }) => ({ id: e.id, locale: e.locale, title: e.questions[0] ?? e.id, answer: e.answer, score }));
}

/**
 * The first questions after a start would otherwise pay for the matcher's cold paths (lazy
 * indexes, the JIT): ask it a spread of the knowledge base's own questions before serving.
 */
function warmUp(knowledge: KnowledgeService): void {
  const entries = knowledge.entries();
  const step = Math.max(1, Math.floor(entries.length / 300));
  for (let i = 0; i < entries.length; i += step) {
    const e = entries[i]!;
    for (const q of e.questions.slice(0, 2)) knowledge.answer(q, e.locale);
    knowledge.answer(`${e.questions[0] ?? ''} ?`.slice(0, 200), undefined);
  }
}
