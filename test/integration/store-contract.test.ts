// The store's promises, on every backend: SQLite always; PostgreSQL when
// PORSAN_TEST_DATABASE_URL is set (CI sets it to the machine's PostgreSQL).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';

const pgUrl = process.env.PORSAN_TEST_DATABASE_URL;
const backends: [string, () => Promise<Store>][] = [['sqlite', () => openSqliteStore(mkdtempSync(join(tmpdir(), 'porsan-store-')))]];
if (pgUrl) backends.push(['postgres', () => openPostgresStore(pgUrl, { schema: `porsan_test_${process.pid}_${Date.now()}` })]);

describe.each(backends)('store on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  async function conversation() {
    const visitor = await store.createVisitor({ tokenHash: crypto.randomUUID(), locale: 'fa' });
    return store.createConversation({ visitorId: visitor.id, locale: 'fa', pageUrl: null });
  }

  it('gives a waiting conversation to exactly one of twenty agents claiming at once', async () => {
    const conv = await conversation();
    await store.transition(conv.id, ['bot'], { status: 'queued', queued_at: new Date().toISOString() });
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createAgent({ email: `a${i}-${conv.id}@x.example`, name: `A${i}`, role: 'agent', passwordHash: 'x' })));
    const wins = await Promise.all(agents.map((a) => store.assign(conv.id, a.id, 5)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = agents[wins.indexOf(true)];
    expect((await store.conversation(conv.id))?.agent_id).toBe(winner?.id);
  });

  it('never lets an agent go over their limit', async () => {
    const agent = await store.createAgent({ email: `limit-${crypto.randomUUID()}@x.example`, name: 'L', role: 'agent', passwordHash: 'x' });
    const convs = await Promise.all(Array.from({ length: 4 }, () => conversation()));
    for (const c of convs) await store.transition(c.id, ['bot'], { status: 'queued', queued_at: new Date().toISOString() });
    const results = [];
    for (const c of convs) results.push(await store.assign(c.id, agent.id, 2));
    expect(results).toEqual([true, true, false, false]);
  });

  it('numbers messages 1, 2, 3… per conversation, even when appended at once', async () => {
    const conv = await conversation();
    const stored = await Promise.all(Array.from({ length: 30 }, (_, i) => store.appendMessage({ conversationId: conv.id, clientId: `c${i}`, author: 'visitor', text: `m${i}` })));
    expect(stored.map((s) => s.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await store.messagesAfter(conv.id, 25)).map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
  });

  it('stores a message retried with the same client id once', async () => {
    const conv = await conversation();
    const tries = await Promise.all(Array.from({ length: 5 }, () => store.appendMessage({ conversationId: conv.id, clientId: 'same', author: 'visitor', text: "it's me" })));
    expect(new Set(tries.map((t) => t.message.id)).size).toBe(1);
    expect(tries.filter((t) => t.created)).toHaveLength(1);
    expect((await store.conversation(conv.id))?.first_question).toBe("it's me");
  });

  it('allows one rating, only once closed', async () => {
    const conv = await conversation();
    expect(await store.rate(conv.id, 5, null)).toBe(false);
    await store.transition(conv.id, ['bot'], { status: 'closed' });
    expect(await store.rate(conv.id, 4, 'ok')).toBe(true);
    expect(await store.rate(conv.id, 1, null)).toBe(false);
  });

  it('groups unanswered questions by normalized text, most frequent first', async () => {
    for (const [text, normalized] of [['Spaceships?', 'spaceship'], ['spaceships', 'spaceship'], ['moon', 'moon']]) {
      await store.recordUnanswered({ conversationId: null, locale: 'en', text, normalized });
    }
    const groups = await store.unansweredGroups();
    expect(groups[0]).toMatchObject({ normalized: 'spaceship', count: 2, locale: 'en' });
  });

  it('keeps settings', async () => {
    await store.putSetting('team', { routing: 'auto' });
    await store.putSetting('team', { routing: 'manual' });
    expect(await store.setting('team')).toEqual({ routing: 'manual' });
  });
});
