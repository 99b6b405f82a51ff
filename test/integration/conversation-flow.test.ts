// The whole conversation flow against a real server, with real socket.io clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationSummary, ConversationView, ConversationDetail } from '../../protocol/index.ts';
import { call, connectAgent, connectVisitor, login, next, ok, signInAgent, type AgentSocket, type TestVisitor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const open: { socket: { disconnect(): unknown } }[] = [];
const track = <T extends { socket: { disconnect(): unknown } }>(x: T) => (open.push(x), x);

async function agent(name: string): Promise<AgentSocket> {
  return track(await signInAgent(server, name)).socket;
}

async function visitor(locale: 'fa' | 'ar' | 'en' = 'en', token?: string): Promise<TestVisitor> {
  return track(await connectVisitor(server.url, { locale, token }));
}

/** Sends a message and returns the bot's reply to it. */
async function ask(v: TestVisitor, text: string): Promise<ChatMessage> {
  const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
  await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text });
  return reply;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const o of open) o.socket.disconnect();
  await server.close();
});

describe('the bot', () => {
  it.each([
    ['fa', 'سفارشم کی می‌رسد؟', 'shipping-time-fa'],
    ['ar', 'متى يصل طلبي؟', 'shipping-time-ar'],
    ['en', 'When will my order arrive?', 'shipping-time-en'],
  ] as const)('answers in %s from the knowledge base', async (locale, question, entryId) => {
    const v = await visitor(locale);
    const reply = await ask(v, question);
    expect(reply.meta).toMatchObject({ type: 'answer', entryId });
    expect(reply.text).toBe(server.porsan.knowledge.entry(entryId)?.answer);
    expect(reply.rich?.length).toBeGreaterThan(0);
  });

  it('says it does not know, with suggestions, when nothing fits', async () => {
    const v = await visitor('en');
    const reply = await ask(v, 'what is the airspeed velocity of an unladen swallow');
    expect(reply.meta?.type).toBe('no_answer');
    if (reply.meta?.type !== 'no_answer') return;
    expect(reply.meta.suggestions.length).toBeLessThanOrEqual(3);
    for (const s of reply.meta.suggestions) expect(server.porsan.knowledge.entry(s.id)?.questions[0]).toBe(s.title);
    const gaps = await server.porsan.store.unanswered.groups();
    expect(gaps.some((g) => g.example.includes('unladen swallow'))).toBe(true);
  });

  it('says "I don\'t know" in the widget\'s language when the text is in no language it knows', async () => {
    const v = await visitor('fa');
    const reply = await ask(v, 'zzqx plorv wumble');
    expect(reply.meta).toEqual({ type: 'no_answer', suggestions: [] });
    expect(reply.text).toMatch(/^متأسفم/);
  });

  it('renders markdown answers as a safe tree, never raw HTML', async () => {
    const v = await visitor('en');
    const reply = await ask(v, 'How long does delivery take?');
    const link = JSON.stringify(reply.rich);
    expect(link).toContain('"t":"p"');
    expect(link).not.toContain('<');
  });
});

describe('handoff and the queue', () => {
  it('hands off when the visitor asks for a person in words, in each language', async () => {
    for (const [locale, text] of [['fa', 'میخوام با اپراتور صحبت کنم'], ['ar', 'أريد التحدث مع موظف'], ['en', 'human please']] as const) {
      const v = await visitor(locale);
      const queued = next<ConversationView>(v.socket, 'conversation', (c) => c.status === 'queued');
      await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text });
      const conv = await queued;
      expect(conv.queuePosition).toBeGreaterThanOrEqual(1);
      const row = await server.porsan.store.conversations.get(conv.id);
      expect(row?.handoffReason).toBe('asked');
      await ok(v.socket, 'close', { conversationId: conv.id });
    }
  });

  it('hands off by the button and tells each visitor their live position', async () => {
    const a = await visitor('fa');
    const b = await visitor('fa');
    const c = await visitor('fa');
    const ca = (await ok<{ conversation: ConversationView }>(a.socket, 'handoff', {})).conversation;
    const cb = (await ok<{ conversation: ConversationView }>(b.socket, 'handoff', {})).conversation;
    const cc = (await ok<{ conversation: ConversationView }>(c.socket, 'handoff', {})).conversation;
    expect(ca.status).toBe('queued');
    expect([ca.queuePosition, cb.queuePosition, cc.queuePosition]).toEqual([1, 2, 3]);
    expect((await server.porsan.store.conversations.get(ca.id))?.handoffReason).toBe('button');

    // The first leaves the queue: the others move up, and are told so.
    const bMoved = next<ConversationView>(b.socket, 'conversation', (v) => v.queuePosition === 1);
    const cMoved = next<ConversationView>(c.socket, 'conversation', (v) => v.queuePosition === 2);
    await ok(a.socket, 'close', { conversationId: ca.id });
    await Promise.all([bMoved, cMoved]);
    await ok(b.socket, 'close', { conversationId: cb.id });
    await ok(c.socket, 'close', { conversationId: cc.id });
  });

  it('lets exactly one of two agents claiming at once win', async () => {
    const v = await visitor('en');
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    const [x, y] = [await agent('Xena'), await agent('Yusuf')];
    const results = await Promise.all([x, y].map((s) => call<{ conversation: ConversationSummary }>(s, 'claim', { conversationId: conversation.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: 'already_taken' });
    await ok(v.socket, 'close', { conversationId: conversation.id });
  });

  it('lets exactly one of twenty agents claiming at once win', async () => {
    const v = await visitor('en');
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => agent(`Agent${i}`)));
    const results = await Promise.all(agents.map((s) => call(s, 'claim', { conversationId: conversation.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === 'already_taken')).toHaveLength(19);
    const row = await server.porsan.store.conversations.get(conversation.id);
    expect(row?.status).toBe('assigned');
  });
});

describe('a live conversation', () => {
  it('carries messages both ways, shows the agent, the whole history, and ends with a rating', async () => {
    const v = await visitor('fa');
    await ask(v, 'سفارشم کی می‌رسد؟');
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    const ag = await agent('Sara');
    const hello = await ok<{ queue: ConversationSummary[] }>(ag, 'hello', {});
    const row = hello.queue.find((q) => q.id === conversation.id);
    expect(row).toMatchObject({ locale: 'fa', pageUrl: 'https://shop.example/products/1', firstQuestion: 'سفارشم کی می‌رسد؟' });

    const detail = await ok<ConversationDetail>(ag, 'open', { conversationId: conversation.id });
    expect(detail.messages.map((m) => m.author)).toEqual(['visitor', 'bot', 'system']);
    expect(detail.visitor.page?.url).toBe('https://shop.example/products/1');
    expect(detail.visitor.locale).toBe('fa');

    const assigned = next<ConversationView>(v.socket, 'conversation', (c) => c.status === 'assigned');
    await ok(ag, 'claim', { conversationId: conversation.id });
    expect((await assigned).agentName).toBe('Sara');

    const toVisitor = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    await ok(ag, 'send', { conversationId: conversation.id, clientId: 'a-1', text: 'سلام! **بله**، بررسی می‌کنم.' });
    const got = await toVisitor;
    expect(got).toMatchObject({ author: 'agent', agentName: 'Sara' });
    expect(got.rich?.[0]).toMatchObject({ t: 'p' });

    const toAgent = next<ChatMessage>(ag, 'message', (m) => m.author === 'visitor');
    await ok(v.socket, 'send', { clientId: 'v-2', text: 'ممنون <b>خیلی</b>' });
    const fromVisitor = await toAgent;
    expect(fromVisitor.text).toBe('ممنون <b>خیلی</b>');
    expect(fromVisitor.rich).toBeUndefined(); // visitor text stays plain text

    // A message the visitor retries (same clientId) is stored once.
    const again = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'v-2', text: 'ممنون <b>خیلی</b>' });
    expect(again.message.id).toBe(fromVisitor.id);

    const closed = next<ConversationView>(v.socket, 'conversation', (c) => c.status === 'closed');
    await ok(ag, 'close', { conversationId: conversation.id });
    await closed;
    expect(await call(v.socket, 'rate', { conversationId: conversation.id, score: 6 })).toMatchObject({ ok: false, error: 'invalid' });
    await ok(v.socket, 'rate', { conversationId: conversation.id, score: 5, comment: 'عالی' });
    expect(await call(v.socket, 'rate', { conversationId: conversation.id, score: 1 })).toMatchObject({ ok: false, error: 'wrong_state' });
    expect((await server.porsan.store.conversations.get(conversation.id))?.rating).toBe(5);

    // After a restart the next message opens a new conversation.
    await ok(v.socket, 'restart', {});
    const first = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'v-3', text: 'hello again' });
    expect(first.message.conversationId).not.toBe(conversation.id);
  });

  it('lets the visitor end the conversation', async () => {
    const v = await visitor('en');
    await ask(v, 'When will my order arrive?');
    const conv = v.welcome.conversation ?? (await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {})).conversation;
    const res = await ok<{ conversation: ConversationView }>(v.socket, 'close', { conversationId: conv.id });
    expect(res.conversation.status).toBe('closed');
  });
});

describe('history and privacy', () => {
  it('restores the conversation on reload, and after a server restart', async () => {
    const v = await visitor('en');
    await ask(v, 'When will my order arrive?');
    v.socket.disconnect();

    const again = await visitor('en', v.token);
    expect(again.welcome.visitorId).toBe(v.welcome.visitorId);
    expect(again.welcome.messages.map((m) => m.author)).toEqual(['visitor', 'bot']);
    expect(again.welcome.messages.map((m) => m.seq)).toEqual([1, 2]);
    again.socket.disconnect();

    server = await server.restart();
    const afterRestart = await visitor('en', v.token);
    expect(afterRestart.welcome.messages.map((m) => m.text)[0]).toBe('When will my order arrive?');
    // A client that already has seq 1 gets only what follows.
    const partial = await visitor('en', v.token);
    const synced = await ok<{ messages: ChatMessage[] }>(partial.socket, 'sync', { conversationId: afterRestart.welcome.conversation!.id, afterSeq: 1 });
    expect(synced.messages.map((m) => m.seq)).toEqual([2]);
  });

  it("never lets one visitor's token read another visitor's conversation", async () => {
    const alice = await visitor('en');
    await ask(alice, 'When will my order arrive?');
    const aliceConv = (await visitor('en', alice.token)).welcome.conversation!;
    const mallory = await visitor('en');
    expect(await call(mallory.socket, 'sync', { conversationId: aliceConv.id, afterSeq: 0 })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await call(mallory.socket, 'close', { conversationId: aliceConv.id })).toMatchObject({ ok: false, error: 'not_found' });
    expect(mallory.welcome.messages).toEqual([]);
    // A forged token gets a fresh identity, not someone else's.
    const forged = await visitor('en', 'not-a-real-token');
    expect(forged.welcome.visitorId).not.toBe(alice.welcome.visitorId);
    expect(forged.welcome.messages).toEqual([]);
  });

  it('refuses agent sockets without a session', async () => {
    await expect(connectAgent(server.url, 'porsan_session=forged')).rejects.toThrow(/unauthorized/);
  });
});

describe('bad input', () => {
  it('answers malformed events with an error and stays up', async () => {
    const v = await visitor('en');
    const bad: [string, unknown][] = [
      ['send', null],
      ['send', { clientId: 'x' }],
      ['send', { clientId: 'x', text: 42 }],
      ['send', { clientId: 'x', text: '   ' }],
      ['send', { clientId: 'x', text: 'a'.repeat(5000) }],
      ['send', { clientId: '<script>', text: 'hi' }],
      ['sync', { conversationId: 'x', afterSeq: -1 }],
      ['rate', { conversationId: 'x', score: 'five' }],
      ['identify', { email: 'not an email' }],
      ['hello', { locale: 'de', page: { url: 'x' } }],
      ['hello', 'just a string'],
    ];
    for (const [event, payload] of bad) {
      const res = await call(v.socket, event, payload);
      expect(res, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toMatchObject({ ok: false, error: 'invalid' });
    }
    (v.socket as unknown as { emit(e: string, p: unknown): void }).emit('send', { clientId: 'no-ack', text: 'no ack function' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await ask(v, 'When will my order arrive?')).meta?.type).toBe('answer');
  });

  it('rejects malformed HTTP bodies with a clear error', async () => {
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid', message: 'Malformed JSON.' });
    const wrong = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: server.admin.email, password: 'wrong' }) });
    expect(wrong.status).toBe(401);
  });
});

describe('login', () => {
  it('is rate-limited per address after repeated failures', async () => {
    const limited = await startTestServer({ env: { PORSAN_LOGIN_LIMIT: '3' } });
    try {
      const attempt = () =>
        fetch(`${limited.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: limited.admin.email, password: 'guess' }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the console edge', () => {
  it('refuses agent sockets opened from another origin, even with a valid session', async () => {
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const { io } = await import('socket.io-client');
    const foreign = io(`${server.url}/agent`, { extraHeaders: { cookie, origin: 'https://evil.example' }, transports: ['websocket'], forceNew: true });
    const err = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(err.message).toBe('forbidden origin');
    foreign.disconnect();
    const same = await connectAgent(server.url, cookie);
    expect(same.connected).toBe(true);
    same.disconnect();
  });

  it('serves the console with a strict content security policy', async () => {
    const res = await fetch(`${server.url}/console/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
