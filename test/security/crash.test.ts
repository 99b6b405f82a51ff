// Attack class: one request that used to stop the whole server. Run against a real server
// process, so "it survived" means the process is still there and still answering.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.stop();
});

async function stillServing(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  expect(server.alive(), server.output()).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

const BROKEN = 'porsan_session=%';

describe('a malformed session cookie', () => {
  it('over a WebSocket to /agent is refused as unauthorized, and the process keeps serving', async () => {
    const socket = io(`${server.url}/agent`, { extraHeaders: { cookie: BROKEN }, transports: ['websocket'], forceNew: true, reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(err.message).toBe('unauthorized');
    await stillServing();
  });

  it('over two plain polling requests (no login, no Origin) is refused, and the process keeps serving', async () => {
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base, { headers: { cookie: BROKEN } })).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const post = await fetch(`${base}&sid=${sid}`, { method: 'POST', headers: { cookie: BROKEN, 'content-type': 'text/plain' }, body: '40/agent,' });
    expect(post.status).toBe(200);
    const answer = await (await fetch(`${base}&sid=${sid}`, { headers: { cookie: BROKEN } })).text();
    expect(answer).toContain('44/agent,{"message":"unauthorized"}');
    await stillServing();
  });

  it('on /api/me answers 401, not 500', async () => {
    const res = await fetch(`${server.url}/api/me`, { headers: { cookie: BROKEN } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('on /api/logout is cleared (204 and an expired cookie), so a broken cookie can always be got rid of', async () => {
    const res = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie: BROKEN } });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^porsan_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('and other broken encodings in every place a cookie is read leave the process up', async () => {
    for (const cookie of ['porsan_session=%E0%A4%A', 'porsan_session=%%%%; other=%', `porsan_session=${'%'.repeat(4000)}`, 'porsan_session']) {
      expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
      const socket = io(`${server.url}/agent`, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true, reconnection: false });
      await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      socket.close();
    }
    await stillServing();
  });
});

describe('malformed HTTP', () => {
  it('answers broken JSON, wrong types and unknown API routes with a clear error, no stack trace and no server path', async () => {
    const bodies = ['{', '[]', 'null', '{"email":{"$gt":""},"password":1}', '{"__proto__":{"polluted":true}}'];
    for (const body of bodies) {
      const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(/at \w+ \(|\/work\/|node_modules|server\//);
    }
    const unknown = await fetch(`${server.url}/api/../../etc/passwd`);
    expect([400, 404]).toContain(unknown.status);
    await stillServing();
  });
});
