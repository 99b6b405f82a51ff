// What the agent can do, as socket calls whose results go into the reducer.
import type { Dispatch } from 'preact/hooks';
import type { ConversationSummary, KbHit, Locale, Resolution } from '../../../protocol/index.ts';
import { newClientId } from '../lib/ids.ts';
import { call, type AgentSocket } from '../socket.ts';
import type { Action, Busy, Outgoing } from '../state.ts';

export interface Actions {
  claim(id: string): Promise<void>;
  close(id: string, resolution: Resolution): Promise<void>;
  release(id: string): Promise<void>;
  transfer(id: string, toAgentId: string): Promise<void>;
  setTags(id: string, tags: string[]): Promise<void>;
  write(conversationId: string, kind: Outgoing['kind'], text: string): void;
  retry(o: Outgoing): void;
  searchKb(query: string, locale: Locale): Promise<KbHit[]>;
  setPresence(presence: 'online' | 'away'): Promise<void>;
}

export function createActions(socket: () => AgentSocket | null, dispatch: Dispatch<Action>, afterClaim: (id: string) => void): Actions {
  const fail = (message: string) => dispatch({ type: 'notice', notice: { kind: 'error', text: message } });

  /** Runs a conversation-changing call with a busy flag; the returned summary goes into the lists. */
  async function change(id: string, what: Busy, run: (s: AgentSocket) => Promise<{ ok: true; conversation: ConversationSummary } | { ok: false; error: string; message: string }>) {
    const s = socket();
    if (!s) return false;
    dispatch({ type: 'busy', id, what });
    const res = await run(s);
    dispatch({ type: 'busy', id, what: null });
    if (res.ok) dispatch({ type: 'conversation', conversation: res.conversation });
    else fail(res.message || res.error);
    return res.ok;
  }

  async function deliver(o: Outgoing) {
    dispatch({ type: 'outgoing', outgoing: { ...o, state: 'sending' } });
    const s = socket();
    const req = { conversationId: o.conversationId, clientId: o.clientId, text: o.text };
    const res = s ? await (o.kind === 'note' ? call(s, 'note', req, 15_000) : call(s, 'send', req, 15_000)) : null;
    if (res?.ok) dispatch({ type: 'sent', clientId: o.clientId, message: res.message });
    else dispatch({ type: 'sendFailed', clientId: o.clientId });
  }

  return {
    async claim(id) {
      const s = socket();
      if (!s) return;
      dispatch({ type: 'busy', id, what: 'claim' });
      const res = await call(s, 'claim', { conversationId: id });
      if (res.ok) {
        dispatch({ type: 'claimed', conversation: res.conversation });
        afterClaim(id);
        return;
      }
      dispatch({ type: 'busy', id, what: null });
      dispatch({ type: 'notice', notice: res.error === 'already_taken' ? { kind: 'already_taken', conversationId: id } : { kind: 'error', text: res.message || res.error } });
    },
    async close(id, resolution) {
      await change(id, 'close', (s) => call(s, 'close', { conversationId: id, resolution }));
    },
    async release(id) {
      await change(id, 'release', (s) => call(s, 'release', { conversationId: id }));
    },
    async transfer(id, toAgentId) {
      await change(id, 'transfer', (s) => call(s, 'transfer', { conversationId: id, toAgentId }));
    },
    async setTags(id, tags) {
      await change(id, 'tags', (s) => call(s, 'tags', { conversationId: id, tags }));
    },
    write(conversationId, kind, text) {
      void deliver({ clientId: newClientId(), conversationId, kind, text, state: 'sending', createdAt: new Date().toISOString() });
    },
    retry(o) {
      void deliver(o);
    },
    async searchKb(query, locale) {
      const s = socket();
      if (!s) return [];
      const res = await call(s, 'kbSearch', { query, locale });
      return res.ok ? res.hits : [];
    },
    async setPresence(presence) {
      const s = socket();
      if (!s) return;
      const res = await call(s, 'presence', { presence });
      if (res.ok) dispatch({ type: 'agentStatus', status: res.agent });
      else fail(res.message || res.error);
    },
  };
}
