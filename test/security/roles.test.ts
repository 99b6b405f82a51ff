// Attack class: least privilege. Each role sees and does only its part: agents work
// conversations, editors the knowledge base, admins everything. The expectations below are
// written out by hand (not read from the server's table), route by route and event by event.
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '../../protocol/index.ts';
import { call, connectVisitor, login, ok, signInAgent, TEST_AGENT_PASSWORD, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { HTTP_ROUTE_PERMISSIONS, pagesFor } from '../../server/security/access.ts';

let server: TestServer;
const people = {} as Record<AgentRole, { socket: AgentSocket; id: string; cookie: string }>;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['agent', 'editor', 'admin'] as const) {
    people[role] = await signInAgent(server, `Role${role}`, { role });
    sockets.push(people[role].socket);
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

type Who = AgentRole | 'nobody';
const everyone: Who[] = ['agent', 'editor', 'admin'];
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
  // FAQ editing: editors and admins
  { method: 'GET', path: '/api/kb/entries/nothing-here', allowed: ['editor', 'admin'] },
  { method: 'POST', path: '/api/kb/entries', body: {}, allowed: ['editor', 'admin'] },
  { method: 'PUT', path: '/api/kb/entries/nothing-here', body: {}, allowed: ['editor', 'admin'] },
  { method: 'DELETE', path: '/api/kb/entries/nothing-here', body: {}, allowed: ['editor', 'admin'] },
  { method: 'POST', path: '/api/kb/preview', body: {}, allowed: ['editor', 'admin'] },
  // the archive (search, transcripts, exports): people who work conversations, never editors
  { method: 'GET', path: '/api/conversations?q=anything', allowed: ['agent', 'admin'] },
  { method: 'GET', path: '/api/conversations/export?format=json', allowed: ['agent', 'admin'] },
  { method: 'GET', path: '/api/conversations/nobody-here', allowed: ['agent', 'admin'] },
  // saved replies: agents read, admins manage
  { method: 'GET', path: '/api/replies', allowed: ['agent', 'admin'] },
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
    for (const r of api) expect(Object.keys(HTTP_ROUTE_PERMISSIONS), r).toContain(r);
  });

  it('refuses what the table does not list, whatever the spelling', async () => {
    for (const path of ['/api/agents/x/y', '/API/AGENTS', '/api/agents;x', '/api//agents', '/api/%61gents']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: people.agent.cookie } });
      expect([403, 404], path).toContain(res.status);
    }
  });
});

describe('console socket events per role', () => {
  const works: Who[] = ['agent', 'admin'];
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
    for (const who of ['agent', 'editor', 'admin'] as const) {
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
  it('agents: conversations, archive, saved replies, profile; editors: knowledge base, profile; admins: all', () => {
    expect(pagesFor('agent')).toEqual(['conversations', 'archive', 'replies', 'profile']);
    expect(pagesFor('editor')).toEqual(['kb', 'profile']);
    expect(pagesFor('admin')).toEqual(['conversations', 'archive', 'replies', 'kb', 'admin', 'profile']);
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
