// Two real server processes on loopback sharing one fresh PostgreSQL database and a Redis of
// their own behind a test load balancer: they behave as one server, and any node can die.
// Runs where PostgreSQL (PORSAN_TEST_DATABASE_URL) and redis-server are available, as on this
// machine kind and in CI; skipped with a warning elsewhere.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, ChatMessage, ConversationDetail, ConversationSummary, ConversationView, VisitorWelcome } from '../../protocol/index.ts';
import { addAgentViaApi, call, connectAgent, connectVisitor, login, next, ok, type AgentSocket } from '../helpers/clients.ts';
import { startBalancer, type Balancer } from '../helpers/balancer.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { HAVE_REDIS_SERVER, startPrivateRedis, type PrivateRedis } from '../helpers/redis.ts';
import { until } from '../helpers/wait.ts';

const enabled = !!POSTGRES && HAVE_REDIS_SERVER;
if (!enabled) console.warn('⚠ multi-node tests skipped: they need PostgreSQL (PORSAN_TEST_DATABASE_URL) and redis-server.');

/** A widget-like visitor: on every (re)connect it says hello with its token and the last seq it has. */
class ResumingVisitor {
  readonly socket: Socket;
  token = '';
  /** Every message as it arrived (live or in a hello), never de-duplicated: "exactly once" is checked on this. */
  readonly received: ChatMessage[] = [];
  conversation: ConversationView | null = null;
  connects = 0;
  private lastSeq = 0;
  private readonly hellos: ((w: VisitorWelcome) => void)[] = [];

  constructor(url: string) {
    this.socket = io(`${url}/visitor`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      auth: (cb) => cb(this.token ? { token: this.token } : {}),
    });
    this.socket.on('connect', () => void this.hello());
    this.socket.on('message', (m: ChatMessage) => this.take([m]));
    this.socket.on('conversation', (c: ConversationView) => (this.conversation = c));
  }

  private take(ms: ChatMessage[]) {
    for (const m of ms) {
      this.received.push(m);
      this.lastSeq = Math.max(this.lastSeq, m.seq);
    }
  }

  private async hello() {
    const r = await call<VisitorWelcome>(this.socket, 'hello', { locale: 'en', page: { url: 'https://shop.example/' }, afterSeq: this.lastSeq });
    if (!r.ok) return;
    this.connects++;
    this.token = r.token;
    this.conversation = r.conversation;
    this.take(r.messages);
    for (const h of this.hellos.splice(0)) h(r);
  }

  ready(): Promise<VisitorWelcome> {
    return new Promise((resolve) => this.hellos.push(resolve));
  }

  texts(author: ChatMessage['author']) {
    return this.received.filter((m) => m.author === author).map((m) => m.text);
  }
}

describe.skipIf(!enabled)('two nodes on PostgreSQL and Redis', { timeout: 120_000 }, () => {
  let redis: PrivateRedis;
  let db: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: Balancer;
  let aPort = 0;
  let adminCookie: string;
  const closers: (() => unknown)[] = [];
  const env = () => ({
    PORSAN_DATABASE_URL: db,
    PORSAN_REDIS_URL: redis.url,
    PORSAN_AGENT_GRACE_SECONDS: '1',
    PORSAN_NODE_TIMEOUT_SECONDS: '2',
    PORSAN_LOGIN_LIMIT: '1000',
  });
  const startA = async () => {
    a = await startServerProcess(env(), { port: aPort || undefined });
    aPort = a.port;
  };
  /** Node A back up if an earlier test killed it. */
  const ensureA = async () => {
    if (!a.alive()) await startA();
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    db = await freshPostgresUrl('cluster');
    await startA();
    b = await startServerProcess(env());
    lb = await startBalancer(() => [a.port, b.port]);
    adminCookie = await login(b.url, b.admin.email, b.admin.password);
  }, 120_000);
  afterAll(async () => {
    for (const c of closers.reverse()) await c();
    await lb?.close();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  beforeEach(async () => {
    await ensureA();
  });

  async function agentOn(node: ServerProcess, name: string, limit = 50): Promise<{ socket: AgentSocket; id: string }> {
    const email = `${name.toLowerCase()}@example.com`;
    const password = 'a long test password';
    let id: string;
    try {
      id = (await addAgentViaApi({ url: b.url, admin: b.admin }, { email, name, role: 'agent', password })).id;
    } catch {
      const all = await (await fetch(`${b.url}/api/agents`, { headers: { cookie: adminCookie } })).json() as { agents: AgentStatus[] };
      id = all.agents.find((x) => x.email === email)!.id;
    }
    await fetch(`${b.url}/api/agents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: adminCookie }, body: JSON.stringify({ limit }) });
    const socket = await connectAgent(node.url, await login(node.url, email, password));
    await ok(socket, 'hello', {});
    closers.push(() => socket.disconnect());
    return { socket, id };
  }

  it('a visitor on node A, an agent on node B: the queue, a claim and messages both ways', async () => {
    const agent = await agentOn(b, 'Bahar');
    const v = await connectVisitor(a.url);
    closers.push(() => v.socket.disconnect());
    const queued = next<ConversationSummary[]>(agent.socket, 'queue', (q) => q.length > 0);
    await ok(v.socket, 'send', { clientId: 'q1', text: 'I want to talk to a person' });
    const [waiting] = await queued;
    expect(waiting).toMatchObject({ status: 'queued', firstQuestion: 'I want to talk to a person' });
    await ok(agent.socket, 'claim', { conversationId: waiting!.id });
    const toVisitor = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
    await ok(agent.socket, 'send', { conversationId: waiting!.id, clientId: 'b1', text: 'Hello from node B' });
    expect((await toVisitor).text).toBe('Hello from node B');
    const toAgent = next<ChatMessage>(agent.socket, 'message', (m) => m.author === 'visitor');
    await ok(v.socket, 'send', { clientId: 'q2', text: 'Thanks, from node A' });
    expect((await toAgent).text).toBe('Thanks, from node A');
  });

  it('node A killed mid-conversation: the visitor resumes on B and gets every agent message once, in order', async () => {
    const agent = await agentOn(b, 'Kaveh');
    const v = new ResumingVisitor(lb.url);
    closers.push(() => v.socket.close());
    await v.ready();
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    await ok(agent.socket, 'claim', { conversationId: conversation.id });
    const sent: string[] = [];
    let killedAt = 0;
    let resumedAt = 0;
    const connectsBefore = v.connects;
    for (let i = 1; i <= 12; i++) {
      const text = `agent message ${i}`;
      await ok(agent.socket, 'send', { conversationId: conversation.id, clientId: `k${i}`, text });
      sent.push(text);
      if (i === 4) {
        a.proc.kill('SIGKILL');
        killedAt = Date.now();
        void until(() => v.connects > connectsBefore, 'the visitor to resume', 20_000).then(() => (resumedAt = Date.now()));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(() => v.texts('agent').length >= sent.length, 'every agent message at the visitor', 20_000);
    expect(v.texts('agent')).toEqual(sent);
    const seqs = v.received.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length); // nothing twice
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y)); // in order
    console.log(`failover: visitor resumed on node B ${resumedAt - killedAt} ms after node A was killed; ${sent.length} messages, 0 lost, 0 duplicated`);
    await startA();
  });

  it('a visitor message in flight on A when A dies is answered by the bot exactly once', async () => {
    for (const delayMs of [0, 2, 8]) {
      const v = new ResumingVisitor(lb.url);
      closers.push(() => v.socket.close());
      await v.ready();
      const clientId = `inflight-${delayMs}`;
      v.socket.emit('send', { clientId, text: 'When will my order arrive?' }, () => undefined);
      await new Promise((r) => setTimeout(r, delayMs));
      a.proc.kill('SIGKILL');
      // the widget keeps unacknowledged messages and sends them again after reconnecting
      const connects = v.connects;
      await until(() => v.connects > connects, 'the visitor to resume on B', 20_000);
      const resent = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId, text: 'When will my order arrive?' });
      const agentView = await connectAgent(b.url, adminCookie);
      closers.push(() => agentView.disconnect());
      const detail = await ok<ConversationDetail>(agentView, 'open', { conversationId: resent.message.conversationId });
      const questions = detail.messages.filter((m) => m.clientId === clientId);
      const answers = detail.messages.filter((m) => m.author === 'bot');
      expect(questions).toHaveLength(1);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.seq).toBe(questions[0]!.seq + 1);
      await startA();
    }
  });

  it('20 claim races between agents on different nodes: exactly one winner each', async () => {
    const onA = await agentOn(a, 'Ramin');
    const onB = await agentOn(b, 'Nasrin');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const v = await connectVisitor(i % 2 ? a.url : b.url);
      closers.push(() => v.socket.disconnect());
      ids.push((await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {})).conversation.id);
    }
    for (const id of ids) {
      const [x, y] = await Promise.all([call(onA.socket, 'claim', { conversationId: id }), call(onB.socket, 'claim', { conversationId: id })]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      expect([x, y].find((r) => !r.ok)).toMatchObject({ error: 'already_taken' });
    }
  });

  it('an agent whose node died is offline after the grace period and their conversations are back in the queue', async () => {
    const agent = await agentOn(a, 'Zohreh');
    const v = await connectVisitor(b.url);
    closers.push(() => v.socket.disconnect());
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    await ok(agent.socket, 'claim', { conversationId: conversation.id });
    const told = next<ChatMessage>(v.socket, 'message', (m) => m.meta?.type === 'released', 20_000);
    const killedAt = Date.now();
    a.proc.kill('SIGKILL');
    expect((await told).meta).toEqual({ type: 'released', reason: 'agent_offline' });
    const requeuedMs = Date.now() - killedAt;
    const statuses = (await (await fetch(`${b.url}/api/agents`, { headers: { cookie: adminCookie } })).json()) as { agents: AgentStatus[] };
    expect(statuses.agents.find((x) => x.id === agent.id)?.presence).toBe('offline');
    console.log(`failover: conversations of an agent on a killed node requeued after ${requeuedMs} ms (node timeout 2 s + grace 1 s)`);
    await startA();
  });

  it('Redis restarted mid-run: the nodes recover by themselves and nothing stored is lost', async () => {
    const agent = await agentOn(b, 'Parisa');
    const before = await connectVisitor(a.url);
    closers.push(() => before.socket.disconnect());
    const answered = next<ChatMessage>(before.socket, 'message', (m) => m.author === 'bot');
    await ok(before.socket, 'send', { clientId: 'r1', text: 'How much does shipping cost?' });
    const firstAnswer = await answered;

    await redis.stop();
    await redis.start();
    const readyAgain = async (node: ServerProcess) => until(async () => (await fetch(`${node.url}/readyz`)).status === 200, `${node.url} ready again`, 20_000);
    await Promise.all([readyAgain(a), readyAgain(b)]);

    // fan-out across nodes works again: a handoff on A reaches the agent on B
    const v = await connectVisitor(a.url);
    closers.push(() => v.socket.disconnect());
    const queued = next<ConversationSummary[]>(agent.socket, 'queue', (q) => q.some((c) => c.firstQuestion === 'Please connect me to a person now'), 20_000);
    await ok(v.socket, 'send', { clientId: 'r2', text: 'Please connect me to a person now' });
    const id = (await queued).find((c) => c.firstQuestion === 'Please connect me to a person now')!.id;
    await ok(agent.socket, 'claim', { conversationId: id });
    // what was stored before the restart is all there
    const detail = await ok<ConversationDetail>(agent.socket, 'open', { conversationId: firstAnswer.conversationId });
    expect(detail.messages.map((m) => m.text)).toContain(firstAnswer.text);
    // presence was told again: the agent is online
    const statuses = (await (await fetch(`${b.url}/api/agents`, { headers: { cookie: adminCookie } })).json()) as { agents: AgentStatus[] };
    expect(statuses.agents.find((x) => x.id === agent.id)?.presence).toBe('online');
  });

  it('both nodes say they are ready, and export metrics', async () => {
    for (const node of [a, b]) {
      const ready = await fetch(`${node.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: true, redis: true } });
      const metrics = await (await fetch(`${node.url}/metrics`)).text();
      expect(metrics).toMatch(/porsan_connected_visitors\{node="[^"]+"\} \d+/);
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    }
  });
});
