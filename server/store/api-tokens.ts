// API tokens: only their hashes are stored; a revoked token stays listed (when, by whom) but
// never authorizes again.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ApiScope } from '../../protocol/index.ts';
import type { ApiToken } from '../security/api-tokens.ts';
import type { ApiTokensTable, Database } from './schema.ts';
import { now } from './rows.ts';

function toApiToken(r: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: r.id,
    name: r.name,
    scopes: JSON.parse(r.scopes) as ApiScope[],
    agentId: r.agent_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export class ApiTokenRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(t: { name: string; scopes: ApiScope[]; agentId: string; createdBy: string | null; tokenHash: string }): Promise<ApiToken> {
    const row: Selectable<ApiTokensTable> = {
      id: randomUUID(),
      name: t.name,
      token_hash: t.tokenHash,
      scopes: JSON.stringify(t.scopes),
      agent_id: t.agentId,
      created_by: t.createdBy,
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return toApiToken(row);
  }

  /** The unrevoked token with this hash. */
  async byHash(tokenHash: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
    return row && toApiToken(row);
  }

  async all(): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute()).map(toApiToken);
  }

  /** false when there is no such token, or it was revoked already. */
  async revoke(id: string): Promise<boolean> {
    const res = await this.db.updateTable('api_tokens').set({ revoked_at: now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
