// Environment → typed, validated configuration. Every variable is documented in the README.
import { resolve } from 'node:path';
import { z } from 'zod';
import { normalizeOrigin, proxyTrust, type ProxyTrust } from './security/network.ts';
import { UPLOAD_TYPES, type UploadType } from '../protocol/index.ts';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const ratio = z.coerce.number().min(0).max(1);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORSAN_DATA_DIR: z.string().min(1).default('./data'),
  PORSAN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  PORSAN_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  PORSAN_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/, 'letters, digits, :, ., _ and - only').default('porsan:'),
  PORSAN_NODE_ID: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, ., _ and - only').optional(),
  PORSAN_NODE_TIMEOUT_SECONDS: z.coerce.number().min(1).default(10),
  PORSAN_METRICS: flag.default(true),
  PORSAN_KB_DIR: z.string().min(1).default('./knowledge-base'),
  PORSAN_KB_WATCH: flag.default(true),
  PORSAN_KB_ANSWER_THRESHOLD: ratio.optional(),
  PORSAN_KB_SUGGEST_THRESHOLD: ratio.optional(),
  PORSAN_KB_AUTO_LEARN: z.coerce.number().int().min(0).max(1000).default(0),
  PORSAN_STATIC_DIR: z.string().min(1).default('./dist'),
  PORSAN_DEMO_DIR: z.string().min(1).default('./demo'),
  PORSAN_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  PORSAN_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PORSAN_ALLOWED_ORIGINS: z
    .string()
    .default('*')
    .refine((v) => v.trim() === '*' || v.split(',').map((o) => o.trim()).filter(Boolean).every((o) => normalizeOrigin(o) !== null), 'must be * or a comma-separated list of origins such as https://shop.example'),
  PORSAN_PUBLIC_URL: z
    .string()
    .refine((v) => normalizeOrigin(v) !== null, 'must be an http(s) URL such as https://chat.example.com')
    .optional(),
  PORSAN_TRUST_PROXY: z
    .string()
    .refine((v) => {
      try {
        proxyTrust(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be a hop count, or a comma-separated list of addresses, CIDR ranges or loopback/linklocal/uniquelocal')
    .optional(),
  PORSAN_SECURE_COOKIES: flag.optional(),
  PORSAN_RATE_NEW_VISITORS: z.coerce.number().int().positive().default(100),
  PORSAN_RATE_CONVERSATIONS: z.coerce.number().int().positive().default(60),
  PORSAN_RATE_HANDOFFS: z.coerce.number().int().positive().default(30),
  PORSAN_RATE_LEFT_MESSAGES: z.coerce.number().int().positive().default(10),
  PORSAN_RATE_TICKET_LOOKUPS: z.coerce.number().int().positive().default(20),
  PORSAN_RATE_CONNECTIONS: z.coerce.number().int().positive().default(300),
  PORSAN_RATE_UPLOADS: z.coerce.number().int().positive().default(30),
  PORSAN_RATE_DOWNLOADS: z.coerce.number().int().positive().default(600),
  PORSAN_RATE_PROACTIVE: z.coerce.number().int().positive().default(60),
  PORSAN_UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(10),
  PORSAN_UPLOAD_TYPES: z
    .string()
    .default(UPLOAD_TYPES.join(','))
    .refine((v) => v.split(',').map((t) => t.trim()).filter(Boolean).length > 0 && v.split(',').map((t) => t.trim()).filter(Boolean).every((t) => (UPLOAD_TYPES as readonly string[]).includes(t)), `must be a comma-separated list of: ${UPLOAD_TYPES.join(', ')}`),
  PORSAN_LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(10),
  PORSAN_SESSION_HOURS: z.coerce.number().positive().default(12),
  PORSAN_LOGIN_LIMIT: z.coerce.number().int().positive().default(10),
  PORSAN_TIME_ZONE: z
    .string()
    .default('Asia/Tehran')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Tehran'),
  PORSAN_ALWAYS_OPEN: flag.default(false),
  PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: flag.default(true),
  PORSAN_AGENT_GRACE_SECONDS: z.coerce.number().min(0).default(60),
  PORSAN_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  PORSAN_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  PORSAN_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().default(10),
  PORSAN_WEBHOOK_RETRY_HOURS: z.coerce.number().positive().max(24 * 7).default(24),
  PORSAN_WEBHOOK_SWEEP_SECONDS: z.coerce.number().positive().default(5),
  PORSAN_API_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  PORSAN_IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PORSAN_NPS: flag.default(false),
  PORSAN_NPS_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PORSAN_SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL').optional(),
  PORSAN_MAIL_FROM: z.string().trim().min(3).max(200).regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address such as "Porsan <support@example.com>"').optional(),
  PORSAN_IMAP_URL: z.string().regex(/^imaps?:\/\/[^\s:@/]+:[^\s@/]*@[^\s/]+(\/\S*)?$/, 'must be imap(s)://user:password@host[:port][/mailbox] (user and password URL-encoded)').optional(),
  PORSAN_EMAIL_POLL_SECONDS: z.coerce.number().min(1).default(60),
  PORSAN_EMAIL_BOT_REPLY: flag.default(false),
  PORSAN_EMAIL_SENDER_LIMIT: z.coerce.number().int().positive().default(10),
  PORSAN_EMAIL_SURVEY: flag.default(true),
  PORSAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded SQLite database. */
  databaseUrl: string | null;
  /** Redis for everything several nodes share (fan-out, presence, limits); null: one process. */
  redisUrl: string | null;
  /** Every Redis key and stream this deployment uses starts with it. */
  redisPrefix: string;
  /** This node's name in the cluster (default: host, process and a random part). */
  nodeId: string | null;
  /** A node silent this long counts as dead: its agents' sockets stop counting. */
  nodeTimeoutMs: number;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  kbDir: string;
  kbWatch: boolean;
  kbThresholds: { answerThreshold?: number; suggestThreshold?: number };
  /** A pending learned wording confirmed by this many different visitors is matched before an editor accepts it (0: never). */
  kbAutoLearn: number;
  staticDir: string;
  demoDir: string;
  admin: { email?: string; password?: string };
  /** '*' or a list of origins allowed to embed the widget. */
  allowedOrigins: '*' | string[];
  /** The origin the console and API are served from (PORSAN_PUBLIC_URL); null: each request's own Host. */
  publicOrigin: string | null;
  /** Which peers may set X-Forwarded-For/Host/Proto (PORSAN_TRUST_PROXY); nobody by default. */
  trustProxy: ProxyTrust;
  /** Session cookies carry `Secure` (explicitly, or because the public URL is https). */
  secureCookies: boolean;
  sessionHours: number;
  /** Failed logins allowed per client address per 15 minutes. */
  loginLimit: number;
  /** Failed logins allowed per account per 15 minutes. */
  loginAccountLimit: number;
  /** Per client address: how many of each may start in their window (see security/limits.ts). */
  rateLimits: RateLimitConfig;
  /** Files in conversations: the largest accepted and the types (read from the bytes). */
  uploads: { maxBytes: number; types: UploadType[] };
  logLevel: z.infer<typeof schema>['PORSAN_LOG_LEVEL'];
  /** Defaults for the team settings on first start (admins change them in the console). */
  team: { timeZone: string; alwaysOpen: boolean };
  /** With no agent online, a handoff becomes "leave a message" (otherwise it waits in the queue). */
  leaveMessageWhenNobodyOnline: boolean;
  /** How long an agent's sockets may be gone before they count as offline and their conversations are requeued. */
  agentGraceMs: number;
  webhooks: {
    /** Private, loopback and link-local webhook targets allowed (tests; receivers in your own network). */
    allowPrivate: boolean;
    timeoutMs: number;
    retry: { baseMs: number; maxDelayMs: number; windowMs: number };
    sweepMs: number;
  };
  /** REST API requests per token per minute. */
  apiRateLimit: number;
  /** Signs `userHash` (HMAC-SHA256) for verified identities; null: every identify only labels the visitor. */
  identitySecret: string | null;
  /** Ask "How likely are you to recommend us?" after a closed conversation, at most once per customer (or visitor) per `days`. */
  nps: { enabled: boolean; days: number };
  /** Outgoing mail (transcripts, left-message notices and replies); null without SMTP. */
  mail: { smtpUrl: string; from: string } | null;
  /** The email channel (PORSAN_IMAP_URL); null: no mailbox is read. */
  email: EmailConfig | null;
}

export interface EmailConfig {
  imapUrl: string;
  /** How often the mailbox is looked at besides IDLE's notices (and the polling interval without IDLE). */
  pollMs: number;
  /** Mail the bot's confident answer to a new email question (otherwise only suggest it to the agent). */
  botReply: boolean;
  /** New mails accepted per sender address per hour. */
  senderLimit: number;
  /** Mail the CSAT survey (a signed link) when an email conversation is closed as resolved. */
  survey: boolean;
}

export interface RateLimitConfig {
  /** new visitor identities per 10 minutes */
  newVisitors: number;
  /** new conversations per 10 minutes */
  conversations: number;
  /** requests for a person per 10 minutes */
  handoffs: number;
  /** left messages per hour */
  leftMessages: number;
  /** tracking-code look-ups per 10 minutes */
  ticketLookups: number;
  /** Socket.IO handshakes per minute */
  connections: number;
  /** file uploads per 10 minutes */
  uploads: number;
  /** file downloads per 10 minutes */
  downloads: number;
  /** proactive-message reports (shown, opened) per 10 minutes */
  proactive: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as they do in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.PORSAN_ADMIN_PASSWORD && !e.PORSAN_ADMIN_EMAIL) {
    throw new ConfigError('Invalid configuration:\n  PORSAN_ADMIN_PASSWORD is set but PORSAN_ADMIN_EMAIL is not');
  }
  const origins = e.PORSAN_ALLOWED_ORIGINS.trim();
  const publicOrigin = e.PORSAN_PUBLIC_URL ? normalizeOrigin(e.PORSAN_PUBLIC_URL) : null;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.PORSAN_DATA_DIR),
    databaseUrl: e.PORSAN_DATABASE_URL ?? null,
    redisUrl: e.PORSAN_REDIS_URL ?? null,
    redisPrefix: e.PORSAN_REDIS_PREFIX,
    nodeId: e.PORSAN_NODE_ID ?? null,
    nodeTimeoutMs: e.PORSAN_NODE_TIMEOUT_SECONDS * 1000,
    metrics: e.PORSAN_METRICS,
    kbDir: resolve(e.PORSAN_KB_DIR),
    kbWatch: e.PORSAN_KB_WATCH,
    kbThresholds: {
      ...(e.PORSAN_KB_ANSWER_THRESHOLD !== undefined && { answerThreshold: e.PORSAN_KB_ANSWER_THRESHOLD }),
      ...(e.PORSAN_KB_SUGGEST_THRESHOLD !== undefined && { suggestThreshold: e.PORSAN_KB_SUGGEST_THRESHOLD }),
    },
    kbAutoLearn: e.PORSAN_KB_AUTO_LEARN,
    staticDir: resolve(e.PORSAN_STATIC_DIR),
    demoDir: resolve(e.PORSAN_DEMO_DIR),
    admin: { email: e.PORSAN_ADMIN_EMAIL, password: e.PORSAN_ADMIN_PASSWORD },
    allowedOrigins: origins === '*' ? '*' : origins.split(',').map((o) => normalizeOrigin(o.trim())).filter((o): o is string => o !== null),
    publicOrigin,
    trustProxy: proxyTrust(e.PORSAN_TRUST_PROXY),
    secureCookies: e.PORSAN_SECURE_COOKIES ?? publicOrigin?.startsWith('https:') ?? false,
    sessionHours: e.PORSAN_SESSION_HOURS,
    loginLimit: e.PORSAN_LOGIN_LIMIT,
    loginAccountLimit: e.PORSAN_LOGIN_ACCOUNT_LIMIT,
    rateLimits: {
      newVisitors: e.PORSAN_RATE_NEW_VISITORS,
      conversations: e.PORSAN_RATE_CONVERSATIONS,
      handoffs: e.PORSAN_RATE_HANDOFFS,
      leftMessages: e.PORSAN_RATE_LEFT_MESSAGES,
      ticketLookups: e.PORSAN_RATE_TICKET_LOOKUPS,
      connections: e.PORSAN_RATE_CONNECTIONS,
      uploads: e.PORSAN_RATE_UPLOADS,
      downloads: e.PORSAN_RATE_DOWNLOADS,
      proactive: e.PORSAN_RATE_PROACTIVE,
    },
    uploads: {
      maxBytes: Math.round(e.PORSAN_UPLOAD_MAX_MB * 1024 * 1024),
      types: [...new Set(e.PORSAN_UPLOAD_TYPES.split(',').map((t) => t.trim()).filter(Boolean))] as UploadType[],
    },
    logLevel: e.PORSAN_LOG_LEVEL,
    team: { timeZone: e.PORSAN_TIME_ZONE, alwaysOpen: e.PORSAN_ALWAYS_OPEN },
    leaveMessageWhenNobodyOnline: e.PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE,
    agentGraceMs: e.PORSAN_AGENT_GRACE_SECONDS * 1000,
    webhooks: {
      allowPrivate: e.PORSAN_WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: e.PORSAN_WEBHOOK_TIMEOUT_SECONDS * 1000,
      retry: { baseMs: e.PORSAN_WEBHOOK_RETRY_BASE_SECONDS * 1000, maxDelayMs: 6 * 3600_000, windowMs: e.PORSAN_WEBHOOK_RETRY_HOURS * 3600_000 },
      sweepMs: e.PORSAN_WEBHOOK_SWEEP_SECONDS * 1000,
    },
    apiRateLimit: e.PORSAN_API_RATE_LIMIT,
    identitySecret: e.PORSAN_IDENTITY_SECRET ?? null,
    nps: { enabled: e.PORSAN_NPS, days: e.PORSAN_NPS_DAYS },
    mail: e.PORSAN_SMTP_URL
      ? { smtpUrl: e.PORSAN_SMTP_URL, from: e.PORSAN_MAIL_FROM ?? `Porsan <no-reply@${publicOrigin ? new URL(publicOrigin).hostname : 'localhost'}>` }
      : null,
    email: e.PORSAN_IMAP_URL
      ? { imapUrl: e.PORSAN_IMAP_URL, pollMs: e.PORSAN_EMAIL_POLL_SECONDS * 1000, botReply: e.PORSAN_EMAIL_BOT_REPLY, senderLimit: e.PORSAN_EMAIL_SENDER_LIMIT, survey: e.PORSAN_EMAIL_SURVEY }
      : null,
  };
}
