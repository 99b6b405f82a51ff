// An agent's day over HTTP and sockets, against a real server: the archive finds a closed
// conversation by a Persian word typed with Arabic letters and exports it; a rating's comment
// reaches the console; a new display name and picture reach the visitor; saved replies are the
// team's; an editor's FAQ entry is written to its file and answered without a restart, and two
// editors saving at once are told, not overwritten.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePage, ChatMessage, ConversationDetail, ConversationSummary, ConversationView, KbConflict, KbEntryFile, KbPreview, KbSaved, Profile, SavedReply } from '../../protocol/index.ts';
import { connectVisitor, next, ok, signInAgent, type AgentSocket, type TestVisitor } from '../helpers/clients.ts';
import { DEMO_KB, startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

let server: TestServer;
let kbDir: string;
const people = {} as Record<'agent' | 'editor' | 'admin', { socket: AgentSocket; id: string; cookie: string }>;
const visitors: TestVisitor[] = [];

beforeAll(async () => {
  kbDir = join(mkdtempSync(join(tmpdir(), 'porsan-day-')), 'kb');
  cpSync(DEMO_KB, kbDir, { recursive: true });
  server = await startTestServer({ kbDir });
  people.agent = await signInAgent(server, 'Dayagent', { role: 'agent' });
  people.editor = await signInAgent(server, 'Dayeditor', { role: 'editor' });
  people.admin = await signInAgent(server, 'Dayadmin', { role: 'admin' });
});
afterAll(async () => {
  for (const v of visitors) v.socket.disconnect();
  for (const p of Object.values(people)) p.socket.disconnect();
  await server.close();
});

async function api<T>(who: keyof typeof people, method: string, path: string, body?: unknown, raw?: { type: string; data: Buffer }): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const headers: Record<string, string> = { cookie: people[who].cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (raw) headers['content-type'] = raw.type;
  const res = await fetch(server.url + path, { method, headers, body: raw ? new Uint8Array(raw.data) : body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (a CSV export)
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** A visitor talks to the agent, who closes the conversation; the visitor rates it. */
async function closedConversation(words: string, comment: string): Promise<{ id: string; visitor: TestVisitor }> {
  const v = await connectVisitor(server.url, { locale: 'fa' });
  visitors.push(v);
  await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: words });
  const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
  await ok(people.agent.socket, 'claim', { conversationId: conversation.id });
  await ok(people.agent.socket, 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), text: '=HYPERLINK("x") بررسی می‌کنم' });
  await ok(people.agent.socket, 'close', { conversationId: conversation.id, resolution: 'resolved' });
  await ok(v.socket, 'rate', { conversationId: conversation.id, score: 4, comment });
  return { id: conversation.id, visitor: v };
}

describe('the archive', () => {
  let id = '';
  beforeAll(async () => {
    ({ id } = await closedConversation('سفارش PS-10234، هنوز نرسیده', 'خوب بود ولی کمی دیر'));
  });

  it('finds a closed conversation by a Persian word typed with Arabic ي, with the matching message and the rating comment', async () => {
    const r = await api<ArchivePage>('agent', 'GET', `/api/conversations?q=${encodeURIComponent('نرسيده')}&status=closed`);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.conversation.id)).toEqual([id]);
    expect(r.body.results[0]!.matches.map((m) => m.text)).toEqual(['سفارش PS-10234، هنوز نرسیده']);
    expect(r.body.results[0]!.conversation).toMatchObject({ rating: 4, ratingComment: 'خوب بود ولی کمی دیر', resolution: 'resolved', agentName: 'Dayagent' });
    // filters narrow it
    expect((await api<ArchivePage>('agent', 'GET', `/api/conversations?q=${encodeURIComponent('نرسيده')}&rating=5`)).body.results).toEqual([]);
    expect((await api<ArchivePage>('admin', 'GET', `/api/conversations?agent=${people.agent.id}&locale=fa&resolution=resolved`)).body.results.map((x) => x.conversation.id)).toContain(id);
    expect((await api('agent', 'GET', '/api/conversations?rating=9')).status).toBe(400);
  });

  it('opens the transcript, with the rating and its comment', async () => {
    const r = await api<ConversationDetail>('agent', 'GET', `/api/conversations/${id}`);
    expect(r.status).toBe(200);
    const rated = r.body.messages.find((m) => m.meta?.type === 'rated');
    expect(rated?.meta).toEqual({ type: 'rated', score: 4, comment: 'خوب بود ولی کمی دیر' });
    expect((await api('agent', 'GET', '/api/conversations/missing')).status).toBe(404);
  });

  it('never lets an editor search or read transcripts', async () => {
    for (const path of [`/api/conversations?q=x`, `/api/conversations/${id}`, '/api/conversations/export?format=json']) {
      expect((await api('editor', 'GET', path)).status, path).toBe(403);
    }
    expect((await fetch(server.url + `/api/conversations?q=x`)).status).toBe(401);
  });

  it('exports the transcripts of a filter as CSV (one row per message, formulas defused) and JSON', async () => {
    const csv = await api('agent', 'GET', `/api/conversations/export?format=csv&q=${encodeURIComponent('نرسيده')}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="porsan-conversations-\d{4}-\d\d-\d\d\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('conversation,started,status,language,visitor,agent,tags,rating,rating_comment,resolution,seq,time,author,name,internal,text');
    expect(lines.slice(1).every((l) => l.startsWith(id + ','))).toBe(true);
    expect(csv.text).toContain(',visitor,,,سفارش PS-10234، هنوز نرسیده');
    expect(csv.text).toContain(`,agent,Dayagent,,"'=HYPERLINK(""x"") بررسی می‌کنم"`);
    expect(csv.text).toContain('خوب بود ولی کمی دیر');

    const json = await api<{ conversation: ConversationSummary; messages: ChatMessage[] }[]>('agent', 'GET', `/api/conversations/export?format=json&q=${encodeURIComponent('نرسيده')}`);
    expect(json.body.map((x) => x.conversation.id)).toEqual([id]);
    expect(json.body[0]!.messages.map((m) => m.author)).toContain('agent');
  });
});

describe('profiles', () => {
  it('a new display name and picture reach the visitor the agent is talking with', async () => {
    const v = await connectVisitor(server.url, { locale: 'fa' });
    visitors.push(v);
    await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: 'سلام' });
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    const joined = next<ConversationView>(v.socket, 'conversation', (c) => c.status === 'assigned');
    await ok(people.admin.socket, 'claim', { conversationId: conversation.id });
    expect((await joined).agentName).toBe('Dayadmin');

    const renamed = next<ConversationView>(v.socket, 'conversation', (c) => c.agentName === 'سارا');
    const patched = await api<Profile>('admin', 'PATCH', '/api/profile', { name: 'سارا' });
    expect(patched.body).toMatchObject({ name: 'سارا', avatar: null });
    expect((await renamed).agentAvatar ?? null).toBeNull();
    // the console's own session knows the new name at once
    expect((await api<{ agent: { name: string } }>('admin', 'GET', '/api/me')).body.agent.name).toBe('سارا');

    const png = readFileSync(join(import.meta.dirname, '../../server/http/favicon.ico')).subarray(54); // the first PNG inside the icon
    const pictured = next<ConversationView>(v.socket, 'conversation', (c) => !!c.agentAvatar);
    const withPicture = await api<Profile>('admin', 'PUT', '/api/profile/avatar', undefined, { type: 'image/png', data: png });
    expect(withPicture.status).toBe(200);
    const view = await pictured;
    expect(view.agentAvatar).toBe(withPicture.body.avatar);
    const img = await fetch(server.url + view.agentAvatar!);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);

    // what is not an image is refused
    expect((await api('admin', 'PUT', '/api/profile/avatar', undefined, { type: 'image/png', data: Buffer.from('<svg onload=alert(1)>') })).status).toBe(400);
    // the agent's next message carries the new name
    const msg = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    await ok(people.admin.socket, 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), text: 'بفرمایید' });
    expect((await msg).agentName).toBe('سارا');
    await api('admin', 'PATCH', '/api/profile', { name: 'Dayadmin' });
  });
});

describe('saved replies', () => {
  it('admins manage them, agents read them, editors neither; shortcuts are unique and may be Persian', async () => {
    const made = await api<{ reply: SavedReply }>('admin', 'POST', '/api/replies', { shortcut: '/ارسال', title: 'زمان ارسال', body: 'سلام {visitor|دوست عزیز}، من {agent} هستم.' });
    expect(made.status).toBe(201);
    expect(made.body.reply.shortcut).toBe('ارسال');
    expect((await api('admin', 'POST', '/api/replies', { shortcut: 'ارسال', title: 'again', body: 'x' })).status).toBe(409);
    expect((await api('admin', 'POST', '/api/replies', { shortcut: 'has space', title: 't', body: 'x' })).status).toBe(400);
    expect((await api('agent', 'POST', '/api/replies', { shortcut: 'mine', title: 't', body: 'x' })).status).toBe(403);
    expect((await api('editor', 'GET', '/api/replies')).status).toBe(403);
    const list = await api<{ replies: SavedReply[] }>('agent', 'GET', '/api/replies');
    expect(list.body.replies.map((r) => r.shortcut)).toContain('ارسال');
    const edited = await api<{ reply: SavedReply }>('admin', 'PUT', `/api/replies/${made.body.reply.id}`, { shortcut: 'shipping', title: 'Shipping', body: 'Hi {visitor}' });
    expect(edited.body.reply).toMatchObject({ shortcut: 'shipping', body: 'Hi {visitor}' });
    expect((await api('admin', 'DELETE', `/api/replies/${made.body.reply.id}`)).status).toBe(204);
    expect((await api('admin', 'DELETE', `/api/replies/${made.body.reply.id}`)).status).toBe(404);
  });
});

describe('FAQ editing', () => {
  const entry = { id: 'gift-card-en', locale: 'en', questions: ['Do you sell gift cards?', 'Can I buy a gift voucher: for a friend?'], tags: ['gifts'], answer: 'Yes: **gift cards** from 100,000 toman, sent by email.' };

  it('previews with the loader’s checks and the widget’s rich tree', async () => {
    const good = await api<KbPreview>('editor', 'POST', '/api/kb/preview', { entry });
    expect(good.body.issues).toEqual([]);
    expect(JSON.stringify(good.body.rich)).toContain('{"t":"b","c":["gift cards"]}');
    expect(good.body.text).toContain('  - "Can I buy a gift voucher: for a friend?"');
    const bad = await api<KbPreview>('editor', 'POST', '/api/kb/preview', { entry: { ...entry, id: 'bad id!' } });
    expect(bad.body.issues[0]?.message).toMatch(/id may contain only/);
    expect((await api('agent', 'POST', '/api/kb/preview', { entry })).status).toBe(403);
  });

  it('creates the file, and the bot answers from it without a restart', async () => {
    const created = await api<KbSaved>('editor', 'POST', '/api/kb/entries', { entry });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ file: 'en/gift-card-en.md', live: true });
    const file = join(kbDir, 'en/gift-card-en.md');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('id: gift-card-en\nlocale: en\nquestions:\n  - Do you sell gift cards?\n');
    expect(server.porsan.knowledge.answer('do you sell gift cards', 'en')).toMatchObject({ decision: 'answer', entry: { id: 'gift-card-en' } });
    expect((await api('editor', 'POST', '/api/kb/entries', { entry })).status).toBe(409);
  });

  it('detects a concurrent edit by the file’s hash and never overwrites it', async () => {
    const opened = (await api<KbEntryFile>('editor', 'GET', '/api/kb/entries/gift-card-en')).body;
    const otherEditor = (await api<KbEntryFile>('admin', 'GET', '/api/kb/entries/gift-card-en')).body;
    const first = await api<KbSaved>('admin', 'PUT', '/api/kb/entries/gift-card-en', { entry: { ...otherEditor.entry, answer: 'Yes, from 200,000 toman.' }, baseHash: otherEditor.hash });
    expect(first.status).toBe(200);
    const second = await api<KbConflict>('editor', 'PUT', '/api/kb/entries/gift-card-en', { entry: { ...opened.entry, answer: 'No.' }, baseHash: opened.hash });
    expect(second.status).toBe(409);
    expect(second.body.current?.entry.answer).toBe('Yes, from 200,000 toman.');
    expect(readFileSync(join(kbDir, 'en/gift-card-en.md'), 'utf8')).toContain('Yes, from 200,000 toman.');
    // a change made in the file itself (an editor's text editor, a git pull) counts too
    writeFileSync(join(kbDir, 'en/gift-card-en.md'), readFileSync(join(kbDir, 'en/gift-card-en.md'), 'utf8').replace('200,000', '300,000'));
    expect((await api('admin', 'PUT', '/api/kb/entries/gift-card-en', { entry: { ...otherEditor.entry, answer: 'x' }, baseHash: first.body.hash })).status).toBe(409);
  });

  it('deletes with the hash it saw; the bot stops answering from it', async () => {
    const now = (await api<KbEntryFile>('editor', 'GET', '/api/kb/entries/gift-card-en')).body;
    expect((await api('editor', 'DELETE', '/api/kb/entries/gift-card-en', { baseHash: '0'.repeat(64) })).status).toBe(409);
    expect((await api('editor', 'DELETE', '/api/kb/entries/gift-card-en', { baseHash: now.hash })).status).toBe(204);
    expect(existsSync(join(kbDir, 'en/gift-card-en.md'))).toBe(false);
    await until(() => !server.porsan.knowledge.entry('gift-card-en'), 'the entry to be gone');
  });
});
