// Persistence behind one interface: repositories over Kysely, so the same queries run on the
// embedded SQLite database (better-sqlite3, WAL) and on PostgreSQL. They take and give the
// domain's types (../conversations/model.ts); rows stay in this folder.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect as KyselyDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrateToLatest, pendingMigrations, type Dialect } from './migrations/index.ts';
import { AgentRepo } from './agents.ts';
import { ArchiveRepo } from './archive.ts';
import { AvatarRepo } from './avatars.ts';
import { ReplyRepo } from './replies.ts';
import { AttachmentRepo } from './attachments.ts';
import { ApiTokenRepo } from './api-tokens.ts';
import { ConversationRepo } from './conversations.ts';
import { CustomerRepo } from './customers.ts';
import { NpsRepo } from './nps.ts';
import { ConversationPageRepo } from './conversation-pages.ts';
import { MessageRepo } from './messages.ts';
import { ProactiveRepo } from './proactive.ts';
import { ReportRepo } from './reports.ts';
import { SettingsRepo } from './settings.ts';
import { UnansweredRepo } from './unanswered.ts';
import { VisitorRepo } from './visitors.ts';
import { WebhookRepo } from './webhooks.ts';
import { EmailRepo } from './email.ts';
import { LearnedRepo } from './learned.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';

export type { Dialect };
export type { SessionAgent } from './agents.ts';
export type { UnansweredGroup } from './unanswered.ts';
export type { StoredRule } from './proactive.ts';
export type { Appended, AppendGuard } from './messages.ts';
export type { ArchiveCursor } from './archive.ts';

export class Store {
  readonly visitors: VisitorRepo;
  readonly conversations: ConversationRepo;
  readonly customers: CustomerRepo;
  readonly nps: NpsRepo;
  readonly messages: MessageRepo;
  readonly agents: AgentRepo;
  readonly settings: SettingsRepo;
  readonly unanswered: UnansweredRepo;
  readonly archive: ArchiveRepo;
  readonly replies: ReplyRepo;
  readonly avatars: AvatarRepo;
  readonly attachments: AttachmentRepo;
  readonly proactive: ProactiveRepo;
  readonly reports: ReportRepo;
  readonly apiTokens: ApiTokenRepo;
  readonly webhooks: WebhookRepo;
  readonly conversationPages: ConversationPageRepo;
  readonly email: EmailRepo;
  readonly learned: LearnedRepo;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    /** Statements run so far (for tests and benchmarks that pin how many a turn costs). */
    readonly stats: { queries: number } = { queries: 0 },
    /** SQLite only: the worker that checkpoints the write-ahead log off the event loop. */
    readonly checkpointer: Checkpointer | null = null,
  ) {
    this.visitors = new VisitorRepo(db);
    this.conversations = new ConversationRepo(db, dialect);
    this.customers = new CustomerRepo(db);
    this.nps = new NpsRepo(db);
    this.messages = new MessageRepo(db);
    this.agents = new AgentRepo(db);
    this.settings = new SettingsRepo(db);
    this.unanswered = new UnansweredRepo(db);
    this.archive = new ArchiveRepo(db, dialect);
    this.replies = new ReplyRepo(db);
    this.avatars = new AvatarRepo(db);
    this.attachments = new AttachmentRepo(db);
    this.proactive = new ProactiveRepo(db);
    this.reports = new ReportRepo(db);
    this.apiTokens = new ApiTokenRepo(db);
    this.webhooks = new WebhookRepo(db);
    this.conversationPages = new ConversationPageRepo(db);
    this.email = new EmailRepo(db);
    this.learned = new LearnedRepo(db);
  }

  /**
   * Runs background work (the webhook outbox's sweeps) without counting its statements in
   * `stats`, which pin what serving visitors and agents costs.
   */
  untracked<T>(work: () => Promise<T>): Promise<T> {
    return background.run(true, work);
  }

  /** The database answers and every migration this version knows has been applied. */
  async ready(): Promise<{ ok: boolean; pending: string[] }> {
    await sql`select 1`.execute(this.db);
    const pending = await pendingMigrations(this.db, this.dialect);
    return { ok: pending.length === 0, pending };
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.checkpointer?.close();
  }
}

/** Opens (and migrates) the embedded SQLite database under `dataDir`. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'porsan.sqlite');
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('wal_autocheckpoint = 0');
  cachePreparedStatements(database);
  return open(new SqliteDialect({ database }), 'sqlite', startCheckpointer(file));
}

/**
 * Kysely prepares every query afresh; the same few dozen SQL strings repeat on every
 * message, so keep their prepared statements (better-sqlite3 runs them synchronously,
 * so one statement is never used by two queries at once).
 */
function cachePreparedStatements(database: BetterSqlite3.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, BetterSqlite3.Statement>();
  database.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size < 500) cache.set(source, stmt);
    }
    return stmt;
  }) as typeof database.prepare;
}

/**
 * Opens (and migrates) a PostgreSQL database: for deployments that outgrow one machine.
 * The same queries as SQLite; only the dialect differs.
 */
export async function openPostgresStore(connectionString: string, opts: { schema?: string } = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(opts.schema && { options: `-c search_path=${opts.schema}` }),
  });
  // A dropped connection (PostgreSQL restarted) is reported here instead of crashing the process.
  pool.on('error', () => {});
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
  return open(new PostgresDialect({ pool }), 'postgres');
}

const background = new AsyncLocalStorage<boolean>();

async function open(kysely: KyselyDialect, dialect: Dialect, checkpointer: Checkpointer | null = null): Promise<Store> {
  const stats = { queries: 0 };
  const db = new Kysely<Database>({
    dialect: kysely,
    log: (e) => {
      if (e.level === 'query' && !background.getStore()) stats.queries++;
    },
  });
  await migrateToLatest(db, dialect);
  return new Store(db, dialect, stats, checkpointer);
}

/** The configured store: PostgreSQL when a database URL is given, else embedded SQLite. */
export function openStore(config: { databaseUrl: string | null; dataDir: string }): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
}
