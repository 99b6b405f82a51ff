// Proactive messages: the admins' rules with their counters, and which rule a conversation
// was started from.
import type { Kysely, Migration } from 'kysely';

export const proactiveRules: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('proactive_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('messages', 'text', (c) => c.notNull())
      .addColumn('delay_seconds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('frequency', 'text', (c) => c.notNull())
      .addColumn('shown', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('opened', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // SQLite adds one column per statement.
    await db.schema.alterTable('conversations').addColumn('proactive_rule_id', 'text').execute();
    await db.schema.alterTable('conversations').addColumn('proactive_rule_name', 'text').execute();
    await db.schema.createIndex('conversations_proactive_rule').on('conversations').column('proactive_rule_id').execute();
  },
};
