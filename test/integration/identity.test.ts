// Verified identity across devices: a site's signed user id joins a visitor to one customer
// history; anything unsigned or signed wrongly (or with no secret configured) only labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationDetail, ConversationView, VisitorWelcome } from '../../protocol/index.ts';
import { hashToken } from '../../server/auth.ts';
import { userHash } from '../../server/security/identity.ts';
import { call, connectVisitor, next, ok, signInAgent, type TestVisitor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SECRET = 'identity-secret-for-tests-0123456789';
let server: TestServer;
let bare: TestServer;
const open: { socket: { disconnect(): unknown } }[] = [];
const track = <T extends { socket: { disconnect(): unknown } }>(x: T) => (open.push(x), x);
const visitor = async (on: TestServer = server, token?: string): Promise<TestVisitor> => track(await connectVisitor(on.url, { token }));
const hello = (v: TestVisitor) => ok<VisitorWelcome>(v.socket, 'hello', { locale: 'en', page: { url: 'https://shop.example/account' }, afterSeq: 0 });
const say = async (v: TestVisitor, text: string) => (await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: crypto.randomUUID(), text })).message;

beforeAll(async () => {
  [server, bare] = await Promise.all([startTestServer({ env: { PORSAN_IDENTITY_SECRET: SECRET } }), startTestServer()]);
});
afterAll(async () => {
  for (const o of open) o.socket.disconnect();
  await Promise.all([server.close(), bare.close()]);
});

describe('a verified identity', () => {
  it('shares one history between two devices, live', async () => {
    const claim = { userId: 'user-1001', email: 'sara@example.com', name: 'Sara', userHash: userHash(SECRET, 'user-1001') };
    const phone = await visitor();
    expect(await ok(phone.socket, 'identify', claim)).toMatchObject({ verified: true });
    const first = await say(phone, 'When will my order arrive?');

    const laptop = await visitor();
    expect(laptop.welcome.conversation).toBeNull();
    expect(await ok(laptop.socket, 'identify', claim)).toEqual({ ok: true, verified: true, changed: true });
    const again = await hello(laptop);
    expect(again.conversation?.id).toBe(first.conversationId);
    expect(again.messages.map((m) => m.text)).toContain('When will my order arrive?');
    expect(again.token).toBe(laptop.token); // still its own visitor, linked

    // What one device writes, the other sees at once; the conversation is the same.
    const seen = next<ChatMessage>(phone.socket, 'message', (m) => m.text === 'and can I change the address?');
    const fromLaptop = await say(laptop, 'and can I change the address?');
    expect(fromLaptop.conversationId).toBe(first.conversationId);
    await seen;
    // The phone asks for a person: the laptop learns the conversation waits in the queue, with its place.
    const queued = next<ConversationView>(laptop.socket, 'conversation', (c) => c.status === 'queued' && c.queuePosition === 1);
    await ok(phone.socket, 'handoff', {});
    expect((await queued).id).toBe(first.conversationId);

    // A third device, after the first conversation ended: a new chat, and agents see both as one history.
    const store = server.porsan.store;
    const agent = track(await signInAgent(server, 'Nima'));
    await store.conversations.transition(first.conversationId, ['bot', 'queued', 'assigned'], { status: 'closed', closedAt: new Date().toISOString(), closedBy: 'visitor' });
    await new Promise((r) => setTimeout(r, 5)); // a later start time than the first one's
    const tablet = await visitor();
    await ok(tablet.socket, 'identify', claim);
    const second = await say(tablet, 'Do you ship to Shiraz?');
    expect(second.conversationId).not.toBe(first.conversationId);
    const detail = await ok<ConversationDetail>(agent.socket, 'open', { conversationId: second.conversationId });
    expect(detail.visitor.customer).toMatchObject({ userId: 'user-1001', name: 'Sara', email: null });
    expect(detail.earlier.map((e) => e.conversation.id)).toEqual([first.conversationId]);
    expect(detail.earlier[0]?.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['When will my order arrive?', 'and can I change the address?']));
    expect(detail.earlier[0]?.conversation.channel).toBe('chat');
  });

  it('may be the address alone, signed', async () => {
    const claim = { email: 'Omid@Example.com', userHash: userHash(SECRET, 'Omid@Example.com') };
    const a = await visitor();
    expect(await ok(a.socket, 'identify', claim)).toMatchObject({ verified: true });
    const m = await say(a, 'hello there');
    const b = await visitor();
    expect(await ok(b.socket, 'identify', claim)).toMatchObject({ verified: true, changed: true });
    expect((await hello(b)).conversation?.id).toBe(m.conversationId);
    const linked = await server.porsan.store.visitors.byTokenHash(hashToken(b.token));
    expect((await server.porsan.store.customers.customerOf(linked!.id))?.email).toBe('omid@example.com');
  });
});

describe('an unverified identity', () => {
  let victim: { conversationId: string };
  beforeAll(async () => {
    const v = await visitor();
    await ok(v.socket, 'identify', { userId: 'user-2002', email: 'leila@example.com', userHash: userHash(SECRET, 'user-2002') });
    victim = await say(v, 'my private question');
  });

  it.each([
    ['no hash', { userId: 'user-2002', email: 'leila@example.com' }],
    ['a wrong hash', { userId: 'user-2002', email: 'leila@example.com', userHash: userHash('another secret entirely!', 'user-2002') }],
    ['a hash of something else', { userId: 'user-2002', userHash: userHash(SECRET, 'leila@example.com') }],
    ['a malformed hash', { userId: 'user-2002', userHash: 'zz' }],
    ['the address alone, unsigned', { email: 'leila@example.com' }],
  ])('with %s only labels the visitor and sees nothing of the history', async (_what, claim) => {
    const spoof = await visitor();
    expect(await ok(spoof.socket, 'identify', claim)).toEqual({ ok: true, verified: false });
    const again = await hello(spoof);
    expect(again.conversation).toBeNull();
    expect(again.messages).toEqual([]);
    expect(await call(spoof.socket, 'sync', { conversationId: victim.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: 'not_found' });
    // Its own conversation stays its own.
    const mine = await say(spoof, 'hi');
    expect(mine.conversationId).not.toBe(victim.conversationId);
    const row = await server.porsan.store.conversations.get(mine.conversationId);
    expect(row?.customerId).toBeNull();
    const labelled = await server.porsan.store.visitors.get(row!.visitorId);
    expect(labelled).toMatchObject({ customerId: null, verified: false });
    if ('email' in claim) expect(labelled?.email).toBe(claim.email);
  });

  it('is all there is without a secret configured', async () => {
    const claim = { userId: 'user-3003', userHash: userHash(SECRET, 'user-3003') };
    const a = await visitor(bare);
    expect(await ok(a.socket, 'identify', claim)).toEqual({ ok: true, verified: false });
    const m = await say(a, 'anyone?');
    const b = await visitor(bare);
    expect(await ok(b.socket, 'identify', claim)).toEqual({ ok: true, verified: false });
    expect((await hello(b)).conversation).toBeNull();
    expect(await call(b.socket, 'sync', { conversationId: m.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: 'not_found' });
  });
});

describe('another user signing in on the same browser without a reset', () => {
  it('no longer sees the first user’s conversation', async () => {
    const v = await visitor();
    await ok(v.socket, 'identify', { userId: 'user-5005', userHash: userHash(SECRET, 'user-5005') });
    const m = await say(v, 'first user question');
    expect(await ok(v.socket, 'identify', { userId: 'user-6006', userHash: userHash(SECRET, 'user-6006') })).toEqual({ ok: true, verified: true, changed: true });
    const again = await hello(v);
    expect(again.conversation).toBeNull();
    expect(await call(v.socket, 'sync', { conversationId: m.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: 'not_found' });
    const mine = await say(v, 'second user question');
    expect(mine.conversationId).not.toBe(m.conversationId);
    const second = await server.porsan.store.customers.findOrCreateVerifiedCustomer({ userId: 'user-6006' });
    expect((await server.porsan.store.customers.conversationsOfCustomer(second.id)).map((c) => c.id)).toEqual([mine.conversationId]);
  });
});

describe('logging out (Porsan.reset)', () => {
  it('leaves the device a new anonymous visitor, who sees nothing', async () => {
    const claim = { userId: 'user-4004', userHash: userHash(SECRET, 'user-4004') };
    const v = await visitor();
    await ok(v.socket, 'identify', claim);
    const m = await say(v, 'before logging out');
    // The widget forgets its token: the next connection is a new visitor.
    v.socket.disconnect();
    const after = await visitor();
    expect(after.token).not.toBe(v.token);
    expect(after.welcome.conversation).toBeNull();
    expect(await call(after.socket, 'sync', { conversationId: m.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: 'not_found' });
    // Logging in again joins the history again.
    await ok(after.socket, 'identify', claim);
    expect((await hello(after)).conversation?.id).toBe(m.conversationId);
  });
});
