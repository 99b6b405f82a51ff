// One conversation from the archive: who and how it went (status, language, agent, resolution,
// tags, the rating and its comment), then the whole transcript, read-only.
import type { ConversationDetail } from '../../../../protocol/index.ts';
import { intlTag, localeName, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { RatingBadge } from '../RatingBadge.tsx';
import { Transcript } from '../Transcript.tsx';

export function ArchiveTranscript({ detail, onOpen }: { detail: ConversationDetail; onOpen: () => void }) {
  const { t, lang } = useI18n();
  const c = detail.conversation;
  return (
    <section class="conversation archive-transcript" aria-labelledby="archive-title" data-conversation-id={c.id} data-status={c.status}>
      <header class="conversation-head">
        <div class="conversation-title">
          <h2 id="archive-title" dir="auto">
            {c.visitorName || detail.visitor.profile.name || t('visitor')}
          </h2>
          <span class={`badge status-${c.status}`}>{t(`status_${c.status}`)}</span>
          <span class="badge">{localeName(t, c.locale)}</span>
          {c.resolution && <span class="badge">{t(`resolution_${c.resolution}`)}</span>}
          <RatingBadge conversation={c} />
        </div>
        <div class="actions">
          <button type="button" onClick={onOpen}>
            {t('openInConversations')}
          </button>
        </div>
      </header>
      <p class="muted archive-facts">
        {t('startedAt', { time: formatDate(c.createdAt, intlTag(lang)) })}
        {c.agentName && <> · <bdi>{t('agentWas', { name: c.agentName })}</bdi></>}
        {c.tags.length > 0 && <> · {c.tags.map((tag) => `#${tag}`).join(' ')}</>}
      </p>
      <Transcript messages={detail.messages} locale={c.locale} />
    </section>
  );
}
