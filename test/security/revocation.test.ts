// Attack class: rights taken away while a socket stays open. Demotion, password reset,
// deactivation, logout and session expiry cut live sockets at once, and a dropped socket's
// connection-state recovery cannot be resumed by anyone who could not log in afresh.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connectVisitor, login, ok, signInAgent, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

let server: TestServer;
const sockets: { disconnect(): unknown }[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

async function start(env: Record<string, string> = {}) {
  server = await startTestServer({ env });
  return login(server.url, server.admin.email, server.admin.password);
}

async function adminCall(cookie: string, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
}

function disconnected(socket: AgentSocket): Promise<void> {
  return new Promise((resolve) => socket.once('disconnect', () => resolve()));
}

async function queuedConversation(): Promise<string> {
  const v = await connectVisitor(server.url);
  sockets.push(v.socket);
  const { conversation } = await ok<{ conversation: { id: string } }>(v.socket, 'handoff', {});
  return conversation.id;
}

describe('revoked rights on live sockets', () => {
  it('an agent demoted to editor can no longer claim on the socket that is still open', async () => {
    const admin = await start();
    const leila = await signInAgent(server, 'Leila');
    sockets.push(leila.socket);
    const id = await queuedConversation();
    const cut = disconnected(leila.socket);
    expect((await adminCall(admin, 'PATCH', `/api/agents/${leila.id}`, { role: 'editor' })).status).toBe(200);
    // whatever still reaches the server from the old socket is refused, and the socket is cut
    const res = await Promise.race([call(leila.socket, 'claim', { conversationId: id }), cut.then(() => ({ ok: false as const, error: 'cut' }))]);
    expect(res.ok).toBe(false);
    await cut;
    // reconnecting with the same session gives an editor's socket: no claims, no queue
    const again = io(`${server.url}/agent`, { extraHeaders: { cookie: leila.cookie }, transports: ['websocket'], forceNew: true });
    sockets.push(again);
    const hello = await ok<{ agent: { role: string }; queue: unknown[] }>(again, 'hello', {});
    expect(hello.agent.role).toBe('editor');
    expect(hello.queue).toEqual([]);
    expect(await call(again, 'claim', { conversationId: id })).toMatchObject({ ok: false, error: 'forbidden' });
    expect((await server.porsan.store.conversations.get(id))?.status).toBe('queued');
  });

  it("an admin's password reset cuts the agent's open socket and ends the session", async () => {
    const admin = await start();
    const nima = await signInAgent(server, 'Nima');
    const cut = disconnected(nima.socket);
    expect((await adminCall(admin, 'POST', `/api/agents/${nima.id}/password`, { password: 'a brand new password' })).status).toBe(204);
    await cut;
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: nima.cookie } })).status).toBe(401);
  });

  it('an expired session is cut from its live socket', async () => {
    await start({ PORSAN_SESSION_HOURS: String(2 / 3600) }); // two seconds
    const sara = await signInAgent(server, 'Sara');
    await disconnected(sara.socket);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: sara.cookie } })).status).toBe(401);
  });
});

describe('connection-state recovery', () => {
  /** An agent socket whose transport drops, leaving a session on the server to recover: its {pid, offset}. */
  async function droppedSocket(cookie: string): Promise<{ pid: string; offset: string }> {
    const socket: Socket = io(`${server.url}/agent`, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true });
    // socket.io-client keeps the recovery state in private fields
    const recovery = socket as unknown as { _pid?: string; _lastOffset?: string };
    await ok(socket, 'hello', {});
    await ok(socket, 'presence', { presence: 'away' }); // a team broadcast gives the socket an offset
    await until(() => recovery._pid && recovery._lastOffset, 'a recovery offset');
    const state = { pid: recovery._pid as string, offset: recovery._lastOffset as string };
    socket.io.reconnection(false);
    socket.io.engine.close();
    await new Promise((r) => setTimeout(r, 100));
    return state;
  }

  function resume(state: { pid: string; offset: string }, headers: Record<string, string>): Promise<{ result: string }> {
    const s = io(`${server.url}/agent`, { auth: { pid: state.pid, offset: state.offset }, extraHeaders: headers, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    return new Promise((resolve) => {
      s.once('connect', () => resolve({ result: 'connected' }));
      s.once('connect_error', (err) => resolve({ result: err.message }));
    });
  }

  it('refuses a connection that carries only a dropped socket’s pid and offset (no cookie, foreign Origin)', async () => {
    const admin = await start();
    const state = await droppedSocket(admin);
    expect((await resume(state, { origin: 'http://evil.test' })).result).toBe('forbidden origin');
    expect((await resume(state, {})).result).toBe('unauthorized');
  });

  it('refuses it after the agent was deactivated, even with their old cookie', async () => {
    const admin = await start();
    const leila = await signInAgent(server, 'Leila');
    leila.socket.disconnect();
    const state = await droppedSocket(leila.cookie);
    expect((await adminCall(admin, 'PATCH', `/api/agents/${leila.id}`, { active: false })).status).toBe(200);
    expect((await resume(state, { cookie: leila.cookie })).result).toBe('unauthorized');
  });

  it('refuses another signed-in agent taking over the dropped socket’s rooms', async () => {
    const admin = await start();
    const state = await droppedSocket(admin);
    const eve = await signInAgent(server, 'Eve');
    eve.socket.disconnect();
    expect((await resume(state, { cookie: eve.cookie })).result).toBe('unauthorized');
  });

  it('still recovers the owner’s own connection', async () => {
    const admin = await start();
    const state = await droppedSocket(admin);
    expect((await resume(state, { cookie: admin })).result).toBe('connected');
    const recovered = [...server.porsan.io.of('/agent').sockets.values()].filter((s) => s.recovered);
    expect(recovered).toHaveLength(1);
  });
});
