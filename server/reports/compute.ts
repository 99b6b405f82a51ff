// Facts → figures. Pure: the same facts always give the same report (the unit tests pin them).
// The definitions (what counts as bot-resolved, first-contact resolution…) are spelled out here
// and in the README; percentiles are nearest-rank.
import type {
  HandoffReason, Locale, Percentiles, Report, ReportAgentRow, ReportComment, ReportDay, ReportNps, ReportSummary, ReportUnanswered,
} from '../../protocol/index.ts';
import { LOCALES } from '../../protocol/index.ts';
import { daysBetween, localTime } from './calendar.ts';
import type { ConversationFact, ReportFacts } from './facts.ts';

const DAY_MS = 24 * 3600_000;
/** A visitor back with the same question within this long means the bot did not resolve it. */
export const BOT_RETURN_WINDOW_MS = DAY_MS;
/** A visitor back with a person within this long after a close means it was not resolved on first contact. */
export const REOPEN_WINDOW_MS = 7 * DAY_MS;

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  locale: Locale | null;
}

/** Nearest-rank percentile of ascending `sorted`: the value at rank ⌈p/100 · n⌉. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

const ms = (iso: string) => Date.parse(iso);
const seconds = (fromIso: string, toIso: string) => (ms(toIso) - ms(fromIso)) / 1000;
const sameText = (a: string | null, b: string | null) => !!a && !!b && a.trim().toLocaleLowerCase().replace(/\s+/g, ' ') === b.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/** It reached a person: joined the queue, or became a left message. */
export const reachedPerson = (c: ConversationFact) => c.queuedAt !== null;

/** Live chats (not left messages) timed from asking for a person. */
const live = (c: ConversationFact) => c.queuedAt !== null && c.trackingCode === null;

export function firstResponseSeconds(c: ConversationFact): number | null {
  return live(c) && c.firstResponseAt ? seconds(c.queuedAt!, c.firstResponseAt) : null;
}

export function queueWaitSeconds(c: ConversationFact): number | null {
  return live(c) && c.firstAssignedAt ? seconds(c.queuedAt!, c.firstAssignedAt) : null;
}

export function resolutionSeconds(c: ConversationFact): number | null {
  return reachedPerson(c) && c.closedAt && c.resolution !== 'spam' ? seconds(c.createdAt, c.closedAt) : null;
}

/** Visitor → their conversations, oldest first. */
function byVisitor(all: ConversationFact[]): Map<string, ConversationFact[]> {
  const m = new Map<string, ConversationFact[]>();
  for (const c of all) {
    let list = m.get(c.visitorId);
    if (!list) m.set(c.visitorId, (list = []));
    list.push(c);
  }
  for (const list of m.values()) list.sort((a, b) => ms(a.createdAt) - ms(b.createdAt));
  return m;
}

/**
 * The bot resolved it: it answered from the knowledge base, the visitor never asked for a person,
 * and did not start another conversation within 24 h in which the bot gave one of the same
 * answers or that opened with the same question.
 */
export function botResolved(c: ConversationFact, visitorConversations: ConversationFact[]): boolean {
  if (c.answeredEntries.length === 0 || c.askedPerson !== null || reachedPerson(c)) return false;
  const start = ms(c.createdAt);
  return !visitorConversations.some((f) => {
    if (f.id === c.id) return false;
    const later = ms(f.createdAt) - start;
    if (later <= 0 || later > BOT_RETURN_WINDOW_MS) return false;
    return f.answeredEntries.some((e) => c.answeredEntries.includes(e)) || sameText(f.firstQuestion, c.firstQuestion);
  });
}

/** Closed by a person (not as spam): the conversations first-contact resolution is measured on. */
export const closedByPerson = (c: ConversationFact) => reachedPerson(c) && c.closedBy === 'agent' && c.closedAt !== null && c.resolution !== 'spam';

/** Closed as resolved, and the visitor did not come back to a person within 7 days of the close. */
export function resolvedOnFirstContact(c: ConversationFact, visitorConversations: ConversationFact[]): boolean {
  if (!closedByPerson(c) || c.resolution !== 'resolved') return false;
  const closed = ms(c.closedAt!);
  return !visitorConversations.some((f) => {
    if (f.id === c.id || !reachedPerson(f)) return false;
    const later = ms(f.createdAt) - closed;
    return later > 0 && later <= REOPEN_WINDOW_MS;
  });
}

function csatOf(list: ConversationFact[]): { count: number; average: number | null; distribution: [number, number, number, number, number] } {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let sum = 0;
  let count = 0;
  for (const c of list) {
    if (c.rating === null || c.rating < 1 || c.rating > 5) continue;
    distribution[c.rating - 1]! += 1;
    sum += c.rating;
    count += 1;
  }
  return { count, average: count ? sum / count : null, distribution };
}

/** Net Promoter Score: 9–10 promote, 7–8 are passive, 0–6 detract; score = (promoters − detractors) / answers × 100. */
export function npsOf(scores: number[]): ReportNps {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const count = scores.length;
  return { count, promoters, passives: count - promoters - detractors, detractors, score: count ? ((promoters - detractors) / count) * 100 : null };
}

export function computeReport(facts: ReportFacts, range: ReportRange): Report {
  const convs = facts.conversations;
  const visitors = byVisitor(facts.followUps);
  const resolvedByBot = new Set(convs.filter((c) => botResolved(c, visitors.get(c.visitorId) ?? [])).map((c) => c.id));
  const asked = (c: ConversationFact) => c.askedPerson !== null || reachedPerson(c);
  const fcrClosed = convs.filter(closedByPerson);
  const fcrResolved = fcrClosed.filter((c) => resolvedOnFirstContact(c, visitors.get(c.visitorId) ?? []));
  const present = <T>(v: T | null): v is T => v !== null;

  const summary: ReportSummary = {
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    locale: range.locale,
    conversations: convs.length,
    botOnly: convs.filter((c) => !reachedPerson(c)).length,
    botAnswered: convs.filter((c) => c.answeredEntries.length > 0).length,
    botResolved: resolvedByBot.size,
    botResolutionRate: convs.length ? resolvedByBot.size / convs.length : null,
    handoffs: convs.filter(asked).length,
    firstResponseSeconds: percentiles(convs.map(firstResponseSeconds).filter(present)),
    queueWaitSeconds: percentiles(convs.map(queueWaitSeconds).filter(present)),
    resolutionSeconds: percentiles(convs.map(resolutionSeconds).filter(present)),
    firstContactResolution: { closed: fcrClosed.length, resolved: fcrResolved.length, rate: fcrClosed.length ? fcrResolved.length / fcrClosed.length : null },
    csat: csatOf(convs),
    nps: npsOf(facts.nps.map((n) => n.score)),
  };

  const days = new Map<string, ReportDay>(daysBetween(range.from, range.to).map((date) => [date, { date, conversations: 0, botOnly: 0, botResolved: 0, handoffs: 0, npsResponses: 0, npsPromoters: 0, npsDetractors: 0 }]));
  const hours = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const handoffReasons: Record<HandoffReason, number> = { asked: 0, button: 0, bot_failed: 0 };
  for (const c of convs) {
    const local = localTime(ms(c.createdAt), range.timeZone);
    const day = days.get(local.date);
    if (day) {
      day.conversations += 1;
      if (!reachedPerson(c)) day.botOnly += 1;
      if (resolvedByBot.has(c.id)) day.botResolved += 1;
      if (asked(c)) day.handoffs += 1;
    }
    hours[local.weekday]![local.hour]! += 1;
    const reason = c.askedPerson ?? c.handoffReason;
    if (reason && asked(c)) handoffReasons[reason] += 1;
  }

  for (const n of facts.nps) {
    const day = days.get(localTime(ms(n.createdAt), range.timeZone).date);
    if (!day) continue;
    day.npsResponses += 1;
    if (n.score >= 9) day.npsPromoters += 1;
    else if (n.score <= 6) day.npsDetractors += 1;
  }

  const perAgent = new Map<string, ConversationFact[]>();
  for (const c of convs) {
    if (!c.agentId) continue;
    let list = perAgent.get(c.agentId);
    if (!list) perAgent.set(c.agentId, (list = []));
    list.push(c);
  }
  const agents: ReportAgentRow[] = [...perAgent].map(([agentId, list]) => {
    const { count, average } = csatOf(list);
    return {
      agentId,
      name: facts.agentNames.get(agentId) ?? agentId,
      conversations: list.length,
      firstResponseSeconds: percentiles(list.map(firstResponseSeconds).filter(present)),
      csat: { count, average },
    };
  });
  agents.sort((a, b) => b.conversations - a.conversations || a.name.localeCompare(b.name));

  const comments: ReportComment[] = convs
    .filter((c) => c.rating !== null && c.ratingComment?.trim())
    .sort((a, b) => ms(b.createdAt) - ms(a.createdAt))
    .slice(0, 50)
    .map((c) => ({ conversationId: c.id, score: c.rating!, comment: c.ratingComment!, agentName: c.agentId ? (facts.agentNames.get(c.agentId) ?? null) : null, createdAt: c.createdAt }));

  const unanswered: ReportUnanswered[] = facts.unanswered.map((u) => ({
    normalized: u.normalized,
    locale: (LOCALES as readonly string[]).includes(u.locale) ? (u.locale as Locale) : 'en',
    count: u.count,
    example: u.example,
  }));

  const npsComments = facts.nps
    .filter((n) => n.comment?.trim())
    .sort((a, b) => ms(b.createdAt) - ms(a.createdAt))
    .slice(0, 50)
    .map((n) => ({ conversationId: n.conversationId, score: n.score, comment: n.comment!, createdAt: n.createdAt }));

  return { summary, days: [...days.values()], handoffReasons, agents, hours, comments, npsComments, unanswered };
}
