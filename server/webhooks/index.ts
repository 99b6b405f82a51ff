// Webhooks: admins register endpoint URLs with the events they want; every event is written to
// the outbox (the database) before it is sent, signed per Standard Webhooks, retried with
// exponential backoff for 24 hours, logged attempt by attempt, and can be re-sent.
//   outbox.ts — domain events → deliveries        worker.ts — claim, send, record, retry
//   send.ts   — one signed attempt                 ssrf.ts   — only public targets
import { randomBytes } from 'node:crypto';
import type { WebhookDeliveryInfo, WebhookEvent, WebhookInfo } from '../../protocol/index.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { Delivery, WebhookEndpoint } from './model.ts';
import { Outbox } from './outbox.ts';
import type { RetryPolicy } from './retry.ts';
import { checkTarget } from './ssrf.ts';
import { WebhookWorker } from './worker.ts';

export { UnsafeTarget } from './ssrf.ts';

export interface WebhookSettings {
  /** PORSAN_WEBHOOK_ALLOW_PRIVATE: private, loopback and link-local targets allowed. */
  allowPrivate: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
  /** How often to look for work written by other processes (and for their endpoint changes). */
  sweepMs: number;
}

export function toWebhookInfo(e: WebhookEndpoint): WebhookInfo {
  return { id: e.id, url: e.url, events: e.events, createdAt: e.createdAt };
}

export function toDeliveryInfo(d: Delivery): WebhookDeliveryInfo {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}

/** A signing key in the Standard Webhooks format: whsec_ and 32 random bytes in base64. */
export function newSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}

export class Webhooks {
  private readonly outbox: Outbox;
  private readonly worker: WebhookWorker;
  private readonly refresher: NodeJS.Timeout;

  private constructor(
    private readonly store: Store,
    private readonly settings: WebhookSettings,
    log: Logger,
  ) {
    this.worker = new WebhookWorker(store, settings, log);
    this.outbox = new Outbox(store, settings.retry.windowMs, () => this.worker.wake(), log);
    this.refresher = setInterval(() => void store.untracked(() => this.outbox.reload()).catch(() => undefined), Math.max(1000, settings.sweepMs * 2));
    this.refresher.unref();
  }

  static async start(store: Store, conversations: Conversations, settings: WebhookSettings, log: Logger): Promise<Webhooks> {
    const w = new Webhooks(store, settings, log);
    await w.outbox.reload();
    w.outbox.subscribe(conversations);
    w.worker.start();
    return w;
  }

  /** Registers an endpoint; throws UnsafeTarget for a URL that may not be called. */
  async register(r: { url: string; events: WebhookEvent[]; createdBy: string | null }): Promise<{ webhook: WebhookInfo; secret: string }> {
    const url = await checkTarget(r.url, this.settings.allowPrivate);
    const secret = newSecret();
    const endpoint = await this.store.webhooks.create({ url: url.href, events: [...new Set(r.events)], secret, createdBy: r.createdBy });
    await this.outbox.reload();
    return { webhook: toWebhookInfo(endpoint), secret };
  }

  async list(): Promise<WebhookInfo[]> {
    return (await this.store.webhooks.endpoints()).map(toWebhookInfo);
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.store.webhooks.remove(id);
    await this.outbox.reload();
    return removed;
  }

  async deliveries(webhookId: string): Promise<WebhookDeliveryInfo[]> {
    return (await this.store.webhooks.deliveries(webhookId)).map(toDeliveryInfo);
  }

  /** Sends a delivery again (same id and body, a fresh 24 hours of attempts). */
  async resend(deliveryId: string): Promise<WebhookDeliveryInfo | undefined> {
    const d = await this.store.webhooks.resend(deliveryId, new Date(Date.now() + this.settings.retry.windowMs).toISOString());
    if (d) this.worker.wake();
    return d && toDeliveryInfo(d);
  }

  /** Everything the events so far asked for is in the outbox (for tests and shutdown). */
  flushed(): Promise<void> {
    return this.outbox.flushed();
  }

  async close(): Promise<void> {
    clearInterval(this.refresher);
    await this.outbox.flushed();
    await this.worker.close();
  }
}
