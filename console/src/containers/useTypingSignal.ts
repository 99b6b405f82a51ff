// Tells the visitor the agent is typing: "true" at most every few seconds while keys are pressed,
// "false" after a pause, on send, and when switching conversations.
import { useEffect, useRef } from 'preact/hooks';
import type { AgentSocket } from '../socket.ts';

const REPEAT_MS = 3000;
const IDLE_MS = 4000;

export function useTypingSignal(socket: () => AgentSocket | null, conversationId: string | null) {
  const state = useRef({ sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined, id: conversationId });

  const stop = () => {
    const s = state.current;
    clearTimeout(s.idle);
    if (s.sentAt > 0 && s.id) socket()?.emit('typing', { conversationId: s.id, typing: false });
    s.sentAt = 0;
  };

  useEffect(() => {
    state.current.id = conversationId;
    return stop;
  }, [conversationId]);

  const typing = () => {
    const s = state.current;
    if (!s.id) return;
    const now = Date.now();
    if (now - s.sentAt > REPEAT_MS) {
      socket()?.emit('typing', { conversationId: s.id, typing: true });
      s.sentAt = now;
    }
    clearTimeout(s.idle);
    s.idle = setTimeout(stop, IDLE_MS);
  };

  return { typing, stop };
}
