// How many store statements a bot turn costs (BEGIN and COMMIT count as statements): the
// question, the answer and the conversation's update are one transaction, and nothing is read
// back after it is written. Deterministic, so pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/index.ts';
import { connectVisitor, next, ok, type TestVisitor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let v: TestVisitor;
beforeAll(async () => {
  server = await startTestServer();
  v = await connectVisitor(server.url);
});
afterAll(async () => {
  v.socket.disconnect();
  await server.close();
});

async function statementsFor(text: string): Promise<{ queries: number; reply: ChatMessage }> {
  const stats = server.porsan.store.stats;
  const before = stats.queries;
  const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
  await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text });
  const got = await reply;
  await new Promise((r) => setTimeout(r, 50)); // anything the turn does after the ack counts too
  return { queries: stats.queries - before, reply: got };
}

describe('store statements per bot turn', () => {
  it('the first question of a conversation: 10 (read the current one; open one in a transaction; append in another)', async () => {
    const { queries, reply } = await statementsFor('When will my order arrive?');
    expect(reply.meta).toMatchObject({ type: 'answer' });
    expect(queries).toBe(10);
  });

  it('every later question: 6 (read the current conversation; one transaction: de-duplicate, update, insert both messages)', async () => {
    const { queries, reply } = await statementsFor('How much does shipping cost?');
    expect(reply.meta).toMatchObject({ type: 'answer' });
    expect(queries).toBe(6);
  });

  it('a question the bot cannot answer: 7 (the same, and the question kept for editors)', async () => {
    const { queries, reply } = await statementsFor('what is the airspeed velocity of an unladen swallow');
    expect(reply.meta?.type).toBe('no_answer');
    expect(queries).toBe(7);
  });
});
