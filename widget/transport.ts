// The chat client without UI: socket.io connection, token, outbox with retry, resume from the
// last seq, de-duplication. Nothing is lost (outbox in localStorage, retried until acked) and
// nothing is shown twice (messages keyed by id, pending ones by clientId).
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ChatMessage,
  ConversationView,
  LeaveMessageRequest,
  Locale,
  Result,
  VisitorClientEvents,
  VisitorProfile,
  VisitorServerEvents,
} from '../protocol/index.ts';
import type { ConnectionState } from './types.ts';

export const TOKEN_KEY = 'porsan:token';
export const OUTBOX_KEY = 'porsan:outbox';
/** Set once the visitor told us how to reach them (the pre-chat form is then skipped). */
export const IDENTIFIED_KEY = 'porsan:identified';
/** The proactive message the visitor opened the chat from (set by widget/proactive/main.ts). */
export const RULE_KEY = 'porsan:rule';

/** That message's rule, for half an hour, while no conversation has started. */
function openedRule(): string | undefined {
  try {
    const r = JSON.parse(store.get(RULE_KEY)!);
    return Date.now() - r.at < 18e5 ? r.id : undefined;
  } catch {
    return undefined;
  }
}

export interface Pending {
  clientId: string;
  text: string;
  createdAt: string;
  /** Error code when the server refused it; it then waits for a manual retry. */
  failed?: string;
  /** It answers this proactive rule (and starts the conversation from it). */
  ruleId?: string;
}

export interface ChatState {
  connection: ConnectionState;
  conversation: ConversationView | null;
  /** Confirmed messages of the current conversation, by seq. */
  messages: ChatMessage[];
  /** Visitor messages not acknowledged yet, oldest first. */
  pending: Pending[];
  agentTyping: boolean;
  /** The server asked us to slow down (too many requests from this network) until this time (ms). */
  busyUntil?: number;
}

export const store = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      /* storage unavailable: keep going in memory */
    }
  },
};

export function uuid(): string {
  if (typeof crypto !== 'undefined' && crypto.randomUUID) return crypto.randomUUID();
  return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

function readOutbox(): Pending[] {
  try {
    const v = JSON.parse(store.get(OUTBOX_KEY) || '[]');
    return Array.isArray(v) ? v.filter((p) => p && typeof p.clientId === 'string' && typeof p.text === 'string') : [];
  } catch {
    return [];
  }
}

/** Merge `incoming` into `list` (sorted by seq), skipping ids already there. Returns the new list and what was new. */
export function mergeMessages(list: ChatMessage[], incoming: ChatMessage[]): { list: ChatMessage[]; added: ChatMessage[] } {
  const seen = new Set(list.map((m) => m.id));
  const added: ChatMessage[] = [];
  for (const m of incoming) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    added.push(m);
  }
  if (!added.length) return { list, added };
  return { list: list.concat(added).sort((a, b) => a.seq - b.seq), added };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AckOf<K extends keyof VisitorClientEvents> = VisitorClientEvents[K] extends (req: any, ack: Ack<infer T>) => void ? T : object;
type Sock = Socket<VisitorServerEvents, VisitorClientEvents>;

export interface ClientOptions {
  server: string;
  locale(): Locale;
  /** A message entered the list; `live` is false for history restored on first load. */
  onMessage?(m: ChatMessage, live: boolean): void;
}

export class ChatClient {
  state: ChatState;
  private socket: Sock;
  private listeners = new Set<() => void>();
  private flushing = false;
  private connectedOnce = false;
  private ready = false;
  private profile: VisitorProfile | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private opts: ClientOptions) {
    this.state = { connection: 'connecting', conversation: null, messages: [], pending: readOutbox(), agentTyping: false };
    this.socket = io(opts.server + '/visitor', {
      auth: (cb) => {
        const token = store.get(TOKEN_KEY);
        cb(token ? { token } : {});
      },
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // WebSocket first: one connection, so any node behind a load balancer can take it (no
      // sticky sessions needed); long-polling only where WebSockets are blocked.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    const s = this.socket;
    s.on('connect', () => void this.welcome());
    s.on('disconnect', (reason) => {
      this.ready = false;
      // The server dropped us on purpose (e.g. restarting): socket.io will not retry by itself.
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1000);
      this.set({ connection: 'offline', agentTyping: false });
    });
    s.on('connect_error', (err) => {
      if (/unauthori[sz]ed|token/i.test(err.message)) store.set(TOKEN_KEY, null);
      this.set({ connection: 'offline' });
    });
    s.on('message', (m) => this.receive([m], true));
    s.on('conversation', (c) => this.adopt(c));
    s.on('typing', (ev) => {
      clearTimeout(this.typingTimer);
      if (ev.typing) this.typingTimer = setTimeout(() => this.set({ agentTyping: false }), 10_000);
      this.set({ agentTyping: !!ev.typing });
    });
    // Another tab added or removed outbox entries: show them here too.
    addEventListener('storage', (e) => {
      if (e.key === OUTBOX_KEY) this.set({ pending: this.visiblePending(readOutbox()) });
    });
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ChatState>): void {
    if (patch.conversation) store.set(RULE_KEY, null);
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((fn) => fn());
  }

  private get lastSeq(): number {
    const m = this.state.messages;
    return m.length ? m[m.length - 1].seq : 0;
  }

  /** Pending entries minus those the server already confirmed (kept failures of this tab). */
  private visiblePending(outbox: Pending[]): Pending[] {
    const confirmed = new Set(this.state.messages.map((m) => m.clientId));
    const failed = this.state.pending.filter((p) => p.failed);
    return failed.concat(outbox.filter((p) => !confirmed.has(p.clientId) && !failed.some((f) => f.clientId === p.clientId)));
  }

  /** One request with its ack (the extras chunk uses it for what the first load does not need). */
  async call<K extends keyof VisitorClientEvents>(
    event: K,
    req: Parameters<VisitorClientEvents[K]>[0],
  ): Promise<Result<AckOf<K>>> {
    let r: Result<AckOf<K>>;
    try {
      // (socket.io's typed emitWithAck cannot follow a generic event name)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      r = await (this.socket.timeout(8000) as any).emitWithAck(event, req);
    } catch {
      return { ok: false, error: 'internal', message: 'timeout' };
    }
    if (!r.ok && r.error == 'rate_limited') {
      const ms = Math.min(600, r.retryAfterSeconds || 5) * 1000;
      this.set({ busyUntil: Date.now() + ms });
      setTimeout(() => (this.state.busyUntil || 0) <= Date.now() && this.set({ busyUntil: 0 }), ms + 50);
    }
    return r;
  }

  /** How long to wait before trying a refused call again. */
  private backoff(r: { error: string }): number {
    return r.error == 'rate_limited' ? Math.max(2000, (this.state.busyUntil || 0) - Date.now()) : 2000;
  }

  private hello() {
    return this.call('hello', {
      locale: this.opts.locale(),
      // (the page title without our own "(2) " unread prefix)
      page: { url: location.href.slice(0, 2000), title: document.title.replace(/^\(\S+\) /, '').slice(0, 200), referrer: document.referrer.slice(0, 2000) },
      afterSeq: this.lastSeq,
      timeZone: visitorTimeZone(),
    });
  }

  private async welcome(): Promise<void> {
    const live = this.connectedOnce;
    const had = this.state.conversation?.id || this.state.messages[0]?.conversationId || null;
    const res = await this.hello();
    if (!res.ok) {
      // A token the server no longer knows: start over as a new visitor. Otherwise try again.
      if (res.error === 'unauthorized' || res.error === 'forbidden') store.set(TOKEN_KEY, null);
      setTimeout(() => this.socket.connected && void this.welcome(), res.error == 'rate_limited' ? this.backoff(res) : 1500);
      return;
    }
    store.set(TOKEN_KEY, res.token);
    this.connectedOnce = true;
    const conv = res.conversation;
    if (had && conv?.id !== had) {
      // Not the conversation shown (ended or restarted elsewhere meanwhile): start over, and
      // fetch it whole (the messages in `res` are after a seq of the other conversation).
      this.set({ conversation: conv, messages: [] });
      if (conv) this.receive((await this.syncFrom(conv.id, 0)) || [], live);
    } else {
      this.set({ conversation: conv });
      this.receive(res.messages.filter((m) => !conv || m.conversationId === conv.id), live);
      // After a reconnect, ask for anything after what we have.
      if (live && conv) this.receive((await this.syncFrom(conv.id, this.lastSeq)) || [], true);
    }
    this.ready = true;
    this.set({ connection: 'online' });
    if (this.profile) void this.identify(this.profile);
    void this.flush();
  }

  private async syncFrom(conversationId: string, afterSeq: number): Promise<ChatMessage[] | null> {
    const r = await this.call('sync', { conversationId, afterSeq });
    return r.ok ? r.messages : null;
  }

  private receive(incoming: ChatMessage[], live: boolean): void {
    if (!incoming.length) return;
    const cur = this.state.conversation?.id || this.state.messages[0]?.conversationId;
    const foreign = incoming.find((m) => m.conversationId !== cur);
    if (!cur || foreign) {
      // A conversation started by this message (or in another tab): sending starts one with the
      // bot, and the server announces later changes with `conversation` events.
      const m = foreign || incoming[0];
      const conversation: ConversationView = { id: m.conversationId, status: 'bot', locale: this.opts.locale(), queuePosition: null, agentName: null, rating: null, createdAt: m.createdAt };
      this.set({ messages: [], conversation });
      if (cur) void this.refresh(m.conversationId);
    }
    const { list, added } = mergeMessages(this.state.messages, incoming.filter((m) => !cur || !foreign || m.conversationId === foreign.conversationId));
    if (!added.length) return;
    const confirmed = new Set(added.map((m) => m.clientId).filter(Boolean));
    this.set({ messages: list, pending: this.state.pending.filter((p) => !confirmed.has(p.clientId)), agentTyping: added.some((m) => m.author === 'agent') ? false : this.state.agentTyping });
    if (confirmed.size) this.saveOutbox((o) => o.filter((p) => !confirmed.has(p.clientId)));
    for (const m of added) this.opts.onMessage?.(m, live);
    // A handoff that left the bot in charge means nobody can answer now, but asked in words it
    // comes without a conversation update: ask for the current view (unless one arrives).
    if (live && added.some((m) => m.meta?.type == 'handoff'))
      setTimeout(() => {
        const c = this.state.conversation;
        if (c?.status == 'bot' && c.agentsAvailable !== false)
          void this.hello().then((r) => r.ok && r.conversation?.id == this.state.conversation?.id && this.adopt(r.conversation!));
      }, 400);
  }

  private async refresh(conversationId: string): Promise<void> {
    const msgs = await this.syncFrom(conversationId, 0);
    if (msgs) this.receive(msgs, true);
  }

  /** A conversation update; a different id means a new conversation. */
  private adopt(c: ConversationView): void {
    const cur = this.state.conversation?.id || this.state.messages[0]?.conversationId;
    if (cur && c.id !== cur) {
      this.set({ conversation: c, messages: [] });
      void this.refresh(c.id);
    } else this.set({ conversation: c });
  }

  private saveOutbox(change: (o: Pending[]) => Pending[]): void {
    const next = change(readOutbox());
    store.set(OUTBOX_KEY, next.length ? JSON.stringify(next) : null);
  }

  /** Queue a visitor message; it is sent now or as soon as the connection is back. */
  send(text: string): void {
    text = text.trim().slice(0, 4000);
    if (!text) return;
    const p: Pending = { clientId: uuid(), text, createdAt: new Date().toISOString(), ruleId: this.state.conversation ? undefined : openedRule() };
    this.saveOutbox((o) => o.concat(p));
    this.set({ pending: this.state.pending.concat(p) });
    void this.flush();
  }

  retry(clientId: string): void {
    const p = this.state.pending.find((x) => x.clientId === clientId);
    if (!p) return;
    const again = { ...p, failed: undefined };
    this.saveOutbox((o) => o.concat(again));
    this.set({ pending: this.state.pending.map((x) => (x === p ? again : x)) });
    void this.flush();
  }

  /** Sends the outbox one message at a time, in order, each waiting for its ack. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.ready) {
        const p = this.state.pending.find((x) => !x.failed);
        if (!p) break;
        const r = await this.call('send', { clientId: p.clientId, text: p.text, ruleId: p.ruleId });
        if (r.ok) {
          this.receive([r.message], true);
          continue;
        }
        if (r.message === 'timeout' || r.error === 'rate_limited' || r.error === 'internal' || r.error === 'unauthorized') {
          if (this.ready) setTimeout(() => void this.flush(), this.backoff(r));
          break;
        }
        // Refused for good (too long, wrong state…): keep it visible with a retry button.
        this.saveOutbox((o) => o.filter((x) => x.clientId !== p.clientId));
        this.set({ pending: this.state.pending.map((x) => (x === p ? { ...p, failed: r.error } : x)) });
      }
    } finally {
      this.flushing = false;
    }
  }

  async identify(profile: VisitorProfile): Promise<boolean> {
    const clean: VisitorProfile = {};
    for (const k of ['name', 'email', 'phone', 'userId', 'userHash'] as const) {
      const v = profile[k];
      if (typeof v === 'string' && v.trim()) clean[k] = v.trim().slice(0, 100);
    }
    this.profile = clean;
    if (clean.email || clean.phone) store.set(IDENTIFIED_KEY, '1');
    if (!this.ready) return false;
    const r = await this.call('identify', clean);
    if (r.ok) {
      this.profile = null;
      // Verified as a customer with a conversation elsewhere: show that one.
      if (r.changed) void this.welcome();
    }
    return r.ok;
  }

  async handoff(): Promise<boolean> {
    const r = await this.call('handoff', {});
    if (r.ok) this.adopt(r.conversation);
    return r.ok;
  }

  /** Leave a message when nobody can answer; the conversation becomes a ticket with a tracking code. */
  async leaveMessage(req: LeaveMessageRequest): Promise<Result<{ trackingCode: string }>> {
    const r = await this.call('leaveMessage', req);
    if (r.ok) {
      this.adopt(r.conversation);
      store.set(IDENTIFIED_KEY, '1');
    }
    return r;
  }

  /** A left message and its replies, by tracking code (read-only; any device). */
  ticket(trackingCode: string) {
    return this.call('ticket', { trackingCode });
  }

  async close(): Promise<boolean> {
    const c = this.state.conversation;
    if (!c) return false;
    const r = await this.call('close', { conversationId: c.id });
    if (r.ok) this.adopt(r.conversation);
    return r.ok;
  }

  async rate(score: number, comment: string): Promise<boolean> {
    const c = this.state.conversation;
    if (!c) return false;
    // (the server announces the rated conversation to every tab before it answers)
    return (await this.call('rate', { conversationId: c.id, score, ...(comment.trim() ? { comment: comment.trim().slice(0, 1000) } : {}) })).ok;
  }

  async restart(): Promise<boolean> {
    const r = await this.call('restart', {});
    if (r.ok) this.set({ conversation: r.conversation, messages: [] });
    return r.ok;
  }

  typing(on: boolean): void {
    if (this.ready) this.socket.volatile.emit('typing', { typing: on });
  }

  /** Start over as a new visitor (the loader has dropped the token). */
  reset(): void {
    this.profile = null;
    this.set({ conversation: null, messages: [], pending: [] });
    this.socket.disconnect().connect();
  }

  /** Re-introduce ourselves, e.g. after a locale change. */
  rehello(): void {
    if (this.ready) void this.welcome();
  }
}

/** The visitor's IANA time zone, so agents can see their local time. */
function visitorTimeZone(): string | undefined {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && /^[\w+\-/]{1,64}$/.test(tz) ? tz : undefined;
  } catch {
    return undefined;
  }
}
