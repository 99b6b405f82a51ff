// The archive's search on every backend (SQLite always; PostgreSQL with PORSAN_TEST_DATABASE_URL):
// words typed with Arabic or Persian letters, with or without ZWNJ, in any digits, find the same
// messages; filters combine; pages follow each other; messages stored before search existed are found.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveFilter } from '../../protocol/index.ts';
import { initial } from '../../server/store/migrations/0001-initial.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';

const backends: [string, () => Promise<Store>][] = [['sqlite', () => openSqliteStore(mkdtempSync(join(tmpdir(), 'porsan-archive-')))]];
if (POSTGRES) backends.push(['postgres', async () => openPostgresStore(await freshPostgresUrl('archive'))]);

describe.each(backends)('archive on %s', (_name, open) => {
  let store: Store;
  const ids: Record<string, string> = {};
  let agentId = '';

  beforeAll(async () => {
    store = await open();
    agentId = (await store.agents.create({ email: `a-${crypto.randomUUID()}@x.example`, name: 'Sara', role: 'agent', passwordHash: 'x' })).id;
    const conv = async (key: string, locale: 'fa' | 'ar' | 'en', texts: string[], extra: () => Promise<void> = async () => {}) => {
      const visitor = await store.visitors.create({ tokenHash: crypto.randomUUID(), locale });
      const c = await store.conversations.open({ visitorId: visitor.id, locale, pageUrl: null });
      ids[key] = c.id;
      for (const text of texts) await store.messages.append(c.id, [{ clientId: crypto.randomUUID(), author: 'visitor', text }]);
      await extra();
    };
    await conv('order', 'fa', ['سلام', 'سفارش PS-10234، هنوز نرسیده و می‌خواهم کتاب‌ها را پس بدهم'], async () => {
      await store.conversations.transition(ids.order!, ['bot'], { status: 'queued', queuedAt: new Date().toISOString() });
      await store.conversations.assign(ids.order!, agentId, 5);
      await store.conversations.setTags(ids.order!, ['vip', 'returns']);
      await store.conversations.transition(ids.order!, ['assigned'], { status: 'closed', closedAt: new Date().toISOString(), closedBy: 'agent', resolution: 'resolved' });
      await store.conversations.rate(ids.order!, 2, 'too slow');
    });
    await conv('arabic', 'ar', ['أريد إرجاع الكتاب رقم ٤٥']);
    await conv('english', 'en', ['Where is my order? It has been ages']);
    await conv('system', 'en', ['hello'], async () => {
      await store.messages.append(ids.system!, [{ clientId: null, author: 'system', text: 'You ended the conversation nobodyfindsthis.' }]);
    });
  });
  afterAll(() => store.close());

  const find = async (filter: ArchiveFilter) => (await store.archive.find(filter, { limit: 50 })).conversations.map((c) => c.id);

  it('finds a Persian word typed with Arabic ي and ك, without the ZWNJ, in Persian or Western digits', async () => {
    expect(await find({ q: 'نرسيده' })).toEqual([ids.order]);
    expect(await find({ q: 'ميخواهم' })).toEqual([ids.order]);
    expect(await find({ q: 'كتابها' })).toEqual([ids.order]);
    expect(await find({ q: '۱۰۲۳۴' })).toEqual([ids.order]);
    expect(await find({ q: 'ps-10234' })).toEqual([ids.order]);
  });

  it('matches each word as a prefix, all words together, in any message of the conversation', async () => {
    expect(await find({ q: 'سفار نرس' })).toEqual([ids.order]);
    expect(await find({ q: 'سلام نرسیده' })).toEqual([]); // the words are in two different messages
    expect(await find({ q: 'ord ages' })).toEqual([ids.english]);
    expect(await find({ q: 'الكتاب 45' })).toEqual([ids.arabic]);
    expect(await find({ q: '!!!' })).toEqual([]);
    expect(await find({ q: 'nobodyfindsthis' })).toEqual([]); // system lines are not searched
  });

  it('returns the matching messages of each conversation', async () => {
    const m = await store.archive.matches([ids.order!, ids.english!], 'نرسيده', 3);
    expect(m.get(ids.order!)?.map((x) => x.seq)).toEqual([2]);
    expect(m.has(ids.english!)).toBe(false);
  });

  it('filters by status, agent, language, tag, rating, resolution and dates, with or without words', async () => {
    expect(await find({ status: 'closed' })).toEqual([ids.order]);
    expect(await find({ agentId })).toEqual([ids.order]);
    expect((await find({ locale: 'en' })).sort()).toEqual([ids.english, ids.system].sort());
    expect(await find({ tag: 'VIP' })).toEqual([ids.order]);
    expect(await find({ tag: 'vi' })).toEqual([]);
    expect(await find({ rating: 2 })).toEqual([ids.order]);
    expect(await find({ rating: 'rated' })).toEqual([ids.order]);
    expect(await find({ rating: 'unrated', locale: 'fa' })).toEqual([]);
    expect(await find({ resolution: 'resolved', q: 'سفارش' })).toEqual([ids.order]);
    expect(await find({ resolution: 'spam', q: 'سفارش' })).toEqual([]);
    expect(await find({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await find({ from: new Date(Date.now() - 600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() })).length).toBe(4);
  });

  it('pages newest first, each page after the last', async () => {
    const all = await find({});
    expect(all[0]).toBe(ids.system);
    const first = await store.archive.find({}, { limit: 3 });
    expect(first.next).not.toBeNull();
    const second = await store.archive.find({}, { limit: 3, before: first.next });
    expect([...first.conversations, ...second.conversations].map((c) => c.id)).toEqual(all);
    expect(second.next).toBeNull();
  });
});

describe('a database from before search existed', () => {
  it('has its old messages folded and found after the upgrade (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porsan-archive-old-'));
    const db = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, 'porsan.sqlite')) }) });
    await initial('sqlite').up(db as unknown as Kysely<unknown>);
    const t = '2026-06-01T10:00:00.000Z';
    await db.insertInto('visitors').values({ id: 'v1', token_hash: 'th1', locale: 'fa', visits: 1, created_at: t, last_seen_at: t }).execute();
    await db.insertInto('conversations').values({ id: 'c1', visitor_id: 'v1', status: 'closed', locale: 'fa', last_seq: 1, tags: '[]', created_at: t, updated_at: t }).execute();
    await db.insertInto('messages').values({ id: 'm1', conversation_id: 'c1', seq: 1, client_id: 'x', author: 'visitor', text: 'کیف پول من گم شد', internal: 0, created_at: t }).execute();
    await db.destroy();
    const store = await openSqliteStore(dir);
    try {
      expect((await store.archive.find({ q: 'كيف' }, { limit: 10 })).conversations.map((c) => c.id)).toEqual(['c1']);
    } finally {
      await store.close();
    }
  });
});
