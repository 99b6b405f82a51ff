// Learned wordings (issue 12): what visitors' choices and agents' FAQ answers say a wording
// means, one row per (wording, entry), and each piece of evidence for it.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './index.ts';

export function learnedWordings(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('learned_wordings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('normalized', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('decided_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('learned_wordings_wording_entry', ['normalized', 'entry_id'])
        .execute();
      await db.schema
        .createTable('learned_evidence')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('wording_id', 'text', (c) => c.notNull().references('learned_wordings.id').onDelete('cascade'))
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('learned_evidence_wording').on('learned_evidence').column('wording_id').execute();
      await db.schema.createIndex('learned_evidence_conversation').on('learned_evidence').column('conversation_id').execute();
    },
  };
}
