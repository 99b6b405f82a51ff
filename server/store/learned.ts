// Learned wordings and their evidence (see server/learning/). Counts are computed from the
// evidence rows that still count, so voiding a conversation's evidence needs no bookkeeping.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { LearnedStatus, Locale } from '../../protocol/index.ts';
import type { Evidence, LearnedRecord, LearnedStore } from '../learning/model.ts';
import type { Database } from './schema.ts';
import { now } from './rows.ts';

export class LearnedRepo implements LearnedStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addEvidence(e: Evidence): Promise<string> {
    const t = now();
    const text = e.text.slice(0, 300);
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('learned_wordings')
        .values({ id: randomUUID(), normalized: e.normalized.slice(0, 300), entry_id: e.entryId, locale: e.locale, text, status: 'pending', decided_by: null, created_at: t, updated_at: t })
        .onConflict((oc) => oc.columns(['normalized', 'entry_id']).doUpdateSet({ text, updated_at: t }))
        .execute();
      const row = await trx.selectFrom('learned_wordings').select('id').where('normalized', '=', e.normalized.slice(0, 300)).where('entry_id', '=', e.entryId).executeTakeFirstOrThrow();
      await trx.insertInto('learned_evidence').values({ wording_id: row.id, conversation_id: e.conversationId, visitor_id: e.visitorId, source: e.source, voided: 0, created_at: t }).execute();
      return row.id;
    });
  }

  async voidVisitorEvidence(conversationId: string): Promise<number> {
    const r = await this.db
      .updateTable('learned_evidence')
      .set({ voided: 1 })
      .where('conversation_id', '=', conversationId)
      .where('source', '!=', 'agent')
      .where('voided', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  private query() {
    return this.db
      .selectFrom('learned_wordings as w')
      .leftJoin('learned_evidence as e', (j) => j.onRef('e.wording_id', '=', 'w.id').on('e.voided', '=', 0))
      .select([
        'w.id',
        'w.text',
        'w.normalized',
        'w.entry_id',
        'w.locale',
        'w.status',
        'w.updated_at',
        sql<number>`count(e.id)`.as('evidence'),
        sql<number>`count(distinct case when e.source != 'agent' then e.visitor_id end)`.as('visitors'),
      ])
      .groupBy(['w.id', 'w.text', 'w.normalized', 'w.entry_id', 'w.locale', 'w.status', 'w.updated_at']);
  }

  async list(opts: { status?: LearnedStatus; limit?: number } = {}): Promise<LearnedRecord[]> {
    let q = this.query();
    if (opts.status) q = q.where('w.status', '=', opts.status);
    const rows = await q.orderBy('evidence', 'desc').orderBy('visitors', 'desc').orderBy('w.updated_at', 'desc').limit(opts.limit ?? 200).execute();
    return rows.map(toRecord);
  }

  async get(id: string): Promise<LearnedRecord | undefined> {
    const row = await this.query().where('w.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async setStatus(id: string, status: LearnedStatus, by: string | null): Promise<LearnedRecord | undefined> {
    await this.db.updateTable('learned_wordings').set({ status, decided_by: by, updated_at: now() }).where('id', '=', id).execute();
    return this.get(id);
  }

  async confirmedBy(visitors: number): Promise<LearnedRecord[]> {
    const rows = await this.query()
      .where('w.status', '=', 'pending')
      .having(sql<number>`count(distinct case when e.source != 'agent' then e.visitor_id end)`, '>=', visitors)
      .execute();
    return rows.map(toRecord);
  }
}

function toRecord(r: { id: string; text: string; normalized: string; entry_id: string; locale: string; status: string; updated_at: string; evidence: number | string; visitors: number | string }): LearnedRecord {
  return {
    id: r.id,
    text: r.text,
    normalized: r.normalized,
    entryId: r.entry_id,
    locale: r.locale as Locale,
    status: r.status as LearnedStatus,
    evidence: Number(r.evidence),
    visitors: Number(r.visitors),
    lastAt: r.updated_at,
  };
}
