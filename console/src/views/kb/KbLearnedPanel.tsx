// Learned wordings: what visitors' choices (the middle band, suggestions) and agents' FAQ answers
// say a wording means, ranked by evidence. Accept adds the wording to the entry's questions in its
// file; reject keeps it out for good.
import type { LearnedWordingInfo } from '../../../../protocol/index.ts';
import { intlTag, localeName, useI18n } from '../../i18n.ts';
import './kb.css';

interface Props {
  wordings: LearnedWordingInfo[] | null;
  busy: string | null;
  onDecide: (w: LearnedWordingInfo, action: 'accept' | 'reject') => void;
}

export function KbLearnedPanel({ wordings, busy, onDecide }: Props) {
  const { t, lang } = useI18n();
  const n = (x: number) => x.toLocaleString(intlTag(lang));
  return (
    <section class="card" aria-labelledby="kb-learned-title">
      <h2 id="kb-learned-title">{t('kbLearned')}</h2>
      <p class="muted hint">{t('kbLearnedHint')}</p>
      {wordings === null ? (
        <p class="muted">{t('loading')}</p>
      ) : wordings.length === 0 ? (
        <p class="muted">{t('kbGapsNone')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table learned-table">
            <thead>
              <tr>
                <th scope="col">{t('kbQuestion')}</th>
                <th scope="col">{t('kbLearnedEntry')}</th>
                <th scope="col">{t('language')}</th>
                <th scope="col">{t('kbLearnedEvidence')}</th>
                <th scope="col">{t('kbLearnedVisitors')}</th>
                <th scope="col">{t('kbLearnedStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {wordings.map((w) => (
                <tr key={w.id} data-status={w.status}>
                  <td>
                    <bdi>{w.text}</bdi>
                  </td>
                  <td>
                    <bdi dir="auto">{w.entryTitle ?? w.entryId}</bdi> <span class="muted">({w.entryId})</span>
                  </td>
                  <td>{localeName(t, w.locale)}</td>
                  <td class="num-cell">{n(w.evidence)}</td>
                  <td class="num-cell">{n(w.visitors)}</td>
                  <td>
                    {w.status === 'pending' ? (
                      <div class="gap-actions">
                        {w.auto && <span class="badge">{t('kbLearnedAuto')}</span>}
                        <button type="button" class="accept" disabled={busy === w.id || !w.entryTitle} onClick={() => onDecide(w, 'accept')}>
                          {t('kbLearnedAccept')}
                        </button>
                        <button type="button" class="reject" disabled={busy === w.id} onClick={() => onDecide(w, 'reject')}>
                          {t('kbLearnedReject')}
                        </button>
                      </div>
                    ) : (
                      <span class="muted">{t(w.status === 'accepted' ? 'kbLearnedAccepted' : 'kbLearnedRejected')}</span>
                    )}
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
