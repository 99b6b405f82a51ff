// API tokens for the REST API (/api/v1): named, scoped, stored only as a hash, revocable.
import type { Kysely, Migration } from 'kysely';

export const apiTokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      /** JSON array of scopes: "read", "write". */
      .addColumn('scopes', 'text', (c) => c.notNull())
      /** The person the token writes as. */
      .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
  },
};
