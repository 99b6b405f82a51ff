// Real socket.io-client visitors and agents for integration tests.
import { io, type Socket } from 'socket.io-client';
import type {
  AgentClientEvents, AgentRole, AgentServerEvents, AgentStatus, Locale, Result, VisitorClientEvents, VisitorServerEvents, VisitorWelcome,
} from '../../protocol/index.ts';
import { hashPassword } from '../../server/auth.ts';
import type { Store } from '../../server/store/index.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** Emits an event and resolves with its ack. */
export function call<T extends object = Record<string, unknown>>(socket: Socket, event: string, payload: unknown): Promise<Result<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 10_000);
    socket.emit(event, payload, (res: Result<T>) => {
      clearTimeout(timer);
      resolve(res);
    });
  });
}

/** Like `call`, but fails the test unless the ack is ok. */
export async function ok<T extends object = Record<string, unknown>>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const res = await call<T>(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error} ${res.message}`);
  return res as unknown as T;
}

/** Resolves with the first `event` whose payload satisfies `match`. */
export function next<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

export interface TestVisitor {
  socket: VisitorSocket;
  token: string;
  welcome: VisitorWelcome;
}

export async function connectVisitor(url: string, opts: { token?: string; locale?: Locale; afterSeq?: number; page?: string } = {}): Promise<TestVisitor> {
  const socket: VisitorSocket = io(`${url}/visitor`, { auth: opts.token ? { token: opts.token } : {}, transports: ['websocket'], forceNew: true });
  const welcome = await ok<VisitorWelcome>(socket, 'hello', {
    locale: opts.locale ?? 'en',
    page: { url: opts.page ?? 'https://shop.example/products/1', title: 'A product' },
    afterSeq: opts.afterSeq ?? 0,
  });
  return { socket, token: welcome.token, welcome };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

export async function connectAgent(url: string, cookie: string): Promise<AgentSocket> {
  const socket: AgentSocket = io(`${url}/agent`, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

export const TEST_AGENT_PASSWORD = 'a long test password';

/**
 * An agent named `name` (created on first use, email `<name>@example.com`), logged in, with a
 * live /agent socket that has said hello.
 */
export async function signInAgent(
  server: { url: string; porsan: { store: Store } },
  name: string,
  opts: { role?: AgentRole; limit?: number } = {},
): Promise<{ socket: AgentSocket; id: string; cookie: string }> {
  const email = `${name.toLowerCase()}@example.com`;
  let row = await server.porsan.store.agents.byEmail(email);
  row ??= await server.porsan.store.agents.create({ email, name, role: opts.role ?? 'agent', passwordHash: await hashPassword(TEST_AGENT_PASSWORD) });
  if (opts.limit) await server.porsan.store.agents.update(row.id, { maxConversations: opts.limit });
  const cookie = await login(server.url, email, TEST_AGENT_PASSWORD);
  const socket = await connectAgent(server.url, cookie);
  await ok(socket, 'hello', {});
  return { socket, id: row.id, cookie };
}

/** Adds a person through the admin REST API, signed in as the server's admin. */
export async function addAgentViaApi(
  server: { url: string; admin: { email: string; password: string } },
  a: { email: string; name: string; role: AgentRole; password: string },
): Promise<AgentStatus> {
  const cookie = await login(server.url, server.admin.email, server.admin.password);
  const res = await fetch(`${server.url}/api/agents`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(a) });
  if (res.status !== 201) throw new Error(`adding ${a.email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { agent: AgentStatus }).agent;
}
