// Customers: one person known across devices and channels. A visitor (one browser's token) is
// linked to a customer only by a verified identity (an HMAC the site's backend signed, or a
// DKIM/SPF-aligned mail sender); an unverified claim only labels the visitor. Conversations
// carry their customer (so a customer's history is one indexed query) and their channel.
import type { Kysely, Migration } from 'kysely';

export function customers(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        /** The site's own user id, verified by its hash (null for a customer known by email only). */
        .addColumn('user_id', 'text', (c) => c.unique())
        /** A verified address, lower-case (null when only the user id was verified). */
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('name', 'text')
        .addColumn('phone', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('visitors').addColumn('customer_id', 'text').execute();
      /** 1 when `customer_id` was set by a verified identity. */
      await db.schema.alterTable('visitors').addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('conversations').addColumn('customer_id', 'text').execute();
      /** chat | email */
      await db.schema.alterTable('conversations').addColumn('channel', 'text', (c) => c.notNull().defaultTo('chat')).execute();
      await db.schema.createIndex('visitors_customer').on('visitors').column('customer_id').execute();
      await db.schema.createIndex('conversations_customer').on('conversations').columns(['customer_id', 'created_at']).execute();
    },
  };
}
