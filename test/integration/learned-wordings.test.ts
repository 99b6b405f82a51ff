// The middle band and learned wordings against a real server: "Is this what you mean?", the
// visitor's choice and the bot's reply, evidence (and when it does not count), editors' accept
// (the entry's file gains the wording, the bot answers it) and reject, and PORSAN_KB_AUTO_LEARN.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConfirmMeta, LearnedWordingInfo } from '../../protocol/index.ts';
import { call, connectVisitor, next, ok, signInAgent, type TestVisitor } from '../helpers/clients.ts';
import { DEMO_KB, startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

// Demo-KB wordings the bot is not sure enough to answer but clearly leans on one entry for.
const PARCEL = 'how long until my parcel shows up'; // shipping-time-en; else damaged-package-en
const PACKAGE = 'where is my package'; // damaged-package-en; else shipping-time-en, order-tracking-en
const ABROAD = 'do you deliver abroad'; // international-shipping-en, nothing else

function copyKb(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'porsan-learned-')), 'kb');
  cpSync(DEMO_KB, dir, { recursive: true });
  return dir;
}

/** Sends a question and returns the bot's reply. */
async function ask(v: TestVisitor, text: string): Promise<ChatMessage> {
  const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
  await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text });
  return reply;
}

/** Chooses on a bot message and returns the bot's reply to the choice. */
async function choose(v: TestVisitor, messageId: string, entryId: string | null): Promise<{ choice: ChatMessage; reply: ChatMessage }> {
  const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
  const { message } = await ok<{ message: ChatMessage }>(v.socket, 'choose', { messageId, entryId });
  return { choice: message, reply: await reply };
}

async function api<T>(server: TestServer, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('the middle band and learned wordings', () => {
  let server: TestServer;
  let kbDir: string;
  let editor: string;
  const visitors: TestVisitor[] = [];
  const visitor = async () => {
    const v = await connectVisitor(server.url);
    visitors.push(v);
    return v;
  };
  const wordings = async () => (await api<{ wordings: LearnedWordingInfo[] }>(server, editor, 'GET', '/api/kb/learned')).body.wordings;
  const wording = async (text: string, entryId: string) => (await wordings()).find((w) => w.text === text && w.entryId === entryId);

  beforeAll(async () => {
    kbDir = copyKb();
    server = await startTestServer({ kbDir });
    editor = (await signInAgent(server, 'Editor', { role: 'editor' })).cookie;
  });
  afterAll(async () => {
    for (const v of visitors) v.socket.disconnect();
    await server.close();
  });

  it('asks "Is this what you mean?" with the entry and the other suggestions', async () => {
    const v = await visitor();
    const reply = await ask(v, PARCEL);
    expect(reply.meta).toMatchObject({ type: 'confirm', entryId: 'shipping-time-en', title: 'How long does delivery take?' });
    const meta = reply.meta as ConfirmMeta;
    expect(meta.suggestions.map((s) => s.id)).toEqual(['damaged-package-en']);
    expect(reply.text).toContain('Is this what you mean?');
    // editors' "try a question" says the same
    const tried = await api<{ decision: string; entryId: string | null }>(server, editor, 'POST', '/api/kb/try', { q: PARCEL, locale: 'en' });
    expect(tried.body).toMatchObject({ decision: 'confirm', entryId: 'shipping-time-en' });
  });

  it('confirming: the choice is stored, the bot answers with the entry, the wording gains evidence', async () => {
    const v = await visitor();
    const confirm = await ask(v, PARCEL);
    const { choice, reply } = await choose(v, confirm.id, 'shipping-time-en');
    expect(choice).toMatchObject({ author: 'visitor', text: 'How long does delivery take?', meta: { type: 'choice', messageId: confirm.id, entryId: 'shipping-time-en', on: 'confirm' } });
    expect(reply.meta).toMatchObject({ type: 'answer', entryId: 'shipping-time-en', chosen: true });
    expect(reply.text).toContain('working days');
    const w = await until(() => wording(PARCEL, 'shipping-time-en'), 'the learned wording');
    expect(w).toMatchObject({ status: 'pending', evidence: 1, visitors: 1, locale: 'en', entryTitle: 'How long does delivery take?' });
    // one choice per message: a second tap is a retry, not a second piece of evidence
    const again = await ok<{ message: ChatMessage }>(v.socket, 'choose', { messageId: confirm.id, entryId: 'shipping-time-en' });
    expect(again.message.id).toBe(choice.id);
    expect((await wording(PARCEL, 'shipping-time-en'))?.evidence).toBe(1);
  });

  it('"No, something else": the other suggestions, no evidence; a choice must be one that was offered', async () => {
    const v = await visitor();
    const confirm = await ask(v, PACKAGE);
    expect(confirm.meta).toMatchObject({ type: 'confirm', entryId: 'damaged-package-en' });
    expect((await call(v.socket, 'choose', { messageId: confirm.id, entryId: 'gift-wrapping-en' })).ok).toBe(false);
    expect((await call(v.socket, 'choose', { messageId: 'nope', entryId: null })).ok).toBe(false);
    const { choice, reply } = await choose(v, confirm.id, null);
    expect(choice).toMatchObject({ text: 'No, something else', meta: { type: 'choice', entryId: null, on: 'confirm' } });
    expect(reply.meta).toMatchObject({ type: 'no_answer' });
    const offered = reply.meta?.type === 'no_answer' ? reply.meta.suggestions.map((s) => s.id) : [];
    expect(offered).toEqual(['shipping-time-en', 'order-tracking-en']);
    expect(await wording(PACKAGE, 'damaged-package-en')).toBeUndefined();
    // and the question joins what editors see as unanswered
    const gaps = (await api<{ gaps: { example: string }[] }>(server, editor, 'GET', '/api/kb/gaps')).body.gaps;
    expect(gaps.map((g) => g.example)).toContain(PACKAGE);
    // picking one of those suggestions is evidence too
    const picked = await choose(v, reply.id, 'order-tracking-en');
    expect(picked.choice.meta).toMatchObject({ type: 'choice', entryId: 'order-tracking-en', on: 'suggestion' });
    expect(picked.reply.meta).toMatchObject({ type: 'answer', entryId: 'order-tracking-en' });
    expect(await until(() => wording(PACKAGE, 'order-tracking-en'))).toMatchObject({ evidence: 1, visitors: 1 });
  });

  it('a request for a person after the pick: the evidence does not count', async () => {
    const v = await visitor();
    const confirm = await ask(v, 'what do you charge to deliver');
    expect(confirm.meta).toMatchObject({ type: 'confirm', entryId: 'shipping-cost-en' });
    await choose(v, confirm.id, 'shipping-cost-en');
    expect(await until(() => wording('what do you charge to deliver', 'shipping-cost-en'))).toMatchObject({ evidence: 1 });
    await ok(v.socket, 'handoff', {});
    await until(async () => (await wording('what do you charge to deliver', 'shipping-cost-en'))?.evidence === 0, 'the evidence voided');
    expect(await wording('what do you charge to deliver', 'shipping-cost-en')).toMatchObject({ evidence: 0, visitors: 0 });
  });

  it('an agent answering a handed-off question with an FAQ answer is evidence', async () => {
    const v = await visitor();
    await ask(v, 'my parcel is stuck at customs what now');
    await ok(v.socket, 'handoff', {});
    const agent = await signInAgent(server, 'Agent');
    const conversationId = v.welcome.conversation?.id ?? (await server.porsan.store.conversations.currentOf(v.welcome.visitorId))!.id;
    await ok(agent.socket, 'claim', { conversationId });
    const answer = server.porsan.knowledge.entry('international-shipping-en')!.answer;
    await ok(agent.socket, 'send', { conversationId, clientId: crypto.randomUUID(), text: `Hello!\n\n${answer}` });
    expect(await until(() => wording('my parcel is stuck at customs what now', 'international-shipping-en'))).toMatchObject({ evidence: 1, visitors: 0 });
    agent.socket.disconnect();
  });

  it('accept: the entry file gains the wording under questions:, and the bot answers it', async () => {
    const w = (await wording(PARCEL, 'shipping-time-en'))!;
    const before = readFileSync(join(kbDir, 'en/shipping-time-en.md'), 'utf8');
    expect(before).not.toContain(PARCEL);
    // agents cannot
    const agentCookie = (await signInAgent(server, 'Agent')).cookie;
    expect((await api(server, agentCookie, 'POST', `/api/kb/learned/${w.id}/accept`, {})).status).toBe(403);
    const r = await api<{ wording: LearnedWordingInfo; saved: { live: boolean } | null }>(server, editor, 'POST', `/api/kb/learned/${w.id}/accept`, {});
    expect(r.status).toBe(200);
    expect(r.body.wording.status).toBe('accepted');
    expect(r.body.saved?.live).toBe(true);
    const after = readFileSync(join(kbDir, 'en/shipping-time-en.md'), 'utf8');
    const questions = after.slice(after.indexOf('questions:'), after.indexOf('tags:'));
    expect(questions).toContain(`  - ${PARCEL}\n`);
    const v = await visitor();
    expect((await ask(v, PARCEL)).meta).toMatchObject({ type: 'answer', entryId: 'shipping-time-en' });
    expect((await api(server, editor, 'POST', `/api/kb/learned/${w.id}/accept`, { extra: 1 })).status).toBe(400);
  });

  it('reject: the wording is never learned', async () => {
    const w = (await wording(PACKAGE, 'order-tracking-en'))!;
    const r = await api<{ wording: LearnedWordingInfo }>(server, editor, 'POST', `/api/kb/learned/${w.id}/reject`);
    expect(r.body.wording.status).toBe('rejected');
    expect(readFileSync(join(kbDir, 'en/order-tracking-en.md'), 'utf8')).not.toContain(PACKAGE);
    const v = await visitor();
    expect((await ask(v, PACKAGE)).meta).not.toMatchObject({ type: 'answer', entryId: 'order-tracking-en' });
    expect((await wording(PACKAGE, 'order-tracking-en'))?.status).toBe('rejected');
    expect((await api(server, editor, 'POST', '/api/kb/learned/no-such-id/reject')).status).toBe(404);
  });
});

// SQLite always; PostgreSQL too when PORSAN_TEST_DATABASE_URL is set (a fresh schema).
const pgBase = process.env.PORSAN_TEST_DATABASE_URL;
const databases: [string, () => Promise<Record<string, string>>][] = [['SQLite', async () => ({})]];
if (pgBase) {
  databases.push([
    'PostgreSQL',
    async () => {
      const schema = `porsan_learned_${process.pid}_${Date.now()}`;
      const client = new pg.Client({ connectionString: pgBase });
      await client.connect();
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.end();
      return { PORSAN_DATABASE_URL: `${pgBase}${pgBase.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    },
  ]);
}

describe.each(databases)('PORSAN_KB_AUTO_LEARN on %s', (_name, database) => {
  let server: TestServer;
  const visitors: TestVisitor[] = [];
  beforeAll(async () => {
    server = await startTestServer({ kbDir: copyKb(), env: { PORSAN_KB_AUTO_LEARN: '3', ...(await database()) } });
  });
  afterAll(async () => {
    for (const v of visitors) v.socket.disconnect();
    await server.close();
  });

  const confirmAs = async (text: string, entryId: string, yes = true) => {
    const v = await connectVisitor(server.url);
    visitors.push(v);
    const confirm = await ask(v, text);
    expect(confirm.meta).toMatchObject({ type: 'confirm', entryId });
    await choose(v, confirm.id, yes ? entryId : null);
    return v;
  };

  it('a wording confirmed by N different visitors is answered before an editor accepts it', async () => {
    const first = await confirmAs(ABROAD, 'international-shipping-en');
    // the same visitor again counts once
    const again = await ask(first, ABROAD);
    await choose(first, again.id, 'international-shipping-en');
    await confirmAs(ABROAD, 'international-shipping-en');
    expect((await ask(first, ABROAD)).meta?.type).toBe('confirm');
    await confirmAs(ABROAD, 'international-shipping-en');
    const v = await connectVisitor(server.url);
    visitors.push(v);
    await until(async () => (await ask(v, ABROAD)).meta?.type === 'answer', 'the auto-learned wording answered');
  });

  it('a rejected wording is never auto-learned', async () => {
    for (let i = 0; i < 3; i++) await confirmAs(PARCEL, 'shipping-time-en');
    const v = await connectVisitor(server.url);
    visitors.push(v);
    await until(async () => (await ask(v, PARCEL)).meta?.type === 'answer', 'auto-learned');
    const editor = (await signInAgent(server, 'Editor', { role: 'editor' })).cookie;
    const list = (await api<{ wordings: LearnedWordingInfo[] }>(server, editor, 'GET', '/api/kb/learned')).body.wordings;
    const w = list.find((x) => x.text === PARCEL)!;
    expect(w).toMatchObject({ auto: true, visitors: 3 });
    await api(server, editor, 'POST', `/api/kb/learned/${w.id}/reject`);
    expect((await ask(v, PARCEL)).meta?.type).toBe('confirm');
    await confirmAs(PARCEL, 'shipping-time-en');
    expect((await ask(v, PARCEL)).meta?.type).toBe('confirm');
  });
});
