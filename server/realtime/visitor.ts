// The /visitor namespace: the widget's side. A visitor token opens only its own visitor's
// conversations; every socket of one visitor (tabs) joins the room `v:<visitorId>`. What a
// client may start (identities, conversations, handoffs, left messages, look-ups) is limited
// per client address.
import type { Namespace, Socket } from 'socket.io';
import type { Locale, VisitorClientEvents, VisitorServerEvents } from '../../protocol/index.ts';
import { hashToken, newToken } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Conversations } from '../conversations/service.ts';
import { DomainError } from '../conversations/errors.ts';
import type { VisitorQuota } from '../conversations/quota.ts';
import type { Logger } from '../log.ts';
import type { Limits } from '../security/limits.ts';
import { spend, visitorQuota } from '../security/visitor-quota.ts';
import { clientAddress } from '../security/network.ts';
import { verifiedKey } from '../security/identity.ts';
import type { Store } from '../store/index.ts';
import type { Visitor } from '../conversations/model.ts';
import type { Opening } from '../conversations/visitor-side.ts';
import type { Transcripts } from '../transcripts/index.ts';
import { dispatcher, type EventHandler } from './handle.ts';
import { TokenBucket } from './rate-limit.ts';
import { visitorSchemas as s } from './schemas.ts';

interface VisitorData {
  token: string | null;
  visitor: Visitor | null;
}
export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;

/** A visitor's connection: its socket, where it comes from, its budgets. */
interface Conn {
  socket: VisitorSocket;
  address: string;
  limiter: TokenBucket;
  /** tracking-code look-ups (made on the first) */
  tickets: TokenBucket | null;
}

export const visitorRoom = (visitorId: string) => `v:${visitorId}`;
/** Every socket of a verified customer, on any device. */
export const customerRoom = (customerId: string) => `c:${customerId}`;
/** The rooms a conversation's visitor-side events go to. */
export const visitorRooms = (c: { visitorId: string; customerId: string | null }) => [visitorRoom(c.visitorId), ...(c.customerId ? [customerRoom(c.customerId)] : [])];

export interface VisitorDeps {
  config: Config;
  store: Store;
  conversations: Conversations;
  limits: Limits;
  log: Logger;
  /** Told how long each handled event took (metrics). */
  observe?: (event: string, seconds: number) => void;
  /** The proactive message a visitor answers by sending (null: no such rule, or it is off). */
  opening: (ruleId: string, locale: Locale) => Promise<Opening | null>;
  transcripts: Transcripts;
}

async function identify(socket: VisitorSocket, store: Store): Promise<void> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  const known = typeof token === 'string' && token.length > 0 && token.length <= 100 ? await store.visitors.byTokenHash(hashToken(token)) : undefined;
  // A recovered connection carries its visitor's room: only that visitor's token may resume it.
  if (socket.recovered && socket.data.visitor && known?.id !== socket.data.visitor.id) throw new Error('unauthorized');
  // An unknown token is not an error: the visitor simply gets a new identity on hello.
  socket.data.token = known ? (token as string) : null;
  socket.data.visitor = known ?? null;
}

export function setupVisitors(nsp: VisitorNamespace, deps: VisitorDeps): void {
  const { config, store, conversations, limits, log, opening, transcripts } = deps;
  nsp.use((socket, next) => {
    identify(socket, store).then(
      () => next(),
      (err: unknown) => {
        if (!(err instanceof Error) || err.message !== 'unauthorized') log.warn({ err }, 'visitor handshake failed');
        next(new Error('unauthorized'));
      },
    );
  });

  // One table for every visitor socket (see `dispatcher`): per connection only what is its own.
  type Input<K extends keyof typeof s> = ReturnType<(typeof s)[K]['parse']>;
  const ev = <K extends keyof typeof s>(event: K, run: (input: Input<K>, conn: Conn) => Promise<object | void>): EventHandler<Conn> => ({ schema: s[event], run: run as EventHandler<Conn>['run'] });
  const mine = <K extends keyof typeof s>(event: K, run: (input: Input<K>, visitor: Visitor, conn: Conn) => Promise<object | void>) =>
    ev(event, async (input, conn) => {
      const visitor = conn.socket.data.visitor;
      if (!visitor) throw new DomainError('unauthorized', 'Say hello first.');
      return run(input, visitor, conn);
    });
  const quota = (conn: Conn): VisitorQuota => visitorQuota(limits, conn.address);
  const handlers: Record<keyof typeof s, EventHandler<Conn>> = {
    hello: ev('hello', async (req, { socket, address }) => {
      let visitor = socket.data.visitor;
      let token = socket.data.token;
      if (!visitor || !token) {
        await spend(limits, 'newVisitor', address);
        token = newToken();
        visitor = await store.visitors.create({ tokenHash: hashToken(token), locale: req.locale });
      }
      const userAgent = socket.handshake.headers['user-agent']?.slice(0, 500) ?? null;
      visitor = await conversations.visitors.arrive(visitor, req.locale as Locale, req.page, userAgent, req.timeZone ?? null);
      socket.data.visitor = visitor;
      socket.data.token = token;
      await socket.join(visitor.verified && visitor.customerId ? [visitorRoom(visitor.id), customerRoom(visitor.customerId)] : visitorRoom(visitor.id));
      const { conversation, messages } = await conversations.visitors.current(visitor, req.afterSeq ?? 0);
      return { token, visitorId: visitor.id, conversation, messages };
    }),
    send: mine('send', async (req, visitor, conn) => {
      const from = req.ruleId ? await opening(req.ruleId, visitor.locale) : null;
      return { message: await conversations.visitors.send(visitor, req.clientId, req.text, quota(conn), from) };
    }),
    handoff: mine('handoff', async (_req, visitor, conn) => ({ conversation: await conversations.visitors.handoff(visitor, 'button', quota(conn)) })),
    sync: mine('sync', async (req, visitor) => ({ messages: await conversations.visitors.sync(visitor, req.conversationId, req.afterSeq) })),
    close: mine('close', async (req, visitor) => ({ conversation: await conversations.visitors.close(visitor, req.conversationId) })),
    rate: mine('rate', async (req, visitor) => {
      await conversations.visitors.rate(visitor, req.conversationId, req.score, req.comment?.trim() || null);
    }),
    restart: mine('restart', async (_req, visitor) => ({ conversation: await conversations.visitors.restart(visitor) })),
    identify: mine('identify', async (req, visitor, { socket }) => {
      const { userId, userHash, ...labels } = req;
      const key = verifiedKey(config.identitySecret, req);
      const r = await conversations.visitors.identify(visitor, labels, key);
      socket.data.visitor = r.visitor;
      if (key && r.visitor.customerId) await socket.join(customerRoom(r.visitor.customerId));
      return { verified: key !== null, ...(r.changed && { changed: true }) };
    }),
    npsDue: mine('npsDue', async (req, visitor) => ({ ask: await conversations.nps.due(visitor, req.conversationId) })),
    nps: mine('nps', async (req, visitor) => {
      await conversations.nps.answer(visitor, req.conversationId, req.score, req.comment?.trim() || null);
    }),
    typing: mine('typing', (req, visitor) => conversations.visitors.typing(visitor, req.typing)),
    leaveMessage: mine('leaveMessage', (req, visitor, conn) => conversations.tickets.leave(visitor, req, quota(conn))),
    // Tracking codes are credentials: a slow budget against guessing, per socket and per address.
    ticket: mine('ticket', async (req, _visitor, conn) => {
      if (!(conn.tickets ??= new TokenBucket(5, 0.1)).take()) throw new DomainError('rate_limited', 'Too many look-ups; try again in a minute.', 10);
      await spend(limits, 'ticketLookup', conn.address);
      return conversations.tickets.byCode(req.trackingCode);
    }),
    choose: mine('choose', async (req, visitor) => ({ message: await conversations.visitors.choose(visitor, req.messageId, req.entryId) })),
    transcript: mine('transcript', (req, visitor) => transcripts.forVisitor(visitor, req.conversationId)),
    mailTranscript: mine('mailTranscript', async (req, visitor, conn) => {
      if (!transcripts.canMail) throw new DomainError('forbidden', 'This server does not send mail.');
      await spend(limits, 'transcriptMail', conn.address);
      await transcripts.mail(visitor, req.conversationId, req.email);
    }),
  };
  const dispatch = dispatcher(handlers, { log, observe: deps.observe });

  nsp.on('connection', (socket: VisitorSocket) => {
    const conn: Conn = { socket, address: clientAddress(socket.request, config.trustProxy), limiter: new TokenBucket(20, 2), tickets: null };
    socket.onAny((event: string, ...args: unknown[]) => dispatch(conn, conn.limiter, event, args));
  });
}
