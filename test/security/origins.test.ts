// Attack class: a page on another origin driving an agent's console session, or embedding the
// widget where the owner did not allow it — over WebSocket and over HTTP long-polling.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});
async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startTestServer({ env });
  servers.push(s);
  return s;
}

/** Connects a namespace and resolves with 'connected' or the refusal's message. */
function attempt(url: string, nsp: string, opts: { transport: 'websocket' | 'polling'; headers: Record<string, string> }): Promise<string> {
  const socket: Socket = io(`${url}${nsp}`, {
    transports: [opts.transport],
    extraHeaders: opts.headers,
    forceNew: true,
    reconnection: false,
    timeout: 5000,
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  }).finally(() => socket.close());
}

describe('the agent namespace', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await start();
    cookie = await login(server.url, server.admin.email, server.admin.password);
  });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`refuses a foreign Origin with a forged X-Forwarded-Host over ${transport}, even with a valid cookie`, async () => {
      const headers = { cookie, origin: 'http://127.0.0.1:9', 'x-forwarded-host': '127.0.0.1:9' };
      expect(await attempt(server.url, '/agent', { transport, headers })).toBe('forbidden origin');
      // and it does connect from the console's own origin
      expect(await attempt(server.url, '/agent', { transport, headers: { cookie, origin: server.url } })).toBe('connected');
    });
  }

  it('believes X-Forwarded-Host only from a trusted proxy (PORSAN_TRUST_PROXY)', async () => {
    const behind = await start({ PORSAN_TRUST_PROXY: 'loopback' });
    const c = await login(behind.url, behind.admin.email, behind.admin.password);
    const headers = { cookie: c, origin: 'https://chat.example.com', 'x-forwarded-host': 'chat.example.com', 'x-forwarded-proto': 'https' };
    expect(await attempt(behind.url, '/agent', { transport: 'websocket', headers })).toBe('connected');
  });

  it('accepts only PORSAN_PUBLIC_URL as the console origin when it is set', async () => {
    const pub = await start({ PORSAN_PUBLIC_URL: 'https://chat.example.com' });
    const c = await login(pub.url, pub.admin.email, pub.admin.password);
    expect(await attempt(pub.url, '/agent', { transport: 'websocket', headers: { cookie: c, origin: 'https://chat.example.com' } })).toBe('connected');
    expect(await attempt(pub.url, '/agent', { transport: 'websocket', headers: { cookie: c, origin: pub.url } })).toMatch(/forbidden origin/);
  });

  it('answers the console API only to its own origin', async () => {
    const foreign = await fetch(`${server.url}/api/me`, { headers: { cookie, origin: 'http://evil.test' } });
    expect(foreign.status).toBe(403);
    const loginCsrf = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
      body: JSON.stringify({ email: server.admin.email, password: server.admin.password }),
    });
    expect(loginCsrf.status).toBe(403);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie, origin: server.url } })).status).toBe(200);
  });
});

describe('PORSAN_ALLOWED_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start({ PORSAN_ALLOWED_ORIGINS: 'http://good.test' });
  });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`is enforced at the visitor handshake over ${transport}`, async () => {
      expect(await attempt(server.url, '/visitor', { transport, headers: { origin: 'http://evil.test' } })).not.toBe('connected');
      expect(await attempt(server.url, '/visitor', { transport, headers: { origin: 'http://good.test' } })).toBe('connected');
    });
  }

  it('lets non-browser clients (no Origin) and the console (own origin) through', async () => {
    expect(await attempt(server.url, '/visitor', { transport: 'websocket', headers: {} })).toBe('connected');
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    expect(await attempt(server.url, '/agent', { transport: 'polling', headers: { cookie, origin: server.url } })).toBe('connected');
  });

  it('never offers credentials in CORS (the widget needs none)', async () => {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://good.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://good.test');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const evil = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.test' } });
    expect(evil.status).toBe(403);
  });
});
