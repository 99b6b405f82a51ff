// The selected conversation: header with actions and tags, the whole transcript, typing, composer.
import type { AgentInfo, AgentStatus, ConversationDetail, KbHit, Resolution, SavedReply } from '../../../protocol/index.ts';
import { localeName, useI18n } from '../i18n.ts';
import type { Busy, Outgoing } from '../state.ts';
import type { Uploads } from '../containers/useUploads.ts';
import { Composer } from './Composer.tsx';
import { RatingBadge } from './RatingBadge.tsx';
import { ConversationActions } from './ConversationActions.tsx';
import { TagEditor } from './TagEditor.tsx';
import { Transcript } from './Transcript.tsx';

export interface ConversationPaneProps {
  agent: AgentInfo | null;
  detail: ConversationDetail;
  outgoing: Outgoing[];
  typing: boolean;
  busy: Busy | undefined;
  takenNotice: boolean;
  transferTo: AgentStatus[];
  draft: string;
  onDraft: (text: string) => void;
  onClaim: () => void;
  onClose: (resolution: Resolution) => void;
  onRelease: () => void;
  onTransfer: (agentId: string) => void;
  onTags: (tags: string[]) => void;
  onSend: (kind: 'reply' | 'note', text: string) => void;
  onTyping: () => void;
  onRetry: (o: Outgoing) => void;
  onDismissNotice: () => void;
  searchKb?: (query: string) => Promise<KbHit[]>;
  replies?: SavedReply[];
  uploads: Uploads;
}

export function ConversationPane(p: ConversationPaneProps) {
  const { t } = useI18n();
  const c = p.detail.conversation;
  const mine = c.status === 'assigned' && c.agentId === p.agent?.id;
  const title = c.visitorName || p.detail.visitor.profile.name || t('visitor');
  let notice: string | null = null;
  if (c.status === 'closed') notice = c.resolution ? t('closedNoticeAs', { resolution: t(`resolution_${c.resolution}`) }) : t('closedNotice');
  else if (c.status === 'queued') notice = t('queuedNotice');
  else if (c.status === 'offline') notice = t('offlineNotice', { code: c.trackingCode ?? '—' });
  else if (c.status === 'bot') notice = t('botNotice');
  else if (!mine) notice = t('otherAgentNotice', { name: c.agentName ?? '?' });
  const claimable = c.status === 'queued' || c.status === 'offline';
  return (
    <section class="conversation" aria-labelledby="conversation-title" data-conversation-id={c.id} data-status={c.status}>
      <header class="conversation-head">
        <div class="conversation-title">
          <h2 id="conversation-title" dir="auto">
            {title}
          </h2>
          <span class={`badge status-${c.status}`}>{t(`status_${c.status}`)}</span>
          <span class="badge" title={t('language')}>
            {localeName(t, c.locale)}
          </span>
          <RatingBadge conversation={c} />
          {c.trackingCode && (
            <span class="badge" dir="ltr" title={t('trackingCode')}>
              {c.trackingCode}
            </span>
          )}
          {c.startedFrom && <span class="badge rule">{t('startedFrom', { name: c.startedFrom.ruleName })}</span>}
          {c.channel === 'email' && <span class="badge channel channel-email">{t('channel_email')}</span>}
        </div>
        {claimable && (
          <div class="actions">
            <button type="button" class="primary" onClick={p.onClaim} disabled={p.busy === 'claim'}>
              {p.busy === 'claim' ? t('claiming') : t('claim')}
            </button>
          </div>
        )}
        {mine && (
          <ConversationActions
            busy={p.busy}
            transferTo={p.transferTo}
            canRelease
            onTransfer={p.onTransfer}
            onRelease={p.onRelease}
            onClose={p.onClose}
          />
        )}
      </header>
      <TagEditor tags={c.tags ?? []} editable={mine} busy={p.busy === 'tags'} onChange={p.onTags} />
      {p.takenNotice && (
        <div class="notice warn" role="alert">
          <span>{t('alreadyTaken')}</span>
          <button type="button" class="link" onClick={p.onDismissNotice}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {notice && !p.takenNotice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <Transcript messages={p.detail.messages} locale={c.locale} outgoing={p.outgoing} typing={p.typing} onRetry={p.onRetry} />
      {mine && (
        <Composer
          key={c.id}
          draft={p.draft}
          rtl={c.locale !== 'en'}
          replies={p.replies}
          names={{ visitor: c.visitorName || p.detail.visitor.profile.name || null, agent: p.agent?.name ?? '' }}
          onDraft={p.onDraft}
          onSend={p.onSend}
          onTyping={p.onTyping}
          searchKb={p.searchKb}
          onFiles={(files) => p.uploads.start(c.id, files)}
          uploads={p.uploads.items.filter((u) => u.conversationId === c.id)}
          uploadError={p.uploads.errors[c.id] ?? ''}
          onCancelUpload={p.uploads.cancel}
          onDismissUploadError={() => p.uploads.dismiss(c.id)}
        />
      )}
    </section>
  );
}
