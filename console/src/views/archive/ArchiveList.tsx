// What the archive found, newest first: who, when, status, language, agent, tags, rating with its
// comment, and the messages that matched the words.
import type { ArchiveResult } from '../../../../protocol/index.ts';
import { textDir } from '../../../../common/dir.ts';
import { intlTag, localeName, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { preview } from '../../lib/preview.ts';
import { RatingBadge } from '../RatingBadge.tsx';

interface Props {
  results: ArchiveResult[] | null;
  selectedId: string | null;
  more: boolean;
  loading: boolean;
  onOpen: (id: string) => void;
  onMore: () => void;
}

export function ArchiveList({ results, selectedId, more, loading, onOpen, onMore }: Props) {
  const { t, lang } = useI18n();
  return (
    <section class="list archive-list" aria-labelledby="archive-results">
      <h2 id="archive-results">{t('archiveResults')}</h2>
      {results === null ? (
        <p class="muted">{t('loading')}</p>
      ) : results.length === 0 ? (
        <p class="muted empty">{t('archiveEmpty')}</p>
      ) : (
        <ul>
          {results.map(({ conversation: c, matches }) => (
            <li key={c.id} class={c.id === selectedId ? 'item selected' : 'item'} data-conversation-id={c.id}>
              <button type="button" class="item-open" onClick={() => onOpen(c.id)} aria-current={c.id === selectedId ? 'true' : undefined}>
                <span class="item-q">
                  <span dir="auto">{c.visitorName ?? t('visitor')}</span>
                  <time dateTime={c.createdAt}>{formatDate(c.createdAt, intlTag(lang))}</time>
                </span>
                <span class="item-last" dir={textDir(c.firstQuestion ?? '', c.locale !== 'en')}>
                  {preview(c.firstQuestion)}
                </span>
                {matches.map((m) => (
                  <q key={m.seq} class="match" dir={textDir(m.text, c.locale !== 'en')}>
                    {preview(m.text).slice(0, 160)}
                  </q>
                ))}
                <span class="item-meta">
                  <span class={`badge status-${c.status}`}>{t(`status_${c.status}`)}</span>
                  <span class="badge lang">{localeName(t, c.locale)}</span>
                  {c.agentName && <span dir="auto">{t('agentWas', { name: c.agentName })}</span>}
                  {c.resolution && <span class="badge">{t(`resolution_${c.resolution}`)}</span>}
                  {c.tags.map((tag) => (
                    <span key={tag} class="badge tag" dir="auto">
                      #{tag}
                    </span>
                  ))}
                  <RatingBadge conversation={c} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" onClick={onMore} disabled={loading}>
          {loading ? t('loading') : t('loadMore')}
        </button>
      )}
    </section>
  );
}
