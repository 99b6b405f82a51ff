// Saved replies: the team's snippets, inserted from the composer by their shortcut (`/shipping`).
import type { Kysely, Migration } from 'kysely';

export function savedReplies(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('saved_replies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shortcut', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
