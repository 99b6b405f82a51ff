// Saved replies: the team's snippets (see protocol/replies.ts).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SavedReply, SavedReplyInput } from '../../protocol/index.ts';
import type { Database, SavedRepliesTable } from './schema.ts';
import { now } from './rows.ts';

const toReply = (r: SavedRepliesTable): SavedReply => ({ id: r.id, shortcut: r.shortcut, title: r.title, body: r.body, updatedAt: r.updated_at });

export class ReplyRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<SavedReply[]> {
    return (await this.db.selectFrom('saved_replies').selectAll().orderBy('shortcut').execute()).map(toReply);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('saved_replies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async byShortcut(shortcut: string): Promise<SavedReply | undefined> {
    const row = await this.db.selectFrom('saved_replies').selectAll().where('shortcut', '=', shortcut).executeTakeFirst();
    return row && toReply(row);
  }

  async create(input: SavedReplyInput, by: string): Promise<SavedReply> {
    const t = now();
    const row: SavedRepliesTable = { id: randomUUID(), ...input, updated_by: by, created_at: t, updated_at: t };
    await this.db.insertInto('saved_replies').values(row).execute();
    return toReply(row);
  }

  /** undefined when there is no such reply. */
  async update(id: string, input: SavedReplyInput, by: string): Promise<SavedReply | undefined> {
    const row = await this.db.updateTable('saved_replies').set({ ...input, updated_by: by, updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirst();
    return row && toReply(row);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('saved_replies').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
