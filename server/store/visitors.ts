// Visitors: anonymous identities behind a token (only its hash is stored).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Locale } from '../../protocol/index.ts';
import type { Visitor, VisitorPatch } from '../conversations/model.ts';
import type { Database } from './schema.ts';
import { now, toVisitor, visitorPatchRow, type VisitorRow } from './rows.ts';

export class VisitorRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** A new visitor; `customerId` links it at once (a channel's own visitor, e.g. a verified mail sender). */
  async create(v: { tokenHash: string; locale: Locale; customerId?: string | null; verified?: boolean }): Promise<Visitor> {
    const t = now();
    const row: VisitorRow = {
      id: randomUUID(),
      token_hash: v.tokenHash,
      name: null,
      email: null,
      phone: null,
      locale: v.locale,
      user_agent: null,
      page_url: null,
      page_title: null,
      referrer: null,
      time_zone: null,
      visits: 1,
      current_conversation_id: null,
      created_at: t,
      last_seen_at: t,
      customer_id: v.customerId ?? null,
      verified: v.verified ? 1 : 0,
    };
    await this.db.insertInto('visitors').values(row).execute();
    return toVisitor(row);
  }

  async byTokenHash(tokenHash: string): Promise<Visitor | undefined> {
    const row = await this.db.selectFrom('visitors').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toVisitor(row);
  }

  async get(id: string): Promise<Visitor | undefined> {
    const row = await this.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toVisitor(row);
  }

  async update(id: string, patch: VisitorPatch): Promise<void> {
    const row = visitorPatchRow(patch);
    if (Object.keys(row).length === 0) return;
    await this.db.updateTable('visitors').set(row).where('id', '=', id).execute();
  }
}
