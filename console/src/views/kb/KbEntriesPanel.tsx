// The entries per language, the validation problems as file:line: message, and the full list.
import type { KbEntryInfo, KbIssueInfo } from '../../../../protocol/index.ts';
import { LOCALES } from '../../../../protocol/index.ts';
import { localeName, useI18n } from '../../i18n.ts';
import './kb.css';

interface Props {
  kb: { entries: KbEntryInfo[]; issues: KbIssueInfo[] } | null;
  onNew: () => void;
  onEdit: (id: string) => void;
}

export function KbEntriesPanel({ kb, onNew, onEdit }: Props) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="kb-entries-title">
      <div class="kb-entries-head">
        <h2 id="kb-entries-title">{t('kbEntries')}</h2>
        <button type="button" class="primary" onClick={onNew}>
          {t('kbNewEntry')}
        </button>
      </div>
      {kb === null ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <>
          <p class="kb-counts">
            {LOCALES.map((l) => (
              <span key={l} class="badge">
                {localeName(t, l)}: {kb.entries.filter((e) => e.locale === l).length}
              </span>
            ))}
          </p>
          {kb.issues.length > 0 && (
            <div class="notice warn" role="status">
              <div>
                <strong>{t('kbIssues', { n: kb.issues.length })}</strong>
                <ul class="issues kb-issues">
                  {kb.issues.map((i, n) => (
                    <li key={n}>
                      <code dir="ltr" class="issue-where">
                        {i.file}
                        {i.line ? `:${i.line}` : ''}:
                      </code>{' '}
                      <bdi dir="ltr" class="issue-message">
                        {i.message}
                      </bdi>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          <details>
            <summary>{t('kbShowEntries', { n: kb.entries.length })}</summary>
            <div class="table-wrap">
              <table class="table entries-table">
                <thead>
                  <tr>
                    <th scope="col">{t('kbEntryId')}</th>
                    <th scope="col">{t('language')}</th>
                    <th scope="col">{t('kbQuestions')}</th>
                    <th scope="col">{t('tags')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('kbEdit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {kb.entries.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <code dir="ltr">{e.id}</code>
                      </td>
                      <td>{localeName(t, e.locale)}</td>
                      <td dir="auto">{e.questions.join(' · ')}</td>
                      <td>{e.tags.join(', ')}</td>
                      <td>
                        <button type="button" aria-label={`${t('kbEdit')} ${e.id}`} onClick={() => onEdit(e.id)}>
                          {t('kbEdit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
