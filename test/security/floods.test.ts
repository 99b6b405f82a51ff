// Attack class: floods from one address. New visitors, conversations, handoffs, look-ups and
// logins are limited per client address (behind trusted proxies: the forwarded address), a
// refusal says when to retry, and everyone else is still served while it happens.
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationSummary, Result } from '../../protocol/index.ts';
import { call, login, next, ok, signInAgent, type VisitorSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Store } from '../../server/store/index.ts';

let server: TestServer;
const sockets: { disconnect(): unknown }[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

function visitorFrom(address: string, token?: string): VisitorSocket {
  const s: VisitorSocket = io(`${server.url}/visitor`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: token ? { token } : {},
    extraHeaders: { 'x-forwarded-for': address },
  });
  sockets.push(s);
  return s;
}

const hello = { locale: 'en', page: { url: 'https://shop.example/' } };

/** Resolves true once connected, false when the server refused the connection. */
function connected(s: VisitorSocket): Promise<boolean> {
  if (s.connected) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    s.once('connect', () => resolve(true));
    s.once('connect_error', () => resolve(false));
  });
}

/** Runs `task` for 0..n-1, `width` at a time. */
async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (i < n) {
      const k = i++;
      out[k] = await task(k);
    }
  }));
  return out;
}

describe('500 new visitors from one address, each asking for a person', () => {
  it('refuses most with a retry time, queues at most the handoff budget, and a canary elsewhere is answered within a second', async () => {
    server = await startTestServer({ env: { PORSAN_TRUST_PROXY: 'loopback' } });
    const agent = await signInAgent(server, 'Watcher');
    sockets.push(agent.socket);
    let queueBytes = 0;
    let queueEvents = 0;
    agent.socket.on('queue', (q: ConversationSummary[]) => {
      queueEvents++;
      queueBytes += JSON.stringify(q).length;
    });

    let canaryMs = -1;
    const canary = (async () => {
      await new Promise((r) => setTimeout(r, 300)); // in the middle of the flood
      const c = visitorFrom('198.51.100.9');
      await ok(c, 'hello', hello);
      const t0 = Date.now();
      const reply = next<ChatMessage>(c, 'message', (m) => m.author === 'bot');
      await ok(c, 'send', { clientId: 'canary-1', text: 'When will my order arrive?' });
      await reply;
      canaryMs = Date.now() - t0;
    })();

    const outcomes = await pool(500, 50, async (i) => {
      const s = visitorFrom('203.0.113.7');
      if (!(await connected(s))) return 'refused: connection';
      const h = await call(s, 'hello', hello);
      if (!h.ok) return `refused: ${h.error}`;
      const r: Result = await call(s, 'send', { clientId: `flood-${i}`, text: 'I want to talk to a person please' });
      if (!r.ok) {
        expect(r).toMatchObject({ error: 'rate_limited' });
        expect(r.ok === false && r.retryAfterSeconds).toBeGreaterThan(0);
        return `refused: ${r.error}`;
      }
      s.disconnect();
      return 'sent';
    });
    await canary;

    const queued = (await server.porsan.store.conversations.waiting('queued')).length;
    const refused = outcomes.filter((o) => o.startsWith('refused')).length;
    expect(refused).toBeGreaterThan(400);
    expect(queued).toBeLessThanOrEqual(server.config.rateLimits.handoffs);
    expect(canaryMs).toBeGreaterThanOrEqual(0);
    expect(canaryMs).toBeLessThan(1000);
    // queue snapshots are coalesced: a watcher gets a few, not one per change
    expect(queueEvents).toBeLessThan(60);
    expect(queueBytes).toBeLessThan(2_000_000);
  });
});

describe('the client address', () => {
  it('is the socket peer without a trusted proxy: a forged X-Forwarded-For does not evade the limit', async () => {
    server = await startTestServer({ env: { PORSAN_RATE_NEW_VISITORS: '5' } });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await call(visitorFrom(`10.0.0.${i}`), 'hello', hello));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results[7]).toMatchObject({ ok: false, error: 'rate_limited' });
  });

  it('is the forwarded address behind a trusted proxy: another address is still served', async () => {
    server = await startTestServer({ env: { PORSAN_RATE_NEW_VISITORS: '5', PORSAN_TRUST_PROXY: 'loopback' } });
    for (let i = 0; i < 6; i++) await call(visitorFrom('203.0.113.7'), 'hello', hello);
    expect(await call(visitorFrom('203.0.113.7'), 'hello', hello)).toMatchObject({ ok: false, error: 'rate_limited' });
    expect((await call(visitorFrom('203.0.113.8'), 'hello', hello)).ok).toBe(true);
  });
});

describe('tracking-code look-ups', () => {
  it('are limited per address, not per socket: 300 look-ups on fresh connections are refused after the budget', async () => {
    server = await startTestServer();
    const first = visitorFrom('x');
    const { token } = await ok<{ token: string }>(first, 'hello', hello);
    const results = await pool(300, 20, async (i) => {
      const s = visitorFrom('x', token);
      if (!(await connected(s))) return 'connection refused';
      const h = await call(s, 'hello', hello);
      if (!h.ok) return h.error;
      const r = await call(s, 'ticket', { trackingCode: `AAAA-BBBB-${String(i).padStart(4, '0')}` });
      s.disconnect();
      return r.ok ? 'found' : r.error;
    });
    expect(results.filter((r) => r === 'not_found').length).toBeLessThanOrEqual(server.config.rateLimits.ticketLookups);
    expect(results.filter((r) => r === 'rate_limited' || r === 'connection refused').length).toBeGreaterThan(250);
    expect(results.filter((r) => r === 'rate_limited').length).toBeGreaterThan(200);
  });
});

describe('logins', () => {
  async function attempt(email: string, password: string, address: string): Promise<number> {
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password }) });
    return res.status;
  }

  it('are limited per account even when the guesses come from many addresses', async () => {
    server = await startTestServer({ env: { PORSAN_TRUST_PROXY: 'loopback', PORSAN_LOGIN_ACCOUNT_LIMIT: '5' } });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push(await attempt(server.admin.email, 'wrong password', `203.0.113.${i}`));
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    // another account is not affected
    expect(await attempt('someone@example.com', 'wrong password', '203.0.113.99')).toBe(401);
  });

  it('are limited per address across accounts, with Retry-After', async () => {
    server = await startTestServer({ env: { PORSAN_TRUST_PROXY: 'loopback', PORSAN_LOGIN_LIMIT: '5' } });
    for (let i = 0; i < 5; i++) expect(await attempt(`user${i}@example.com`, 'wrong password', '203.0.113.50')).toBe(401);
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' }, body: JSON.stringify({ email: server.admin.email, password: server.admin.password }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await attempt(server.admin.email, server.admin.password, '203.0.113.51')).toBe(200);
  });
});

describe('the queue broadcast', () => {
  it('costs the same few store reads whether 3 or 30 conversations wait', async () => {
    server = await startTestServer({ env: { PORSAN_TRUST_PROXY: 'loopback' } });
    const admin = await login(server.url, server.admin.email, server.admin.password);
    const agent = io(`${server.url}/agent`, { extraHeaders: { cookie: admin }, transports: ['websocket'], forceNew: true });
    sockets.push(agent);
    await ok(agent, 'hello', {});
    const reads = countStoreCalls(server.porsan.store);
    const measure = async () => {
      reads.reset();
      const got = next(agent, 'queue');
      server.porsan.conversations.announceQueue();
      await got;
      await new Promise((r) => setTimeout(r, 200));
      return reads.total();
    };
    const queueUp = async (n: number, from: number) => {
      for (let i = from; i < from + n; i++) await ok(visitorFrom(`203.0.113.${i}`), 'hello', hello).then(() => undefined);
      await pool(n, 10, async (i) => {
        const s = visitorFrom(`203.0.113.${from + i}`);
        await ok(s, 'hello', hello);
        await ok(s, 'handoff', {});
      });
    };
    await queueUp(3, 0);
    const small = await measure();
    await queueUp(27, 100);
    expect((await server.porsan.store.conversations.waiting('queued')).length).toBe(30);
    const large = await measure();
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });
});

/** Counts calls to the store's methods (every query goes through one of them). */
function countStoreCalls(store: Store) {
  let n = 0;
  for (const name of Object.getOwnPropertyNames(Store.prototype)) {
    const fn = (store as unknown as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof fn !== 'function') continue;
    (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      n++;
      return (fn as (...a: unknown[]) => unknown).apply(store, args);
    };
  }
  return { reset: () => (n = 0), total: () => n };
}
