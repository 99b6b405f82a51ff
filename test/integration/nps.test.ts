// The NPS question after a closed conversation: asked at most once per customer (or anonymous
// visitor) per PORSAN_NPS_DAYS, validated, and counted in the reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/index.ts';
import { buildReport } from '../../server/reports/index.ts';
import { userHash } from '../../server/security/identity.ts';
import { call, connectVisitor, ok, type TestVisitor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SECRET = 'nps-identity-secret-0123456789';
let server: TestServer;
let off: TestServer;
const open: { socket: { disconnect(): unknown } }[] = [];
const visitor = async (on: TestServer = server): Promise<TestVisitor> => {
  const v = await connectVisitor(on.url);
  open.push(v);
  return v;
};

/** A conversation with one message, ended by the visitor: its id. */
async function ended(v: TestVisitor): Promise<string> {
  await call(v.socket, 'restart', {});
  const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: crypto.randomUUID(), text: 'When will my order arrive?' });
  await ok(v.socket, 'close', { conversationId: message.conversationId });
  return message.conversationId;
}

const due = async (v: TestVisitor, conversationId: string) => (await ok<{ ask: boolean }>(v.socket, 'npsDue', { conversationId })).ask;

beforeAll(async () => {
  [server, off] = await Promise.all([
    startTestServer({ env: { PORSAN_NPS: 'true', PORSAN_NPS_DAYS: '90', PORSAN_IDENTITY_SECRET: SECRET } }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  for (const o of open) o.socket.disconnect();
  await Promise.all([server.close(), off.close()]);
});

describe('the NPS question', () => {
  it('is asked once per visitor within the window, and again after it', async () => {
    const v = await visitor();
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: crypto.randomUUID(), text: 'hello' });
    // Not while the conversation is open.
    expect(await due(v, message.conversationId)).toBe(false);
    expect(await call(v.socket, 'nps', { conversationId: message.conversationId, score: 9 })).toMatchObject({ ok: false, error: 'wrong_state' });
    await ok(v.socket, 'close', { conversationId: message.conversationId });
    expect(await due(v, message.conversationId)).toBe(true);
    // Validated at the boundary.
    for (const score of [-1, 11, 7.5]) expect(await call(v.socket, 'nps', { conversationId: message.conversationId, score })).toMatchObject({ ok: false, error: 'invalid' });
    await ok(v.socket, 'nps', { conversationId: message.conversationId, score: 9, comment: '  Quick and kind  ' });
    expect(await due(v, message.conversationId)).toBe(false);
    expect(await call(v.socket, 'nps', { conversationId: message.conversationId, score: 3 })).toMatchObject({ ok: false, error: 'wrong_state' });
    // The next conversation of the same visitor: not asked again.
    const next = await ended(v);
    expect(await due(v, next)).toBe(false);

    // Another visitor's conversation: neither visible nor answerable.
    const other = await visitor();
    expect(await call(other.socket, 'npsDue', { conversationId: next })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await call(other.socket, 'nps', { conversationId: next, score: 10 })).toMatchObject({ ok: false, error: 'not_found' });
    // …who has a question of their own to answer.
    expect(await due(other, await ended(other))).toBe(true);

    const stored = await server.porsan.store.db.selectFrom('nps_responses').selectAll().where('conversation_id', '=', message.conversationId).execute();
    expect(stored.map((r) => [r.score, r.comment, r.channel, r.customer_id])).toEqual([[9, 'Quick and kind', 'chat', null]]);

    // 91 days later the window has passed.
    await server.porsan.store.db.updateTable('nps_responses').set({ created_at: new Date(Date.now() - 91 * 86_400_000).toISOString() }).where('conversation_id', '=', message.conversationId).execute();
    expect(await due(v, next)).toBe(true);
  });

  it('counts once per verified customer, across devices', async () => {
    const claim = { userId: 'nps-user-1', userHash: userHash(SECRET, 'nps-user-1') };
    const phone = await visitor();
    await ok(phone.socket, 'identify', claim);
    const first = await ended(phone);
    const laptop = await visitor();
    await ok(laptop.socket, 'identify', claim);
    const second = await ended(laptop);
    expect(await due(laptop, second)).toBe(true);
    await ok(phone.socket, 'nps', { conversationId: first, score: 4 });
    expect(await due(laptop, second)).toBe(false);
    expect(await call(laptop.socket, 'nps', { conversationId: second, score: 10 })).toMatchObject({ ok: false, error: 'wrong_state' });
  });

  it('shows in the reports beside CSAT', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const before = await buildReport(server.porsan.store.reports, 'UTC', { from: day, to: day });
    const v = await visitor();
    const id = await ended(v);
    await ok(v.socket, 'nps', { conversationId: id, score: 2 });
    const after = await buildReport(server.porsan.store.reports, 'UTC', { from: day, to: day });
    expect(after.summary.nps.count).toBe(before.summary.nps.count + 1);
    expect(after.summary.nps.detractors).toBe(before.summary.nps.detractors + 1);
    expect(after.days[0]?.npsDetractors).toBe((before.days[0]?.npsDetractors ?? 0) + 1);
    expect(after.summary.csat).toBeDefined();
  });

  it('is never asked when it is off (the default)', async () => {
    const v = await visitor(off);
    const id = await ended(v);
    expect(await due(v, id)).toBe(false);
    expect(await call(v.socket, 'nps', { conversationId: id, score: 10 })).toMatchObject({ ok: false, error: 'forbidden' });
  });
});
