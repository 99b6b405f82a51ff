// What visitors wrote with their ratings, newest first.
import type { ReportComment } from '../../../../protocol/index.ts';
import { intlTag, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { formatNumber } from '../../lib/report-format.ts';

export function CommentsList({ comments }: { comments: ReportComment[] }) {
  const { t, lang } = useI18n();
  if (comments.length === 0) return <p class="muted">{t('repNoComments')}</p>;
  return (
    <ul class="comments">
      {comments.map((c) => (
        <li key={c.conversationId}>
          <span class="stars" aria-label={`${t('repScore')} ${formatNumber(c.score, lang)}`}>
            {'★'.repeat(c.score)}
            <span class="off">{'★'.repeat(5 - c.score)}</span>
          </span>
          <q dir="auto">{c.comment}</q>
          <span class="muted">
            {c.agentName && <bdi>{c.agentName}</bdi>} · {formatDate(c.createdAt, intlTag(lang))}
          </span>
        </li>
      ))}
    </ul>
  );
}
