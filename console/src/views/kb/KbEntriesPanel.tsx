// The entries per language, the validation problems as file:line: message, and the full list.
import type { KbEntryInfo, KbIssueInfo } from '../../../../protocol/index.ts';
import { LOCALES } from '../../../../protocol/index.ts';
import { localeName, useI18n } from '../../i18n.ts';
import './kb.css';

export function KbEntriesPanel({ kb }: { kb: { entries: KbEntryInfo[]; issues: KbIssueInfo[] } | null }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="kb-entries-title">
      <h2 id="kb-entries-title">{t('kbEntries')}</h2>
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
