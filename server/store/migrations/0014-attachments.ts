// Files sent in conversations: their metadata (the bytes live in the file storage, by hash).
import type { Kysely, Migration } from 'kysely';

export const attachments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
      .addColumn('message_id', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_hash').on('attachments').column('hash').execute();
    await db.schema.createIndex('attachments_orphans').on('attachments').columns(['message_id', 'created_at']).execute();
  },
};
