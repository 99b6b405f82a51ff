// The visitor's rating, with what they wrote, wherever a conversation is shown.
import type { ConversationSummary } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';

export function RatingBadge({ conversation: c }: { conversation: Pick<ConversationSummary, 'rating' | 'ratingComment'> }) {
  const { t, lang } = useI18n();
  if (c.rating == null) return null;
  const [open, close] = lang === 'fa' ? ['«', '»'] : ['“', '”'];
  return (
    <span class="badge rating" title={t('filterRating')}>
      <span aria-hidden="true">★ </span>
      {c.ratingComment ? (
        <>
          {t('ratingOnly', { score: c.rating })} — <bdi class="rating-comment">
            {open}
            {c.ratingComment}
            {close}
          </bdi>
        </>
      ) : (
        t('ratingOnly', { score: c.rating })
      )}
    </span>
  );
}
