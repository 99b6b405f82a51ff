// Domain events → deliveries in the outbox, one per endpoint that wants the event, written before
// any attempt. Endpoints are kept in memory (re-read on change here, and every few seconds for
// changes made by other processes), so a conversation costs nothing when no endpoint listens.
import type { ApiConversation, WebhookEvent, WebhookPayload } from '../../protocol/index.ts';
import { readApiConversation, toApiMessage } from '../conversations/api-presenters.ts';
import type { LifecycleStep } from '../conversations/events.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { WebhookEndpoint } from './model.ts';

const EVENT_OF: Record<LifecycleStep, WebhookEvent> = {
  created: 'conversation.created',
  queued: 'conversation.queued',
  assigned: 'conversation.assigned',
  closed: 'conversation.closed',
  rated: 'conversation.rated',
  ticket: 'ticket.created',
};

export class Outbox {
  private endpoints: WebhookEndpoint[] = [];
  /** Deliveries are written one event after another, in the order the events happened. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly windowMs: number,
    private readonly written: () => void,
    private readonly log: Logger,
  ) {}

  async reload(): Promise<void> {
    this.endpoints = await this.store.webhooks.endpoints();
  }

  subscribe(conversations: Conversations): void {
    conversations.events.on('lifecycle', ({ step, conversation }) => {
      this.add(EVENT_OF[step], async () => ({ conversation: await readApiConversation(this.store, conversation) }));
    });
    conversations.events.on('message', ({ message, conversation }) => {
      if (message.meta?.type === 'note') return; // internal notes stay inside
      this.add('message.created', async () => ({ message: toApiMessage(message), conversation: await readApiConversation(this.store, conversation) }));
    });
  }

  /** Resolves when everything added so far is written. */
  flushed(): Promise<void> {
    return this.chain;
  }

  private add(event: WebhookEvent, data: () => Promise<{ conversation: ApiConversation } & Record<string, unknown>>): void {
    const targets = this.endpoints.filter((e) => e.events.includes(event));
    if (targets.length === 0) return;
    const timestamp = new Date().toISOString();
    this.chain = this.chain.then(async () => {
      try {
        const payload = JSON.stringify({ type: event, timestamp, data: await data() } as WebhookPayload);
        const retryUntil = new Date(Date.now() + this.windowMs).toISOString();
        await this.store.webhooks.enqueue(targets.map((e) => ({ webhookId: e.id, event, payload, retryUntil })));
        this.written();
      } catch (err) {
        this.log.error({ err, event }, 'webhook deliveries could not be written');
      }
    });
  }
}
