// One message of a transcript: who, when, the text (rich when the server rendered it) and bot/system meta.
import type { ChatMessage, MessageMeta } from '../../../protocol/index.ts';
import { intlTag, reasonText, useI18n, type Translate } from '../i18n.ts';
import { formatClock } from '../lib/time.ts';
import type { Outgoing } from '../state.ts';
import { Rich } from '../../../common/rich.tsx';
import { textDir } from '../../../common/dir.ts';
import { AttachmentView } from './Attachment.tsx';
import { ConfirmCard } from '../../../common/confirm-card.tsx';

export function metaText(t: Translate, meta: MessageMeta): string {
  switch (meta.type) {
    case 'answer':
      return meta.chosen ? t('metaAnswerChosen', { entry: meta.entryId }) : t('metaAnswer', { entry: meta.entryId, score: meta.score.toFixed(2) });
    case 'confirm':
      return t('metaConfirm', { entry: meta.entryId, score: meta.score.toFixed(2) }) + (meta.suggestions.length ? ' — ' + t('metaSuggested', { list: meta.suggestions.map((s) => s.title).join('، ') }) : '');
    case 'choice':
      return meta.entryId === null ? t('metaChoiceNo') : t(meta.on === 'confirm' ? 'metaChoiceYes' : 'metaChoicePick', { entry: meta.entryId });
    case 'no_answer':
      return meta.suggestions.length > 0 ? t('metaNoAnswer') + ' — ' + t('metaSuggested', { list: meta.suggestions.map((s) => s.title).join('، ') }) : t('metaNoAnswer');
    case 'handoff':
      return t('metaHandoff', { reason: reasonText(t, meta.reason) });
    case 'assigned':
      return t('metaAssigned', { name: meta.agentName });
    case 'released':
      return meta.reason === 'agent_offline' ? t('metaReleasedOffline') : t('metaReleased');
    case 'transferred':
      return t('metaTransferred', { name: meta.agentName });
    case 'ticket':
      return t('metaTicket', { code: meta.trackingCode });
    case 'closed':
      return t('metaClosedBy', { who: t(`who_${meta.by}`) });
    case 'rated':
      return meta.comment ? t('metaRatedComment', { score: meta.score, comment: meta.comment }) : t('metaRated', { score: meta.score });
    case 'note':
      return t('metaNote');
    case 'attachment':
      return t('metaAttachment', { name: meta.file.name });
    case 'proactive':
      return t('metaProactive', { name: meta.ruleName });
    case 'email':
      return t('metaEmail', { from: meta.from, subject: meta.subject });
    case 'email_failed':
      return t('metaEmailFailed', { error: meta.error });
    case 'email_suggestion':
      return t('metaEmailSuggestion', { score: meta.score.toFixed(2) });
  }
}

/** The meta line under a bot turn; suggestion titles are isolated so mixed scripts stay readable. */
function MetaLine({ meta }: { meta: MessageMeta }) {
  const { t } = useI18n();
  if (meta.type === 'no_answer' && meta.suggestions.length > 0) {
    return (
      <div class="msg-meta meta-no_answer">
        {t('metaNoAnswer')} — {t('metaSuggested', { list: '' })}
        {meta.suggestions.map((sug, i) => (
          <span key={sug.id}>
            {i > 0 ? t('listSeparator') : ''}
            <bdi class="suggestion">{sug.title}</bdi>
          </span>
        ))}
      </div>
    );
  }
  if (meta.type === 'email') {
    return (
      <div class="msg-meta meta-email">
        <bdi>{metaText(t, meta)}</bdi>{' '}
        <a href={`/api/email/${encodeURIComponent(meta.emailId)}/original`} target="_blank" rel="noopener noreferrer">
          {t('metaEmailOriginal')}
        </a>
        {!meta.verified && (
          <div class="email-unverified" role="note">
            ⚠ {t('metaEmailUnverified')}
          </div>
        )}
      </div>
    );
  }
  return <div class={`msg-meta meta-${meta.type}`}>{metaText(t, meta)}</div>;
}

function authorLabel(t: Translate, m: ChatMessage): string {
  switch (m.author) {
    case 'visitor':
      return t('authorVisitor');
    case 'bot':
      return t('authorBot');
    case 'agent':
      return m.agentName ?? t('authorAgent');
    case 'system':
      return t('authorSystem');
  }
}

export function MessageBubble({ message: m, rtl }: { message: ChatMessage; rtl: boolean }) {
  const { t, lang } = useI18n();
  // The widget lays the message out the same way (majority of strong letters, else the conversation's direction).
  const dir = textDir(m.text, rtl);
  if (m.meta?.type === 'email_suggestion') {
    return (
      <li class="msg msg-note msg-suggestion" data-author="bot" data-seq={m.seq}>
        <div class="msg-head">
          <span class="msg-author">{t('authorBot')}</span>
          <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
        </div>
        <div class="bubble" dir={dir}>
          {m.rich && m.rich.length > 0 ? <Rich blocks={m.rich} /> : <p class="plain">{m.text}</p>}
        </div>
        <div class="msg-meta">{metaText(t, m.meta)}</div>
      </li>
    );
  }
  if (m.meta?.type === 'note') {
    // Internal notes: agents only, never shown to the visitor.
    return (
      <li class="msg msg-note" data-author={m.author} data-seq={m.seq}>
        <div class="msg-head">
          <span class="msg-author">{m.agentName ?? t('authorAgent')}</span>
          <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
        </div>
        <div class="bubble" dir={dir}>
          {m.rich && m.rich.length > 0 ? <Rich blocks={m.rich} /> : <p class="plain">{m.text}</p>}
        </div>
        <div class="msg-meta">{t('metaNote')}</div>
      </li>
    );
  }
  if (m.author === 'system') {
    const text = m.meta ? metaText(t, m.meta) : m.text;
    return (
      <li class="msg msg-system" data-author="system" data-seq={m.seq}>
        <span class="msg-system-text" dir="auto">
          {text}
        </span>
        <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
      </li>
    );
  }
  if (m.meta?.type === 'attachment') {
    return (
      <li class={`msg msg-${m.author} msg-file`} data-author={m.author} data-seq={m.seq}>
        <div class="msg-head">
          <span class="msg-author">{authorLabel(t, m)}</span>
          <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
        </div>
        <AttachmentView file={m.meta.file} />
      </li>
    );
  }
  const meta = m.meta ? <MetaLine meta={m.meta} /> : null;
  if (m.meta?.type === 'confirm') {
    // The card the visitor saw (read-only); their choice follows as their own message.
    return (
      <li class="msg msg-bot msg-confirm" data-author={m.author} data-seq={m.seq}>
        <div class="msg-head">
          <span class="msg-author">{authorLabel(t, m)}</span>
          <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
        </div>
        <div class="bubble" dir={rtl ? 'rtl' : 'ltr'}>
          <ConfirmCard meta={m.meta} labels={{ ask: t('confirmAsk'), yes: t('confirmYes'), no: t('confirmNo') }} />
        </div>
        {meta}
      </li>
    );
  }
  return (
    <li class={`msg msg-${m.author}`} data-author={m.author} data-seq={m.seq}>
      <div class="msg-head">
        <span class="msg-author">{authorLabel(t, m)}</span>
        <time dateTime={m.createdAt}>{formatClock(m.createdAt, intlTag(lang))}</time>
      </div>
      <div class="bubble" dir={dir}>
        {m.rich && m.rich.length > 0 ? <Rich blocks={m.rich} /> : <p class="plain">{m.text}</p>}
      </div>
      {meta}
    </li>
  );
}

export function OutgoingBubble({ item, rtl, onRetry }: { item: Outgoing; rtl: boolean; onRetry: (o: Outgoing) => void }) {
  const { t } = useI18n();
  return (
    <li class={`msg ${item.kind === 'note' ? 'msg-note' : 'msg-agent'} msg-${item.state}`} data-author="agent" data-state={item.state}>
      <div class="bubble" dir={textDir(item.text, rtl)}>
        <p class="plain">{item.text}</p>
      </div>
      <div class="msg-meta" role="status">
        {item.state === 'sending' ? (
          t('sending')
        ) : (
          <>
            {t('sendFailed')}{' '}
            <button type="button" class="link" onClick={() => onRetry(item)}>
              {t('retry')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
