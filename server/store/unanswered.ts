// Questions the bot could not answer, grouped for editors.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { now } from './rows.ts';
import { compiledOnce } from './compiled.ts';

export interface UnansweredGroup {
  normalized: string;
  locale: string;
  count: number;
  example: string;
  lastAt: string;
}

export class UnansweredRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async record(u: { conversationId: string | null; locale: string; text: string; normalized: string }): Promise<void> {
    await this.db.executeQuery(this.recordQuery(u.conversationId, u.locale, u.text.slice(0, 1000), u.normalized.slice(0, 1000), now()));
  }
  private readonly recordQuery = compiledOnce(5, (conversationId: string | null, locale: string, text: string, normalized: string, createdAt: string) =>
    this.db.insertInto('unanswered').values({ conversation_id: conversationId, locale, text, normalized, created_at: createdAt }),
  );

  async groups(limit = 50): Promise<UnansweredGroup[]> {
    const rows = await this.db
      .selectFrom('unanswered')
      .select((eb) => [
        'normalized',
        eb.fn.max('locale').as('locale'),
        eb.fn.countAll<number>().as('count'),
        eb.fn.max('text').as('example'),
        eb.fn.max('created_at').as('lastAt'),
      ])
      .groupBy('normalized')
      .orderBy('count', 'desc')
      .orderBy('lastAt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ normalized: r.normalized, locale: String(r.locale), count: Number(r.count), example: String(r.example), lastAt: String(r.lastAt) }));
  }
}
