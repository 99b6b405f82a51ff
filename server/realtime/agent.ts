// The /agent namespace: the console's side, authenticated by the session cookie and only from
// the console's own origin. Every event is checked against the person's rights as they are
// now (security/access.ts); a socket whose rights changed is cut and reconnects with the new.
// Rooms: `queue` (people who work conversations: queue and left messages), `team` (presence),
// `a:<agentId>` (one person's sockets), `s:<session>` (one session's sockets),
// `c:<conversationId>` (who has that conversation open).
import type { Namespace, Socket } from 'socket.io';
import type { AgentClientEvents, AgentInfo, AgentServerEvents } from '../../protocol/index.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Team } from '../conversations/team.ts';
import { hashToken, readCookie, SESSION_COOKIE } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import { AGENT_EVENT_PERMISSIONS, can } from '../security/access.ts';
import { ownOrigin } from '../security/network.ts';
import type { AgentSessions } from '../security/sessions.ts';
import { toAgentInfo } from '../store/agents.ts';
import { handle, type HandleOptions } from './handle.ts';
import { TokenBucket } from './rate-limit.ts';
import { agentSchemas as s } from './schemas.ts';

interface AgentData {
  agent: AgentInfo;
  sessionHash: string;
  /** When the session ends: the socket is cut then. */
  sessionExpiresAt: string;
  /** The conversation this socket has open in its main pane (its live messages come here). */
  watching: string | null;
}
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentData>;
type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentData>;

export const QUEUE_ROOM = 'queue';
export const TEAM_ROOM = 'team';
export const agentRoom = (agentId: string) => `a:${agentId}`;
export const sessionRoom = (sessionHash: string) => `s:${sessionHash}`;
export const watchRoom = (conversationId: string) => `c:${conversationId}`;

export interface AgentDeps {
  config: Config;
  conversations: Conversations;
  team: Team;
  sessions: AgentSessions;
  log: Logger;
}

/** Who this handshake is, or why not. Runs on every connection, recovered ones included. */
async function authenticate(socket: AgentSocket, { config, sessions }: AgentDeps): Promise<void> {
  // The console is served by this server: a page from anywhere else must not ride an agent's
  // cookie (cross-site WebSocket hijacking), whatever the browser's cookie rules.
  const { origin } = socket.handshake.headers;
  if (origin !== undefined && origin !== ownOrigin(socket.request, config.publicOrigin, config.trustProxy)) throw new Error('forbidden origin');
  const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
  const sessionHash = token ? hashToken(token) : null;
  const agent = sessionHash ? await sessions.current(sessionHash) : undefined;
  if (!agent || !sessionHash) throw new Error('unauthorized');
  // A recovered connection carries the rooms of the socket it resumes: only its owner may have them.
  if (socket.recovered && socket.data.agent?.id !== agent.id) throw new Error('unauthorized');
  socket.data.agent = toAgentInfo(agent);
  socket.data.sessionHash = sessionHash;
  socket.data.sessionExpiresAt = agent.sessionExpiresAt;
  socket.data.watching = null;
}

export function setupAgents(nsp: AgentNamespace, deps: AgentDeps): void {
  const { conversations, team, sessions, log } = deps;
  nsp.use((socket, next) => {
    authenticate(socket, deps).then(
      () => next(),
      (err: unknown) => {
        if (!(err instanceof Error) || !/^(unauthorized|forbidden origin)$/.test(err.message)) log.warn({ err }, 'agent handshake failed');
        next(new Error(err instanceof Error && err.message === 'forbidden origin' ? 'forbidden origin' : 'unauthorized'));
      },
    );
  });

  nsp.on('connection', (socket: AgentSocket) => {
    const agent = socket.data.agent;
    const works = can(agent.role, 'conversations');
    const cut = () => socket.disconnect(true);

    // Every event: the person's rights as the store has them now (cached for a second at most).
    const guard = async (event: string) => {
      const now = await sessions.current(socket.data.sessionHash);
      if (!now) {
        cut();
        throw new DomainError('unauthorized', 'Your session has ended; please log in again.');
      }
      if (now.role !== agent.role) setImmediate(cut); // rooms and presence follow the new role after reconnecting
      else Object.assign(agent, toAgentInfo(now)); // a new display name or picture applies at once
      const needs = Object.hasOwn(AGENT_EVENT_PERMISSIONS, event) ? AGENT_EVENT_PERMISSIONS[event as keyof AgentClientEvents] : 'admin';
      if (!can(now.role, needs)) {
        throw new DomainError('forbidden', 'Your role does not allow this.');
      }
    };
    const opts: HandleOptions = { socket, limiter: new TokenBucket(40, 5), log, guard };
    const on = <K extends keyof typeof s, R extends object>(event: K, run: (input: ReturnType<(typeof s)[K]['parse']>) => Promise<R | void>) =>
      handle(opts, event, s[event], (input) => run(input as ReturnType<(typeof s)[K]['parse']>));

    // Register handlers before any await, so no early event is missed.
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      if (works) void team.state.disconnected(agent.id, socket.id).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    });
    if (works) void team.state.connected(agent.id, socket.id).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    const expiry = expiryTimer(socket, cut);

    on('hello', async () => ({
      agent,
      queue: works ? await conversations.agents.queue() : [],
      mine: works ? await conversations.agents.mine(agent.id) : [],
    }));
    // One conversation at a time is watched; owned ones arrive through the agent's own room.
    const watch = async (conversationId: string) => {
      if (socket.data.watching && socket.data.watching !== conversationId) await socket.leave(watchRoom(socket.data.watching));
      socket.data.watching = conversationId;
      await socket.join(watchRoom(conversationId));
    };
    on('open', async (req) => {
      const detail = await conversations.agents.detail(req.conversationId);
      await watch(req.conversationId);
      return detail;
    });
    on('claim', async (req) => {
      const conversation = await conversations.agents.claim(agent, req.conversationId);
      await watch(req.conversationId);
      return { conversation };
    });
    on('send', async (req) => ({ message: await conversations.agents.send(agent, req.conversationId, req.clientId, req.text) }));
    on('close', async (req) => ({ conversation: await conversations.agents.close(agent, req.conversationId, req.resolution ?? null) }));
    on('typing', (req) => conversations.agents.typing(agent, req.conversationId, req.typing));
    on('presence', async (req) => {
      await team.state.setPresence(agent.id, req.presence);
      const me = (await team.statuses()).find((a) => a.id === agent.id);
      if (req.presence === 'online') void conversations.routing.route();
      return { agent: me! };
    });
    on('agents', async () => ({ agents: await team.statuses() }));
    on('transfer', async (req) => ({ conversation: await conversations.agents.transfer(agent, req.conversationId, req.toAgentId) }));
    on('release', async (req) => ({ conversation: await conversations.agents.release(agent, req.conversationId) }));
    on('note', async (req) => ({ message: await conversations.agents.note(agent, req.conversationId, req.clientId, req.text) }));
    on('tags', async (req) => ({ conversation: await conversations.agents.setTags(req.conversationId, req.tags) }));
    on('kbSearch', async (req) => ({ hits: conversations.agents.kbSearch(req.query, req.locale) }));
    on('tickets', async () => ({ tickets: await conversations.tickets.list() }));

    // A recovered socket comes back with the rooms it had: start from none, then join what the role allows now.
    if (socket.recovered) for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    const rooms = [agentRoom(agent.id), sessionRoom(socket.data.sessionHash)];
    if (works) rooms.push(QUEUE_ROOM);
    if (can(agent.role, 'team')) rooms.push(TEAM_ROOM);
    void Promise.resolve(socket.join(rooms)).catch((err: unknown) => log.error({ err }, 'joining agent rooms failed'));
  });
}

/** Cuts the socket when its session expires (the next reconnect is then refused). */
function expiryTimer(socket: AgentSocket, cut: () => void): NodeJS.Timeout {
  const ms = Math.max(0, Date.parse(socket.data.sessionExpiresAt) - Date.now());
  const timer = setTimeout(cut, Math.min(ms, 2 ** 31 - 1));
  timer.unref();
  return timer;
}
