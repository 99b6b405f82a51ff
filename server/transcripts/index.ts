// Transcripts for visitors: their own conversation as a text file, or by mail to an address
// they give (only when the server can send mail).
import type { Transcript } from '../../protocol/index.ts';
import { DomainError } from '../conversations/errors.ts';
import type { Visitor } from '../conversations/model.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { visitorText } from '../mail/texts.ts';
import type { Store } from '../store/index.ts';
import { renderTranscript } from './render.ts';

export class Transcripts {
  constructor(
    private readonly store: Store,
    private readonly conversations: Conversations,
    private readonly mailer: Mailer | null,
  ) {}

  get canMail(): boolean {
    return this.mailer !== null;
  }

  async forVisitor(visitor: Visitor, conversationId: string): Promise<Transcript> {
    // sync() answers "not found" for a conversation that is not this visitor's.
    const messages = await this.conversations.visitors.sync(visitor, conversationId, 0);
    const conv = await this.store.conversations.get(conversationId);
    if (!conv) throw new DomainError('not_found', 'No such conversation.');
    const { filename, text } = renderTranscript({ id: conv.id, locale: conv.locale, createdAt: conv.createdAt, trackingCode: conv.trackingCode, messages, timeZone: visitor.timeZone });
    return { filename, text, mail: this.canMail };
  }

  async mail(visitor: Visitor, conversationId: string, email: string): Promise<void> {
    if (!this.mailer) throw new DomainError('forbidden', 'This server does not send mail.');
    const t = await this.forVisitor(visitor, conversationId);
    const conv = await this.store.conversations.get(conversationId);
    const locale = conv?.locale ?? visitor.locale;
    try {
      await this.mailer.send({ to: email, subject: visitorText('transcriptSubject', locale), text: `${visitorText('transcriptIntro', locale)}\n\n${t.text}` });
    } catch {
      throw new DomainError('internal', 'The mail could not be sent; please try again later.');
    }
  }
}
