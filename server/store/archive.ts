// The archive's queries: conversations by filters and by words in their messages, newest first,
// a page at a time. Words are folded like the indexed text (server/text/search-terms.ts) and
// matched as prefixes: FTS5 on SQLite, to_tsvector/to_tsquery ('simple') on PostgreSQL.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ArchiveFilter } from '../../protocol/index.ts';
import type { ListedConversation, Message } from '../conversations/model.ts';
import { queryTerms } from '../text/search-terms.ts';
import type { Dialect } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { toConversation, toMessage } from './rows.ts';

/** Where a page ends: the last conversation's start time and id. */
export interface ArchiveCursor {
  createdAt: string;
  id: string;
}

export class ArchiveRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async find(filter: ArchiveFilter, page: { limit: number; before?: ArchiveCursor | null }): Promise<{ conversations: ListedConversation[]; next: ArchiveCursor | null }> {
    const terms = filter.q ? queryTerms(filter.q) : [];
    if (filter.q && terms.length === 0) return { conversations: [], next: null }; // only punctuation: nothing can match
    let q = this.db
      .selectFrom('conversations')
      .leftJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .selectAll('conversations')
      .select('visitors.name as visitor_name');
    if (filter.status) q = q.where('conversations.status', '=', filter.status);
    if (filter.agentId) q = q.where('conversations.agent_id', '=', filter.agentId);
    if (filter.from) q = q.where('conversations.created_at', '>=', filter.from);
    if (filter.to) q = q.where('conversations.created_at', '<', filter.to);
    if (filter.locale) q = q.where('conversations.locale', '=', filter.locale);
    if (filter.resolution) q = q.where('conversations.resolution', '=', filter.resolution);
    if (filter.rating === 'rated') q = q.where('conversations.rating', 'is not', null);
    else if (filter.rating === 'unrated') q = q.where('conversations.rating', 'is', null);
    else if (filter.rating) q = q.where('conversations.rating', '=', filter.rating);
    if (filter.tag) {
      // tags are a JSON array of strings: look for the tag as one JSON string in it
      const pattern = '%' + JSON.stringify(filter.tag.trim().toLowerCase()).replace(/[!%_]/g, '!$&') + '%';
      q = q.where(sql<SqlBool>`conversations.tags like ${pattern} escape '!'`);
    }
    if (terms.length) q = q.where('conversations.id', 'in', (eb) => this.matchingConversations(eb, terms));
    if (page.before) {
      const { createdAt, id } = page.before;
      q = q.where((eb) => eb.or([eb('conversations.created_at', '<', createdAt), eb.and([eb('conversations.created_at', '=', createdAt), eb('conversations.id', '<', id)])]));
    }
    const rows = await q.orderBy('conversations.created_at', 'desc').orderBy('conversations.id', 'desc').limit(page.limit + 1).execute();
    const conversations = rows.slice(0, page.limit).map((r) => ({ ...toConversation(r), visitorName: r.visitor_name }));
    const last = conversations.at(-1);
    return { conversations, next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
  }

  /** The messages of these conversations that contain the words, in order, at most `perConversation` each. */
  async matches(conversationIds: string[], query: string, perConversation: number): Promise<Map<string, Message[]>> {
    const terms = queryTerms(query);
    const out = new Map<string, Message[]>();
    if (!terms.length || !conversationIds.length) return out;
    const rows = await this.db
      .selectFrom('messages')
      .selectAll('messages')
      .where('messages.conversation_id', 'in', conversationIds)
      .where('messages.id', 'in', (eb) => this.matchingMessages(eb, terms))
      .orderBy('messages.conversation_id')
      .orderBy('messages.seq')
      .limit(conversationIds.length * perConversation * 4)
      .execute();
    for (const r of rows) {
      const list = out.get(r.conversation_id) ?? [];
      if (list.length < perConversation) list.push(toMessage(r));
      out.set(r.conversation_id, list);
    }
    return out;
  }

  /** Every message of these conversations, internal notes included (for exports). */
  async messagesOf(conversationIds: string[]): Promise<Map<string, Message[]>> {
    const out = new Map<string, Message[]>();
    if (!conversationIds.length) return out;
    const rows = await this.db.selectFrom('messages').selectAll().where('conversation_id', 'in', conversationIds).orderBy('conversation_id').orderBy('seq').execute();
    for (const r of rows) out.set(r.conversation_id, [...(out.get(r.conversation_id) ?? []), toMessage(r)]);
    return out;
  }

  /** Ids of the messages that contain every term (as a word prefix). */
  private matchingMessages(eb: ExpressionBuilder<Database, 'messages' | 'conversations'>, terms: string[]): Expression<string> {
    if (this.dialect === 'sqlite') {
      // terms are letters and digits only (folded tokens), so quoting them is enough
      const match = terms.map((t) => `"${t}"*`).join(' ');
      return eb.selectFrom('messages_fts').select('messages_fts.message_id').where(sql<SqlBool>`messages_fts match ${match}`) as unknown as Expression<string>;
    }
    const tsquery = terms.map((t) => `'${t}':*`).join(' & ');
    return eb
      .selectFrom('messages as m')
      .select('m.id')
      .where(sql<SqlBool>`to_tsvector('simple', coalesce(m.search_text, '')) @@ to_tsquery('simple', ${tsquery})`) as unknown as Expression<string>;
  }

  private matchingConversations(eb: ExpressionBuilder<Database, 'conversations' | 'visitors'>, terms: string[]): Expression<string> {
    if (this.dialect === 'sqlite') {
      const match = terms.map((t) => `"${t}"*`).join(' ');
      return eb
        .selectFrom('messages_fts')
        .innerJoin('messages as m', 'm.id', 'messages_fts.message_id')
        .select('m.conversation_id')
        .where(sql<SqlBool>`messages_fts match ${match}`) as unknown as Expression<string>;
    }
    const tsquery = terms.map((t) => `'${t}':*`).join(' & ');
    return eb
      .selectFrom('messages as m')
      .select('m.conversation_id')
      .where(sql<SqlBool>`to_tsvector('simple', coalesce(m.search_text, '')) @@ to_tsquery('simple', ${tsquery})`) as unknown as Expression<string>;
  }
}
