// The /agent namespace: the console's side, authenticated by the session cookie.
// Rooms: `agents` (everyone: queue updates), `a:<agentId>` (one agent's sockets),
// `c:<conversationId>` (agents who have that conversation open).
import type { Namespace, Socket } from 'socket.io';
import type { AgentClientEvents, AgentInfo, AgentServerEvents } from '../../protocol/index.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Team } from '../conversations/team.ts';
import { hashToken, readCookie, SESSION_COOKIE } from '../auth.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import type { AgentRow, Store } from '../store/index.ts';
import { handle } from './handle.ts';
import { TokenBucket } from './rate-limit.ts';
import { agentSchemas as s } from './schemas.ts';

interface AgentData {
  agent: AgentInfo;
  sessionHash: string;
  /** The conversation this socket has open in its main pane (its live messages come here). */
  watching: string | null;
}
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentData>;
type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentData>;

export const AGENTS_ROOM = 'agents';
export const agentRoom = (agentId: string) => `a:${agentId}`;
export const watchRoom = (conversationId: string) => `c:${conversationId}`;

export function toAgentInfo(a: AgentRow): AgentInfo {
  return { id: a.id, email: a.email, name: a.name, role: a.role as AgentInfo['role'] };
}

export function setupAgents(nsp: AgentNamespace, store: Store, conversations: Conversations, team: Team, log: Logger): void {
  nsp.use(async (socket, next) => {
    // The console is served by this server: a page from anywhere else must not ride an
    // agent's cookie (cross-site WebSocket hijacking), whatever the browser's cookie rules.
    const { origin } = socket.handshake.headers;
    const host = String(socket.handshake.headers['x-forwarded-host'] ?? socket.handshake.headers.host ?? '').split(',')[0]?.trim();
    if (origin && host && safeHost(origin) !== host) return next(new Error('forbidden origin'));
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const sessionHash = token ? hashToken(token) : null;
    const agent = sessionHash ? await store.sessionAgent(sessionHash).catch(() => undefined) : undefined;
    if (!agent || !sessionHash) return next(new Error('unauthorized'));
    socket.data.agent = toAgentInfo(agent);
    socket.data.sessionHash = sessionHash;
    socket.data.watching = null;
    conversations.rememberAgent(agent);
    next();
  });

  nsp.on('connection', async (socket: AgentSocket) => {
    const agent = socket.data.agent;
    const limiter = new TokenBucket(40, 5);
    const on = <K extends keyof typeof s, R extends object>(event: K, run: (input: ReturnType<(typeof s)[K]['parse']>) => Promise<R | void>) =>
      handle(socket, event, s[event], limiter, log, (input) => run(input as ReturnType<(typeof s)[K]['parse']>));
    // Editors work on the knowledge base; conversations are for agents and admins.
    const works = agent.role !== 'editor';
    const onWork: typeof on = (event, run) =>
      on(event, (input) => {
        if (!works) throw new DomainError('forbidden', 'Editors cannot work conversations.');
        return run(input);
      });

    // Register handlers before any await, so no early event is missed.
    socket.on('disconnect', () => {
      if (works) team.disconnected(agent.id);
    });
    if (works) team.connected(agent.id);

    on('hello', async () => ({ agent, queue: await conversations.queue(), mine: await conversations.mine(agent.id) }));
    // One conversation at a time is watched; owned ones arrive through the agent's own room.
    const watch = async (conversationId: string) => {
      if (socket.data.watching && socket.data.watching !== conversationId) await socket.leave(watchRoom(socket.data.watching));
      socket.data.watching = conversationId;
      await socket.join(watchRoom(conversationId));
    };
    onWork('open', async (req) => {
      const detail = await conversations.detail(req.conversationId);
      await watch(req.conversationId);
      return detail;
    });
    onWork('claim', async (req) => {
      const conversation = await conversations.claim(agent, req.conversationId);
      await watch(req.conversationId);
      return { conversation };
    });
    onWork('send', async (req) => ({ message: await conversations.agentSend(agent, req.conversationId, req.clientId, req.text) }));
    onWork('close', async (req) => ({ conversation: await conversations.agentClose(agent, req.conversationId, req.resolution ?? null) }));
    onWork('typing', (req) => conversations.agentTyping(agent, req.conversationId, req.typing));
    onWork('presence', async (req) => {
      team.setPresence(agent.id, req.presence);
      const me = (await team.statuses()).find((a) => a.id === agent.id);
      if (req.presence === 'online') void conversations.route();
      return { agent: me! };
    });
    on('agents', async () => ({ agents: await team.statuses() }));
    onWork('transfer', async (req) => ({ conversation: await conversations.transfer(agent, req.conversationId, req.toAgentId) }));
    onWork('release', async (req) => ({ conversation: await conversations.release(agent, req.conversationId) }));
    onWork('note', async (req) => ({ message: await conversations.note(agent, req.conversationId, req.clientId, req.text) }));
    onWork('tags', async (req) => ({ conversation: await conversations.setTags(req.conversationId, req.tags) }));
    on('kbSearch', async (req) => ({ hits: conversations.kbSearch(req.query, req.locale) }));
    onWork('tickets', async () => ({ tickets: await conversations.tickets() }));

    await socket.join([AGENTS_ROOM, agentRoom(agent.id)]);
  });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
