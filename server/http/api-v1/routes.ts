// The REST API's routes: each names its scope, its zod schemas (what it takes, what it gives) and
// its handler. router.ts serves them, openapi.ts describes them — from this one list.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AgentInfo, ApiScope } from '../../../protocol/index.ts';
import { toApiConversation, toApiMessage } from '../../conversations/api-presenters.ts';
import { DomainError } from '../../conversations/errors.ts';
import type { Conversations } from '../../conversations/service.ts';
import type { Team } from '../../conversations/team.ts';
import type { KnowledgeService } from '../../knowledge/index.ts';
import { addDays, dayStart, isDate } from '../../reports/calendar.ts';
import { buildReport, reportQuery } from '../../reports/index.ts';
import { can } from '../../security/access.ts';
import type { ApiToken } from '../../security/api-tokens.ts';
import type { Store } from '../../store/index.ts';
import { toAgentInfo } from '../../store/agents.ts';
import * as S from './schemas.ts';

export interface ApiDeps {
  store: Store;
  conversations: Conversations;
  team: Team;
  knowledge: KnowledgeService;
}

type Schema = z.ZodType;
type Out<T> = T extends Schema ? z.output<T> : undefined;

export interface ApiRoute<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post';
  /** Express-style path (`:id`); the same key as in security/access.ts. */
  path: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status and what comes with it. */
  status: 200 | 201;
  response: Schema;
  run(input: { params: Out<P>; query: Out<Q>; body: Out<B>; token: ApiToken }, deps: ApiDeps): Promise<unknown>;
}

function route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(r: ApiRoute<P, Q, B>): ApiRoute {
  return r as unknown as ApiRoute;
}

/** The person a token writes as, when they may work conversations now. */
async function writerOf(store: Store, token: ApiToken): Promise<AgentInfo> {
  const agent = await store.agents.get(token.agentId);
  if (!agent?.active) throw new DomainError('forbidden', 'The person this token writes as is deactivated.');
  if (!can(agent.role, 'conversations')) throw new DomainError('forbidden', 'The person this token writes as does not work conversations.');
  return toAgentInfo(agent);
}

/** A waiting conversation (queue or left message) is claimed for the writer first; one someone else has is refused. */
async function takeOver(deps: ApiDeps, agent: AgentInfo, id: string): Promise<void> {
  const conv = await deps.store.conversations.get(id);
  if (!conv) throw new DomainError('not_found', 'No such conversation.');
  if (conv.status === 'queued' || conv.status === 'offline') await deps.conversations.agents.claim(agent, id);
  else if (conv.status === 'assigned' && conv.agentId !== agent.id) throw new DomainError('already_taken', 'Another agent has this conversation.');
  else if (conv.status !== 'assigned') throw new DomainError('wrong_state', `This conversation is ${conv.status}: it takes messages from agents once the visitor has asked for a person.`);
}

const cursorOf = (c: { createdAt: string; id: string }) => Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
function readCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // refused below
  }
  throw new DomainError('invalid', 'cursor: not a cursor this API gave.');
}

/** A bound of the list: a date is the team's day (its start, or the end of `to`), else the instant given. */
function bound(v: string | undefined, timeZone: string, end: boolean): string | undefined {
  if (!v) return undefined;
  if (isDate(v)) return new Date(dayStart(end ? addDays(v, 1) : v, timeZone)).toISOString();
  return new Date(v).toISOString();
}

export const API_ROUTES: ApiRoute[] = [
  route({
    method: 'get',
    path: '/api/v1/conversations',
    summary: 'List conversations, newest first',
    description: 'Pages of up to `limit` conversations; pass `nextCursor` as `cursor` for the next page.',
    scope: 'read',
    query: S.ConversationListQuery,
    status: 200,
    response: S.ConversationPage,
    async run({ query }, { store, team }) {
      const tz = team.settings().hours.timeZone;
      const rows = await store.conversationPages.page({
        status: query.status,
        fromIso: bound(query.from, tz, false),
        toIso: bound(query.to, tz, true),
        after: query.cursor ? readCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => toApiConversation(r, { visitorName: r.visitorName, agentName: r.agentName })),
        nextCursor: rows.length > query.limit && last ? cursorOf(last) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/conversations/:id',
    summary: 'One conversation with its messages (internal notes too), its visitor, tags and rating',
    scope: 'read',
    params: S.ConversationParams,
    status: 200,
    response: S.ConversationDetail,
    async run({ params }, { store, conversations }) {
      const detail = await conversations.agents.detail(params.id);
      const conv = await store.conversations.get(params.id);
      if (!conv) throw new DomainError('not_found', 'No such conversation.');
      return {
        conversation: toApiConversation(conv, { visitorName: detail.conversation.visitorName, agentName: detail.conversation.agentName }),
        messages: detail.messages.map(toApiMessage),
        visitor: detail.visitor,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/conversations/:id/messages',
    summary: 'Reply as the token’s agent',
    description:
      'Writes as the person the token was made for. A conversation waiting in the queue (or a left message) is claimed for them first; one another agent has is refused (409). The visitor sees the reply at once.',
    scope: 'write',
    params: S.ConversationParams,
    body: S.NewMessage,
    status: 201,
    response: S.SentMessage,
    async run({ params, body, token }, deps) {
      const agent = await writerOf(deps.store, token);
      await takeOver(deps, agent, params.id);
      const message = await deps.conversations.agents.send(agent, params.id, body.clientId ?? randomUUID(), body.text);
      return { message: toApiMessage(message) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/conversations/:id/close',
    summary: 'Close a conversation as the token’s agent',
    scope: 'write',
    params: S.ConversationParams,
    body: S.CloseRequest,
    status: 200,
    response: S.ClosedConversation,
    async run({ params, body, token }, deps) {
      const agent = await writerOf(deps.store, token);
      await takeOver(deps, agent, params.id);
      await deps.conversations.agents.close(agent, params.id, body.resolution ?? null);
      const conv = await deps.store.conversations.get(params.id);
      if (!conv) throw new DomainError('not_found', 'No such conversation.');
      return { conversation: toApiConversation(conv, { visitorName: (await deps.store.visitors.get(conv.visitorId))?.name ?? null, agentName: agent.name }) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/reports/summary',
    summary: 'The report’s figures for a range of days',
    description: 'Days are the team’s (its time zone); `to` is included. The same figures as the console’s Reports page.',
    scope: 'read',
    query: reportQuery,
    status: 200,
    response: S.ReportSummarySchema,
    async run({ query }, { store, team }) {
      return (await buildReport(store.reports, team.settings().hours.timeZone, query)).summary;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/kb/entries',
    summary: 'The knowledge base’s entries',
    scope: 'read',
    query: S.KbQuery,
    status: 200,
    response: S.KbEntries,
    async run({ query }, { knowledge }) {
      const entries = knowledge.entries().filter((e) => !query.locale || e.locale === query.locale);
      return { entries: entries.map((e) => ({ id: e.id, locale: e.locale, questions: e.questions, tags: e.tags, answer: e.answer })) };
    },
  }),
];
