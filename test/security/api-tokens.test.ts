// Attack class: the REST API's door. /api/v1 is opened by API tokens only (not by a console
// session), each route needs its scope, a revoked or unknown token is refused at once, anything
// the route table does not list is refused, tokens are stored only as hashes, and each token has
// its own request budget.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/index.ts';
import { adminCookie, call, createToken } from '../helpers/api.ts';
import { connectVisitor, ok, signInAgent } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const sockets: { disconnect(): unknown }[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { PORSAN_API_RATE_LIMIT: '8' } });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

describe('who may call /api/v1', () => {
  it('refuses a request without a token, with a malformed header, or with an unknown token', async () => {
    for (const authorization of [undefined, 'Basic YWRtaW46cGFzcw==', 'Bearer', 'Bearer  ', 'Bearer a b', `Bearer porsan_${'x'.repeat(43)}`, 'Bearer not-ours', `Bearer porsan_${'y'.repeat(200)}`]) {
      const res = await fetch(`${server.url}/api/v1/conversations`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate'), String(authorization)).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('is not opened by a console session, even an admin’s', async () => {
    const cookie = await adminCookie(server);
    const res = await fetch(`${server.url}/api/v1/conversations`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });

  it('needs the route’s scope: read for reading, write for writing', async () => {
    const reader = await createToken(server, ['read']);
    const writer = await createToken(server, ['write']);
    expect((await call(server, reader.token, 'GET', '/api/v1/conversations')).status).toBe(200);
    expect((await call(server, reader.token, 'GET', '/api/v1/kb/entries')).status).toBe(200);
    const refused = await call(server, reader.token, 'POST', '/api/v1/conversations/x/messages', { text: 'hi' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect((await call(server, reader.token, 'POST', '/api/v1/conversations/x/close', {})).status).toBe(403);
    expect((await call(server, writer.token, 'GET', '/api/v1/conversations')).status).toBe(403);
    expect((await call(server, writer.token, 'GET', '/api/v1/reports/summary?from=2026-01-01&to=2026-01-02')).status).toBe(403);
    expect((await call(server, writer.token, 'POST', '/api/v1/conversations/x/close', {})).status).toBe(404);
  });

  it('refuses a revoked token at once', async () => {
    const { id, token } = await createToken(server, ['read']);
    expect((await call(server, token, 'GET', '/api/v1/conversations')).status).toBe(200);
    const cookie = await adminCookie(server);
    expect((await fetch(`${server.url}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await call(server, token, 'GET', '/api/v1/conversations')).status).toBe(401);
    expect((await fetch(`${server.url}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(404);
    const { tokens } = (await (await fetch(`${server.url}/api/tokens`, { headers: { cookie } })).json()) as { tokens: { id: string; revokedAt: string | null }[] };
    expect(tokens.find((t) => t.id === id)?.revokedAt).not.toBeNull();
  });

  it('refuses what the route table does not list, whatever the spelling, even with a good token', async () => {
    const { token } = await createToken(server, ['read', 'write']);
    const tries: [string, string][] = [
      ['GET', '/api/v1/agents'],
      ['GET', '/api/v1/settings'],
      ['GET', '/api/v1/conversations/x/y'],
      ['DELETE', '/api/v1/conversations/x'],
      ['PUT', '/api/v1/conversations/x/messages'],
      ['GET', '/api/v1//conversations'],
      ['GET', '/api/v1/conversations;x'],
      ['GET', '/api/v1/%63onversations'],
      ['GET', '/api/v1/tokens'],
      ['GET', '/api/v2/conversations'],
    ];
    for (const [method, path] of tries) {
      const r = await call(server, token, method, path);
      expect([401, 403, 404], `${method} ${path}`).toContain(r.status);
      expect(r.status === 200, `${method} ${path}`).toBe(false);
    }
    // and a token opens none of the console's routes
    for (const path of ['/api/agents', '/api/settings', '/api/tokens', '/api/webhooks', '/api/reports?from=2026-01-01&to=2026-01-02']) {
      expect((await call(server, token, 'GET', path)).status, path).toBe(401);
    }
  });

  it('writes only as an active person who works conversations', async () => {
    const cookie = await adminCookie(server);
    const editor = await signInAgent(server, 'TokenEditor', { role: 'editor' });
    sockets.push(editor.socket);
    const refused = await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'x', scopes: ['write'], agentId: editor.id }) });
    expect(refused.status).toBe(400);

    const agent = await signInAgent(server, 'TokenAgent');
    sockets.push(agent.socket);
    const { token } = await createToken(server, ['write'], { agentId: agent.id, cookie });
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'd1', text: 'hello' });
    await ok(v.socket, 'handoff', {});
    const patch = await fetch(`${server.url}/api/agents/${agent.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ active: false }) });
    expect(patch.status).toBe(200);
    const r = await call(server, token, 'POST', `/api/v1/conversations/${message.conversationId}/messages`, { text: 'hi' });
    expect(r.status).toBe(403);
    expect((await server.porsan.store.conversations.get(message.conversationId))?.status).toBe('queued');
  });

  it('keeps tokens only as hashes', async () => {
    const { id, token } = await createToken(server, ['read']);
    const rows = await server.porsan.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.find((r) => r.id === id)?.token_hash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(token).toMatch(/^porsan_[\w-]{43}$/);
  });

  it('gives each token its own request budget', async () => {
    const a = await createToken(server, ['read']);
    const b = await createToken(server, ['read']);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await call(server, a.token, 'GET', '/api/v1/kb/entries?locale=en')).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    const limited = await call(server, a.token, 'GET', '/api/v1/kb/entries');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(server, b.token, 'GET', '/api/v1/kb/entries')).status).toBe(200);
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
