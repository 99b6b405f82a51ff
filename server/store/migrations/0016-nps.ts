// Net Promoter Score answers: "How likely are you to recommend us?" 0–10, asked after a closed
// conversation at most once per customer (or anonymous visitor) per PORSAN_NPS_DAYS.
import type { Kysely, Migration } from 'kysely';

export function nps(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('nps_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        /** The conversation after which it was asked. */
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        /** The verified customer who answered (null: an anonymous visitor). */
        .addColumn('customer_id', 'text')
        /** 0…10 */
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        /** chat | email: where it was asked. */
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('nps_created').on('nps_responses').column('created_at').execute();
      await db.schema.createIndex('nps_customer').on('nps_responses').columns(['customer_id', 'created_at']).execute();
      await db.schema.createIndex('nps_visitor').on('nps_responses').columns(['visitor_id', 'created_at']).execute();
    },
  };
}
