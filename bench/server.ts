// End-to-end server figures: message round trips through a real server with real
// socket.io clients on loopback (visitor → store → bot → reply), and claim latency.
import { performance } from 'node:perf_hooks';
import type { ChatMessage, ConversationView } from '../protocol/index.ts';
import { connectAgent, connectVisitor, login, next, ok } from '../test/helpers/clients.ts';
import { startTestServer } from '../test/helpers/server.ts';

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

export async function runServerBench(opts: { visitors?: number; messagesEach?: number } = {}): Promise<void> {
  const visitors = opts.visitors ?? 50;
  const messagesEach = opts.messagesEach ?? 10;
  const server = await startTestServer();
  try {
    const clients = await Promise.all(Array.from({ length: visitors }, (_, i) => connectVisitor(server.url, { locale: (['fa', 'ar', 'en'] as const)[i % 3] })));
    const questions = { fa: 'سفارشم کی می‌رسد؟', ar: 'متى يصل طلبي؟', en: 'When will my order arrive?' };
    // One visitor alone: the latency a visitor sees on an idle server.
    const solo: number[] = [];
    // (15 questions: a visitor's socket may send 20 events in a burst, then 2 a second.)
    const alone = await connectVisitor(server.url, { locale: 'fa' });
    for (let m = 0; m < 15; m++) {
      const t0 = performance.now();
      const reply = next<ChatMessage>(alone.socket, 'message', (x) => x.author === 'bot');
      await ok(alone.socket, 'send', { clientId: `solo-${m}`, text: questions.fa });
      await reply;
      solo.push(performance.now() - t0);
    }
    console.log(`server: one visitor, 15 questions in a row: round trip p50 ${pct(solo, 50).toFixed(1)} ms, p99 ${pct(solo, 99).toFixed(1)} ms`);

    const roundTrips: number[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        const locale = (['fa', 'ar', 'en'] as const)[i % 3];
        for (let m = 0; m < messagesEach; m++) {
          const t0 = performance.now();
          const reply = next<ChatMessage>(c.socket, 'message', (x) => x.author === 'bot');
          await ok(c.socket, 'send', { clientId: `b-${i}-${m}`, text: questions[locale] });
          await reply;
          roundTrips.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const total = visitors * messagesEach;
    console.log(`server: ${visitors} visitors at once × ${messagesEach} questions = ${total} round trips (message stored → bot answer stored → delivered)`);
    console.log(`  throughput ${(total / seconds).toFixed(0)} questions/s; round trip p50 ${pct(roundTrips, 50).toFixed(1)} ms, p99 ${pct(roundTrips, 99).toFixed(1)} ms`);

    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const agent = await connectAgent(server.url, cookie);
    const claims: number[] = [];
    for (const c of clients.slice(0, 20)) {
      const { conversation } = await ok<{ conversation: ConversationView }>(c.socket, 'handoff', {});
      const t0 = performance.now();
      await ok(agent, 'claim', { conversationId: conversation.id });
      claims.push(performance.now() - t0);
      await ok(agent, 'close', { conversationId: conversation.id });
    }
    console.log(`  claim p50 ${pct(claims, 50).toFixed(1)} ms, max ${Math.max(...claims).toFixed(1)} ms; server RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (server and clients in one process)`);
    agent.disconnect();
    alone.socket.disconnect();
    for (const c of clients) c.socket.disconnect();
  } finally {
    await server.close();
  }
}

if (process.argv[1]?.endsWith("bench/server.ts")) await runServerBench();
