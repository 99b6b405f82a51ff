// Messages, appended in one transaction with the conversation update they cause: a visitor's
// question, the bot's answer and a status change land together or not at all, so a node that
// dies mid-turn leaves nothing half done. Every message gets the next per-conversation seq; a
// (conversation, client id) already stored is returned instead of stored twice.
import { randomUUID } from 'node:crypto';
import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import { compiledOnce } from './compiled.ts';
import type { Message, MessageDraft } from '../conversations/model.ts';
import type { Appended, AppendGuard } from '../conversations/ports.ts';

export type { Appended, AppendGuard };
import type { Database } from './schema.ts';
import { conversationPatchRow, now, toConversation, toMessage, type ConversationRow, type MessageRow } from './rows.ts';
import { searchTerms } from '../text/search-terms.ts';

const MESSAGE_COLUMNS = ['id', 'conversation_id', 'seq', 'client_id', 'author', 'text', 'meta', 'internal', 'agent_id', 'created_at', 'search_text'] as const satisfies ReadonlyArray<keyof MessageRow>;
/** (every column of a message row is in the list: a new column fails to compile here) */
type MessageColumnsComplete = Exclude<keyof MessageRow, (typeof MESSAGE_COLUMNS)[number]> extends never ? true : never;
const complete: MessageColumnsComplete = true;
void complete;

export class MessageRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends `drafts` (and applies `guard`'s transition) atomically; null when the guard no longer holds. */
  async append(conversationId: string, drafts: MessageDraft[], guard?: AppendGuard): Promise<Appended | null> {
    try {
      return await this.db.transaction().execute((trx) => this.appendIn(trx, conversationId, drafts, guard));
    } catch (err) {
      // Two concurrent retries of one message (possible on PostgreSQL, where transactions run
      // side by side): the unique (conversation, client id) lets one in; the other returns it.
      const clientId = drafts[0]?.clientId;
      if (clientId) {
        const existing = await this.byClientId(this.db, conversationId, clientId);
        if (existing) return this.retried(this.db, conversationId, existing);
      }
      throw err;
    }
  }

  private async appendIn(trx: Transaction<Database>, conversationId: string, drafts: MessageDraft[], guard?: AppendGuard): Promise<Appended | null> {
    const clientId = drafts[0]?.clientId;
    if (clientId) {
      const existing = await this.byClientId(trx, conversationId, clientId);
      if (existing) return this.retried(trx, conversationId, existing);
    }
    const t = now();
    const shown = drafts.filter((d) => d.author !== 'system' && !d.internal).at(-1);
    const question = drafts.find((d) => d.author === 'visitor');
    const updated = guard ? await this.guardedUpdate(trx, conversationId, drafts.length, t, shown, question, guard) : await this.update(trx, conversationId, drafts.length, t, shown, question);
    if (!updated) {
      if (guard) return null;
      throw new Error(`no conversation ${conversationId}`);
    }
    const first = Number(updated.last_seq) - drafts.length + 1;
    const rows: MessageRow[] = drafts.map((d, i) => ({
      id: randomUUID(),
      conversation_id: conversationId,
      seq: first + i,
      client_id: d.clientId,
      author: d.author,
      text: d.text,
      meta: d.meta ? JSON.stringify(d.meta) : null,
      internal: d.internal ? 1 : 0,
      agent_id: d.agentId ?? null,
      created_at: t,
      // what full-text search finds it by (system lines are the product's own words, not searched)
      search_text: d.author === 'system' ? null : searchTerms(d.text),
    }));
    if (rows.length) await trx.executeQuery(this.insertQuery(rows));
    return { messages: rows.map(toMessage), conversation: toConversation(updated), created: true };
  }

  /** The conversation's update for a turn that also moves it (the guard): built each time. */
  private guardedUpdate(trx: Transaction<Database>, conversationId: string, count: number, t: string, shown: MessageDraft | undefined, question: MessageDraft | undefined, guard: AppendGuard) {
    let q = trx
      .updateTable('conversations')
      .set((eb) => ({
        ...(guard.patch ? conversationPatchRow(guard.patch) : {}),
        last_seq: eb('last_seq', '+', count),
        updated_at: t,
        last_message: shown ? shown.text.slice(0, 200) : eb.ref('last_message'),
        first_question: question ? eb.fn.coalesce('first_question', eb.val(question.text.slice(0, 200))) : eb.ref('first_question'),
      }))
      .where('id', '=', conversationId)
      .where('status', 'in', [...guard.from]);
    if (guard.owner !== undefined) q = q.where('agent_id', '=', guard.owner);
    return q.returningAll().executeTakeFirst();
  }

  /** The conversation's update for a plain turn: one compiled query per kind (with or without a shown message and a question). */
  private async update(trx: Transaction<Database>, conversationId: string, count: number, t: string, shown: MessageDraft | undefined, question: MessageDraft | undefined): Promise<ConversationRow | undefined> {
    const kind = (shown ? 1 : 0) + (question ? 2 : 0);
    const q = (this.updates[kind] ??= compiledOnce(5, (id: string, n: number, at: string, last: string, first: string) =>
      this.db
        .updateTable('conversations')
        .set((eb) => ({
          last_seq: eb('last_seq', '+', n),
          updated_at: at,
          last_message: shown ? last : eb.ref('last_message'),
          first_question: question ? eb.fn.coalesce('first_question', eb.val(first)) : eb.ref('first_question'),
        }))
        .where('id', '=', id)
        .returningAll(),
    ));
    return (await trx.executeQuery(q(conversationId, count, t, shown ? shown.text.slice(0, 200) : '', question ? question.text.slice(0, 200) : ''))).rows[0];
  }
  private readonly updates: Array<((id: string, n: number, at: string, last: string, first: string) => CompiledQuery<ConversationRow>) | undefined> = [];

  private async retried(db: Kysely<Database> | Transaction<Database>, conversationId: string, existing: MessageRow): Promise<Appended> {
    const conv = await db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow();
    return { messages: [toMessage(existing)], conversation: toConversation(conv), created: false };
  }

  private async byClientId(db: Kysely<Database> | Transaction<Database>, conversationId: string, clientId: string): Promise<MessageRow | undefined> {
    return (await db.executeQuery(this.byClientIdQuery(conversationId, clientId))).rows[0];
  }
  private readonly byClientIdQuery = compiledOnce(2, (conversationId: string, clientId: string) =>
    this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId),
  );

  /** The insert of a turn's messages (one to three rows), compiled once per row count. */
  private insertQuery(rows: MessageRow[]) {
    let q = this.inserts.get(rows.length);
    if (!q) {
      const n = rows.length;
      q = compiledOnce(n * MESSAGE_COLUMNS.length, (...a: unknown[]) =>
        this.db.insertInto('messages').values(Array.from({ length: n }, (_, r) => Object.fromEntries(MESSAGE_COLUMNS.map((c, k) => [c, a[r * MESSAGE_COLUMNS.length + k]])) as MessageRow)),
      );
      this.inserts.set(n, q);
    }
    return q(...rows.flatMap((row) => MESSAGE_COLUMNS.map((c) => row[c])));
  }
  private readonly inserts = new Map<number, (...a: unknown[]) => CompiledQuery<unknown>>();

  async after(conversationId: string, afterSeq: number, opts: { internal?: boolean; limit?: number } = {}): Promise<Message[]> {
    let q = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('seq', '>', afterSeq);
    if (!opts.internal) q = q.where('internal', '=', 0);
    const rows = await q.orderBy('seq').limit(opts.limit ?? 1000).execute();
    return rows.map(toMessage);
  }
}
