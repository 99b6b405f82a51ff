// Reports read conversations and unanswered questions by when they started.
import type { Kysely, Migration } from 'kysely';

export const reportIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('conversations_created').ifNotExists().on('conversations').column('created_at').execute();
    await db.schema.createIndex('unanswered_created').ifNotExists().on('unanswered').column('created_at').execute();
    await db.schema.createIndex('messages_conversation_seq').ifNotExists().on('messages').columns(['conversation_id', 'seq']).execute();
  },
};
