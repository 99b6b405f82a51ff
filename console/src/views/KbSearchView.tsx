import type { KbHit } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';

interface Props {
  query: string;
  hits: KbHit[] | null;
  onQuery: (q: string) => void;
  onPick: (hit: KbHit) => void;
}

export function KbSearchView({ query, hits, onQuery, onPick }: Props) {
  const { t } = useI18n();
  return (
    <div class="kb-search">
      <input
        type="search"
        dir="auto"
        aria-label={t('kbSearchLabel')}
        placeholder={t('kbSearchPlaceholder')}
        value={query}
        autoFocus
        onInput={(e) => onQuery(e.currentTarget.value)}
      />
      {hits !== null &&
        (hits.length === 0 ? (
          <p class="muted">{t('kbNoHits')}</p>
        ) : (
          <ul class="kb-hits">
            {hits.map((h) => (
              <li key={h.id}>
                <div class="kb-hit-text" dir="auto">
                  <strong>{h.title}</strong>
                  <span class="kb-hit-answer">{h.answer.length > 160 ? h.answer.slice(0, 160) + '…' : h.answer}</span>
                </div>
                <button type="button" onClick={() => onPick(h)} aria-label={t('kbInsertLabel', { title: h.title })}>
                  {t('kbInsert')}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
