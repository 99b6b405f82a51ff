// A database with known conversations, written row by row with exact times, for the reports'
// tests: every figure the reports give for it is worked out by hand in test/unit/reports.test.ts.
// Team time zone Asia/Tehran (UTC+03:30). 2026-03-01 is a Sunday.
import type { Kysely } from 'kysely';
import type { Database } from '../../server/store/schema.ts';
import type { Store } from '../../server/store/index.ts';

interface Conv {
  id: string;
  visitor: string;
  locale?: 'fa' | 'en';
  created: string;
  /** Bot answers (entry ids), each a minute after the start. */
  answers?: string[];
  firstQuestion?: string;
  /** A handoff notice (the visitor asked for a person, or pressed the button, or the bot gave up). */
  handoff?: { reason: 'asked' | 'button' | 'bot_failed'; at: string };
  queuedAt?: string;
  handoffReason?: 'asked' | 'button' | 'bot_failed';
  /** The first "joined" notice. */
  joined?: { at: string; agent: string };
  agent?: string;
  firstResponseAt?: string;
  closed?: { at: string; by: 'agent' | 'visitor'; resolution?: 'resolved' | 'unresolved' | 'spam' };
  rating?: number;
  comment?: string;
  trackingCode?: string;
  status?: string;
}

export const AGENTS = { A: { id: 'agent-a', name: 'Ava' }, B: { id: 'agent-b', name: 'Bo' } };

const CONVERSATIONS: Conv[] = [
  // The bot answers and that is all: resolved by the bot.
  { id: 'c1', visitor: 'v1', created: '2026-03-01T06:00:00.000Z', answers: ['shipping'], firstQuestion: 'When will my order arrive?' },
  // Answered, but the visitor is back 8 h later and gets the same answer: not resolved by the bot.
  { id: 'c2', visitor: 'v2', created: '2026-03-01T07:00:00.000Z', answers: ['returns'], firstQuestion: 'how do I return this' },
  { id: 'c3', visitor: 'v2', created: '2026-03-01T15:00:00.000Z', answers: ['returns'], firstQuestion: 'return policy?' },
  // Answered, then asked for a person: FRT 180 s, queue wait 120 s, resolution 1200 s, rated 5, first-contact resolved.
  {
    id: 'c4', visitor: 'v3', created: '2026-03-01T08:00:00.000Z', answers: ['shipping'], firstQuestion: 'where is my order',
    handoff: { reason: 'asked', at: '2026-03-01T08:01:00.000Z' }, queuedAt: '2026-03-01T08:01:00.000Z', handoffReason: 'asked',
    joined: { at: '2026-03-01T08:03:00.000Z', agent: 'A' }, agent: 'A', firstResponseAt: '2026-03-01T08:04:00.000Z',
    closed: { at: '2026-03-01T08:20:00.000Z', by: 'agent', resolution: 'resolved' }, rating: 5, comment: 'great help',
  },
  // The button: wait 300 s, FRT 360 s, resolution 1800 s, rated 3; back with a person 3 days later: not first-contact resolved.
  {
    id: 'c5', visitor: 'v4', locale: 'fa', created: '2026-03-02T10:00:00.000Z', firstQuestion: 'سفارشم کجاست',
    handoff: { reason: 'button', at: '2026-03-02T10:00:30.000Z' }, queuedAt: '2026-03-02T10:00:30.000Z', handoffReason: 'button',
    joined: { at: '2026-03-02T10:05:30.000Z', agent: 'B' }, agent: 'B', firstResponseAt: '2026-03-02T10:06:30.000Z',
    closed: { at: '2026-03-02T10:30:00.000Z', by: 'agent', resolution: 'resolved' }, rating: 3, comment: 'ok',
  },
  { id: 'c6', visitor: 'v4', created: '2026-03-05T10:00:00.000Z', handoff: { reason: 'button', at: '2026-03-05T10:00:10.000Z' }, queuedAt: '2026-03-05T10:00:10.000Z', handoffReason: 'button', status: 'queued' },
  // Asked for a person when nobody was there, left a message (a ticket): not in FRT or queue wait; resolution 7800 s; rated 4.
  {
    id: 'c7', visitor: 'v5', created: '2026-03-02T12:00:00.000Z', firstQuestion: 'I need a person',
    handoff: { reason: 'asked', at: '2026-03-02T12:00:30.000Z' }, queuedAt: '2026-03-02T12:01:00.000Z', handoffReason: 'button', trackingCode: 'AAAA-BBBB-CCCC',
    joined: { at: '2026-03-02T14:00:00.000Z', agent: 'A' }, agent: 'A', firstResponseAt: '2026-03-02T14:05:00.000Z',
    closed: { at: '2026-03-02T14:10:00.000Z', by: 'agent', resolution: 'unresolved' }, rating: 4,
  },
  // Late on the last day in Tehran (22:30), in Persian: resolved by the bot.
  { id: 'c8', visitor: 'v6', locale: 'fa', created: '2026-03-03T19:00:00.000Z', answers: ['hours'], firstQuestion: 'ساعت کاری' },
  // 00:30 on the next day in Tehran, and 23:30 on the day before: outside the range.
  { id: 'c9', visitor: 'v7', created: '2026-03-03T21:00:00.000Z', answers: ['hours'] },
  { id: 'c10', visitor: 'v8', created: '2026-02-28T20:00:00.000Z', answers: ['hours'] },
  // The bot gave up: wait 30 s, FRT 60 s; closed as spam (no resolution time, not in first-contact resolution).
  {
    id: 'c11', visitor: 'v1', created: '2026-03-03T10:00:00.000Z', firstQuestion: 'asdf',
    handoff: { reason: 'bot_failed', at: '2026-03-03T10:00:10.000Z' }, queuedAt: '2026-03-03T10:00:10.000Z', handoffReason: 'bot_failed',
    joined: { at: '2026-03-03T10:00:40.000Z', agent: 'B' }, agent: 'B', firstResponseAt: '2026-03-03T10:01:10.000Z',
    closed: { at: '2026-03-03T10:02:00.000Z', by: 'agent', resolution: 'spam' },
  },
  // Still waiting in the queue.
  { id: 'c12', visitor: 'v9', created: '2026-03-02T05:00:00.000Z', handoff: { reason: 'asked', at: '2026-03-02T05:00:05.000Z' }, queuedAt: '2026-03-02T05:00:05.000Z', handoffReason: 'asked', status: 'queued' },
];

const UNANSWERED = [
  { text: 'Where is my parcel', normalized: 'where parcel', locale: 'en', at: '2026-03-01T09:00:00.000Z' },
  { text: 'where is my parcel?', normalized: 'where parcel', locale: 'en', at: '2026-03-02T09:00:00.000Z' },
  { text: 'WHERE IS MY PARCEL', normalized: 'where parcel', locale: 'en', at: '2026-03-03T09:00:00.000Z' },
  { text: 'کد تخفیف', normalized: 'کد تخفیف', locale: 'fa', at: '2026-03-02T09:00:00.000Z' },
  { text: 'old question', normalized: 'old question', locale: 'en', at: '2026-02-20T09:00:00.000Z' },
];

/** NPS answers (0–10): in 1–3 March (Tehran) 10, 9, 6, 8, 9; one more at 00:30 on 4 March in Tehran (3 March in UTC). */
const NPS: { id: string; conversation: string; visitor: string; score: number; locale: string; at: string; comment?: string }[] = [
  { id: 'n1', conversation: 'c1', visitor: 'v1', score: 10, locale: 'en', at: '2026-03-01T10:00:00.000Z' },
  { id: 'n2', conversation: 'c4', visitor: 'v3', score: 9, locale: 'en', at: '2026-03-01T09:00:00.000Z', comment: 'would tell my sister' },
  { id: 'n3', conversation: 'c5', visitor: 'v4', score: 6, locale: 'fa', at: '2026-03-02T11:00:00.000Z', comment: 'ارسال کند بود' },
  { id: 'n4', conversation: 'c7', visitor: 'v5', score: 8, locale: 'en', at: '2026-03-02T15:00:00.000Z' },
  { id: 'n5', conversation: 'c8', visitor: 'v6', score: 9, locale: 'fa', at: '2026-03-03T19:30:00.000Z' },
  { id: 'n6', conversation: 'c9', visitor: 'v7', score: 10, locale: 'en', at: '2026-03-03T21:00:00.000Z' },
];

const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** Writes the conversations above; with `shiftDays`, every time moves that many days (the browser tests want recent days). */
export async function seedReports(store: Store, opts: { shiftDays?: number } = {}): Promise<void> {
  const db = store.db as Kysely<Database>;
  const shift = (opts.shiftDays ?? 0) * 86_400;
  if (shift) return seedReportsShifted(db, shift);
  return seedRows(db, CONVERSATIONS, UNANSWERED, NPS);
}

function shiftTimes<T>(value: T, seconds: number): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) ? plus(v, seconds) : v)) as T;
}

function seedReportsShifted(db: Kysely<Database>, seconds: number): Promise<void> {
  return seedRows(db, shiftTimes(CONVERSATIONS, seconds), shiftTimes(UNANSWERED, seconds), shiftTimes(NPS, seconds));
}

async function seedRows(db: Kysely<Database>, CONVERSATIONS: Conv[], UNANSWERED: { text: string; normalized: string; locale: string; at: string }[], nps: typeof NPS): Promise<void> {
  for (const a of Object.values(AGENTS)) {
    await db.insertInto('agents').values({ id: a.id, email: `${a.id}@example.com`, name: a.name, role: 'agent', password_hash: 'x', active: 1, max_conversations: null, created_at: '2026-01-01T00:00:00.000Z' }).execute();
  }
  const visitors = [...new Set(CONVERSATIONS.map((c) => c.visitor))];
  for (const v of visitors) {
    await db.insertInto('visitors').values({ id: v, token_hash: `th-${v}`, name: null, email: null, phone: null, locale: 'en', user_agent: null, page_url: null, page_title: null, referrer: null, time_zone: null, visits: 1, current_conversation_id: null, created_at: '2026-01-01T00:00:00.000Z', last_seen_at: '2026-01-01T00:00:00.000Z' }).execute();
  }
  for (const c of CONVERSATIONS) {
    const agentId = c.agent ? AGENTS[c.agent as 'A' | 'B'].id : null;
    const messages: { author: string; text: string; meta: unknown; at: string; agent?: string | null }[] = [];
    if (c.firstQuestion) messages.push({ author: 'visitor', text: c.firstQuestion, meta: null, at: c.created });
    for (const [i, entryId] of (c.answers ?? []).entries()) messages.push({ author: 'bot', text: `answer ${entryId}`, meta: { type: 'answer', entryId, score: 0.9 }, at: plus(c.created, 60 * (i + 1) - 30) });
    if (c.handoff) messages.push({ author: 'system', text: 'handoff', meta: { type: 'handoff', reason: c.handoff.reason }, at: c.handoff.at });
    if (c.trackingCode) messages.push({ author: 'system', text: 'ticket', meta: { type: 'ticket', trackingCode: c.trackingCode }, at: c.queuedAt! });
    if (c.joined) messages.push({ author: 'system', text: 'joined', meta: { type: 'assigned', agentName: AGENTS[c.joined.agent as 'A' | 'B'].name }, at: c.joined.at });
    if (c.firstResponseAt) messages.push({ author: 'agent', text: 'Hello, I can help.', meta: null, at: c.firstResponseAt, agent: agentId });
    if (c.closed) messages.push({ author: 'system', text: 'closed', meta: { type: 'closed', by: c.closed.by }, at: c.closed.at });
    messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    await db
      .insertInto('conversations')
      .values({
        id: c.id, visitor_id: c.visitor, status: c.status ?? (c.closed ? 'closed' : 'bot'), locale: c.locale ?? 'en', agent_id: agentId,
        handoff_reason: c.handoffReason ?? null, queued_at: c.queuedAt ?? null, assigned_at: c.joined?.at ?? null, first_response_at: c.firstResponseAt ?? null,
        closed_at: c.closed?.at ?? null, closed_by: c.closed?.by ?? null, rating: c.rating ?? null, rating_comment: c.comment ?? null,
        last_seq: messages.length, first_question: c.firstQuestion ?? null, last_message: null, page_url: null, tags: '[]',
        resolution: c.closed?.resolution ?? null, tracking_code: c.trackingCode ?? null, created_at: c.created, updated_at: c.closed?.at ?? c.created,
      })
      .execute();
    if (messages.length) {
      await db
        .insertInto('messages')
        .values(messages.map((m, i) => ({ id: `${c.id}-m${i + 1}`, conversation_id: c.id, seq: i + 1, client_id: null, author: m.author, text: m.text, meta: m.meta ? JSON.stringify(m.meta) : null, internal: 0, agent_id: m.agent ?? null, created_at: m.at })))
        .execute();
    }
  }
  await db.insertInto('unanswered').values(UNANSWERED.map((u) => ({ conversation_id: null, locale: u.locale, text: u.text, normalized: u.normalized, created_at: u.at }))).execute();
  await db
    .insertInto('nps_responses')
    .values(nps.map((n) => ({ id: n.id, conversation_id: n.conversation, visitor_id: n.visitor, customer_id: null, score: n.score, comment: n.comment ?? null, locale: n.locale, channel: 'chat', created_at: n.at })))
    .execute();
}
