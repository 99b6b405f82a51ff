// The /visitor namespace: the widget's side. A visitor token opens only its own visitor's
// conversations; every socket of one visitor (tabs) joins the room `v:<visitorId>`.
import type { Namespace, Socket } from 'socket.io';
import type { Locale, VisitorClientEvents, VisitorServerEvents } from '../../protocol/index.ts';
import { hashToken, newToken } from '../auth.ts';
import type { Conversations } from '../conversations/service.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Logger } from '../log.ts';
import type { Store, VisitorRow } from '../store/index.ts';
import { handle } from './handle.ts';
import { TokenBucket } from './rate-limit.ts';
import { visitorSchemas as s } from './schemas.ts';

interface VisitorData {
  token: string | null;
  visitor: VisitorRow | null;
}
export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;

export const visitorRoom = (visitorId: string) => `v:${visitorId}`;

export function setupVisitors(nsp: VisitorNamespace, store: Store, conversations: Conversations, log: Logger): void {
  nsp.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    socket.data.token = null;
    socket.data.visitor = null;
    if (typeof token === 'string' && token.length > 0 && token.length <= 100) {
      const visitor = await store.visitorByTokenHash(hashToken(token)).catch(() => undefined);
      // An unknown token is not an error: the visitor simply gets a new identity on hello.
      if (visitor) {
        socket.data.token = token;
        socket.data.visitor = visitor;
      }
    }
    next();
  });

  nsp.on('connection', (socket: VisitorSocket) => {
    const limiter = new TokenBucket(20, 2);
    const on = <K extends keyof typeof s, R extends object>(event: K, run: (input: ReturnType<(typeof s)[K]['parse']>, visitor: VisitorRow) => Promise<R | void>) =>
      handle(socket, event, s[event], limiter, log, async (input) => {
        const visitor = socket.data.visitor;
        if (!visitor) throw new DomainError('unauthorized', 'Say hello first.');
        return run(input as ReturnType<(typeof s)[K]['parse']>, visitor);
      });

    handle(socket, 'hello', s.hello, limiter, log, async (req) => {
      let visitor = socket.data.visitor;
      let token = socket.data.token;
      if (!visitor || !token) {
        token = newToken();
        visitor = await store.createVisitor({ tokenHash: hashToken(token), locale: req.locale });
      }
      const userAgent = socket.handshake.headers['user-agent']?.slice(0, 500) ?? null;
      visitor = await conversations.arrive(visitor, req.locale as Locale, req.page, userAgent, req.timeZone ?? null);
      socket.data.visitor = visitor;
      socket.data.token = token;
      await socket.join(visitorRoom(visitor.id));
      const { conversation, messages } = await conversations.current(visitor, req.afterSeq ?? 0);
      return { token, visitorId: visitor.id, conversation, messages };
    });

    on('send', async (req, visitor) => ({ message: await conversations.visitorSend(visitor, req.clientId, req.text) }));
    on('handoff', async (_req, visitor) => ({ conversation: await conversations.handoff(visitor, 'button') }));
    on('sync', async (req, visitor) => ({ messages: await conversations.visitorSync(visitor, req.conversationId, req.afterSeq) }));
    on('close', async (req, visitor) => ({ conversation: await conversations.visitorClose(visitor, req.conversationId) }));
    on('rate', async (req, visitor) => {
      await conversations.rate(visitor, req.conversationId, req.score, req.comment?.trim() || null);
    });
    on('restart', async (_req, visitor) => ({ conversation: await conversations.restart(visitor) }));
    on('identify', async (req, visitor) => {
      await conversations.identify(visitor, req);
    });
    on('typing', (req, visitor) => conversations.visitorTyping(visitor, req.typing));
    on('leaveMessage', (req, visitor) => conversations.leaveMessage(visitor, req));
    // Tracking codes are credentials: a slow, separate budget against guessing.
    const ticketLimiter = new TokenBucket(5, 0.1);
    on('ticket', async (req) => {
      if (!ticketLimiter.take()) throw new DomainError('rate_limited', 'Too many look-ups; try again in a minute.');
      return conversations.ticket(req.trackingCode);
    });
  });
}
