// The first schema, exactly as Porsan created it before versioned migrations: every statement
// is "if not exists", so a database made by those earlier versions is adopted unchanged.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './index.ts';

export function initial(autoIncrement: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('visitors')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('page_url', 'text')
        .addColumn('page_title', 'text')
        .addColumn('referrer', 'text')
        .addColumn('time_zone', 'text')
        .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('current_conversation_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('conversations')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text')
        .addColumn('handoff_reason', 'text')
        .addColumn('queued_at', 'text')
        .addColumn('assigned_at', 'text')
        .addColumn('first_response_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('rating', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_question', 'text')
        .addColumn('last_message', 'text')
        .addColumn('page_url', 'text')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('resolution', 'text')
        .addColumn('tracking_code', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conversations_visitor').ifNotExists().on('conversations').columns(['visitor_id', 'created_at']).execute();
      await db.schema.createIndex('conversations_status').ifNotExists().on('conversations').columns(['status', 'queued_at']).execute();
      await db.schema.createIndex('conversations_agent').ifNotExists().on('conversations').columns(['agent_id', 'status']).execute();

      await db.schema
        .createTable('messages')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('client_id', 'text')
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('meta', 'text')
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('agent_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('messages_seq', ['conversation_id', 'seq'])
        .addUniqueConstraint('messages_client', ['conversation_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('agents')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('max_conversations', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('unanswered')
        .ifNotExists()
        .addColumn('id', autoIncrement === 'sqlite' ? 'integer' : 'serial', (c) =>
          autoIncrement === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('conversation_id', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('normalized', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('settings')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createIndex('unanswered_normalized').ifNotExists().on('unanswered').column('normalized').execute();
    }
  };
}
