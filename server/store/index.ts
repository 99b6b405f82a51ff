// Persistence behind one interface. SQLite (better-sqlite3, WAL) is the embedded default;
// every query goes through Kysely so the same code can run on PostgreSQL.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Selectable, type Transaction } from 'kysely';
import pg from 'pg';
import { migrate, type Database, type ConversationsTable, type VisitorsTable, type MessagesTable, type AgentsTable } from './schema.ts';

export type VisitorRow = Selectable<VisitorsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AgentRow = Selectable<AgentsTable>;

export interface NewMessage {
  conversationId: string;
  clientId: string | null;
  author: 'visitor' | 'bot' | 'agent' | 'system';
  text: string;
  meta?: object | null;
  agentId?: string | null;
  /** Internal notes are seen by agents only. */
  internal?: boolean;
}

export interface UnansweredGroup {
  normalized: string;
  locale: string;
  count: number;
  example: string;
  lastAt: string;
}

const now = () => new Date().toISOString();

export class Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly onClose: () => void = () => {},
  ) {}

  // ------------------------------------------------------------ visitors
  async createVisitor(v: { tokenHash: string; locale: string }): Promise<VisitorRow> {
    const row: VisitorRow = {
      id: randomUUID(),
      token_hash: v.tokenHash,
      name: null,
      email: null,
      phone: null,
      locale: v.locale,
      user_agent: null,
      page_url: null,
      page_title: null,
      referrer: null,
      time_zone: null,
      visits: 1,
      current_conversation_id: null,
      created_at: now(),
      last_seen_at: now(),
    };
    await this.db.insertInto('visitors').values(row).execute();
    return row;
  }

  visitorByTokenHash(tokenHash: string): Promise<VisitorRow | undefined> {
    return this.db.selectFrom('visitors').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  visitor(id: string): Promise<VisitorRow | undefined> {
    return this.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateVisitor(id: string, patch: Partial<Omit<VisitorRow, 'id' | 'token_hash' | 'created_at'>>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('visitors').set(patch).where('id', '=', id).execute();
  }

  // ------------------------------------------------------------ conversations
  async createConversation(c: { visitorId: string; locale: string; pageUrl: string | null }): Promise<ConversationRow> {
    const t = now();
    const row: ConversationRow = {
      id: randomUUID(),
      visitor_id: c.visitorId,
      status: 'bot',
      locale: c.locale,
      agent_id: null,
      handoff_reason: null,
      queued_at: null,
      assigned_at: null,
      first_response_at: null,
      closed_at: null,
      closed_by: null,
      rating: null,
      rating_comment: null,
      last_seq: 0,
      first_question: null,
      last_message: null,
      page_url: c.pageUrl,
      tags: '[]',
      resolution: null,
      tracking_code: null,
      created_at: t,
      updated_at: t,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('conversations').values(row).execute();
      await trx.updateTable('visitors').set({ current_conversation_id: row.id }).where('id', '=', c.visitorId).execute();
    });
    return row;
  }

  conversation(id: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * A state transition as one conditional update: it happens only if the conversation is
   * still in one of `from` (and, when given, still owned by `agentId`). Of any number of
   * concurrent callers, at most one sees `true`.
   */
  async transition(
    id: string,
    from: readonly string[],
    patch: Partial<Omit<ConversationRow, 'id' | 'visitor_id' | 'created_at'>>,
    owner?: string,
  ): Promise<boolean> {
    let q = this.db
      .updateTable('conversations')
      .set({ ...patch, updated_at: now() })
      .where('id', '=', id)
      .where('status', 'in', [...from]);
    if (owner !== undefined) q = q.where('agent_id', '=', owner);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async rate(id: string, score: number, comment: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('conversations')
      .set({ rating: score, rating_comment: comment, updated_at: now() })
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .where('rating', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The queue, oldest first, with each visitor's name: one query however long the queue. */
  queuedWithNames(): Promise<(ConversationRow & { visitor_name: string | null })[]> {
    return this.db
      .selectFrom('conversations')
      .leftJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .selectAll('conversations')
      .select('visitors.name as visitor_name')
      .where('conversations.status', '=', 'queued')
      .orderBy('conversations.queued_at')
      .orderBy('conversations.id')
      .execute();
  }

  queued(): Promise<ConversationRow[]> {
    return this.db.selectFrom('conversations').selectAll().where('status', '=', 'queued').orderBy('queued_at').orderBy('id').execute();
  }

  conversationsOfAgent(agentId: string, statuses: readonly string[]): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('agent_id', '=', agentId)
      .where('status', 'in', [...statuses])
      .orderBy('updated_at', 'desc')
      .execute();
  }

  conversationsOfVisitor(visitorId: string, limit = 20): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  // ------------------------------------------------------------ messages
  /**
   * Appends a message with the next per-conversation seq. A repeat of a (conversation,
   * clientId) already stored returns the stored message with `created: false`.
   */
  async appendMessage(m: NewMessage): Promise<{ message: MessageRow; created: boolean }> {
    try {
      return await this.appendOnce(m);
    } catch (err) {
      // Two concurrent retries of one message (possible on PostgreSQL, where transactions
      // run side by side): the unique (conversation, client id) lets one in; the other
      // returns what the first stored.
      if (m.clientId) {
        const existing = await this.messageByClientId(this.db, m.conversationId, m.clientId);
        if (existing) return { message: existing, created: false };
      }
      throw err;
    }
  }

  private appendOnce(m: NewMessage): Promise<{ message: MessageRow; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      if (m.clientId) {
        const existing = await this.messageByClientId(trx, m.conversationId, m.clientId);
        if (existing) return { message: existing, created: false };
      }
      const bumped = await trx
        .updateTable('conversations')
        .set((eb) => ({
          last_seq: eb('last_seq', '+', 1),
          updated_at: now(),
          last_message: m.author === 'system' || m.internal ? eb.ref('last_message') : m.text.slice(0, 200),
          first_question:
            m.author === 'visitor' ? eb.fn.coalesce('first_question', eb.val(m.text.slice(0, 200))) : eb.ref('first_question'),
        }))
        .where('id', '=', m.conversationId)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const row: MessageRow = {
        id: randomUUID(),
        conversation_id: m.conversationId,
        seq: bumped.last_seq,
        client_id: m.clientId,
        author: m.author,
        text: m.text,
        meta: m.meta ? JSON.stringify(m.meta) : null,
        internal: m.internal ? 1 : 0,
        agent_id: m.agentId ?? null,
        created_at: now(),
      };
      await trx.insertInto('messages').values(row).execute();
      return { message: row, created: true };
    });
  }

  private messageByClientId(trx: Transaction<Database> | Kysely<Database>, conversationId: string, clientId: string) {
    return trx
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  messagesAfter(conversationId: string, afterSeq: number, opts: { internal?: boolean; limit?: number } = {}): Promise<MessageRow[]> {
    let q = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('seq', '>', afterSeq);
    if (!opts.internal) q = q.where('internal', '=', 0);
    return q.orderBy('seq').limit(opts.limit ?? 1000).execute();
  }

  /**
   * Gives a waiting conversation (queued or a left message) to an agent, as one conditional
   * update that also checks the agent's limit: of any number of concurrent claims exactly one
   * wins, and an agent never ends up over their limit. On PostgreSQL the agent's row is locked
   * first, so claims by one agent are counted one after another (under READ COMMITTED two
   * concurrent counts would both see the old number); SQLite runs one transaction at a time.
   */
  async assign(id: string, agentId: string, limit: number, from: readonly string[] = ['queued', 'offline'], currentOwner?: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await trx.selectFrom('agents').select('id').where('id', '=', agentId).forUpdate().execute();
      return this.assignIn(trx, id, agentId, limit, from, currentOwner);
    });
  }

  private async assignIn(trx: Transaction<Database>, id: string, agentId: string, limit: number, from: readonly string[], currentOwner?: string): Promise<boolean> {
    let q = trx
      .updateTable('conversations')
      .set({ status: 'assigned', agent_id: agentId, assigned_at: now(), updated_at: now() })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .where((eb) =>
        eb(
          eb.selectFrom('conversations as mine').select((e) => e.fn.countAll<number>().as('n')).where('mine.agent_id', '=', agentId).where('mine.status', '=', 'assigned'),
          '<',
          limit,
        ),
      );
    if (currentOwner !== undefined) q = q.where('agent_id', '=', currentOwner);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async openCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('conversations')
      .select((eb) => ['agent_id', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'assigned')
      .groupBy('agent_id')
      .execute();
    return new Map(rows.filter((r) => r.agent_id).map((r) => [r.agent_id as string, Number(r.n)]));
  }

  /** Seconds from queueing to pick-up of the most recent claims, newest first. */
  async recentPickupSeconds(limit = 20): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['queued_at', 'assigned_at'])
      .where('assigned_at', 'is not', null)
      .where('queued_at', 'is not', null)
      .where('tracking_code', 'is', null)
      .orderBy('assigned_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => (Date.parse(r.assigned_at as string) - Date.parse(r.queued_at as string)) / 1000).filter((s) => s >= 0);
  }

  tickets(): Promise<ConversationRow[]> {
    return this.db.selectFrom('conversations').selectAll().where('status', '=', 'offline').orderBy('queued_at').orderBy('id').execute();
  }

  conversationByTrackingCode(code: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('tracking_code', '=', code).executeTakeFirst();
  }

  async setTags(id: string, tags: string[]): Promise<void> {
    await this.db.updateTable('conversations').set({ tags: JSON.stringify(tags), updated_at: now() }).where('id', '=', id).execute();
  }

  // ------------------------------------------------------------ settings
  async setting<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    await this.db.insertInto('settings').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
  }

  // ------------------------------------------------------------ agents and sessions
  async createAgent(a: { email: string; name: string; role: string; passwordHash: string }): Promise<AgentRow> {
    const row: AgentRow = {
      id: randomUUID(),
      email: a.email.toLowerCase(),
      name: a.name,
      role: a.role,
      password_hash: a.passwordHash,
      active: 1,
      max_conversations: null,
      created_at: now(),
    };
    await this.db.insertInto('agents').values(row).execute();
    return row;
  }

  agentByEmail(email: string): Promise<AgentRow | undefined> {
    return this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  agent(id: string): Promise<AgentRow | undefined> {
    return this.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  agents(): Promise<AgentRow[]> {
    return this.db.selectFrom('agents').selectAll().orderBy('name').execute();
  }

  async updateAgent(id: string, patch: Partial<Pick<AgentRow, 'name' | 'role' | 'active' | 'password_hash' | 'max_conversations'>>): Promise<boolean> {
    if (Object.keys(patch).length === 0) return (await this.agent(id)) !== undefined;
    const res = await this.db.updateTable('agents').set(patch).where('id', '=', id).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteSessionsOf(agentId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('agent_id', '=', agentId).execute();
  }

  async agentCount(): Promise<number> {
    const r = await this.db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createSession(tokenHash: string, agentId: string, expiresAt: Date): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: tokenHash, agent_id: agentId, created_at: now(), expires_at: expiresAt.toISOString() }).execute();
  }

  /** The active agent behind an unexpired session, if any, with when the session ends. */
  sessionAgent(tokenHash: string): Promise<(AgentRow & { session_expires_at: string }) | undefined> {
    return this.db
      .selectFrom('sessions')
      .innerJoin('agents', 'agents.id', 'sessions.agent_id')
      .selectAll('agents')
      .select('sessions.expires_at as session_expires_at')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now())
      .where('agents.active', '=', 1)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  // ------------------------------------------------------------ unanswered questions
  async recordUnanswered(u: { conversationId: string | null; locale: string; text: string; normalized: string }): Promise<void> {
    await this.db
      .insertInto('unanswered')
      .values({ conversation_id: u.conversationId, locale: u.locale, text: u.text.slice(0, 1000), normalized: u.normalized.slice(0, 1000), created_at: now() })
      .execute();
  }

  async unansweredGroups(limit = 50): Promise<UnansweredGroup[]> {
    const rows = await this.db
      .selectFrom('unanswered')
      .select((eb) => [
        'normalized',
        eb.fn.max('locale').as('locale'),
        eb.fn.countAll<number>().as('count'),
        eb.fn.max('text').as('example'),
        eb.fn.max('created_at').as('lastAt'),
      ])
      .groupBy('normalized')
      .orderBy('count', 'desc')
      .orderBy('lastAt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ normalized: r.normalized, locale: String(r.locale), count: Number(r.count), example: String(r.example), lastAt: String(r.lastAt) }));
  }

  async close(): Promise<void> {
    await this.db.destroy();
    this.onClose();
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
  cachePreparedStatements(database);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  await migrate(db, 'sqlite');
  return new Store(db, 'sqlite');
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
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, 'postgres');
  return new Store(db, 'postgres');
}

/** The configured store: PostgreSQL when a database URL is given, else embedded SQLite. */
export function openStore(config: { databaseUrl: string | null; dataDir: string }): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
}
