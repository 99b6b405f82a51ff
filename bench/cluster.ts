// Messages per second through one node and through two nodes (PostgreSQL + Redis, each node its
// own process), with the same visitors and questions; prints both and the ratio. Needs
// PostgreSQL (PORSAN_TEST_DATABASE_URL, default the local one) and redis-server; says so otherwise.
import { performance } from 'node:perf_hooks';
import type { ChatMessage } from '../protocol/index.ts';
import { connectVisitor, next, ok, type TestVisitor } from '../test/helpers/clients.ts';
import { startServerProcess, type ServerProcess } from '../test/helpers/process.ts';
import { HAVE_REDIS_SERVER, startPrivateRedis } from '../test/helpers/redis.ts';

const VISITORS = 120;
const QUESTIONS_EACH = 12;
const QUESTIONS = ['When will my order arrive?', 'How much does shipping cost?', 'Can I return a product?', 'Do you ship internationally?'];
const LIMITS = { PORSAN_RATE_NEW_VISITORS: '100000', PORSAN_RATE_CONVERSATIONS: '100000', PORSAN_RATE_CONNECTIONS: '100000', PORSAN_LOG_LEVEL: 'error' };

async function reachablePostgres(url: string): Promise<boolean> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function measure(nodes: number, postgres: string): Promise<number> {
  process.env.PORSAN_TEST_DATABASE_URL = postgres;
  const { freshPostgresUrl } = await import('../test/helpers/postgres.ts');
  const redis = await startPrivateRedis();
  const env = { PORSAN_DATABASE_URL: await freshPostgresUrl(`bench${nodes}`), PORSAN_REDIS_URL: redis.url, ...LIMITS };
  const servers: ServerProcess[] = [];
  for (let i = 0; i < nodes; i++) servers.push(await startServerProcess(env));
  const visitors: TestVisitor[] = [];
  try {
    for (let i = 0; i < VISITORS; i++) visitors.push(await connectVisitor(servers[i % nodes]!.url));
    const ask = async (v: TestVisitor, id: string, text: string) => {
      const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot' && m.seq > 0, 30_000);
      await ok(v.socket, 'send', { clientId: id, text });
      await reply;
    };
    await Promise.all(visitors.map((v, i) => ask(v, `warm-${i}`, QUESTIONS[i % QUESTIONS.length]!)));
    const started = performance.now();
    await Promise.all(visitors.map(async (v, i) => {
      for (let q = 0; q < QUESTIONS_EACH; q++) await ask(v, `q-${i}-${q}`, QUESTIONS[(i + q) % QUESTIONS.length]!);
    }));
    const seconds = (performance.now() - started) / 1000;
    // every question stores two messages: the question and the bot's answer
    return (VISITORS * QUESTIONS_EACH * 2) / seconds;
  } finally {
    for (const v of visitors) v.socket.disconnect();
    for (const s of servers) await s.stop();
    await redis.stop();
  }
}

export async function runClusterBench(): Promise<void> {
  const postgres = process.env.PORSAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!HAVE_REDIS_SERVER || !(await reachablePostgres(postgres))) {
    console.log('cluster: skipped (needs PostgreSQL and redis-server on this machine)');
    return;
  }
  const one = await measure(1, postgres);
  const two = await measure(2, postgres);
  console.log(`cluster (PostgreSQL + Redis, ${VISITORS} visitors × ${QUESTIONS_EACH} questions, closed loop, client in this process):`);
  console.log(`  one node ${one.toFixed(0)} messages/s; two nodes ${two.toFixed(0)} messages/s; ratio ${(two / one).toFixed(2)} (this machine has ${(await import('node:os')).availableParallelism()} cores for the nodes, the client, PostgreSQL and Redis together)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runClusterBench();
  process.exit(0);
}
