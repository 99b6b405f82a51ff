// Mail that follows what happens in conversations (only with SMTP configured):
//   a new left message → every agent who works conversations and is offline gets a notice;
//   an agent's reply to a left message → the visitor, when they left an email, with the code.
import type { ChatMessage } from '../../protocol/index.ts';
import type { Conversation } from '../conversations/model.ts';
import type { Conversations } from '../conversations/service.ts';
import type { Team } from '../conversations/team.ts';
import type { Logger } from '../log.ts';
import { can } from '../security/access.ts';
import type { Store } from '../store/index.ts';
import type { Mailer } from './mailer.ts';
import { leftMessageNotice, visitorText } from './texts.ts';

export interface MailNotificationDeps {
  conversations: Conversations;
  store: Store;
  team: Team;
  mailer: Mailer;
  /** Where agents open the console (links in notices); null: no link. */
  publicOrigin: string | null;
  log: Logger;
}

export function wireMailNotifications(deps: MailNotificationDeps): { idle(): Promise<void> } {
  const { conversations, log } = deps;
  const pending = new Set<Promise<void>>();
  const track = (what: string, work: Promise<void>) => {
    const p = work.catch((err: unknown) => log.warn({ err }, `mail: ${what} failed`)).finally(() => pending.delete(p));
    pending.add(p);
  };
  conversations.events.on('lifecycle', ({ step, conversation }) => {
    if (step === 'ticket') track('left-message notice', noticeAgents(deps, conversation));
  });
  conversations.events.on('message', ({ message, conversation }) => {
    if (message.author === 'agent' && message.meta?.type !== 'note' && conversation.trackingCode) track('reply to a left message', mailReply(deps, message, conversation));
  });
  return {
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

async function noticeAgents({ store, team, mailer, publicOrigin }: MailNotificationDeps, conv: Conversation): Promise<void> {
  const [visitor, messages, agents] = await Promise.all([store.visitors.get(conv.visitorId), store.messages.after(conv.id, 0), store.agents.all()]);
  const text = messages.filter((m) => m.author === 'visitor').at(-1)?.text ?? conv.lastMessage ?? '';
  const notice = leftMessageNotice({
    visitorName: visitor?.name || '—',
    contact: [visitor?.email, visitor?.phone].filter(Boolean).join(', ') || '—',
    text,
    trackingCode: conv.trackingCode ?? '',
    link: publicOrigin ? `${publicOrigin}/console/c/${encodeURIComponent(conv.id)}` : null,
  });
  for (const agent of agents) {
    if (!agent.active || !can(agent.role, 'conversations')) continue;
    if ((await team.presenceOf(agent.id)) !== 'offline') continue;
    await mailer.send({ to: agent.email, ...notice });
  }
}

async function mailReply({ store, mailer }: MailNotificationDeps, message: ChatMessage, conv: Conversation): Promise<void> {
  const visitor = await store.visitors.get(conv.visitorId);
  if (!visitor?.email || !conv.trackingCode) return;
  const code = conv.trackingCode;
  const l = conv.locale;
  await mailer.send({
    to: visitor.email,
    subject: visitorText('replySubject', l, { code }),
    text: [visitorText('replyIntro', l, { name: message.agentName ?? '' }), '', message.text, '', visitorText('replyOutro', l, { code })].join('\n'),
  });
}
