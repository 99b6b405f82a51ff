// The webhooks' own types: endpoints and their deliveries (the outbox).
import type { DeliveryStatus, WebhookEvent } from '../../protocol/index.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEvent[];
  /** whsec_… */
  secret: string;
  createdBy: string | null;
  createdAt: string;
}

export interface Delivery {
  /** Also the webhook-id header, the same on every attempt. */
  id: string;
  webhookId: string;
  event: WebhookEvent;
  /** The exact JSON body. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  retryUntil: string;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A delivery this process has claimed for one attempt, with where and how to send it. */
export interface ClaimedDelivery extends Delivery {
  claimToken: string;
  url: string;
  secret: string;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** When to try again; null: no more attempts (delivered, or given up). */
  nextAttemptAt: string | null;
}
