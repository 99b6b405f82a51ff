// Customers: the one record behind verified identities, their browsers (visitors) and their
// conversations on every channel.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Conversation, Customer, CustomerKey } from '../conversations/model.ts';
import { OPEN_STATUSES } from '../conversations/model.ts';
import type { Database } from './schema.ts';
import { now, toConversation, toCustomer, type CustomerRow } from './rows.ts';

export class CustomerRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The customer of a verified identity, created on first sight. Keyed by the user id when there
   * is one (an address sent beside a user id is not verified and is not a key), else by the
   * address (lower-case). Concurrent first sights make one record (a unique key, insert-or-ignore).
   */
  async findOrCreateVerifiedCustomer(key: CustomerKey, profile: { name?: string | null; phone?: string | null } = {}): Promise<Customer> {
    const userId = key.userId ?? null;
    const email = userId === null && key.email ? key.email.trim().toLowerCase() : null;
    if (userId === null && email === null) throw new Error('a customer needs a user id or an address');
    const found = await this.byKey(userId, email);
    if (found) return found;
    const t = now();
    const row: CustomerRow = { id: randomUUID(), user_id: userId, email, name: profile.name ?? null, phone: profile.phone ?? null, created_at: t, updated_at: t };
    await this.db
      .insertInto('customers')
      .values(row)
      .onConflict((oc) => oc.column(userId !== null ? 'user_id' : 'email').doNothing())
      .execute();
    const made = await this.byKey(userId, email);
    if (!made) throw new Error('customer vanished');
    return made;
  }

  private async byKey(userId: string | null, email: string | null): Promise<Customer | undefined> {
    let q = this.db.selectFrom('customers').selectAll();
    q = userId !== null ? q.where('user_id', '=', userId) : q.where('email', '=', email as string);
    const row = await q.executeTakeFirst();
    return row && toCustomer(row);
  }

  async get(id: string): Promise<Customer | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCustomer(row);
  }

  /** Name and phone as last told by a verified identity (undefined: keep). */
  async update(id: string, patch: { name?: string | null; phone?: string | null }): Promise<void> {
    const set: Partial<CustomerRow> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('customers').set({ ...set, updated_at: now() }).where('id', '=', id).execute();
  }

  /** The customer a visitor is linked to by a verified identity. */
  async customerOf(visitorId: string): Promise<Customer | undefined> {
    const row = await this.db
      .selectFrom('visitors')
      .innerJoin('customers', 'customers.id', 'visitors.customer_id')
      .selectAll('customers')
      .where('visitors.id', '=', visitorId)
      .where('visitors.verified', '=', 1)
      .executeTakeFirst();
    return row && toCustomer(row);
  }

  /**
   * Links a visitor to a customer (verified). The visitor's own conversations so far (the same
   * browser, before logging in) join the customer's history.
   */
  async link(visitorId: string, customerId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('visitors').set({ customer_id: customerId, verified: 1 }).where('id', '=', visitorId).execute();
      await trx.updateTable('conversations').set({ customer_id: customerId }).where('visitor_id', '=', visitorId).where('customer_id', 'is', null).execute();
    });
  }

  /** Ends a visitor's link (its past conversations stay in the customer's history). */
  async unlink(visitorId: string): Promise<void> {
    await this.db.updateTable('visitors').set({ customer_id: null, verified: 0 }).where('id', '=', visitorId).execute();
  }

  /** Every conversation of the customer, on every channel and device, newest first. */
  async conversationsOfCustomer(customerId: string, limit = 50): Promise<Conversation[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toConversation);
  }

  /** The customer's newest open conversation on `channel` (any channel when not given). */
  async openConversationOf(customerId: string, channel?: Conversation['channel']): Promise<Conversation | undefined> {
    let q = this.db.selectFrom('conversations').selectAll().where('customer_id', '=', customerId).where('status', 'in', [...OPEN_STATUSES]);
    if (channel) q = q.where('channel', '=', channel);
    const row = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return row && toConversation(row);
  }
}
