// Files sent in conversations: metadata rows (the bytes are in the file storage, by hash).
// A row without a message is an upload whose message was never stored: the sweep removes it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Attachment, StoredFile } from '../conversations/model.ts';
import type { Database } from './schema.ts';
import { now, toAttachment, type AttachmentRow } from './rows.ts';

export class AttachmentRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(a: StoredFile & { conversationId: string; uploadedBy: Attachment['uploadedBy'] }): Promise<Attachment> {
    const row: AttachmentRow = {
      id: randomUUID(),
      conversation_id: a.conversationId,
      message_id: null,
      hash: a.hash,
      name: a.name,
      mime: a.mime,
      size: a.size,
      kind: a.kind,
      width: a.width,
      height: a.height,
      uploaded_by: a.uploadedBy,
      created_at: now(),
    };
    await this.db.insertInto('attachments').values(row).execute();
    return toAttachment(row);
  }

  async get(id: string): Promise<Attachment | undefined> {
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAttachment(row);
  }

  async attach(id: string, messageId: string): Promise<void> {
    await this.db.updateTable('attachments').set({ message_id: messageId }).where('id', '=', id).execute();
  }

  async discard(id: string): Promise<void> {
    await this.db.deleteFrom('attachments').where('id', '=', id).where('message_id', 'is', null).execute();
  }

  /** Removes rows whose message never came, created before `before` (ISO); returns how many. */
  async deleteOrphans(before: string): Promise<number> {
    const r = await this.db.deleteFrom('attachments').where('message_id', 'is', null).where('created_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Which of `hashes` some row still uses. */
  async hashesInUse(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await this.db.selectFrom('attachments').select('hash').distinct().where('hash', 'in', hashes).execute();
    return new Set(rows.map((r) => r.hash));
  }
}
