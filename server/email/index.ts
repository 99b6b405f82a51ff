// The email channel, wired: the mailbox reader feeds inbound mail to the domain; agents' replies
// in email conversations go out by SMTP; a resolved email conversation mails its survey. Nothing
// here without PORSAN_IMAP_URL (and replies need PORSAN_SMTP_URL too).
import type { Config, EmailConfig } from '../config.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Team } from '../conversations/team.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Limits } from '../security/limits.ts';
import type { Store } from '../store/index.ts';
import { handleInbound } from './inbound.ts';
import { isMailed, replySubject, sendReply } from './outbound.ts';
import { startReader, type MailboxCursor, type MailboxReader } from './reader.ts';
import { surveyText, type SurveyLinks } from './survey.ts';
import type { DNSResolver } from './verify.ts';

export interface EmailChannelDeps {
  config: EmailConfig;
  mail: Config['mail'];
  publicOrigin: string | null;
  store: Store;
  conversations: Conversations;
  team: Team;
  mailer: Mailer | null;
  limits: Limits;
  log: Logger;
  surveys: SurveyLinks;
  /** DNS for sender verification (tests answer from a table; default: the system's). */
  resolver?: DNSResolver;
}

export interface EmailChannel {
  /** Read the mailbox now and wait for the round (tests). */
  check(): Promise<void>;
  /** Resolves when the replies and surveys started so far have been sent (or failed). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const CURSOR_KEY = 'email.imapCursor';

/** The address inside "Name <address>", lower-case. */
export function addressOf(from: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(from);
  return m ? m[1]!.toLowerCase() : null;
}

export function startEmailChannel(deps: EmailChannelDeps): EmailChannel {
  const { store, conversations, log, mailer } = deps;
  const own = deps.mail ? addressOf(deps.mail.from) : null;
  const { surveys } = deps;
  const pending = new Set<Promise<unknown>>();
  const track = (what: string, work: Promise<unknown>) => {
    const p = work.catch((err: unknown) => log.warn({ err }, `email: ${what} failed`)).finally(() => pending.delete(p));
    pending.add(p);
  };

  if (mailer) {
    const out = { conversations, store, mailer, idDomain: own?.split('@')[1] ?? 'porsan.invalid', log };
    conversations.events.on('message', ({ message, conversation }) => {
      if (conversation.channel === 'email' && isMailed(message)) track('reply', sendReply(out, message, conversation));
    });
    if (deps.config.survey && deps.publicOrigin) {
      const origin = deps.publicOrigin;
      conversations.events.on('lifecycle', ({ step, conversation }) => {
        if (step !== 'closed' || conversation.channel !== 'email' || conversation.resolution !== 'resolved' || conversation.rating !== null) return;
        track(
          'survey',
          (async () => {
            const thread = await store.email.ofConversation(conversation.id);
            const lastIn = thread.filter((r) => r.direction === 'in').at(-1);
            if (!lastIn) return;
            const l = conversation.locale;
            const visitor = await store.visitors.get(conversation.visitorId);
            const nps = visitor ? await conversations.nps.due(visitor, conversation.id) : false;
            const lines = [surveyText('body', l), '', await surveys.url(origin, conversation.id, 'csat'), ''];
            if (nps) lines.push(surveyText('npsBody', l), '', await surveys.url(origin, conversation.id, 'nps'), '');
            await mailer.send({
              to: lastIn.address,
              subject: `${surveyText('subject', l)} — ${replySubject(thread[0]!.subject)}`,
              text: lines.join('\n'),
              inReplyTo: `<${lastIn.headerId}>`,
              references: thread.map((r) => `<${r.headerId}>`).slice(-20),
              headers: { 'Auto-Submitted': 'auto-generated' },
            });
          })(),
        );
      });
    }
  } else {
    log.warn('email: PORSAN_IMAP_URL is set but PORSAN_SMTP_URL is not: mail is read, replies cannot be sent');
  }

  const reader: MailboxReader = startReader({
    url: deps.config.imapUrl,
    pollMs: deps.config.pollMs,
    log,
    cursor: {
      get: () => store.settings.get<MailboxCursor>(CURSOR_KEY),
      put: (c) => store.settings.put(CURSOR_KEY, c),
    },
    // Several nodes: one reads at a time (a Redis lock); one process: in turn.
    exclusive: (task) => deps.team.state.exclusive('email-inbox', 5 * 60_000, task),
    handle: async (raw) => {
      const outcome = await handleInbound(raw, { conversations, limits: deps.limits, log, ownAddress: own, resolver: deps.resolver });
      log.debug({ outcome }, 'email: handled');
    },
  });

  return {
    check: () => reader.check(),
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    async close() {
      await reader.close();
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
