// Full-text search over messages. Each message keeps its words folded by the knowledge engine's
// normalizer (`search_text`, see server/text/search-terms.ts), indexed natively: an FTS5 table
// kept by triggers on SQLite, a GIN index over to_tsvector('simple', …) on PostgreSQL. Messages
// stored before this migration are folded and indexed here.
import { sql, type Kysely, type Migration } from 'kysely';
import { searchTerms } from '../../text/search-terms.ts';
import type { Dialect } from './index.ts';

type Db = Kysely<{ messages: { id: string; author: string; text: string; search_text: string | null } }>;

export function search(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const d = db as unknown as Db;
      await db.schema.alterTable('messages').addColumn('search_text', 'text').execute();
      // Fold what is already there, a page at a time.
      for (;;) {
        const rows = await d.selectFrom('messages').select(['id', 'text']).where('search_text', 'is', null).where('author', '!=', 'system').limit(500).execute();
        if (rows.length === 0) break;
        for (const r of rows) await d.updateTable('messages').set({ search_text: searchTerms(r.text) || ' ' }).where('id', '=', r.id).execute();
      }
      if (dialect === 'sqlite') {
        // Its own copy of the words (not external content: the messages table's rowids are not stable).
        await sql`CREATE VIRTUAL TABLE messages_fts USING fts5(search_text, message_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
        await sql`INSERT INTO messages_fts (search_text, message_id) SELECT search_text, id FROM messages WHERE search_text IS NOT NULL`.execute(db);
        await sql`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.search_text IS NOT NULL BEGIN
          INSERT INTO messages_fts (search_text, message_id) VALUES (new.search_text, new.id); END`.execute(db);
        await sql`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          DELETE FROM messages_fts WHERE message_id = old.id; END`.execute(db);
      } else {
        await sql`CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', coalesce(search_text, '')))`.execute(db);
      }
      await db.schema.createIndex('conversations_created').ifNotExists().on('conversations').columns(['created_at', 'id']).execute();
    },
  };
}
