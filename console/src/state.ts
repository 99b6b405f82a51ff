// The workspace's state and its one reducer: pure functions, no I/O, so the containers stay thin.
import type { AgentInfo, AgentStatus, ChatMessage, ConversationDetail, ConversationSummary } from '../../protocol/index.ts';

export type Connection = 'connecting' | 'online' | 'offline';

/** An agent message on its way to the server. */
export interface Outgoing {
  clientId: string;
  conversationId: string;
  /** A reply to the visitor, or an internal note for agents only. */
  kind: 'reply' | 'note';
  text: string;
  state: 'sending' | 'failed';
  createdAt: string;
}

export interface OpenConversation {
  id: string;
  detail: ConversationDetail | null;
  error: string | null;
}

export type Busy = 'claim' | 'close' | 'transfer' | 'release' | 'tags';

export type Notice = { kind: 'already_taken'; conversationId: string } | { kind: 'error'; text: string };

export interface WorkspaceState {
  agent: AgentInfo | null;
  connection: Connection;
  queue: ConversationSummary[];
  mine: ConversationSummary[];
  /** Left messages (status 'offline') waiting for a reply; null until the server has said. */
  tickets: ConversationSummary[] | null;
  /** The team with presence and load; null until the server has said. */
  team: AgentStatus[] | null;
  open: OpenConversation | null;
  outbox: Outgoing[];
  /** Conversation ids whose visitor is typing right now. */
  typing: Record<string, boolean>;
  /** Unseen visitor messages per conversation. */
  unread: Record<string, number>;
  /** Conversation ids being claimed or closed right now. */
  busy: Record<string, Busy>;
  notice: Notice | null;
}

export const initialState: WorkspaceState = {
  agent: null,
  connection: 'connecting',
  queue: [],
  mine: [],
  tickets: null,
  team: null,
  open: null,
  outbox: [],
  typing: {},
  unread: {},
  busy: {},
  notice: null,
};

export type Action =
  | { type: 'connection'; connection: Connection }
  | { type: 'hello'; agent: AgentInfo; queue: ConversationSummary[]; mine: ConversationSummary[] }
  /** My own display name or picture changed (the profile page). */
  | { type: 'me'; patch: Partial<Pick<AgentInfo, 'name' | 'avatar'>> }
  | { type: 'queue'; queue: ConversationSummary[] }
  | { type: 'tickets'; tickets: ConversationSummary[] }
  | { type: 'team'; team: AgentStatus[] }
  | { type: 'agentStatus'; status: AgentStatus }
  | { type: 'conversation'; conversation: ConversationSummary }
  /** `hidden`: the console tab is not visible, so even the open conversation's messages count as unread. */
  | { type: 'message'; message: ChatMessage; hidden?: boolean }
  | { type: 'seen'; id: string }
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'select'; id: string | null }
  | { type: 'opened'; id: string; detail: ConversationDetail }
  | { type: 'openFailed'; id: string; error: string }
  | { type: 'busy'; id: string; what: Busy | null }
  | { type: 'claimed'; conversation: ConversationSummary }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'outgoing'; outgoing: Outgoing }
  | { type: 'sent'; clientId: string; message: ChatMessage }
  | { type: 'sendFailed'; clientId: string };

/** Inserts a message in seq order; a message already there (same id or seq) is replaced, not duplicated. */
export function mergeMessage(list: ChatMessage[], m: ChatMessage): ChatMessage[] {
  const i = list.findIndex((x) => x.id === m.id || x.seq === m.seq);
  if (i >= 0) {
    const next = list.slice();
    next[i] = m;
    return next;
  }
  const next = list.concat(m);
  if (list.length > 0 && list[list.length - 1].seq > m.seq) next.sort((a, b) => a.seq - b.seq);
  return next;
}

export function mergeMessages(list: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  return more.reduce(mergeMessage, list);
}

function isMine(c: ConversationSummary, agent: AgentInfo | null): boolean {
  return c.status === 'assigned' && agent !== null && c.agentId === agent.id;
}

function upsert(list: ConversationSummary[], c: ConversationSummary): ConversationSummary[] {
  const i = list.findIndex((x) => x.id === c.id);
  if (i < 0) return list.concat(c);
  const next = list.slice();
  next[i] = c;
  return next;
}

function without<T>(rec: Record<string, T>, key: string): Record<string, T> {
  if (!(key in rec)) return rec;
  const next = { ...rec };
  delete next[key];
  return next;
}

/** Applies a conversation change to the lists and the open conversation. */
function applyConversation(s: WorkspaceState, c: ConversationSummary): WorkspaceState {
  const mine = isMine(c, s.agent) ? upsert(s.mine, c) : s.mine.filter((x) => x.id !== c.id);
  const queue = c.status === 'queued' ? s.queue.map((x) => (x.id === c.id ? c : x)) : s.queue.filter((x) => x.id !== c.id);
  const tickets = s.tickets && (c.status === 'offline' ? s.tickets.map((x) => (x.id === c.id ? c : x)) : s.tickets.filter((x) => x.id !== c.id));
  const open = s.open?.detail && s.open.id === c.id ? { ...s.open, detail: { ...s.open.detail, conversation: c } } : s.open;
  return { ...s, mine, queue, tickets, open };
}

function upsertAgent(team: AgentStatus[], a: AgentStatus): AgentStatus[] {
  return team.some((x) => x.id === a.id) ? team.map((x) => (x.id === a.id ? a : x)) : team.concat(a);
}

/** My own presence, from the team list. */
export function myStatus(s: WorkspaceState): AgentStatus | null {
  return s.team?.find((a) => a.id === s.agent?.id) ?? null;
}

export function reducer(s: WorkspaceState, a: Action): WorkspaceState {
  switch (a.type) {
    case 'connection':
      return { ...s, connection: a.connection, typing: a.connection === 'online' ? s.typing : {} };
    case 'hello':
      return { ...s, agent: a.agent, queue: a.queue, mine: a.mine, connection: 'online' };
    case 'me':
      return s.agent ? { ...s, agent: { ...s.agent, ...a.patch } } : s;
    case 'queue':
      return { ...s, queue: a.queue };
    case 'tickets':
      return { ...s, tickets: a.tickets };
    case 'team':
      return { ...s, team: a.team };
    case 'agentStatus':
      return { ...s, team: s.team ? upsertAgent(s.team, a.status) : [a.status] };
    case 'conversation': {
      const c = a.conversation;
      // Assigned to me by routing or a colleague's transfer (not my own claim): one unseen item.
      const arrived = isMine(c, s.agent) && !s.mine.some((x) => x.id === c.id) && s.busy[c.id] !== 'claim' && s.open?.id !== c.id;
      const next = applyConversation(s, c);
      return arrived ? { ...next, unread: { ...next.unread, [c.id]: (next.unread[c.id] ?? 0) + 1 } } : next;
    }
    case 'message': {
      const m = a.message;
      const open = s.open?.detail && s.open.id === m.conversationId ? { ...s.open, detail: { ...s.open.detail, messages: mergeMessage(s.open.detail.messages, m) } } : s.open;
      const outbox = m.clientId ? s.outbox.filter((o) => o.clientId !== m.clientId) : s.outbox;
      const inMine = s.mine.some((c) => c.id === m.conversationId);
      const mine = inMine && m.meta?.type !== 'note' ? s.mine.map((c) => (c.id === m.conversationId ? { ...c, lastMessage: m.text, updatedAt: m.createdAt } : c)) : s.mine;
      const counts = m.author === 'visitor' && inMine && (s.open?.id !== m.conversationId || a.hidden === true);
      const unread = counts ? { ...s.unread, [m.conversationId]: (s.unread[m.conversationId] ?? 0) + 1 } : s.unread;
      const typing = m.author === 'visitor' ? without(s.typing, m.conversationId) : s.typing;
      return { ...s, open, outbox, mine, unread, typing };
    }
    case 'seen':
      return { ...s, unread: without(s.unread, a.id) };
    case 'typing':
      return { ...s, typing: a.typing ? { ...s.typing, [a.conversationId]: true } : without(s.typing, a.conversationId) };
    case 'select': {
      if (a.id === null) return { ...s, open: null };
      const keep = s.open?.id === a.id ? s.open : { id: a.id, detail: null, error: null };
      return { ...s, open: keep, unread: without(s.unread, a.id), notice: null };
    }
    case 'opened': {
      if (s.open?.id !== a.id) return s;
      // A re-open after a reconnect keeps any live messages that arrived in between.
      const prev = s.open.detail?.messages ?? [];
      const detail = { ...a.detail, messages: mergeMessages(prev, a.detail.messages) };
      const sent = new Set(detail.messages.map((m) => m.clientId).filter(Boolean));
      return { ...s, open: { id: a.id, detail, error: null }, outbox: s.outbox.filter((o) => !sent.has(o.clientId)) };
    }
    case 'openFailed':
      return s.open?.id === a.id ? { ...s, open: { ...s.open, error: a.error } } : s;
    case 'busy':
      return { ...s, busy: a.what ? { ...s.busy, [a.id]: a.what } : without(s.busy, a.id) };
    case 'claimed':
      return applyConversation({ ...s, busy: without(s.busy, a.conversation.id) }, a.conversation);
    case 'notice':
      return { ...s, notice: a.notice };
    case 'outgoing':
      return { ...s, outbox: s.outbox.filter((o) => o.clientId !== a.outgoing.clientId).concat(a.outgoing) };
    case 'sent':
      return reducer({ ...s, outbox: s.outbox.filter((o) => o.clientId !== a.clientId) }, { type: 'message', message: a.message });
    case 'sendFailed':
      return { ...s, outbox: s.outbox.map((o) => (o.clientId === a.clientId ? { ...o, state: 'failed' } : o)) };
  }
}
