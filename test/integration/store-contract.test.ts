// The store's promises, on every backend: SQLite always; PostgreSQL when
// PORSAN_TEST_DATABASE_URL is set (CI sets it to the machine's PostgreSQL).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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
    const visitor = await store.visitors.create({ tokenHash: crypto.randomUUID(), locale: 'fa' });
    return store.conversations.open({ visitorId: visitor.id, locale: 'fa', pageUrl: null });
  }
  const queue = (id: string) => store.conversations.transition(id, ['bot'], { status: 'queued', queuedAt: new Date().toISOString() });

  it('makes a new conversation the visitor’s current one', async () => {
    const conv = await conversation();
    expect((await store.conversations.currentOf(conv.visitorId))?.id).toBe(conv.id);
  });

  it('gives a waiting conversation to exactly one of twenty agents claiming at once', async () => {
    const conv = await conversation();
    await queue(conv.id);
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => store.agents.create({ email: `a${i}-${conv.id}@x.example`, name: `A${i}`, role: 'agent', passwordHash: 'x' })));
    const wins = await Promise.all(agents.map((a) => store.conversations.assign(conv.id, a.id, 5)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = agents[wins.findIndex(Boolean)];
    expect(wins.find(Boolean)).toMatchObject({ status: 'assigned', agentId: winner?.id });
    expect((await store.conversations.get(conv.id))?.agentId).toBe(winner?.id);
  });

  it('never lets an agent go over their limit', async () => {
    const agent = await store.agents.create({ email: `limit-${crypto.randomUUID()}@x.example`, name: 'L', role: 'agent', passwordHash: 'x' });
    const convs = await Promise.all(Array.from({ length: 4 }, () => conversation()));
    for (const c of convs) await queue(c.id);
    const results = [];
    for (const c of convs) results.push(!!(await store.conversations.assign(c.id, agent.id, 2)));
    expect(results).toEqual([true, true, false, false]);
  });

  it('numbers messages 1, 2, 3… per conversation, even when appended at once', async () => {
    const conv = await conversation();
    const stored = await Promise.all(Array.from({ length: 30 }, (_, i) => store.messages.append(conv.id, [{ clientId: `c${i}`, author: 'visitor', text: `m${i}` }])));
    expect(stored.map((s) => s!.messages[0]!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await store.messages.after(conv.id, 25)).map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
  });

  it('stores a message retried with the same client id once', async () => {
    const conv = await conversation();
    const tries = await Promise.all(Array.from({ length: 5 }, () => store.messages.append(conv.id, [{ clientId: 'same', author: 'visitor', text: "it's me" }])));
    expect(new Set(tries.map((t) => t!.messages[0]!.id)).size).toBe(1);
    expect(tries.filter((t) => t!.created)).toHaveLength(1);
    expect((await store.conversations.get(conv.id))?.firstQuestion).toBe("it's me");
  });

  it('stores a question, its answer and a move to the queue together, and returns the result', async () => {
    const conv = await conversation();
    const r = await store.messages.append(
      conv.id,
      [
        { clientId: 'q1', author: 'visitor', text: 'a person please' },
        { clientId: null, author: 'system', text: 'queued', meta: { type: 'handoff', reason: 'asked' } },
      ],
      { from: ['bot'], patch: { status: 'queued', queuedAt: new Date().toISOString(), handoffReason: 'asked' } },
    );
    expect(r?.messages.map((m) => [m.seq, m.author])).toEqual([[1, 'visitor'], [2, 'system']]);
    expect(r?.conversation).toMatchObject({ status: 'queued', handoffReason: 'asked', lastSeq: 2, lastMessage: 'a person please', firstQuestion: 'a person please' });
    expect(r?.messages[1]?.meta).toEqual({ type: 'handoff', reason: 'asked' });
    // the same move again: the guard no longer holds, and nothing is stored
    const again = await store.messages.append(conv.id, [{ clientId: 'q2', author: 'visitor', text: 'again' }], { from: ['bot'], patch: { status: 'queued' } });
    expect(again).toBeNull();
    expect((await store.messages.after(conv.id, 0)).map((m) => m.clientId)).toEqual(['q1', null]);
  });

  it('keeps a retry’s earlier answer: the retried question stores nothing new', async () => {
    const conv = await conversation();
    await store.messages.append(conv.id, [{ clientId: 'r1', author: 'visitor', text: 'hi' }, { clientId: null, author: 'bot', text: 'hello' }]);
    const retry = await store.messages.append(conv.id, [{ clientId: 'r1', author: 'visitor', text: 'hi' }, { clientId: null, author: 'bot', text: 'hello' }]);
    expect(retry?.created).toBe(false);
    expect((await store.messages.after(conv.id, 0)).length).toBe(2);
  });

  it('counts queue positions by wait', async () => {
    const a = await conversation();
    const b = await conversation();
    const qa = await queue(a.id);
    await new Promise((r) => setTimeout(r, 5));
    const qb = await queue(b.id);
    expect(await store.conversations.queuePosition(qb!)).toBe((await store.conversations.queuePosition(qa!)) + 1);
  });

  it('allows one rating, only once closed', async () => {
    const conv = await conversation();
    expect(await store.conversations.rate(conv.id, 5, null)).toBeNull();
    await store.conversations.transition(conv.id, ['bot'], { status: 'closed' });
    expect(await store.conversations.rate(conv.id, 4, 'ok')).toMatchObject({ rating: 4, ratingComment: 'ok' });
    expect(await store.conversations.rate(conv.id, 1, null)).toBeNull();
  });

  it('groups unanswered questions by normalized text, most frequent first', async () => {
    for (const [text, normalized] of [['Spaceships?', 'spaceship'], ['spaceships', 'spaceship'], ['moon', 'moon']]) {
      await store.unanswered.record({ conversationId: null, locale: 'en', text, normalized });
    }
    const groups = await store.unanswered.groups();
    expect(groups[0]).toMatchObject({ normalized: 'spaceship', count: 2, locale: 'en' });
  });

  it('keeps learned wordings: evidence counted per wording and entry, distinct visitors, voided evidence left out, status', async () => {
    const ev = (visitorId: string, conversationId: string, source: 'confirm' | 'pick' | 'agent' = 'confirm', entryId = 'shipping-time-en') =>
      store.learned.addEvidence({ text: 'Parcel when?', normalized: 'parcel when', entryId, locale: 'en', conversationId, visitorId, source });
    const id = await ev('v1', 'c1');
    expect(await ev('v1', 'c2', 'pick')).toBe(id);
    await ev('v2', 'c3');
    await ev('v3', 'c4', 'agent');
    await ev('v4', 'c5', 'confirm', 'order-tracking-en');
    expect(await store.learned.get(id)).toMatchObject({ text: 'Parcel when?', normalized: 'parcel when', entryId: 'shipping-time-en', locale: 'en', status: 'pending', evidence: 4, visitors: 2 });
    expect((await store.learned.list()).map((w) => [w.entryId, w.evidence])).toEqual([['shipping-time-en', 4], ['order-tracking-en', 1]]);
    expect((await store.learned.confirmedBy(2)).map((w) => w.id)).toEqual([id]);
    // a person asked for after the pick: that conversation's visitor evidence stops counting (an agent's does not)
    expect(await store.learned.voidVisitorEvidence('c3')).toBe(1);
    expect(await store.learned.voidVisitorEvidence('c4')).toBe(0);
    expect(await store.learned.get(id)).toMatchObject({ evidence: 3, visitors: 1 });
    expect(await store.learned.confirmedBy(2)).toEqual([]);
    expect(await store.learned.setStatus(id, 'rejected', null)).toMatchObject({ status: 'rejected' });
    expect((await store.learned.confirmedBy(1)).map((w) => w.entryId)).toEqual(['order-tracking-en']);
    expect(await store.learned.list({ status: 'rejected' })).toHaveLength(1);
    expect(await store.learned.get('missing')).toBeUndefined();
  });

  it('keeps settings', async () => {
    await store.settings.put('team', { routing: 'auto' });
    await store.settings.put('team', { routing: 'manual' });
    expect(await store.settings.get('team')).toEqual({ routing: 'manual' });
  });

  it.runIf(_name === 'sqlite')('checkpoints the write-ahead log from a worker thread, never on the event loop', async () => {
    expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db)).rows[0]?.wal_autocheckpoint).toBe(0);
    const conv = await conversation();
    for (let i = 0; i < 50; i++) await store.messages.append(conv.id, [{ clientId: `w${i}`, author: 'visitor', text: 'x'.repeat(500) }]);
    const before = store.checkpointer!.count();
    await new Promise((r) => setTimeout(r, 1500));
    expect(store.checkpointer!.count()).toBeGreaterThan(before);
  });

  it('is ready: reachable, every migration applied', async () => {
    expect(await store.ready()).toEqual({ ok: true, pending: [] });
  });
});
