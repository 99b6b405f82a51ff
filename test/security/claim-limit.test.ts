// Attack class: going over a per-agent limit by claiming many conversations at once. The limit
// must hold under concurrency on both databases (on PostgreSQL, READ COMMITTED would let
// concurrent counts all see the old number unless claims by one agent are serialised).
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../protocol/index.ts';
import { call, connectVisitor, ok, signInAgent } from '../helpers/clients.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const sockets: { disconnect(): unknown }[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

async function tenQueued(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    ids.push((await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {})).conversation.id);
  }
  return ids;
}

const databases: [string, () => Promise<Record<string, string>>][] = [
  ['SQLite', async () => ({})],
  ...(POSTGRES ? [['PostgreSQL', async () => ({ PORSAN_DATABASE_URL: await freshPostgresUrl('claims') })] as [string, () => Promise<Record<string, string>>]] : []),
];
if (!POSTGRES) console.warn('⚠ PORSAN_TEST_DATABASE_URL not set: the PostgreSQL claim-limit race is skipped.');

describe.each(databases)('on %s', (_name, env) => {
  it('10 concurrent claims by one agent with a limit of 2: exactly 2 win', async () => {
    server = await startTestServer({ env: await env() });
    const ids = await tenQueued();
    const agent = await signInAgent(server, 'Greedy', { limit: 2 });
    // several sockets of the same agent, all claiming at once
    const more = await Promise.all([1, 2, 3, 4].map(() => signInAgent(server, 'Greedy', { limit: 2 })));
    const all = [agent, ...more];
    for (const a of all) sockets.push(a.socket);
    const results = await Promise.all(ids.map((id, i) => call(all[i % all.length]!.socket, 'claim', { conversationId: id })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'forbidden')).toBe(true);
    const mine = (await server.porsan.store.conversations.ofAgent(agent.id, ['assigned'])).length;
    expect(mine).toBe(2);
  });

  it('the store itself keeps the limit when 10 assignments race', async () => {
    server = await startTestServer({ env: await env() });
    const ids = await tenQueued();
    const row = await server.porsan.store.agents.create({ email: 'racer@example.com', name: 'Racer', role: 'agent', passwordHash: 'x' });
    const won = await Promise.all(ids.map((id) => server.porsan.store.conversations.assign(id, row.id, 2)));
    expect(won.filter(Boolean)).toHaveLength(2);
  });
});
