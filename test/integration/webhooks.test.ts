// Webhooks end to end: an admin registers an endpoint, a conversation runs its course, and every
// event arrives signed per Standard Webhooks — each request verified with the `standardwebhooks`
// package's own verifier. Failed deliveries are retried with backoff under the same webhook-id,
// logged attempt by attempt, given up after their window, and can be re-sent; private targets are
// refused. Receivers run on the loopback interface (PORSAN_WEBHOOK_ALLOW_PRIVATE=true), except in
// the refusal tests, which send nothing anywhere.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, WebhookDeliveryInfo, WebhookPayload } from '../../protocol/index.ts';
import { WEBHOOK_EVENTS } from '../../protocol/index.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';
import { isPublicAddress } from '../../server/webhooks/ssrf.ts';
import { nextAttemptAt } from '../../server/webhooks/retry.ts';
import { adminCookie } from '../helpers/api.ts';
import { connectVisitor, next, ok, signInAgent } from '../helpers/clients.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

const FAST = {
  PORSAN_WEBHOOK_ALLOW_PRIVATE: 'true',
  PORSAN_WEBHOOK_RETRY_BASE_SECONDS: '0.2',
  PORSAN_WEBHOOK_RETRY_HOURS: '0.001', // 3.6 s of attempts
  PORSAN_WEBHOOK_SWEEP_SECONDS: '0.5',
  PORSAN_WEBHOOK_TIMEOUT_SECONDS: '2',
};

async function register(server: TestServer, url: string, events: readonly string[] = WEBHOOK_EVENTS): Promise<Response> {
  return fetch(`${server.url}/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: await adminCookie(server) }, body: JSON.stringify({ url, events }) });
}

async function deliveries(server: TestServer, webhookId: string): Promise<WebhookDeliveryInfo[]> {
  const res = await fetch(`${server.url}/api/webhooks/${webhookId}/deliveries`, { headers: { cookie: await adminCookie(server) } });
  return ((await res.json()) as { deliveries: WebhookDeliveryInfo[] }).deliveries;
}

/** Verifies a received request with the standardwebhooks package and returns its payload. */
function verified(secret: string, r: { headers: Record<string, string | string[] | undefined>; body: string }): WebhookPayload {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as WebhookPayload;
}

describe('signed deliveries of every event', () => {
  let server: TestServer;
  let receiver: Receiver;
  const sockets: { disconnect(): unknown }[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ env: FAST });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    await receiver.close();
  });

  it('sends all seven events, each verified by the standardwebhooks verifier, and logs them', async () => {
    const res = await register(server, receiver.url);
    expect(res.status).toBe(201);
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const agent = await signInAgent(server, 'Hooked');
    sockets.push(agent.socket);
    await ok(agent.socket, 'presence', { presence: 'online' });
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'w1', text: 'When will my order arrive?' });
    const conversationId = message.conversationId;
    await ok(v.socket, 'handoff', {});
    await ok(agent.socket, 'claim', { conversationId });
    const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    await ok(agent.socket, 'send', { conversationId, clientId: 'a1', text: 'On its way!' });
    await reply;
    await ok(agent.socket, 'note', { conversationId, clientId: 'n1', text: 'secret internal note' });
    await ok(agent.socket, 'close', { conversationId, resolution: 'resolved' });
    await ok(v.socket, 'rate', { conversationId, score: 4 });
    const other = await connectVisitor(server.url);
    sockets.push(other.socket);
    await ok(other.socket, 'leaveMessage', { name: 'Reza', email: 'reza@example.com', text: 'Please call me back' });

    await until(() => new Set(receiver.received.map((r) => JSON.parse(r.body).type)).size === 7, 'all seven events', 10_000);
    const payloads = receiver.received.map((r) => verified(secret, r));
    expect(new Set(payloads.map((p) => p.type))).toEqual(new Set(WEBHOOK_EVENTS));
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(r.headers['content-type']).toBe('application/json');
    }
    // A tampered body or another key does not verify.
    const first = receiver.received[0]!;
    expect(() => verified(secret, { ...first, body: first.body.replace('"type"', '"typ\\u0065"') })).toThrow();
    expect(() => verified('whsec_' + Buffer.alloc(32, 7).toString('base64'), first)).toThrow();

    const of = (type: string) => payloads.filter((p) => p.type === type && p.data.conversation.id === conversationId);
    expect(of('conversation.created')).toHaveLength(1);
    expect(of('conversation.queued')[0]?.data.conversation).toMatchObject({ status: 'queued', handoffReason: 'button' });
    expect(of('conversation.assigned')[0]?.data.conversation).toMatchObject({ status: 'assigned', agentName: 'Hooked' });
    expect(of('conversation.closed')[0]?.data.conversation).toMatchObject({ status: 'closed', resolution: 'resolved' });
    expect(of('conversation.rated')[0]?.data.conversation).toMatchObject({ rating: 4 });
    const texts = of('message.created').map((p) => (p.type === 'message.created' ? `${p.data.message.author}: ${p.data.message.text}` : ''));
    expect(texts).toContain('visitor: When will my order arrive?');
    expect(texts).toContain('agent: On its way!');
    expect(texts.join('\n')).not.toContain('secret internal note');
    const ticket = payloads.find((p) => p.type === 'ticket.created');
    expect(ticket?.data.conversation).toMatchObject({ status: 'offline', visitorName: 'Reza', trackingCode: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/) });

    const log = await deliveries(server, id);
    expect(log.length).toBe(receiver.received.length);
    expect(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 200)).toBe(true);
  });

  it('retries a failed delivery with backoff under the same id, gives up after its window, and re-sends on request', async () => {
    const cookie = await adminCookie(server);
    // Only this test's endpoint from here on (the planned failures are for it).
    const { webhooks } = (await (await fetch(`${server.url}/api/webhooks`, { headers: { cookie } })).json()) as { webhooks: { id: string }[] };
    for (const w of webhooks) await fetch(`${server.url}/api/webhooks/${w.id}`, { method: 'DELETE', headers: { cookie } });
    receiver.received.length = 0;
    const res = await register(server, receiver.url, ['conversation.created']);
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    const mine = () => receiver.received.filter((r) => verified(secret, r));

    receiver.plan.push(500, 503);
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    await ok(v.socket, 'send', { clientId: 'r1', text: 'hello there' });
    await until(async () => (await deliveries(server, id))[0]?.status === 'delivered', 'the third attempt to succeed', 10_000);
    const [d] = await deliveries(server, id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
    const attempts = mine();
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([d!.id]));
    const gaps = attempts.slice(1).map((r, i) => r.at - attempts[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(150); // ~0.2 s, then ~0.4 s
    expect(gaps[1]).toBeGreaterThanOrEqual(300);
    const stored = await server.porsan.store.webhooks.attempts(d!.id);
    expect(stored.map((a) => a.statusCode)).toEqual([500, 503, 200]);

    // Re-send: the same id and body once more.
    const again = await fetch(`${server.url}/api/webhooks/deliveries/${d!.id}/resend`, { method: 'POST', headers: { cookie } });
    expect(again.status).toBe(200);
    await until(() => mine().length === 4, 'the re-sent delivery');
    expect(mine()[3]!.headers['webhook-id']).toBe(d!.id);
    expect(mine()[3]!.body).toBe(attempts[0]!.body);

    // Always failing: given up when its window (3.6 s here) is over.
    receiver.plan.push(...Array(40).fill(500));
    const w = await connectVisitor(server.url);
    sockets.push(w.socket);
    await ok(w.socket, 'send', { clientId: 'r2', text: 'another one' });
    await until(async () => (await deliveries(server, id)).find((x) => x.status === 'failed'), 'the delivery to be given up', 15_000);
    const failed = (await deliveries(server, id)).find((x) => x.status === 'failed')!;
    expect(failed.attempts).toBeGreaterThan(2);
    expect(failed).toMatchObject({ lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    receiver.plan.length = 0;
  }, 30_000);

  it('stops sending to a removed endpoint', async () => {
    const res = await register(server, receiver.url, ['conversation.created']);
    const { id } = (await res.json()) as { id: string };
    const cookie = await adminCookie(server);
    expect((await fetch(`${server.url}/api/webhooks/${id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    const list = (await (await fetch(`${server.url}/api/webhooks`, { headers: { cookie } })).json()) as { webhooks: { id: string }[] };
    expect(list.webhooks.map((w) => w.id)).not.toContain(id);
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    await ok(v.socket, 'send', { clientId: 'x1', text: 'anyone?' });
    await server.porsan.webhooks.flushed();
    expect(await deliveries(server, id)).toEqual([]);
  });
});

describe('private targets', () => {
  let server: TestServer;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ env: { ...FAST, PORSAN_WEBHOOK_ALLOW_PRIVATE: 'false' } });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('are refused when registered (loopback, private, link-local, unspecified, IPv6 forms), as are odd URLs', async () => {
    for (const url of [
      receiver.url,
      'http://localhost:9/hooks',
      'http://10.0.0.1/hooks',
      'http://192.168.1.10/hooks',
      'http://172.16.0.5/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f.1/',
      'ftp://203.0.113.9/',
      'http://user:pass@198.51.100.7/',
      'not a url',
    ]) {
      const res = await register(server, url);
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { message: string }).message, url).toMatch(/^url: /);
    }
    const cookie = await adminCookie(server);
    expect(((await (await fetch(`${server.url}/api/webhooks`, { headers: { cookie } })).json()) as { webhooks: unknown[] }).webhooks).toEqual([]);
  });

  it('are refused at connection too: an endpoint that points at one gets nothing', async () => {
    // As if the name had resolved to a public address when it was registered.
    const endpoint = await server.porsan.store.webhooks.create({ url: receiver.url, events: ['conversation.created'], secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64'), createdBy: null });
    await server.porsan.webhooks['outbox'].reload();
    const v = await connectVisitor(server.url);
    await ok(v.socket, 'send', { clientId: 's1', text: 'hello' });
    await until(async () => (await server.porsan.store.webhooks.deliveries(endpoint.id))[0]?.attempts, 'an attempt');
    const [d] = await server.porsan.store.webhooks.deliveries(endpoint.id);
    expect(d!.lastError).toMatch(/private, loopback or link-local/);
    expect(d!.lastStatusCode).toBeNull();
    expect(receiver.received).toEqual([]);
    v.socket.disconnect();
  });

  it('tells public addresses from the rest', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1', '::', '::1', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1', 'nonsense']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
});

describe('the retry schedule', () => {
  it('doubles from the base, at most six hours apart, until the window is over', () => {
    const policy = { baseMs: 10_000, maxDelayMs: 6 * 3600_000, windowMs: 24 * 3600_000 };
    const mid = () => 0.5; // no jitter
    const start = 0;
    const times: number[] = [];
    let t = start;
    for (let n = 1; ; n++) {
      const at = nextAttemptAt(n, t, start + policy.windowMs, policy, mid);
      if (at === null) break;
      times.push(at - t);
      t = at;
    }
    expect(times.slice(0, 5)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(Math.max(...times)).toBe(6 * 3600_000);
    expect(t).toBeLessThanOrEqual(policy.windowMs);
    expect(t).toBeGreaterThan(policy.windowMs - 6 * 3600_000);
    expect(nextAttemptAt(1, 0, 10_000, policy, () => 1)).toBeNull(); // 12 s is past a 10 s window
    expect(nextAttemptAt(1, 0, 60_000, policy, () => 0)).toBe(8_000);
  });
});

describe.each([
  ['sqlite', async (): Promise<[Store, Store]> => {
    const dir = mkdtempSync(join(tmpdir(), 'porsan-claims-'));
    return [await openSqliteStore(dir), await openSqliteStore(dir)];
  }],
  ...(POSTGRES ? [['postgres', async (): Promise<[Store, Store]> => {
    const url = await freshPostgresUrl('claims');
    const a = await openPostgresStore(url);
    return [a, await openPostgresStore(url)];
  }] as const] : []),
] as [string, () => Promise<[Store, Store]>][])('the outbox on %s, shared by two processes', (_name, open) => {
  it('gives each due delivery to exactly one of many concurrent claims', async () => {
    const [a, b] = await open();
    try {
      const endpoint = await a.webhooks.create({ url: 'http://127.0.0.1:9/', events: ['conversation.created'], secret: 'whsec_x', createdBy: null });
      const until24h = new Date(Date.now() + 86_400_000).toISOString();
      await a.webhooks.enqueue(Array.from({ length: 30 }, (_, i) => ({ webhookId: endpoint.id, event: 'conversation.created' as const, payload: `{"n":${i}}`, retryUntil: until24h })));
      const claims = await Promise.all([a, b, a, b, a, b].map((s) => s.webhooks.claimDue(30, 60_000)));
      const ids = claims.flat().map((c) => c.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      // A claim that lapsed (its process died) is taken up again, once.
      const later = new Date(Date.now() + 120_000);
      const again = await Promise.all([a.webhooks.claimDue(30, 60_000, later), b.webhooks.claimDue(30, 60_000, later)]);
      expect(again.flat()).toHaveLength(30);
      // The lapsed claim can no longer record an outcome; the new one can.
      const stale = claims.flat()[0]!;
      const fresh = again.flat().find((c) => c.id === stale.id)!;
      expect(await a.webhooks.finish(stale.id, stale.claimToken, { delivered: true, statusCode: 200, error: null, durationMs: 1, nextAttemptAt: null })).toBe(false);
      expect(await b.webhooks.finish(fresh.id, fresh.claimToken, { delivered: true, statusCode: 200, error: null, durationMs: 1, nextAttemptAt: null })).toBe(true);
      expect((await a.webhooks.get(stale.id))?.attempts).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
