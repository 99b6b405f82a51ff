// The whole server on PostgreSQL (PORSAN_DATABASE_URL), when PORSAN_TEST_DATABASE_URL names
// one (CI sets it to the machine's PostgreSQL): the same flow as on SQLite, and a restart.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationView } from '../../protocol/index.ts';
import { connectAgent, connectVisitor, login, next, ok } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const base = process.env.PORSAN_TEST_DATABASE_URL;

describe.skipIf(!base)('the server on PostgreSQL', () => {
  let server: TestServer;
  const schema = `porsan_server_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
    const url = `${base}${base!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    server = await startTestServer({ env: { PORSAN_DATABASE_URL: url } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers, hands off, lets an agent claim and chat, and keeps everything across a restart', async () => {
    const v = await connectVisitor(server.url, { locale: 'en' });
    const answered = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
    await ok(v.socket, 'send', { clientId: 'p1', text: 'When will my order arrive?' });
    expect((await answered).meta).toMatchObject({ type: 'answer', entryId: 'shipping-time-en' });
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    expect(conversation).toMatchObject({ status: 'queued', queuePosition: 1 });

    const agent = await connectAgent(server.url, await login(server.url, server.admin.email, server.admin.password));
    await ok(agent, 'claim', { conversationId: conversation.id });
    const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    await ok(agent, 'send', { conversationId: conversation.id, clientId: 'a1', text: 'Hello from PostgreSQL' });
    expect((await reply).agentName).toBe('Admin');
    agent.disconnect();
    v.socket.disconnect();

    server = await server.restart();
    const again = await connectVisitor(server.url, { token: v.token, locale: 'en' });
    expect(again.welcome.messages.map((m) => m.author)).toEqual(['visitor', 'bot', 'system', 'system', 'agent']);
    again.socket.disconnect();
  });
});
