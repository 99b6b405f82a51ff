// Profiles: a person's picture (visitors see it beside their name). The image lives in its own
// table, so lists of agents never read it; `avatar_version` changes with each new picture.
import type { Kysely, Migration } from 'kysely';

export function profiles(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('agents').addColumn('avatar_version', 'text').execute();
      await db.schema
        .createTable('agent_avatars')
        .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agents.id'))
        .addColumn('mime', 'text', (c) => c.notNull())
        /** base64 */
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
