// The REST API's shapes as zod schemas: the handlers validate what comes in with them, and the
// OpenAPI document (openapi.ts) is generated from them. Each is tied to its protocol type, so the
// document, the server and the types in protocol/ cannot drift apart.
import { z } from 'zod';
import type {
  ApiConversation, ApiConversationDetail, ApiConversationPage, ApiKbEntry, ApiMessage, MessageMeta, ReportSummary, VisitorContext,
} from '../../../protocol/index.ts';
import { LIMITS, LOCALES, type Locale } from '../../../protocol/index.ts';
import { isDate } from '../../reports/calendar.ts';

/** Every schema that is a named component of the OpenAPI document. */
export const components = z.registry<{ id: string; description?: string }>();

const locale = z.enum(LOCALES as [Locale, ...Locale[]]);
const status = z.enum(['bot', 'queued', 'assigned', 'offline', 'closed']);
const handoffReason = z.enum(['asked', 'button', 'bot_failed']);
const resolution = z.enum(['resolved', 'unresolved', 'spam']);
const isoTime = z.string().describe('ISO 8601 time (UTC)');

export const ErrorSchema = z
  .object({ error: z.string().describe('invalid | unauthorized | forbidden | not_found | already_taken | wrong_state | rate_limited | internal'), message: z.string() })
  .register(components, { id: 'Error', description: 'Every refusal: a code and a sentence.' });

export const Conversation = z
  .object({
    id: z.string(),
    status: status.describe('bot → queued (asked for a person) → assigned (an agent has it) → closed; offline: a left message waiting for a reply'),
    locale,
    visitorId: z.string(),
    visitorName: z.string().nullable(),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    handoffReason: handoffReason.nullable(),
    resolution: resolution.nullable(),
    trackingCode: z.string().nullable().describe('Left messages: the code the visitor looks the answer up by'),
    tags: z.array(z.string()),
    rating: z.number().int().min(1).max(5).nullable(),
    ratingComment: z.string().nullable(),
    firstQuestion: z.string().nullable(),
    pageUrl: z.string().nullable(),
    createdAt: isoTime,
    queuedAt: isoTime.nullable(),
    assignedAt: isoTime.nullable(),
    firstResponseAt: isoTime.nullable(),
    closedAt: isoTime.nullable(),
    updatedAt: isoTime,
  })
  .register(components, { id: 'Conversation' }) satisfies z.ZodType<ApiConversation>;

const suggestion = z.object({ id: z.string(), title: z.string() });
export const MessageMetaSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('answer'), entryId: z.string(), score: z.number(), chosen: z.boolean().optional().describe('the visitor chose this entry') }),
    z.object({ type: z.literal('no_answer'), suggestions: z.array(suggestion) }),
    z.object({ type: z.literal('confirm'), entryId: z.string(), title: z.string(), score: z.number(), suggestions: z.array(suggestion) }).describe('the middle band: the bot asked "Is this what you mean?" with this entry'),
    z.object({ type: z.literal('choice'), messageId: z.string(), entryId: z.string().nullable(), on: z.enum(['confirm', 'suggestion']) }).describe('the visitor chose on a bot message (null: "No, something else")'),
    z.object({ type: z.literal('handoff'), reason: handoffReason }),
    z.object({ type: z.literal('assigned'), agentName: z.string() }),
    z.object({ type: z.literal('released'), reason: z.enum(['agent', 'agent_offline']) }),
    z.object({ type: z.literal('transferred'), agentName: z.string() }),
    z.object({ type: z.literal('ticket'), trackingCode: z.string() }),
    z.object({ type: z.literal('closed'), by: z.enum(['visitor', 'agent', 'system']) }),
    z.object({ type: z.literal('rated'), score: z.number(), comment: z.string().optional().describe('what the visitor wrote with the rating') }),
    z.object({ type: z.literal('note') }),
  ])
  .register(components, { id: 'MessageMeta', description: 'What a bot or system message means, beyond its text.' }) satisfies z.ZodType<MessageMeta>;

export const Message = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int().min(1).describe('1, 2, 3… within the conversation'),
    author: z.enum(['visitor', 'bot', 'agent', 'system']),
    text: z.string().describe('Plain text; markdown for bot and agent messages'),
    agentName: z.string().nullable(),
    meta: MessageMetaSchema.nullable(),
    internal: z.boolean().describe('An internal note: agents see it, the visitor never does'),
    createdAt: isoTime,
  })
  .register(components, { id: 'Message' }) satisfies z.ZodType<ApiMessage>;

export const Visitor = z
  .object({
    id: z.string(),
    profile: z.object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }),
    page: z.object({ url: z.string(), title: z.string().optional(), referrer: z.string().optional() }).nullable(),
    locale,
    userAgent: z.string().nullable(),
    visits: z.number().int(),
    firstSeenAt: isoTime,
    timeZone: z.string().nullable(),
    customer: z
      .object({ id: z.string(), userId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), since: isoTime })
      .nullable()
      .optional()
      .describe('The verified customer (identity verification), on every device and channel; null for an anonymous or unverified visitor'),
  })
  .register(components, { id: 'Visitor' }) satisfies z.ZodType<VisitorContext>;

export const ConversationDetail = z
  .object({ conversation: Conversation, messages: z.array(Message), visitor: Visitor })
  .register(components, { id: 'ConversationDetail' }) satisfies z.ZodType<ApiConversationDetail>;

export const ConversationPage = z
  .object({ items: z.array(Conversation), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page') })
  .register(components, { id: 'ConversationPage' }) satisfies z.ZodType<ApiConversationPage>;

const percentiles = z.object({ count: z.number().int(), p50: z.number().nullable(), p90: z.number().nullable() }).describe('Nearest-rank percentiles in seconds');
export const ReportSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    locale: locale.nullable(),
    conversations: z.number().int(),
    botOnly: z.number().int().describe('Never reached a person'),
    botAnswered: z.number().int(),
    botResolved: z.number().int().describe('The bot answered, no person was asked for, and the visitor did not come back with the same question within 24 h'),
    botResolutionRate: z.number().nullable(),
    handoffs: z.number().int(),
    firstResponseSeconds: percentiles,
    queueWaitSeconds: percentiles,
    resolutionSeconds: percentiles,
    firstContactResolution: z.object({ closed: z.number().int(), resolved: z.number().int(), rate: z.number().nullable() }),
    csat: z.object({ count: z.number().int(), average: z.number().nullable(), distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]) }),
    nps: z
      .object({ count: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(), score: z.number().nullable().describe('(promoters − detractors) / answers × 100') })
      .describe('"How likely are you to recommend us?" (0–10) answered in the range: 9–10 promoters, 0–6 detractors'),
  })
  .register(components, { id: 'ReportSummary' }) satisfies z.ZodType<ReportSummary>;

export const KbEntry = z
  .object({ id: z.string(), locale, questions: z.array(z.string()), tags: z.array(z.string()), answer: z.string().describe('Markdown') })
  .register(components, { id: 'KbEntry' }) satisfies z.ZodType<ApiKbEntry>;
export const KbEntries = z.object({ entries: z.array(KbEntry) }).register(components, { id: 'KbEntries' });

// ---------------------------------------------------------------- what comes in
const dateOrTime = z
  .string()
  .max(40)
  .refine((s) => isDate(s) || (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))), 'a date (YYYY-MM-DD, the team’s day) or an ISO 8601 time');

export const ConversationListQuery = z.object({
  status: status.optional().describe('Only conversations in this state'),
  from: dateOrTime.optional().describe('Started at or after (a date is the start of that day in the team’s time zone)'),
  to: dateOrTime.optional().describe('Started before the end of this day (a date), or before this time'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Conversations per page (1–100)'),
});

export const ConversationParams = z.object({ id: z.string().min(1).max(100).describe('Conversation id') });

export const NewMessage = z
  .object({
    text: z.string().trim().min(1).max(LIMITS.messageChars).describe('Markdown, as an agent writes it'),
    clientId: z.string().min(1).max(100).regex(/^[\w-]+$/).optional().describe('Your id for this message: sending it again with the same id stores it once'),
  })
  .register(components, { id: 'NewMessage' });

export const CloseRequest = z.object({ resolution: resolution.optional() }).register(components, { id: 'CloseRequest' });

export const SentMessage = z.object({ message: Message }).register(components, { id: 'SentMessage' });
export const ClosedConversation = z.object({ conversation: Conversation }).register(components, { id: 'ClosedConversation' });

export const KbQuery = z.object({ locale: locale.optional().describe('Only entries in this language') });
