// Webhook endpoints and the outbox of deliveries. A delivery is written before any attempt; each
// attempt first claims it with one conditional update (so of several processes exactly one
// sends it), and a claim that was not finished in time (its process died) lapses and is taken
// up again.
import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { DeliveryStatus, WebhookEvent } from '../../protocol/index.ts';
import type { AttemptOutcome, ClaimedDelivery, Delivery, WebhookEndpoint } from '../webhooks/model.ts';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from './schema.ts';
import { now } from './rows.ts';

function toEndpoint(r: Selectable<WebhooksTable>): WebhookEndpoint {
  return { id: r.id, url: r.url, events: JSON.parse(r.events) as WebhookEvent[], secret: r.secret, createdBy: r.created_by, createdAt: r.created_at };
}

function toDelivery(r: Selectable<WebhookDeliveriesTable>): Delivery {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event as WebhookEvent,
    payload: r.payload,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    retryUntil: r.retry_until,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

export class WebhookRepo {
  constructor(private readonly db: Kysely<Database>) {}

  // ---------------------------------------------------------------- endpoints
  async create(w: { url: string; events: WebhookEvent[]; secret: string; createdBy: string | null }): Promise<WebhookEndpoint> {
    const row: Selectable<WebhooksTable> = { id: randomUUID(), url: w.url, events: JSON.stringify(w.events), secret: w.secret, active: 1, created_by: w.createdBy, created_at: now() };
    await this.db.insertInto('webhooks').values(row).execute();
    return toEndpoint(row);
  }

  /** Active endpoints, oldest first. */
  async endpoints(): Promise<WebhookEndpoint[]> {
    return (await this.db.selectFrom('webhooks').selectAll().where('active', '=', 1).orderBy('created_at').execute()).map(toEndpoint);
  }

  /** Removes an endpoint: nothing more is sent to it (its log stays). false when there is no such endpoint. */
  async remove(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('webhooks').set({ active: 0 }).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', next_attempt_at: null, last_error: 'endpoint removed' })
        .where('webhook_id', '=', id)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      return true;
    });
  }

  // ---------------------------------------------------------------- the outbox
  /** Writes deliveries down, due now; nothing is sent before this returns. */
  async enqueue(items: { webhookId: string; event: WebhookEvent; payload: string; retryUntil: string }[]): Promise<Delivery[]> {
    if (items.length === 0) return [];
    const t = now();
    const rows: Selectable<WebhookDeliveriesTable>[] = items.map((d) => ({
      id: 'msg_' + randomUUID().replace(/-/g, ''),
      webhook_id: d.webhookId,
      event: d.event,
      payload: d.payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: t,
      retry_until: d.retryUntil,
      claim_token: null,
      claimed_until: null,
      last_status_code: null,
      last_error: null,
      created_at: t,
      delivered_at: null,
    }));
    await this.db.insertInto('webhook_deliveries').values(rows).execute();
    return rows.map(toDelivery);
  }

  /**
   * Claims up to `limit` due deliveries for one attempt each, until `leaseMs` from now. Each
   * claim is one conditional update: a delivery another process claimed meanwhile is skipped.
   */
  async claimDue(limit: number, leaseMs: number, at = new Date()): Promise<ClaimedDelivery[]> {
    const t = at.toISOString();
    const due = (eb: ExpressionBuilder<Database, 'webhook_deliveries'>) =>
      eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', t)]), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', t)])]);
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where(due)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: ClaimedDelivery[] = [];
    for (const { id } of candidates) {
      const claimToken = randomUUID();
      const row = await this.db
        .updateTable('webhook_deliveries')
        .set((eb) => ({ status: 'sending', claim_token: claimToken, claimed_until: new Date(at.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where(due)
        .returningAll()
        .executeTakeFirst();
      if (!row) continue;
      const endpoint = await this.db.selectFrom('webhooks').select(['url', 'secret', 'active']).where('id', '=', row.webhook_id).executeTakeFirst();
      if (!endpoint || endpoint.active !== 1) {
        await this.finish(id, claimToken, { delivered: false, statusCode: null, error: 'endpoint removed', durationMs: 0, nextAttemptAt: null });
        continue;
      }
      claimed.push({ ...toDelivery(row), claimToken, url: endpoint.url, secret: endpoint.secret });
    }
    return claimed;
  }

  /** Records an attempt and what comes next; ignored when the claim lapsed and someone else took it. */
  async finish(id: string, claimToken: string, o: AttemptOutcome): Promise<boolean> {
    const t = now();
    return this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('webhook_deliveries')
        .set({
          status: o.delivered ? 'delivered' : o.nextAttemptAt ? 'pending' : 'failed',
          next_attempt_at: o.nextAttemptAt,
          claim_token: null,
          claimed_until: null,
          last_status_code: o.statusCode,
          last_error: o.error?.slice(0, 500) ?? null,
          ...(o.delivered && { delivered_at: t }),
        })
        .where('id', '=', id)
        .where('claim_token', '=', claimToken)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await trx.insertInto('webhook_attempts').values({ delivery_id: id, at: t, status_code: o.statusCode, error: o.error?.slice(0, 500) ?? null, duration_ms: Math.round(o.durationMs) }).execute();
      return true;
    });
  }

  /** Sends a delivery again (a new round of attempts, same id and body); not while an attempt is running. */
  async resend(id: string, retryUntil: string): Promise<Delivery | undefined> {
    const t = now();
    const row = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: t, retry_until: retryUntil, delivered_at: null, claim_token: null, claimed_until: null })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('status', 'in', ['pending', 'delivered', 'failed']), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', t)])]))
      .where((eb) => eb.exists(eb.selectFrom('webhooks').select(sql.lit(1).as('one')).whereRef('webhooks.id', '=', 'webhook_deliveries.webhook_id').where('webhooks.active', '=', 1)))
      .returningAll()
      .executeTakeFirst();
    return row && toDelivery(row);
  }

  async get(id: string): Promise<Delivery | undefined> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDelivery(row);
  }

  /** The newest deliveries to an endpoint. */
  async deliveries(webhookId: string, limit = 100): Promise<Delivery[]> {
    const rows = await this.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toDelivery);
  }

  /** Every attempt of a delivery, oldest first. */
  async attempts(deliveryId: string): Promise<{ at: string; statusCode: number | null; error: string | null; durationMs: number }[]> {
    const rows = await this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
    return rows.map((r) => ({ at: r.at, statusCode: r.status_code, error: r.error, durationMs: Number(r.duration_ms) }));
  }

  /** When the next delivery is due (for a worker deciding how long to sleep); null when none waits. */
  async nextDueAt(): Promise<string | null> {
    const r = await this.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.min('next_attempt_at').as('t')).where('status', '=', 'pending').executeTakeFirst();
    return (r?.t as string | null | undefined) ?? null;
  }
}
