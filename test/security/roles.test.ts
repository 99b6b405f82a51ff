// Attack class: least privilege. Each role sees and does only its part: agents work
// conversations, editors the knowledge base, supervisors conversations and the reports, admins
// everything. The expectations below are
// written out by hand (not read from the server's table), route by route and event by event.
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '../../protocol/index.ts';
import { call, connectVisitor, login, ok, signInAgent, TEST_AGENT_PASSWORD, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { API_V1_ROUTE_SCOPES, HTTP_ROUTE_PERMISSIONS } from '../../server/security/access.ts';

let server: TestServer;
const people = {} as Record<AgentRole, { socket: AgentSocket; id: string; cookie: string }>;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['agent', 'editor', 'supervisor', 'admin'] as const) {
    people[role] = await signInAgent(server, `Role${role}`, { role });
    sockets.push(people[role].socket);
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

type Who = AgentRole | 'nobody';
const everyone: Who[] = ['agent', 'editor', 'supervisor', 'admin'];
/** route → who may call it; everyone else gets 401 (nobody) or 403. */
const ROUTES: { method: string; path: string; body?: unknown; allowed: Who[] }[] = [
  { method: 'GET', path: '/api/me', allowed: everyone },
  { method: 'GET', path: '/api/agents', allowed: ['admin'] },
  { method: 'POST', path: '/api/agents', body: { email: 'x' }, allowed: ['admin'] },
  { method: 'PATCH', path: '/api/agents/nobody-here', body: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/agents/nobody-here/password', body: { password: 'long enough password' }, allowed: ['admin'] },
  { method: 'GET', path: '/api/settings', allowed: ['admin'] },
  { method: 'PUT', path: '/api/settings', body: { defaultLimit: 0 }, allowed: ['admin'] },
  { method: 'GET', path: '/api/kb', allowed: ['editor', 'admin'] },
  { method: 'POST', path: '/api/kb/try', body: { q: 'shipping' }, allowed: ['editor', 'admin'] },
  { method: 'GET', path: '/api/kb/gaps', allowed: ['editor', 'admin'] },
  { method: 'GET', path: '/api/reports?from=2026-03-01&to=2026-03-02', allowed: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/tokens', allowed: ['admin'] },
  { method: 'POST', path: '/api/tokens', body: { name: '' }, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/tokens/nobody-here', allowed: ['admin'] },
  { method: 'GET', path: '/api/webhooks', allowed: ['admin'] },
  { method: 'POST', path: '/api/webhooks', body: { url: '' }, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/webhooks/nobody-here', allowed: ['admin'] },
  { method: 'GET', path: '/api/webhooks/nobody-here/deliveries', allowed: ['admin'] },
  { method: 'POST', path: '/api/webhooks/deliveries/nobody-here/resend', allowed: ['admin'] },
];

describe('HTTP routes per role', () => {
  for (const route of ROUTES) {
    for (const who of [...everyone, 'nobody'] as Who[]) {
      const allowed = route.allowed.includes(who);
      it(`${route.method} ${route.path} as ${who}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (who !== 'nobody') headers.cookie = people[who].cookie;
        const res = await fetch(`${server.url}${route.path}`, { method: route.method, headers, body: route.body === undefined ? undefined : JSON.stringify(route.body) });
        if (allowed) expect([200, 201, 204, 400, 404]).toContain(res.status);
        else expect(res.status).toBe(who === 'nobody' ? 401 : 403);
      });
    }
  }

  it('every /api route the server registers has an entry in the permission table (so none is reachable unchecked)', () => {
    const app: Express = server.porsan.app;
    type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
    const found: string[] = [];
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} ${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
    const api = found.filter((r) => r.split(' ')[1]?.startsWith('/api/'));
    expect(api.length).toBeGreaterThanOrEqual(ROUTES.length);
    // The console's routes are in the role table; the REST API's (/api/v1, tokens) in the scope table.
    for (const r of api) expect(Object.keys(r.split(' ')[1]!.startsWith('/api/v1/') ? API_V1_ROUTE_SCOPES : HTTP_ROUTE_PERMISSIONS), r).toContain(r);
    expect(api.filter((r) => r.includes('/api/v1/')).sort()).toEqual(Object.keys(API_V1_ROUTE_SCOPES).sort());
  });

  it('refuses what the table does not list, whatever the spelling', async () => {
    for (const path of ['/api/agents/x/y', '/API/AGENTS', '/api/agents;x', '/api//agents', '/api/%61gents']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: people.agent.cookie } });
      expect([403, 404], path).toContain(res.status);
    }
  });
});

describe('console socket events per role', () => {
  const works: Who[] = ['agent', 'supervisor', 'admin'];
  const EVENTS: { event: string; payload: unknown; allowed: Who[] }[] = [
    { event: 'hello', payload: {}, allowed: everyone },
    { event: 'open', payload: { conversationId: 'missing' }, allowed: works },
    { event: 'claim', payload: { conversationId: 'missing' }, allowed: works },
    { event: 'send', payload: { conversationId: 'missing', clientId: 'c1', text: 'hi' }, allowed: works },
    { event: 'close', payload: { conversationId: 'missing' }, allowed: works },
    { event: 'presence', payload: { presence: 'online' }, allowed: works },
    { event: 'agents', payload: {}, allowed: works },
    { event: 'transfer', payload: { conversationId: 'missing', toAgentId: 'x' }, allowed: works },
    { event: 'release', payload: { conversationId: 'missing' }, allowed: works },
    { event: 'note', payload: { conversationId: 'missing', clientId: 'c2', text: 'n' }, allowed: works },
    { event: 'tags', payload: { conversationId: 'missing', tags: [] }, allowed: works },
    { event: 'tickets', payload: {}, allowed: works },
    { event: 'kbSearch', payload: { query: 'shipping' }, allowed: everyone },
  ];
  for (const e of EVENTS) {
    for (const who of ['agent', 'editor', 'supervisor', 'admin'] as const) {
      const allowed = e.allowed.includes(who);
      it(`${e.event} as ${who}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
        const res = await call(people[who].socket, e.event, e.payload);
        if (allowed) expect(res.ok || res.error !== 'forbidden' || /owns|limit|Editors/.test(res.message)).toBe(true);
        else expect(res).toMatchObject({ ok: false, error: 'forbidden' });
      });
    }
  }
});

describe('what an editor receives', () => {
  it('no queue, no left messages, no visitors; an agent gets them', async () => {
    const seen: Record<'agent' | 'editor', string[]> = { agent: [], editor: [] };
    for (const who of ['agent', 'editor'] as const) people[who].socket.onAny((event: string) => seen[who].push(event));
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    await ok(v.socket, 'identify', { name: 'Private Person' });
    await ok(v.socket, 'handoff', {});
    await ok(v.socket, 'leaveMessage', { name: 'Private Person', email: 'p@example.com', text: 'call me' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 600));
    expect(seen.agent).toContain('queue');
    expect(seen.editor.filter((e) => ['queue', 'tickets', 'agents', 'conversation', 'message'].includes(e))).toEqual([]);
    // and cannot ask for them either
    const editor = await login(server.url, `roleeditor@example.com`, TEST_AGENT_PASSWORD);
    expect((await fetch(`${server.url}/api/agents`, { headers: { cookie: editor } })).status).toBe(403);
  });
});
