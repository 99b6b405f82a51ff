// The agent's Socket.IO connection, typed by the shared protocol, with acks as promises.
import { io, type Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents, ErrorCode } from '../../protocol/index.ts';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** Events that take an ack, and what their ack carries on success. */
type AckedEvent = { [E in keyof AgentClientEvents]: Parameters<AgentClientEvents[E]>[1] extends undefined ? never : E }[keyof AgentClientEvents];
type RequestOf<E extends keyof AgentClientEvents> = Parameters<AgentClientEvents[E]>[0];
type ResultOf<E extends AckedEvent> = Parameters<NonNullable<Parameters<AgentClientEvents[E]>[1]>>[0];

/** A failed call: the server's error code, or a client-side timeout. */
export type CallResult<E extends AckedEvent> = ResultOf<E> | { ok: false; error: ErrorCode | 'timeout'; message: string };

export function connectAgentSocket(): AgentSocket {
  // WebSocket first, long-polling only where WebSockets are blocked (see the README on load balancers).
  return io('/agent', { withCredentials: true, autoConnect: false, transports: ['websocket', 'polling'], tryAllTransports: true, reconnectionDelayMax: 3000 });
}

/** Emit with an ack; resolves with the server's Result, or a 'timeout' failure. Never rejects. */
export function call<E extends AckedEvent>(socket: AgentSocket, event: E, req: RequestOf<E>, timeoutMs = 10_000): Promise<CallResult<E>> {
  return new Promise((resolve) => {
    // socket.io's typed emit does not narrow over a generic event name; the event maps above keep callers honest.
    const emit = socket.timeout(timeoutMs).emit as unknown as (ev: string, body: unknown, cb: (err: Error | null, res: CallResult<E>) => void) => void;
    emit.call(socket.timeout(timeoutMs), event, req, (err, res) => {
      if (err) resolve({ ok: false, error: 'timeout', message: err.message });
      else resolve(res);
    });
  });
}
