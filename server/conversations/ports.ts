// What the conversation domain needs from the world, as interfaces in its own types: the store
// (server/store/ implements it over SQLite or PostgreSQL) and the team's live state (in memory
// for one process, Redis for several: server/cluster/).
import type { ArchiveFilter, Channel, ConversationStatus, Locale, Presence, StartedFrom } from '../../protocol/index.ts';
import type { Agent, Attachment, Conversation, ConversationPatch, Customer, CustomerKey, EmailRecord, NpsResponse, NpsSubject, ListedConversation, Message, MessageDraft, StoredFile, Visitor, VisitorPatch } from './model.ts';
import type { LearnedStore } from '../learning/model.ts';

export interface Appended {
  /** The stored messages, in order (on a retry: the one stored the first time). */
  messages: Message[];
  /** The conversation after the append. */
  conversation: Conversation;
  /** false when the first draft's client id was already stored (a retry). */
  created: boolean;
}

/** A transition made together with an append: only if the conversation is still in `from` (and owned by `owner`). */
export interface AppendGuard {
  from: readonly ConversationStatus[];
  patch?: ConversationPatch;
  owner?: string;
}

export interface ConversationStore {
  visitors: {
    get(id: string): Promise<Visitor | undefined>;
    update(id: string, patch: VisitorPatch): Promise<void>;
    create(v: { tokenHash: string; locale: Locale; customerId?: string | null; verified?: boolean }): Promise<Visitor>;
    byTokenHash(tokenHash: string): Promise<Visitor | undefined>;
  };
  /** Mail in and out of email conversations, by Message-ID. */
  email: {
    record(e: Omit<EmailRecord, 'id' | 'createdAt'>): Promise<EmailRecord | null>;
    byHeaderId(headerId: string): Promise<EmailRecord | undefined>;
    latestOf(headerIds: string[]): Promise<EmailRecord | undefined>;
    ofConversation(conversationId: string): Promise<EmailRecord[]>;
    setMessage(id: string, messageId: string): Promise<void>;
  };
  /** One person across devices and channels; reached only through verified identities. */
  customers: {
    findOrCreateVerifiedCustomer(key: CustomerKey, profile?: { name?: string | null; phone?: string | null }): Promise<Customer>;
    get(id: string): Promise<Customer | undefined>;
    update(id: string, patch: { name?: string | null; phone?: string | null }): Promise<void>;
    customerOf(visitorId: string): Promise<Customer | undefined>;
    link(visitorId: string, customerId: string): Promise<void>;
    unlink(visitorId: string): Promise<void>;
    conversationsOfCustomer(customerId: string, limit?: number): Promise<Conversation[]>;
    openConversationOf(customerId: string, channel?: Channel): Promise<Conversation | undefined>;
  };
  /** "How likely are you to recommend us?": once per subject per window. */
  nps: {
    answeredSince(subject: NpsSubject, sinceIso: string): Promise<boolean>;
    /** Null when the subject already answered since `sinceIso`. */
    record(r: Omit<NpsResponse, 'id' | 'createdAt'>, subject: NpsSubject, sinceIso: string): Promise<NpsResponse | null>;
  };
  conversations: {
    open(c: { visitorId: string; locale: Locale; pageUrl: string | null; startedFrom?: StartedFrom | null; channel?: Channel; customerId?: string | null }): Promise<Conversation>;
    get(id: string): Promise<Conversation | undefined>;
    currentOf(visitorId: string): Promise<Conversation | undefined>;
    transition(id: string, from: readonly ConversationStatus[], patch: ConversationPatch, owner?: string): Promise<Conversation | null>;
    assign(id: string, agentId: string, limit: number, from?: readonly ConversationStatus[], currentOwner?: string): Promise<Conversation | null>;
    rate(id: string, score: number, comment: string | null): Promise<Conversation | null>;
    setTags(id: string, tags: string[]): Promise<Conversation | undefined>;
    waiting(status?: 'queued' | 'offline'): Promise<ListedConversation[]>;
    queuePosition(c: Pick<Conversation, 'id' | 'queuedAt'>): Promise<number>;
    ofAgent(agentId: string, statuses: readonly ConversationStatus[]): Promise<ListedConversation[]>;
    ofVisitor(visitorId: string, limit?: number): Promise<Conversation[]>;
    byTrackingCode(code: string): Promise<Conversation | undefined>;
    openCounts(): Promise<Map<string, number>>;
    recentPickupSeconds(limit?: number): Promise<number[]>;
  };
  messages: {
    /** Appends atomically with `guard`'s transition; null when the guard no longer holds. */
    append(conversationId: string, drafts: MessageDraft[], guard?: AppendGuard): Promise<Appended | null>;
    after(conversationId: string, afterSeq: number, opts?: { internal?: boolean; limit?: number }): Promise<Message[]>;
  };
  attachments: {
    create(a: StoredFile & { conversationId: string; uploadedBy: Attachment['uploadedBy'] }): Promise<Attachment>;
    get(id: string): Promise<Attachment | undefined>;
    /** Ties the file to its stored message. */
    attach(id: string, messageId: string): Promise<void>;
    /** A file whose message was not stored (a retried upload): its row goes; the sweep takes the bytes. */
    discard(id: string): Promise<void>;
  };
  agents: {
    get(id: string): Promise<Agent | undefined>;
    all(): Promise<Agent[]>;
  };
  /** The archive: conversations by filters and words, newest first (cursor: start time and id). */
  archive: {
    find(filter: ArchiveFilter, page: { limit: number; before?: { createdAt: string; id: string } | null }): Promise<{ conversations: ListedConversation[]; next: { createdAt: string; id: string } | null }>;
    matches(conversationIds: string[], query: string, perConversation: number): Promise<Map<string, Message[]>>;
    messagesOf(conversationIds: string[]): Promise<Map<string, Message[]>>;
  };
  unanswered: {
    record(u: { conversationId: string | null; locale: string; text: string; normalized: string }): Promise<void>;
  };
  /** Evidence for learned wordings (server/learning/). */
  learned: Pick<LearnedStore, 'addEvidence' | 'voidVisitorEvidence'>;
  settings: {
    get<T>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
  };
}

/**
 * Who of the team is online, across however many server processes. Presence is 'online' or
 * 'away' while the person has a console open somewhere (or lost it less than the grace period
 * ago), else 'offline'. When the grace period runs out, exactly one process hears `wentOffline`.
 */
export interface TeamState {
  connected(agentId: string, socketId: string): Promise<void>;
  disconnected(agentId: string, socketId: string): Promise<void>;
  setPresence(agentId: string, presence: 'online' | 'away'): Promise<void>;
  /** Deactivation or logout everywhere: offline at once (this process hears `wentOffline`). */
  forceOffline(agentId: string): Promise<void>;
  presences(): Promise<Map<string, Presence>>;
  noteAssigned(agentId: string): Promise<void>;
  /** When each agent last got a conversation (ms); routing breaks ties by longest idle. */
  lastAssigned(): Promise<Map<string, number>>;
  /** Runs `task` unless another process holds the lock `name`; false when skipped. */
  exclusive(name: string, ttlMs: number, task: () => Promise<void>): Promise<boolean>;
  /** Presence changed somewhere this process can tell. */
  onChange(listener: () => void): void;
  onWentOffline(listener: (agentId: string) => void): void;
  close(): Promise<void>;
}
