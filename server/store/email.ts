// Mail in and out of email conversations, by Message-ID (see migrations/0016-threads.ts).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EmailRecord } from '../conversations/model.ts';
import type { Database, EmailMessagesTable } from './schema.ts';
import { now } from './rows.ts';

type EmailRow = Selectable<EmailMessagesTable>;

function toRecord(r: EmailRow): EmailRecord {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    headerId: r.header_id,
    direction: r.direction as EmailRecord['direction'],
    address: r.address,
    name: r.name,
    subject: r.subject,
    verified: r.verified === 1,
    verification: r.verification,
    original: r.original,
    status: r.status as EmailRecord['status'],
    error: r.error,
    createdAt: r.created_at,
  };
}

export type NewEmailRecord = Omit<EmailRecord, 'id' | 'createdAt'>;

export class EmailRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a mail; null when its Message-ID is already stored (the same mail read twice). */
  async record(e: NewEmailRecord): Promise<EmailRecord | null> {
    const row: EmailRow = {
      id: randomUUID(),
      conversation_id: e.conversationId,
      message_id: e.messageId,
      header_id: e.headerId,
      direction: e.direction,
      address: e.address,
      name: e.name,
      subject: e.subject,
      verified: e.verified ? 1 : 0,
      verification: e.verification,
      original: e.original,
      status: e.status,
      error: e.error,
      created_at: now(),
    };
    const r = await this.db.insertInto('email_messages').values(row).onConflict((oc) => oc.column('header_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0 ? toRecord(row) : null;
  }

  async byHeaderId(headerId: string): Promise<EmailRecord | undefined> {
    const row = await this.db.selectFrom('email_messages').selectAll().where('header_id', '=', headerId).executeTakeFirst();
    return row && toRecord(row);
  }

  /** The newest stored mail among these Message-IDs (a reply's In-Reply-To and References). */
  async latestOf(headerIds: string[]): Promise<EmailRecord | undefined> {
    if (headerIds.length === 0) return undefined;
    const row = await this.db.selectFrom('email_messages').selectAll().where('header_id', 'in', headerIds.slice(0, 100)).orderBy('created_at', 'desc').executeTakeFirst();
    return row && toRecord(row);
  }

  async ofConversation(conversationId: string): Promise<EmailRecord[]> {
    const rows = await this.db.selectFrom('email_messages').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async byMessage(messageId: string): Promise<EmailRecord | undefined> {
    const row = await this.db.selectFrom('email_messages').selectAll().where('message_id', '=', messageId).executeTakeFirst();
    return row && toRecord(row);
  }

  async get(id: string): Promise<EmailRecord | undefined> {
    const row = await this.db.selectFrom('email_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async setMessage(id: string, messageId: string): Promise<void> {
    await this.db.updateTable('email_messages').set({ message_id: messageId }).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: EmailRecord['status'], error: string | null = null): Promise<void> {
    await this.db.updateTable('email_messages').set({ status, error }).where('id', '=', id).execute();
  }
}
