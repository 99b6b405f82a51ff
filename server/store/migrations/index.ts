// Versioned schema changes, one file each, applied in name order by Kysely's Migrator at start.
// The Migrator holds a lock while it runs (a PostgreSQL advisory lock; SQLite has one writer),
// so nodes starting together migrate once. A change is never edited after it ships: add a file.
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Database } from '../schema.ts';
import { initial } from './0001-initial.ts';
import { emailThreads } from './0016-threads.ts';
import { profiles } from './0015-profiles.ts';
import { savedReplies } from './0015-saved-replies.ts';
import { search } from './0015-search.ts';
import { customers } from './0016-customers.ts';
import { nps } from './0016-nps.ts';
import { attachments } from './0014-attachments.ts';
import { proactiveRules } from './0014-proactive-rules.ts';
import { apiTokens } from './0013-api-tokens.ts';
import { reportIndexes } from './0013-reports.ts';
import { webhooks } from './0013-webhooks.ts';
import { learnedWordings } from './0017-learned-wordings.ts';

export type Dialect = 'sqlite' | 'postgres';

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0015-search': search(dialect),
    '0015-saved-replies': savedReplies(),
    '0015-profiles': profiles(),
    '0014-attachments': attachments,
    '0014-proactive-rules': proactiveRules,
    '0013-api-tokens': apiTokens,
    '0013-reports': reportIndexes,
    '0013-webhooks': webhooks(dialect),
    '0016-customers': customers(),
    '0016-nps': nps(),
    // Named to sort after 0016-nps: databases that already applied 0016-nps must not find a gap before it.
    '0016-threads': emailThreads,
    // Named to sort after the 0016 changes that landed with it (Kysely applies in name order).
    '0017-learned-wordings': learnedWordings(dialect),
  };
}

export class MigrationError extends Error {}

async function migrator(db: Kysely<Database>, dialect: Dialect): Promise<Migrator> {
  // On PostgreSQL the bookkeeping tables live in the schema the connection works in (another
  // schema's tables of the same name must not be taken for ours).
  const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) }, ...(schema && { migrationTableSchema: schema }) });
}

/** Brings the database to the latest schema; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const m = await migrator(db, dialect);
  const { error, results } = await m.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new MigrationError(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations known to this version but not yet applied (empty when the database is current). */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  return (await (await migrator(db, dialect)).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
