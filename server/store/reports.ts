// The facts the reports are computed from (server/reports/), in a few queries that read the
// same on SQLite and PostgreSQL: conversations by when they started, the bot's answers and the
// handoff and "joined" notices found in message metadata, unanswered questions, agents' names.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { HandoffReason, Locale, MessageMeta } from '../../protocol/index.ts';
import type { ConversationFact, FactsQuery, ReportFacts } from '../reports/facts.ts';
import type { Database } from './schema.ts';
import { toConversation } from './rows.ts';

export class ReportRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async facts(q: FactsQuery): Promise<ReportFacts> {
    const inRange = () => {
      let s = this.db.selectFrom('conversations as r').where('r.created_at', '>=', q.fromIso).where('r.created_at', '<', q.toIso);
      if (q.locale) s = s.where('r.locale', '=', q.locale);
      return s;
    };
    // The range's conversations and every later one of the same visitors.
    const related = (s: SelectQueryBuilder<Database, 'conversations', object>) =>
      s.where('conversations.visitor_id', 'in', inRange().select('r.visitor_id')).where('conversations.created_at', '>=', q.fromIso);

    const [rows, metas, unanswered, agents, nps] = await Promise.all([
      related(this.db.selectFrom('conversations')).selectAll('conversations').execute(),
      this.db
        .selectFrom('messages')
        .select(['messages.conversation_id', 'messages.meta', 'messages.created_at'])
        .where('messages.conversation_id', 'in', related(this.db.selectFrom('conversations')).select('conversations.id'))
        .where((eb) => eb.or([eb('messages.meta', 'like', '%"type":"answer"%'), eb('messages.meta', 'like', '%"type":"handoff"%'), eb('messages.meta', 'like', '%"type":"assigned"%')]))
        .orderBy('messages.conversation_id')
        .orderBy('messages.seq')
        .execute(),
      (() => {
        let s = this.db.selectFrom('unanswered').where('created_at', '>=', q.fromIso).where('created_at', '<', q.toIso);
        if (q.locale) s = s.where('locale', '=', q.locale);
        return s
          .select((eb) => ['normalized', eb.fn.max('locale').as('locale'), eb.fn.countAll<number>().as('count'), eb.fn.max('text').as('example')])
          .groupBy('normalized')
          .orderBy('count', 'desc')
          .orderBy('normalized')
          .limit(20)
          .execute();
      })(),
      this.db.selectFrom('agents').select(['id', 'name']).execute(),
      (() => {
        let s = this.db.selectFrom('nps_responses').select(['conversation_id', 'score', 'comment', 'created_at', 'locale']).where('created_at', '>=', q.fromIso).where('created_at', '<', q.toIso);
        if (q.locale) s = s.where('locale', '=', q.locale);
        return s.orderBy('created_at').execute();
      })(),
    ]);

    const bot = new Map<string, { entries: string[]; asked: HandoffReason | null; joined: string | null }>();
    for (const m of metas) {
      const meta = JSON.parse(m.meta as string) as MessageMeta;
      let b = bot.get(m.conversation_id);
      if (!b) bot.set(m.conversation_id, (b = { entries: [], asked: null, joined: null }));
      if (meta.type === 'answer' && !b.entries.includes(meta.entryId)) b.entries.push(meta.entryId);
      else if (meta.type === 'handoff') b.asked ??= meta.reason;
      else if (meta.type === 'assigned' && (b.joined === null || m.created_at < b.joined)) b.joined = m.created_at;
    }
    const facts: ConversationFact[] = rows.map((r) => {
      const c = toConversation(r);
      const b = bot.get(c.id);
      return {
        id: c.id,
        visitorId: c.visitorId,
        locale: c.locale,
        status: c.status,
        agentId: c.agentId,
        handoffReason: c.handoffReason,
        createdAt: c.createdAt,
        queuedAt: c.queuedAt,
        firstAssignedAt: b?.joined ?? c.assignedAt,
        firstResponseAt: c.firstResponseAt,
        closedAt: c.closedAt,
        closedBy: c.closedBy,
        resolution: c.resolution,
        rating: c.rating,
        ratingComment: c.ratingComment,
        trackingCode: c.trackingCode,
        firstQuestion: c.firstQuestion,
        answeredEntries: b?.entries ?? [],
        askedPerson: b?.asked ?? c.handoffReason,
      };
    });
    const inside = (f: ConversationFact) => f.createdAt >= q.fromIso && f.createdAt < q.toIso && (!q.locale || f.locale === q.locale);
    return {
      conversations: facts.filter(inside).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
      followUps: facts,
      unanswered: unanswered.map((u) => ({ normalized: u.normalized, locale: String(u.locale), count: Number(u.count), example: String(u.example) })),
      agentNames: new Map(agents.map((a) => [a.id, a.name])),
      nps: nps.map((n) => ({ conversationId: n.conversation_id, score: Number(n.score), comment: n.comment, createdAt: n.created_at, locale: n.locale as Locale })),
    };
  }
}
