// The REST API end to end: a visitor talks to the bot and asks for a person, another tool answers
// and closes the conversation through the API with a token an admin made, the visitor sees the
// reply and rates it, and everything reads back through the API — every answer checked against
// the OpenAPI document the server serves (itself a valid OpenAPI 3.1 document).
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiConversationDetail, ApiConversationPage, ChatMessage, ReportSummary } from '../../protocol/index.ts';
import { today } from '../../server/reports/calendar.ts';
import { adminCookie, call, createToken, responseChecker } from '../helpers/api.ts';
import { connectVisitor, next, ok, signInAgent } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let doc: Parameters<typeof responseChecker>[0];
let check: ReturnType<typeof responseChecker>;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
  check = responseChecker(doc);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

/** A call whose answer must match what the document promises for it. */
async function checked<T>(token: string, method: string, path: string, docPath: string, body?: unknown, status = 200) {
  const r = await call<T>(server, token, method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(check(docPath, method.toLowerCase(), status, r.body)).toEqual([]);
  return r.body;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document describing every route, with scopes and bearer security', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(ops.sort()).toEqual([
      'GET /api/v1/conversations',
      'GET /api/v1/conversations/{id}',
      'GET /api/v1/kb/entries',
      'GET /api/v1/reports/summary',
      'POST /api/v1/conversations/{id}/close',
      'POST /api/v1/conversations/{id}/messages',
    ]);
    const list = (doc.paths['/api/v1/conversations'] as Record<string, Record<string, unknown>>).get!;
    expect(list['x-porsan-scope']).toBe('read');
    expect((list.parameters as { name: string }[]).map((p) => p.name)).toEqual(['status', 'from', 'to', 'cursor', 'limit']);
    expect(doc.components.schemas).toHaveProperty('Conversation');
    expect(doc.components.schemas).toHaveProperty('ReportSummary');
  });

  it('says what the handlers check: a body the schema refuses is refused with the field named', async () => {
    const { token } = await createToken(server, ['read', 'write']);
    const r = await call(server, token, 'POST', '/api/v1/conversations/x/messages', { text: '' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'invalid', message: expect.stringContaining('body.text') });
    const q = await call(server, token, 'GET', '/api/v1/reports/summary?from=2026-02-30&to=2026-03-01');
    expect(q.status).toBe(400);
    expect(q.body).toMatchObject({ error: 'invalid', message: expect.stringContaining('query.from') });
  });
});

describe('a whole conversation through the API', () => {
  it('answers, closes and reads back a conversation a visitor had with the bot and a person', async () => {
    const { token } = await createToken(server, ['read', 'write'], { name: 'CRM' });
    const v = await connectVisitor(server.url, { locale: 'en' });
    sockets.push(v.socket);
    await ok(v.socket, 'identify', { name: 'Nasrin', email: 'nasrin@example.com' });
    const botAnswer = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
    const { message: question } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'q1', text: 'When will my order arrive?' });
    expect((await botAnswer).meta).toMatchObject({ type: 'answer' });
    await ok(v.socket, 'handoff', {});
    const id = question.conversationId;

    // The tool replies as the token's person (the admin): the queued conversation is claimed for them.
    const seen = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    const sent = await checked<{ message: { id: string; author: string; agentName: string } }>(token, 'POST', `/api/v1/conversations/${id}/messages`, '/api/v1/conversations/{id}/messages', { text: 'Hello Nasrin, **your order** ships today.', clientId: 'crm-1' }, 201);
    expect(sent.message).toMatchObject({ author: 'agent', agentName: 'Admin' });
    expect((await seen).text).toBe('Hello Nasrin, **your order** ships today.');
    // The same client id again is stored once.
    const again = await call<{ message: { id: string } }>(server, token, 'POST', `/api/v1/conversations/${id}/messages`, { text: 'Hello Nasrin, **your order** ships today.', clientId: 'crm-1' });
    expect(again.body.message.id).toBe(sent.message.id);

    await ok(v.socket, 'send', { clientId: 'q2', text: 'Thank you!' });
    const closed = await checked<{ conversation: { status: string; resolution: string } }>(token, 'POST', `/api/v1/conversations/${id}/close`, '/api/v1/conversations/{id}/close', { resolution: 'resolved' });
    expect(closed.conversation).toMatchObject({ status: 'closed', resolution: 'resolved' });
    await ok(v.socket, 'rate', { conversationId: id, score: 5, comment: 'quick and kind' });

    const detail = await checked<ApiConversationDetail>(token, 'GET', `/api/v1/conversations/${id}`, '/api/v1/conversations/{id}');
    expect(detail.conversation).toMatchObject({ id, status: 'closed', visitorName: 'Nasrin', agentName: 'Admin', rating: 5, ratingComment: 'quick and kind', handoffReason: 'button', resolution: 'resolved', firstQuestion: 'When will my order arrive?' });
    expect(detail.conversation.firstResponseAt).not.toBeNull();
    expect(detail.visitor.profile).toEqual({ name: 'Nasrin', email: 'nasrin@example.com' });
    expect(detail.messages.map((m) => [m.author, m.meta?.type ?? null])).toEqual([
      ['visitor', null],
      ['bot', 'answer'],
      ['system', 'handoff'],
      ['system', 'assigned'],
      ['agent', null],
      ['visitor', null],
      ['system', 'closed'],
      ['system', 'rated'],
    ]);
    expect(detail.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const page = await checked<ApiConversationPage>(token, 'GET', `/api/v1/conversations?status=closed&from=${today('Asia/Tehran')}&to=${today('Asia/Tehran')}`, '/api/v1/conversations');
    expect(page.items.map((c) => c.id)).toContain(id);
    expect(page.items.every((c) => c.status === 'closed')).toBe(true);

    const summary = await checked<ReportSummary>(token, 'GET', `/api/v1/reports/summary?from=${today('Asia/Tehran')}&to=${today('Asia/Tehran')}`, '/api/v1/reports/summary');
    expect(summary).toMatchObject({ conversations: 1, botOnly: 0, botAnswered: 1, handoffs: 1, botResolutionRate: 0, csat: { count: 1, average: 5 }, firstContactResolution: { closed: 1, resolved: 1 } });
    expect(summary.firstResponseSeconds.count).toBe(1);
    expect(summary.firstResponseSeconds.p50).toBeGreaterThanOrEqual(0);
  });

  it('refuses to write in a conversation another agent has, or one still with the bot', async () => {
    const { token } = await createToken(server, ['write']);
    const other = await signInAgent(server, 'Other');
    sockets.push(other.socket);
    await ok(other.socket, 'presence', { presence: 'online' });
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'b1', text: 'hello' });
    const withBot = await call(server, token, 'POST', `/api/v1/conversations/${message.conversationId}/messages`, { text: 'hi' });
    expect(withBot.status).toBe(409);
    await ok(v.socket, 'handoff', {});
    await ok(other.socket, 'claim', { conversationId: message.conversationId });
    const taken = await call(server, token, 'POST', `/api/v1/conversations/${message.conversationId}/messages`, { text: 'hi' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'already_taken' });
    expect((await call(server, token, 'POST', '/api/v1/conversations/no-such-one/close', {})).status).toBe(404);
  });

  it('pages through conversations newest first, each once', async () => {
    const { token } = await createToken(server, ['read']);
    for (let i = 0; i < 5; i++) {
      const v = await connectVisitor(server.url);
      sockets.push(v.socket);
      await ok(v.socket, 'send', { clientId: `p${i}`, text: `question number ${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: ApiConversationPage = await checked<ApiConversationPage>(token, 'GET', path, '/api/v1/conversations');
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.createdAt + ' ' + c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const all = await call<ApiConversationPage>(server, token, 'GET', '/api/v1/conversations?limit=100');
    expect(seen.length).toBe(all.body.items.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect((await call(server, token, 'GET', '/api/v1/conversations?cursor=not-a-cursor')).status).toBe(400);
  });

  it('gives the knowledge base’s entries, by language', async () => {
    const { token } = await createToken(server, ['read']);
    const fa = await checked<{ entries: { locale: string; questions: string[]; answer: string }[] }>(token, 'GET', '/api/v1/kb/entries?locale=fa', '/api/v1/kb/entries');
    expect(fa.entries.length).toBe(server.porsan.knowledge.entries().filter((e) => e.locale === 'fa').length);
    expect(fa.entries.every((e) => e.locale === 'fa' && e.questions.length > 0 && e.answer.length > 0)).toBe(true);
  });

  it('lists tokens for admins without their secrets', async () => {
    const cookie = await adminCookie(server);
    const res = await fetch(`${server.url}/api/tokens`, { headers: { cookie } });
    const text = await res.text();
    const { tokens } = JSON.parse(text) as { tokens: { name: string; scopes: string[]; lastUsedAt: string | null }[] };
    expect(tokens.find((t) => t.name === 'CRM')).toMatchObject({ scopes: ['read', 'write'] });
    expect(tokens.find((t) => t.name === 'CRM')?.lastUsedAt).not.toBeNull();
    expect(text).not.toMatch(/porsan_[\w-]{20,}/);
  });
});
