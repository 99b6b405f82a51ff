// What visitors asked that the bot could not answer, grouped by meaning: try one again, or start
// a new entry for it.
import type { UnansweredGap } from '../../../../protocol/index.ts';
import { intlTag, localeName, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import './kb.css';

interface Props {
  gaps: UnansweredGap[] | null;
  onTry: (g: UnansweredGap) => void;
  onWrite: (g: UnansweredGap) => void;
  onAddPhrasing: (g: UnansweredGap) => void;
}

export function KbGapsPanel({ gaps, onTry, onWrite, onAddPhrasing }: Props) {
  const { t, lang } = useI18n();
  return (
    <section class="card" aria-labelledby="kb-gaps-title">
      <h2 id="kb-gaps-title">{t('kbGaps')}</h2>
      <p class="muted hint">{t('kbGapsHint')}</p>
      {gaps === null ? (
        <p class="muted">{t('loading')}</p>
      ) : gaps.length === 0 ? (
        <p class="muted">{t('kbGapsNone')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table gaps-table">
            <thead>
              <tr>
                <th scope="col">{t('kbQuestion')}</th>
                <th scope="col">{t('language')}</th>
                <th scope="col">{t('times')}</th>
                <th scope="col">{t('lastAsked')}</th>
                <th scope="col">{t('kbClosestEntry')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('kbTryButton')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={g.locale + g.normalized}>
                  <td>
                    <bdi>{g.example}</bdi>
                  </td>
                  <td>{localeName(t, g.locale)}</td>
                  <td class="num-cell">{g.count.toLocaleString(intlTag(lang))}</td>
                  <td>{formatDate(g.lastAt, intlTag(lang))}</td>
                  <td class="closest-cell">
                    {g.closest ? (
                      <>
                        <bdi dir="auto">{g.closest.title}</bdi>{' '}
                        <span class="muted num" title={t('kbScore')}>
                          {g.closest.score.toFixed(2)}
                        </span>
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>
                    <div class="gap-actions">
                      <button type="button" onClick={() => onTry(g)}>
                        {t('kbTryButton')}
                      </button>
                      {g.closest && (
                        <button type="button" class="add-phrasing" aria-haspopup="dialog" onClick={() => onAddPhrasing(g)}>
                          {t('kbAddPhrasing')}
                        </button>
                      )}
                      <button type="button" class="write-entry" aria-haspopup="dialog" onClick={() => onWrite(g)}>
                        {t('kbWriteEntry')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
