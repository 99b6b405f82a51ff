// Owns the /agent socket: hello on every (re)connect, re-open of the selected conversation,
// live events into the reducer, and a way back to the login form when the session is gone.
import { useEffect, useRef, type Dispatch } from 'preact/hooks';
import { me } from '../api.ts';
import { call, connectAgentSocket, type AgentSocket } from '../socket.ts';
import type { Action } from '../state.ts';

const TYPING_TTL_MS = 6000;

export interface Connection {
  socket: () => AgentSocket | null;
  /** Opens (or re-opens) a conversation and loads its detail. */
  open: (id: string) => Promise<void>;
}

export function useAgentConnection(dispatch: Dispatch<Action>, openId: string | null, onLoggedOut: () => void): Connection {
  const socketRef = useRef<AgentSocket | null>(null);
  const openIdRef = useRef(openId);
  openIdRef.current = openId;
  const loggedOutRef = useRef(onLoggedOut);
  loggedOutRef.current = onLoggedOut;

  const open = async (id: string) => {
    const socket = socketRef.current;
    if (!socket) return;
    const res = await call(socket, 'open', { conversationId: id });
    if (res.ok) {
      const { ok: _ok, ...detail } = res;
      dispatch({ type: 'opened', id, detail });
    } else dispatch({ type: 'openFailed', id, error: res.message || res.error });
  };
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    const socket = connectAgentSocket();
    socketRef.current = socket;
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    let retry: ReturnType<typeof setTimeout> | undefined;

    const checkSession = async () => {
      const agent = await me().catch(() => undefined);
      if (agent === null) loggedOutRef.current();
      else retry = setTimeout(() => socket.connect(), 2000);
    };

    socket.on('connect', async () => {
      const res = await call(socket, 'hello', {});
      if (!res.ok) {
        if (res.error === 'unauthorized' || res.error === 'forbidden') loggedOutRef.current();
        else dispatch({ type: 'notice', notice: { kind: 'error', text: res.message || res.error } });
        return;
      }
      dispatch({ type: 'hello', agent: res.agent, queue: res.queue, mine: res.mine });
      const id = openIdRef.current;
      // The team and the left messages are extras: a server without them still gives a working console.
      const [team, tickets] = await Promise.all([
        call(socket, 'agents', {}),
        res.agent.role === 'editor' ? null : call(socket, 'tickets', {}),
        id ? openRef.current(id) : null,
      ]);
      if (team.ok) dispatch({ type: 'team', team: team.agents });
      if (tickets?.ok) dispatch({ type: 'tickets', tickets: tickets.tickets });
    });
    socket.on('disconnect', (reason) => {
      dispatch({ type: 'connection', connection: 'offline' });
      // The server hung up on purpose (e.g. the session ended): find out whether to log in again.
      if (reason === 'io server disconnect') void checkSession();
    });
    socket.on('connect_error', () => {
      dispatch({ type: 'connection', connection: 'offline' });
      // A middleware refusal stops socket.io's own retries; network errors keep retrying by themselves.
      if (!socket.active) void checkSession();
    });
    socket.on('queue', (queue) => dispatch({ type: 'queue', queue }));
    socket.on('tickets', (tickets) => dispatch({ type: 'tickets', tickets }));
    socket.on('agents', (team) => dispatch({ type: 'team', team }));
    socket.on('conversation', (conversation) => dispatch({ type: 'conversation', conversation }));
    socket.on('message', (message) => dispatch({ type: 'message', message, hidden: document.hidden }));
    socket.on('typing', (ev) => {
      clearTimeout(typingTimers.get(ev.conversationId));
      dispatch({ type: 'typing', conversationId: ev.conversationId, typing: ev.typing });
      if (ev.typing) typingTimers.set(ev.conversationId, setTimeout(() => dispatch({ type: 'typing', conversationId: ev.conversationId, typing: false }), TYPING_TTL_MS));
    });
    socket.connect();
    return () => {
      clearTimeout(retry);
      typingTimers.forEach((t) => clearTimeout(t));
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [dispatch]);

  return { socket: () => socketRef.current, open };
}
