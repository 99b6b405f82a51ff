// Routing, presence, limits, transfer/release, deactivation and leave-a-message, against a
// real server with real socket.io clients.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStatus, ChatMessage, ConversationDetail, ConversationSummary, ConversationView, UnansweredGap } from '../../protocol/index.ts';
import { call, connectAgent, connectVisitor, login, next, ok, signInAgent, type AgentSocket, type TestVisitor } from '../helpers/clients.ts';
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
  return server;
}

async function agent(name: string, opts: { role?: 'agent' | 'editor' | 'admin'; limit?: number } = {}): Promise<{ socket: AgentSocket; id: string; cookie: string }> {
  const signedIn = await signInAgent(server, name, opts);
  sockets.push(signedIn.socket);
  return signedIn;
}

async function visitor(locale: 'fa' | 'ar' | 'en' = 'en'): Promise<TestVisitor> {
  const v = await connectVisitor(server.url, { locale });
  sockets.push(v.socket);
  return v;
}

async function queued(v: TestVisitor): Promise<ConversationView> {
  return (await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {})).conversation;
}

const status = async (id: string) => (await server.porsan.store.conversations.get(id))?.status;

describe('automatic routing', () => {
  it('gives each waiting conversation to the least busy online agent, never over a limit, never to the away', async () => {
    await start();
    await server.porsan.team.updateSettings({ routing: 'auto' });
    const ali = await agent('Ali', { limit: 2 });
    const bahar = await agent('Bahar', { limit: 1 });
    const away = await agent('Cyrus', { limit: 5 });
    await ok(away.socket, 'presence', { presence: 'away' });

    const convs: ConversationView[] = [];
    for (let i = 0; i < 4; i++) convs.push(await queued(await visitor()));
    await until(async () => (await server.porsan.store.conversations.openCounts()).size >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const counts = await server.porsan.store.conversations.openCounts();
    expect(counts.get(ali.id)).toBe(2);
    expect(counts.get(bahar.id)).toBe(1);
    expect(counts.get(away.id)).toBeUndefined();
    expect(await status(convs[3]!.id)).toBe('queued'); // everyone is full: it waits

    // Cyrus comes back: the waiting conversation is routed to him.
    await ok(away.socket, 'presence', { presence: 'online' });
    await until(async () => (await status(convs[3]!.id)) === 'assigned');
    expect((await server.porsan.store.conversations.get(convs[3]!.id))?.agentId).toBe(away.id);
  });

  it('in manual mode leaves conversations in the queue and enforces the limit on claims', async () => {
    await start();
    const dina = await agent('Dina', { limit: 1 });
    const first = await queued(await visitor());
    const second = await queued(await visitor());
    await new Promise((r) => setTimeout(r, 100));
    expect(await status(first.id)).toBe('queued');
    await ok(dina.socket, 'claim', { conversationId: first.id });
    expect(await call(dina.socket, 'claim', { conversationId: second.id })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await status(second.id)).toBe('queued');
  });
});

describe('transfer, release and close', () => {
  it('moves a conversation between agents and back to the queue in its original place', async () => {
    await start();
    const ella = await agent('Ella');
    const farid = await agent('Farid');
    const vOld = await visitor('fa');
    const old = await queued(vOld);
    const newer = await queued(await visitor('fa'));
    await ok(ella.socket, 'claim', { conversationId: old.id });

    // Transfer to Farid: he owns it, the visitor is told.
    const told = next<ChatMessage>(vOld.socket, 'message', (m) => m.meta?.type === 'transferred');
    const t = await ok<{ conversation: ConversationSummary }>(ella.socket, 'transfer', { conversationId: old.id, toAgentId: farid.id });
    expect(t.conversation.agentId).toBe(farid.id);
    expect((await told).meta).toMatchObject({ agentName: 'Farid' });
    expect(await call(ella.socket, 'send', { conversationId: old.id, clientId: 'x1', text: 'still mine?' })).toMatchObject({ ok: false, error: 'forbidden' });

    // Farid releases it: back in the queue ahead of the newer one.
    const released = await ok<{ conversation: ConversationSummary }>(farid.socket, 'release', { conversationId: old.id });
    expect(released.conversation.status).toBe('queued');
    const { queue } = await ok<{ queue: ConversationSummary[] }>(ella.socket, 'hello', {});
    expect(queue.map((q) => q.id)).toEqual([old.id, newer.id]);

    // Claim again and close with a resolution.
    await ok(ella.socket, 'claim', { conversationId: old.id });
    const closed = await ok<{ conversation: ConversationSummary }>(ella.socket, 'close', { conversationId: old.id, resolution: 'resolved' });
    expect(closed.conversation).toMatchObject({ status: 'closed', resolution: 'resolved' });
  });

  it('refuses a transfer to an agent who is not online', async () => {
    await start();
    const gita = await agent('Gita');
    const offline = await server.porsan.store.agents.create({ email: 'h@example.com', name: 'Hadi', role: 'agent', passwordHash: 'x' });
    const conv = await queued(await visitor());
    await ok(gita.socket, 'claim', { conversationId: conv.id });
    expect(await call(gita.socket, 'transfer', { conversationId: conv.id, toAgentId: offline.id })).toMatchObject({ ok: false, error: 'wrong_state' });
  });
});

describe('notes and tags', () => {
  it('keeps internal notes from the visitor and shows them to agents', async () => {
    await start();
    const iman = await agent('Iman');
    const v = await visitor();
    const conv = await queued(v);
    await ok(iman.socket, 'claim', { conversationId: conv.id });
    const seen: ChatMessage[] = [];
    v.socket.on('message', (m) => seen.push(m));
    await ok(iman.socket, 'note', { conversationId: conv.id, clientId: 'n1', text: 'VIP customer, be nice' });
    await ok(iman.socket, 'send', { conversationId: conv.id, clientId: 's1', text: 'Hello!' });
    await until(async () => seen.some((m) => m.author === 'agent'));
    expect(seen.filter((m) => m.author !== 'system').map((m) => m.text)).toEqual(['Hello!']);
    const again = await connectVisitor(server.url, { token: v.token });
    sockets.push(again.socket);
    expect(again.welcome.messages.map((m) => m.text)).not.toContain('VIP customer, be nice');
    const detail = await ok<ConversationDetail>(iman.socket, 'open', { conversationId: conv.id });
    expect(detail.messages.find((m) => m.meta?.type === 'note')?.text).toBe('VIP customer, be nice');
    const tagged = await ok<{ conversation: ConversationSummary }>(iman.socket, 'tags', { conversationId: conv.id, tags: ['Billing', 'vip', 'billing'] });
    expect(tagged.conversation.tags).toEqual(['billing', 'vip']);
  });
});

describe('presence and grace', () => {
  it("requeues an agent's conversations when their sockets stay gone past the grace period, and tells the visitor", async () => {
    await start({ PORSAN_AGENT_GRACE_SECONDS: '0.3' });
    const jamal = await agent('Jamal');
    const v = await visitor();
    const conv = await queued(v);
    await ok(jamal.socket, 'claim', { conversationId: conv.id });
    const told = next<ChatMessage>(v.socket, 'message', (m) => m.meta?.type === 'released');
    const back = next<ConversationView>(v.socket, 'conversation', (c) => c.status === 'queued');
    jamal.socket.disconnect();
    expect((await told).meta).toEqual({ type: 'released', reason: 'agent_offline' });
    expect((await back).queuePosition).toBe(1);
    expect(await server.porsan.team.presenceOf(jamal.id)).toBe('offline');
  });

  it('keeps the conversation when the agent reconnects within the grace period', async () => {
    await start({ PORSAN_AGENT_GRACE_SECONDS: '2' });
    const kian = await agent('Kian');
    const conv = await queued(await visitor());
    await ok(kian.socket, 'claim', { conversationId: conv.id });
    kian.socket.disconnect();
    const again = await connectAgent(server.url, kian.cookie);
    sockets.push(again);
    await new Promise((r) => setTimeout(r, 2300)); // past the grace period of the first socket
    expect(await status(conv.id)).toBe('assigned');
    expect(await server.porsan.team.presenceOf(kian.id)).toBe('online');
  });

  it('deactivating an agent cuts their live sockets and logs them out', async () => {
    await start();
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const leila = await agent('Leila');
    const cut = new Promise<void>((resolve) => leila.socket.on('disconnect', () => resolve()));
    const res = await fetch(`${server.url}/api/agents/${leila.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { agent: AgentStatus }).agent).toMatchObject({ active: false, presence: 'offline' });
    await cut;
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: leila.cookie } })).status).toBe(401);
    await expect(connectAgent(server.url, leila.cookie)).rejects.toThrow(/unauthorized/);
  });
});

describe('logout', () => {
  it("ends the session's live sockets", async () => {
    await start();
    const nima = await agent('Nima');
    const cut = new Promise<void>((resolve) => nima.socket.on('disconnect', () => resolve()));
    const res = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie: nima.cookie } });
    expect(res.status).toBe(204);
    await cut;
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: nima.cookie } })).status).toBe(401);
  });
});

describe('admin and editor APIs', () => {
  it('lets admins add agents and reset passwords, and nobody else', async () => {
    await start();
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const post = (c: string, body: unknown) => fetch(`${server.url}/api/agents`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: c }, body: JSON.stringify(body) });
    const created = await post(cookie, { email: 'new@example.com', name: 'Nima', role: 'editor', password: 'a long password' });
    expect(created.status).toBe(201);
    expect((await post(cookie, { email: 'new@example.com', name: 'Again', role: 'agent', password: 'a long password' })).status).toBe(409);
    expect((await post(cookie, { email: 'bad', name: '', role: 'king', password: 'x' })).status).toBe(400);
    const editorCookie = await login(server.url, 'new@example.com', 'a long password');
    expect((await post(editorCookie, { email: 'x@example.com', name: 'X', role: 'admin', password: 'a long password' })).status).toBe(403);
    // The editor may use the knowledge-base pages...
    const tried = await fetch(`${server.url}/api/kb/try`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: editorCookie }, body: JSON.stringify({ q: 'When will my order arrive?', locale: 'en' }) });
    expect(await tried.json()).toMatchObject({ decision: 'answer', entryId: 'shipping-time-en' });
    // ...but not take conversations.
    const editorSocket = await connectAgent(server.url, editorCookie);
    sockets.push(editorSocket);
    const conv = await queued(await visitor());
    expect(await call(editorSocket, 'claim', { conversationId: conv.id })).toMatchObject({ ok: false, error: 'forbidden' });

    const { agent: nima } = (await created.json()) as { agent: AgentStatus };
    const reset = await fetch(`${server.url}/api/agents/${nima.id}/password`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ password: 'another long password' }) });
    expect(reset.status).toBe(204);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: editorCookie } })).status).toBe(401);
    await login(server.url, 'new@example.com', 'another long password');
  });

  it('lists unanswered questions grouped and ranked for editors', async () => {
    await start();
    const v = await visitor('en');
    for (const q of ['Do you sell spaceships?', 'do you sell SPACESHIPS', 'Where is the moon shop?', 'the courier left the box all squished']) {
      const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
      await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: q });
      await reply;
    }
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const { gaps } = (await (await fetch(`${server.url}/api/kb/gaps`, { headers: { cookie } })).json()) as { gaps: { count: number; example: string }[] };
    expect(gaps[0]?.count).toBe(2);
    expect(gaps[0]?.example.toLowerCase()).toContain('spaceships');
    // A new wording of an existing entry comes with that entry, to add the wording to it.
    const squished = (gaps as UnansweredGap[]).find((g) => g.example.includes('squished'));
    expect(squished?.closest).toMatchObject({ id: 'damaged-package-en', file: 'en/damaged-package-en.md', title: 'My package arrived damaged' });
    expect(squished?.closest?.score).toBeGreaterThan(0);
  });
});

describe('leave a message', () => {
  it('turns a handoff into a left message when nobody is online, and brings the answer back by tracking code', async () => {
    await start({ PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: 'true' });
    const v = await visitor('fa');
    const offer = await queued(v);
    expect(offer).toMatchObject({ status: 'bot', agentsAvailable: false });
    expect(await call(v.socket, 'leaveMessage', { name: 'مریم', text: 'فاکتور رسمی می‌خواهم' })).toMatchObject({ ok: false, error: 'invalid' });
    const left = await ok<{ conversation: ConversationView; trackingCode: string }>(v.socket, 'leaveMessage', { name: 'مریم', email: 'maryam@example.com', text: 'فاکتور رسمی می‌خواهم' });
    expect(left.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(left.conversation).toMatchObject({ status: 'offline', trackingCode: left.trackingCode });

    // An agent logs in later, sees it among the tickets, answers and closes.
    const ali = await agent('Ali');
    const { tickets } = await ok<{ tickets: ConversationSummary[] }>(ali.socket, 'tickets', {});
    expect(tickets.map((t) => t.id)).toContain(left.conversation.id);
    expect(tickets[0]).toMatchObject({ visitorName: 'مریم', trackingCode: left.trackingCode });
    await ok(ali.socket, 'claim', { conversationId: left.conversation.id });
    await ok(ali.socket, 'send', { conversationId: left.conversation.id, clientId: 'r1', text: 'فاکتور برایتان ایمیل شد.' });
    await ok(ali.socket, 'close', { conversationId: left.conversation.id, resolution: 'resolved' });

    // The visitor opens the widget again (same token): the answer is there.
    const back = await connectVisitor(server.url, { token: v.token, locale: 'fa' });
    sockets.push(back.socket);
    expect(back.welcome.messages.map((m) => m.text)).toContain('فاکتور برایتان ایمیل شد.');
    // And from another device, by the tracking code alone.
    const elsewhere = await visitor('fa');
    const found = await ok<{ messages: ChatMessage[] }>(elsewhere.socket, 'ticket', { trackingCode: left.trackingCode.toLowerCase() });
    expect(found.messages.map((m) => m.text)).toContain('فاکتور برایتان ایمیل شد.');
    expect(await call(elsewhere.socket, 'ticket', { trackingCode: 'AAAA-AAAA-AAAA' })).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('goes to leave-a-message outside business hours and when the team is away', async () => {
    await start();
    await agent('Omid');
    await server.porsan.team.updateSettings({ teamAway: true });
    expect(await queued(await visitor())).toMatchObject({ status: 'bot', agentsAvailable: false });
    await server.porsan.team.updateSettings({ teamAway: false, hours: { timeZone: 'Asia/Tehran', days: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } } });
    expect(await queued(await visitor())).toMatchObject({ status: 'bot', agentsAvailable: false });
    await server.porsan.team.updateSettings({ hours: { timeZone: 'Asia/Tehran', days: { '0': ['00:00-24:00'], '1': ['00:00-24:00'], '2': ['00:00-24:00'], '3': ['00:00-24:00'], '4': ['00:00-24:00'], '5': ['00:00-24:00'], '6': ['00:00-24:00'] } } });
    expect(await queued(await visitor())).toMatchObject({ status: 'queued', agentsAvailable: true });
  });
});

describe('queue estimates', () => {
  it('estimates the wait from recent pick-up times', async () => {
    await start();
    const pari = await agent('Pari');
    const first = await queued(await visitor());
    expect(first.etaSeconds).toBeNull(); // no history yet
    await new Promise((r) => setTimeout(r, 1200));
    await ok(pari.socket, 'claim', { conversationId: first.id });
    const [pickup] = await server.porsan.store.conversations.recentPickupSeconds();
    expect(pickup).toBeGreaterThanOrEqual(1.2);
    // Position × the median recent pick-up time, shared by the one agent online.
    const second = await queued(await visitor());
    expect(second.etaSeconds).toBe(Math.round(pickup!));
    const third = await queued(await visitor());
    expect(third.queuePosition).toBe(2);
    expect(third.etaSeconds).toBe(Math.round(2 * pickup!));
  });
});
