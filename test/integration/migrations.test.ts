// Versioned migrations: a database created by the first schema (before migrations existed),
// with data in it, is brought to the current schema without losing anything, on SQLite and
// PostgreSQL; and two processes starting together migrate it once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect as KyselyDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { initial } from '../../server/store/migrations/0001-initial.ts';
import { migrations } from '../../server/store/migrations/index.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** A database as the first version of Porsan left it: the first schema, no migration bookkeeping, some data. */
async function firstVersionDatabase(dialect: KyselyDialect, kind: 'sqlite' | 'postgres'): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  await initial(kind).up(db);
  const t = '2026-06-01T10:00:00.000Z';
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await raw.insertInto('visitors').values({ id: 'v1', token_hash: 'th1', name: 'Sara', locale: 'fa', visits: 3, current_conversation_id: 'c1', created_at: t, last_seen_at: t }).execute();
  await raw.insertInto('conversations').values({ id: 'c1', visitor_id: 'v1', status: 'closed', locale: 'fa', last_seq: 2, tags: '["vip"]', rating: 5, created_at: t, updated_at: t }).execute();
  await raw.insertInto('messages').values([
    { id: 'm1', conversation_id: 'c1', seq: 1, client_id: 'x1', author: 'visitor', text: 'سلام', internal: 0, created_at: t },
    { id: 'm2', conversation_id: 'c1', seq: 2, client_id: null, author: 'bot', text: 'درود', meta: '{"type":"answer","entryId":"e","score":0.9}', internal: 0, created_at: t },
  ]).execute();
  await raw.insertInto('agents').values({ id: 'a1', email: 'old@example.com', name: 'Old Admin', role: 'admin', password_hash: 'scrypt$x', active: 1, created_at: t }).execute();
  await db.destroy();
}

async function columns(store: Store): Promise<Record<string, string[]>> {
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(tables.filter((t) => !t.name.startsWith('kysely_')).map((t) => [t.name, t.columns.map((c) => c.name).sort()]).sort());
}

async function expectUpgraded(old: Store, fresh: Store): Promise<void> {
  expect(await old.ready()).toEqual({ ok: true, pending: [] });
  expect(await columns(old)).toEqual(await columns(fresh));
  expect(await old.visitors.get('v1')).toMatchObject({ name: 'Sara', visits: 3, currentConversationId: 'c1' });
  expect(await old.conversations.get('c1')).toMatchObject({ status: 'closed', tags: ['vip'], rating: 5, lastSeq: 2 });
  expect((await old.messages.after('c1', 0)).map((m) => [m.seq, m.author, m.text])).toEqual([[1, 'visitor', 'سلام'], [2, 'bot', 'درود']]);
  expect(await old.agents.get('a1')).toMatchObject({ email: 'old@example.com', active: true });
  // and it keeps working: the next message gets the next seq
  const r = await old.messages.append('c1', [{ clientId: 'x2', author: 'visitor', text: 'again' }]);
  expect(r?.messages[0]?.seq).toBe(3);
}

describe('upgrading a database made by the first schema', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porsan-upgrade-'));
    await firstVersionDatabase(new SqliteDialect({ database: new BetterSqlite3(join(dir, 'porsan.sqlite')) }), 'sqlite');
    const old = await openSqliteStore(dir);
    const fresh = await openSqliteStore(mkdtempSync(join(tmpdir(), 'porsan-fresh-')));
    stores.push(old, fresh);
    await expectUpgraded(old, fresh);
  });

  it.skipIf(!POSTGRES)('on PostgreSQL', async () => {
    const url = await freshPostgresUrl('upgrade');
    await firstVersionDatabase(new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }), 'postgres');
    const old = await openPostgresStore(url);
    const fresh = await openPostgresStore(await freshPostgresUrl('fresh'));
    stores.push(old, fresh);
    await expectUpgraded(old, fresh);
  });

  it.skipIf(!POSTGRES)('two nodes starting together on an empty PostgreSQL database migrate it once', async () => {
    const url = await freshPostgresUrl('together');
    const both = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    stores.push(...both);
    const applied = await both[0].db.selectFrom('kysely_migration' as never).selectAll().execute();
    expect(applied).toHaveLength(Object.keys(migrations('postgres')).length);
  });
});
