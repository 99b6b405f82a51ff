// NPS answers: recorded at most once per subject (customer, else visitor) per window, and read
// back by date for the reports.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../../protocol/index.ts';
import type { NpsResponse, NpsSubject } from '../conversations/model.ts';
import type { Database, NpsResponsesTable } from './schema.ts';
import { now } from './rows.ts';

function toNps(r: NpsResponsesTable): NpsResponse {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    visitorId: r.visitor_id,
    customerId: r.customer_id,
    score: Number(r.score),
    comment: r.comment,
    locale: r.locale as Locale,
    channel: r.channel === 'email' ? 'email' : 'chat',
    createdAt: r.created_at,
  };
}

export class NpsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Whether the subject answered at or after `sinceIso`. */
  async answeredSince(subject: NpsSubject, sinceIso: string): Promise<boolean> {
    let q = this.db.selectFrom('nps_responses').select('id').where('created_at', '>=', sinceIso);
    q = 'customerId' in subject ? q.where('customer_id', '=', subject.customerId) : q.where('visitor_id', '=', subject.visitorId).where('customer_id', 'is', null);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  }

  /**
   * Stores an answer unless the subject already answered since `sinceIso`: one statement (insert
   * … select … where not exists), so two tabs answering at once store one. Null when refused.
   */
  async record(r: Omit<NpsResponse, 'id' | 'createdAt'>, subject: NpsSubject, sinceIso: string): Promise<NpsResponse | null> {
    const row: NpsResponsesTable = {
      id: randomUUID(),
      conversation_id: r.conversationId,
      visitor_id: r.visitorId,
      customer_id: r.customerId,
      score: r.score,
      comment: r.comment,
      locale: r.locale,
      channel: r.channel,
      created_at: now(),
    };
    const same = 'customerId' in subject ? sql`customer_id = ${subject.customerId}` : sql`visitor_id = ${subject.visitorId} AND customer_id IS NULL`;
    const result = await sql`
      INSERT INTO nps_responses (id, conversation_id, visitor_id, customer_id, score, comment, locale, channel, created_at)
      SELECT ${row.id}, ${row.conversation_id}, ${row.visitor_id}, ${row.customer_id}, ${row.score}, ${row.comment}, ${row.locale}, ${row.channel}, ${row.created_at}
      WHERE NOT EXISTS (SELECT 1 FROM nps_responses WHERE ${same} AND created_at >= ${sinceIso})`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) === 1 ? toNps(row) : null;
  }

  /** Answers given in [fromIso, toIso), in the conversation's language when `locale` is given, oldest first. */
  async inRange(fromIso: string, toIso: string, locale: Locale | null = null): Promise<NpsResponse[]> {
    let q = this.db.selectFrom('nps_responses').selectAll().where('created_at', '>=', fromIso).where('created_at', '<', toIso);
    if (locale) q = q.where('locale', '=', locale);
    return (await q.orderBy('created_at').orderBy('id').execute()).map(toNps);
  }
}
