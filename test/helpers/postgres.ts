// A fresh PostgreSQL schema per test run, when PORSAN_TEST_DATABASE_URL names a server (CI sets it).
import pg from 'pg';

export const POSTGRES = process.env.PORSAN_TEST_DATABASE_URL;

/** Creates an empty schema and returns a connection URL whose search_path is that schema. */
export async function freshPostgresUrl(label: string): Promise<string> {
  if (!POSTGRES) throw new Error('PORSAN_TEST_DATABASE_URL is not set');
  const schema = `porsan_${label}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return `${POSTGRES}${POSTGRES.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
