// People's pictures: the image in its own table, its version on the agent's row (so every
// list of agents knows whether there is one, and its URL changes when it does).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { now } from './rows.ts';

export class AvatarRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(agentId: string): Promise<{ mime: string; data: Buffer; version: string | null } | undefined> {
    const row = await this.db
      .selectFrom('agent_avatars')
      .innerJoin('agents', 'agents.id', 'agent_avatars.agent_id')
      .select(['agent_avatars.mime', 'agent_avatars.data', 'agents.avatar_version'])
      .where('agent_avatars.agent_id', '=', agentId)
      .executeTakeFirst();
    return row && { mime: row.mime, data: Buffer.from(row.data, 'base64'), version: row.avatar_version };
  }

  /** Stores the picture and returns its new version. */
  async set(agentId: string, mime: string, data: Buffer): Promise<string> {
    const version = randomUUID().slice(0, 8);
    const t = now();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('agent_avatars').where('agent_id', '=', agentId).execute();
      await trx.insertInto('agent_avatars').values({ agent_id: agentId, mime, data: data.toString('base64'), updated_at: t }).execute();
      await trx.updateTable('agents').set({ avatar_version: version }).where('id', '=', agentId).execute();
    });
    return version;
  }

  async remove(agentId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('agent_avatars').where('agent_id', '=', agentId).execute();
      await trx.updateTable('agents').set({ avatar_version: null }).where('id', '=', agentId).execute();
    });
  }
}
