// An agent's reply in an email conversation goes out by SMTP as a reply in the customer's thread:
// "Re: <subject>", its own Message-ID, In-Reply-To the customer's latest mail and References the
// thread, so it threads in their mail client and their answer finds its way back. The Message-ID
// is stored before sending; a failed delivery becomes a note the agents see in the conversation.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../protocol/index.ts';
import type { Conversation, EmailRecord } from '../conversations/model.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Store } from '../store/index.ts';

export interface OutboundDeps {
  conversations: Conversations;
  store: Store;
  mailer: Mailer;
  /** The domain of our Message-IDs (the support address's). */
  idDomain: string;
  log: Logger;
}

/** Which stored messages are mailed to the customer: agents' replies, and the bot's own answers when turned on. */
export function isMailed(message: ChatMessage): boolean {
  if (message.author === 'agent') return message.meta?.type !== 'note';
  return message.author === 'bot' && message.meta?.type === 'answer';
}

export function replySubject(subject: string): string {
  const base = subject.replace(/^\s*((re|aw|sv|fwd?|پاسخ|رد)\s*:\s*)+/i, '').trim();
  return `Re: ${base || '…'}`;
}

export async function sendReply(deps: OutboundDeps, message: ChatMessage, conv: Conversation): Promise<EmailRecord | null> {
  const { store, mailer } = deps;
  const thread = await store.email.ofConversation(conv.id);
  const lastIn = thread.filter((r) => r.direction === 'in').at(-1);
  if (!lastIn) return null; // not a mail thread (or nothing to answer)
  const headerId = `porsan.${randomUUID()}@${deps.idDomain}`;
  const references = thread.map((r) => `<${r.headerId}>`).slice(-20);
  const subject = replySubject(thread[0]!.subject);
  const text = message.meta?.type === 'attachment' ? `${message.text}` : message.text;
  const record = await store.email.record({
    conversationId: conv.id,
    messageId: message.id,
    headerId,
    direction: 'out',
    address: lastIn.address,
    name: lastIn.name,
    subject,
    verified: false,
    verification: null,
    original: text,
    status: 'sending',
    error: null,
  });
  if (!record) return null;
  try {
    await mailer.send({
      to: lastIn.address,
      subject,
      text,
      messageId: `<${headerId}>`,
      inReplyTo: `<${lastIn.headerId}>`,
      references,
      ...(message.author === 'bot' && { headers: { 'Auto-Submitted': 'auto-replied' } }),
    });
    await store.email.setStatus(record.id, 'sent');
    return { ...record, status: 'sent' };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    deps.log.warn({ conversation: conv.id, err: error }, 'email: a reply could not be delivered');
    await store.email.setStatus(record.id, 'failed', error);
    await deps.conversations.email.noteForAgents(conv.id, error, { type: 'email_failed', error: error.slice(0, 300) });
    return { ...record, status: 'failed', error };
  }
}
