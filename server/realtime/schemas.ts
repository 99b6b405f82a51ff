// Runtime shapes of every incoming socket event. The protocol module has the types;
// these check that what arrives really has them (and stays within size limits).
import { z } from 'zod';
import { LIMITS, LOCALES } from '../../protocol/index.ts';

const id = z.string().min(1).max(100);
const clientId = z.string().min(1).max(100).regex(/^[\w-]+$/, 'letters, digits, _ and - only');
const text = z
  .string()
  .max(LIMITS.messageChars, `at most ${LIMITS.messageChars} characters`)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'must not be empty');
const locale = z.enum(LOCALES as [string, ...string[]]).transform((l) => l as (typeof LOCALES)[number]);
const empty = z.object({}).optional().transform(() => ({}));

export const visitorSchemas = {
  hello: z.object({
    locale,
    page: z.object({
      url: z.string().max(LIMITS.urlChars),
      title: z.string().max(300).optional(),
      referrer: z.string().max(LIMITS.urlChars).optional(),
    }),
    afterSeq: z.number().int().min(0).optional(),
    timeZone: z.string().max(64).regex(/^[\w+\-/]+$/).optional(),
  }),
  send: z.object({ clientId, text, ruleId: id.optional() }),
  handoff: empty,
  sync: z.object({ conversationId: id, afterSeq: z.number().int().min(0) }),
  close: z.object({ conversationId: id }),
  rate: z.object({
    conversationId: id,
    score: z.number().int().min(1).max(5),
    comment: z.string().max(LIMITS.commentChars).optional(),
  }),
  restart: empty,
  identify: z.object({
    name: z.string().trim().max(LIMITS.nameChars).optional(),
    email: z.email().max(200).optional(),
    phone: z.string().trim().max(40).regex(/^[+\d\s()\-۰-۹٠-٩]*$/, 'digits, spaces, +, - and () only').optional(),
    userId: z.string().trim().min(1).max(200).optional(),
    userHash: z.string().trim().max(200).optional(),
  }),
  npsDue: z.object({ conversationId: id }),
  nps: z.object({
    conversationId: id,
    score: z.number().int().min(0).max(10),
    comment: z.string().max(LIMITS.commentChars).optional(),
  }),
  typing: z.object({ typing: z.boolean() }),
  leaveMessage: z
    .object({
      name: z.string().trim().min(1).max(LIMITS.nameChars),
      email: z.email().max(200).optional(),
      phone: z.string().trim().min(5).max(40).regex(/^[+\d\s()\-۰-۹٠-٩]*$/, 'digits, spaces, +, - and () only').optional(),
      text,
    })
    .refine((m) => m.email || m.phone, { message: 'an email or a phone number is needed so we can answer', path: ['email'] }),
  ticket: z.object({ trackingCode: z.string().trim().min(4).max(20) }),
  transcript: z.object({ conversationId: id }),
  mailTranscript: z.object({ conversationId: id, email: z.email().max(200) }),
  choose: z.object({ messageId: id, entryId: id.nullable() }),
};

export const agentSchemas = {
  hello: empty,
  open: z.object({ conversationId: id }),
  claim: z.object({ conversationId: id }),
  send: z.object({ conversationId: id, clientId, text }),
  close: z.object({ conversationId: id, resolution: z.enum(['resolved', 'unresolved', 'spam']).optional() }),
  typing: z.object({ conversationId: id, typing: z.boolean() }),
  presence: z.object({ presence: z.enum(['online', 'away']) }),
  agents: empty,
  transfer: z.object({ conversationId: id, toAgentId: id }),
  release: z.object({ conversationId: id }),
  note: z.object({ conversationId: id, clientId, text }),
  tags: z.object({ conversationId: id, tags: z.array(z.string().max(40)).max(20) }),
  kbSearch: z.object({ query: z.string().trim().min(1).max(200), locale: locale.optional() }),
  tickets: empty,
};
