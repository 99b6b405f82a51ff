// Attack class: least privilege. Each role sees and does only its part: agents work
// conversations, editors the knowledge base, supervisors conversations and the reports, admins
// everything. The expectations below are
// written out by hand (not read from the server's table), route by route and event by event.
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '../../protocol/index.ts';
import { call, connectVisitor, login, ok, signInAgent, TEST_AGENT_PASSWORD, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { API_V1_ROUTE_SCOPES, HTTP_ROUTE_PERMISSIONS, VISITOR_ROUTES, pagesFor } from '../../server/security/access.ts';
import type { ChatMessage } from '../../protocol/index.ts';
import { png, upload } from '../helpers/files.ts';

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
  { method: 'GET', path: '/api/uploads', allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'POST', path: '/api/conversations/nobody-here/files', body: {}, allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/files/nobody-here', allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/proactive', allowed: ['admin'] },
  { method: 'POST', path: '/api/proactive', body: { name: '' }, allowed: ['admin'] },
  { method: 'PUT', path: '/api/proactive/nobody-here', body: { name: '' }, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/proactive/nobody-here', allowed: ['admin'] },
  { method: 'GET', path: '/api/reports?from=2026-03-01&to=2026-03-02', allowed: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/tokens', allowed: ['admin'] },
  { method: 'POST', path: '/api/tokens', body: { name: '' }, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/tokens/nobody-here', allowed: ['admin'] },
  { method: 'GET', path: '/api/webhooks', allowed: ['admin'] },
  { method: 'POST', path: '/api/webhooks', body: { url: '' }, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/webhooks/nobody-here', allowed: ['admin'] },
  { method: 'GET', path: '/api/webhooks/nobody-here/deliveries', allowed: ['admin'] },
  { method: 'POST', path: '/api/webhooks/deliveries/nobody-here/resend', allowed: ['admin'] },
  // FAQ editing: editors and admins
  { method: 'GET', path: '/api/kb/entries/nothing-here', allowed: ['editor', 'admin'] },
  { method: 'POST', path: '/api/kb/entries', body: {}, allowed: ['editor', 'admin'] },
  { method: 'PUT', path: '/api/kb/entries/nothing-here', body: {}, allowed: ['editor', 'admin'] },
  { method: 'DELETE', path: '/api/kb/entries/nothing-here', body: {}, allowed: ['editor', 'admin'] },
  { method: 'POST', path: '/api/kb/preview', body: {}, allowed: ['editor', 'admin'] },
  // the archive (search, transcripts, exports): people who work conversations, never editors
  { method: 'GET', path: '/api/conversations?q=anything', allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/conversations/export?format=json', allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/conversations/nobody-here', allowed: ['agent', 'supervisor', 'admin'] },
  // saved replies: agents read, admins manage
  { method: 'GET', path: '/api/replies', allowed: ['agent', 'supervisor', 'admin'] },
  { method: 'POST', path: '/api/replies', body: {}, allowed: ['admin'] },
  { method: 'PUT', path: '/api/replies/nothing-here', body: {}, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/replies/nothing-here', allowed: ['admin'] },
  // one's own profile: everyone signed in
  { method: 'GET', path: '/api/profile', allowed: everyone },
  { method: 'PATCH', path: '/api/profile', body: {}, allowed: everyone },
  { method: 'PUT', path: '/api/profile/avatar', body: {}, allowed: everyone },
  { method: 'DELETE', path: '/api/profile/avatar', allowed: everyone },
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

  it('every /visitor route the server registers has an entry in the widget’s table', () => {
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
    const widget = found.filter((r) => r.split(' ')[1]?.startsWith('/visitor/'));
    expect(widget.length).toBe(Object.keys(VISITOR_ROUTES).length);
    for (const r of widget) expect(Object.keys(VISITOR_ROUTES), r).toContain(r);
  });

  it('refuses what the table does not list, whatever the spelling', async () => {
    for (const path of ['/api/agents/x/y', '/API/AGENTS', '/api/agents;x', '/api//agents', '/api/%61gents']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: people.agent.cookie } });
      expect([403, 404], path).toContain(res.status);
    }
  });
});

describe('the widget’s door (visitor token, not a console session)', () => {
  it('a console session opens no visitor route; a visitor token opens no console route', async () => {
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    // an admin's cookie is no visitor token
    expect((await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'a.png' }, { cookie: people.admin.cookie })).status).toBe(401);
    expect((await fetch(`${server.url}/visitor/files/x`, { headers: { cookie: people.admin.cookie } })).status).toBe(401);
    // a visitor token is no session
    for (const path of ['/api/files/x', '/api/uploads', '/api/proactive']) {
      expect((await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${v.token}` } })).status, path).toBe(401);
    }
  });

  it('refuses routes it does not list, and answers preflights only for its own', async () => {
    for (const [method, path] of [['GET', '/visitor/files'], ['DELETE', '/visitor/files/x'], ['GET', '/visitor/proactive'], ['POST', '/visitor/anything'], ['GET', '/visitor/../api/me']]) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect([401, 404], `${method} ${path}`).toContain(res.status);
      expect(res.status, `${method} ${path}`).not.toBe(200);
    }
    const pre = await fetch(`${server.url}/visitor/files`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await fetch(`${server.url}/visitor/nothing`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } })).status).toBe(404);
  });

  it('one visitor never reads another’s file', async () => {
    const [a, b] = await Promise.all([connectVisitor(server.url), connectVisitor(server.url)]);
    sockets.push(a.socket, b.socket);
    const res = await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'a.png' }, { token: a.token });
    const { message } = (await res.json()) as { message: ChatMessage };
    const id = message.meta?.type === 'attachment' ? message.meta.file.id : '';
    expect((await fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${a.token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${b.token}` } })).status).toBe(404);
    // editors do not see visitors' files; agents and admins do
    expect((await fetch(`${server.url}/api/files/${id}`, { headers: { cookie: people.editor.cookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/files/${id}`, { headers: { cookie: people.agent.cookie } })).status).toBe(200);
  });

  it('limits each client address per route (flood of downloads)', async () => {
    const limited = await startTestServer({ env: { PORSAN_RATE_DOWNLOADS: '3' } });
    try {
      const v = await connectVisitor(limited.url);
      sockets.push(v.socket);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await fetch(`${limited.url}/visitor/files/x`, { headers: { authorization: `Bearer ${v.token}` } })).status);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
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

describe('console pages per role', () => {
  it('agents: conversations, archive, saved replies, profile; supervisors also reports; editors: knowledge base, profile; admins: all', () => {
    expect(pagesFor('agent')).toEqual(['conversations', 'archive', 'replies', 'profile']);
    expect(pagesFor('supervisor')).toEqual(['conversations', 'archive', 'replies', 'reports', 'profile']);
    expect(pagesFor('editor')).toEqual(['kb', 'profile']);
    expect(pagesFor('admin')).toEqual(['conversations', 'archive', 'replies', 'kb', 'proactive', 'reports', 'integrations', 'admin', 'profile']);
  });
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
