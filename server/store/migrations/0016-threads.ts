// The email channel: every mail in and out of a conversation, by its RFC 5322 Message-ID (how a
// reply finds its thread, and how a mail read twice is stored once), with the full original text
// an agent may open, and for mail out whether it was delivered.
import type { Kysely, Migration } from 'kysely';

export const emailThreads: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('email_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
      .addColumn('message_id', 'text')
      .addColumn('header_id', 'text', (c) => c.notNull().unique())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('verification', 'text')
      .addColumn('original', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('email_messages_conversation').on('email_messages').columns(['conversation_id', 'created_at']).execute();
    await db.schema.createIndex('email_messages_message').on('email_messages').column('message_id').execute();
  },
};
