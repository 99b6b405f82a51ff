// Webhooks: endpoints with the events they want, and the outbox of deliveries (written before
// any attempt, claimed by one process at a time with a conditional update, retried with backoff)
// with a log of every attempt.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './index.ts';

export function webhooks(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        /** JSON array of event names. */
        .addColumn('events', 'text', (c) => c.notNull())
        /** whsec_… (the signing key; shown to the admin once). */
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
        .addColumn('event', 'text', (c) => c.notNull())
        /** The exact body sent (and signed) on every attempt. */
        .addColumn('payload', 'text', (c) => c.notNull())
        /** pending | sending | delivered | failed */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        /** Attempts stop after this (24 h after the event, or after a re-send). */
        .addColumn('retry_until', 'text', (c) => c.notNull())
        /** Who is sending it now, and until when the claim holds (a process that died lets go). */
        .addColumn('claim_token', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'created_at']).execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').column('delivery_id').execute();
    },
  };
}
