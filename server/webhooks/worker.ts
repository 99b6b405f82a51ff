// Sends what the outbox holds. Any number of processes may run one: each claims due deliveries
// with a conditional update (so every attempt is made by one process), sends them, and records
// the outcome and the next attempt. A process that dies mid-attempt leaves a claim that lapses
// after the lease, and another process (or this one, restarted) takes the delivery up again.
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { ClaimedDelivery } from './model.ts';
import { nextAttemptAt, type RetryPolicy } from './retry.ts';
import { sendOnce, type AttemptResult, type SendOptions } from './send.ts';

export interface WorkerOptions {
  retry: RetryPolicy;
  timeoutMs: number;
  allowPrivate: boolean;
  /** How often to look for deliveries written by other processes. */
  sweepMs: number;
  /** Attempts at once. */
  concurrency?: number;
}

export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly opts: WorkerOptions,
    private readonly log: Logger,
  ) {
    // Long enough for an attempt to time out and be recorded; a claim older than this was abandoned.
    this.leaseMs = opts.timeoutMs + Math.max(2000, opts.timeoutMs);
  }

  start(): void {
    this.wake();
  }

  /** Look now (something was just written, or re-sent). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.store.untracked(() => this.drain()).finally(() => {
      this.running = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.wake();
      }
    });
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, Math.min(ms, this.opts.sweepMs)));
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const limit = this.opts.concurrency ?? 4;
    try {
      for (;;) {
        const batch = await this.store.webhooks.claimDue(limit, this.leaseMs);
        if (batch.length === 0) break;
        await Promise.all(batch.map((d) => this.attempt(d)));
        if (this.closed || batch.length < limit) break;
      }
      const next = await this.store.webhooks.nextDueAt();
      this.schedule(next ? Date.parse(next) - Date.now() : this.opts.sweepMs);
    } catch (err) {
      if (!this.closed) this.log.warn({ err }, 'webhook deliveries: sweep failed');
      this.schedule(this.opts.sweepMs);
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const abort = new AbortController();
    this.inFlight.add(abort);
    let result: AttemptResult;
    try {
      const send: SendOptions = { timeoutMs: this.opts.timeoutMs, allowPrivate: this.opts.allowPrivate, signal: abort.signal };
      result = await sendOnce({ url: d.url, secret: d.secret, id: d.id, payload: d.payload }, send);
    } finally {
      this.inFlight.delete(abort);
    }
    // Shutting down mid-attempt: leave the claim to lapse; the next process to sweep sends it again.
    if (abort.signal.aborted) return;
    const delivered = result.error === null;
    const next = delivered ? null : nextAttemptAt(d.attempts, Date.now(), Date.parse(d.retryUntil), this.opts.retry);
    await this.store.webhooks.finish(d.id, d.claimToken, {
      delivered,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
      nextAttemptAt: next === null ? null : new Date(next).toISOString(),
    });
    if (!delivered) this.log.info({ delivery: d.id, attempts: d.attempts, status: result.statusCode, error: result.error, gaveUp: next === null }, 'webhook delivery failed');
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const a of this.inFlight) a.abort();
    await this.running?.catch(() => undefined);
  }
}
