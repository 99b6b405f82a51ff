// "Try a question": what the bot would do with it — the decision, the entry it would answer
// with, and the nearest entries with their scores.
import type { KbTryResult, Locale } from '../../../../protocol/index.ts';
import { LOCALES } from '../../../../protocol/index.ts';
import { localeName, useI18n } from '../../i18n.ts';
import './kb.css';

interface Props {
  query: string;
  locale: Locale | '';
  result: KbTryResult | null;
  /** Entry id → its first question, for naming the chosen entry when it is not among the candidates. */
  titles: Map<string, string>;
  onQuery: (q: string) => void;
  onLocale: (l: Locale | '') => void;
  onTry: () => void;
}

export function KbTryPanel({ query, locale, result, titles, onQuery, onLocale, onTry }: Props) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="kb-try-title">
      <h2 id="kb-try-title">{t('kbTry')}</h2>
      <form
        class="kb-try"
        onSubmit={(e) => {
          e.preventDefault();
          onTry();
        }}
      >
        <label class="field grow">
          <span>{t('kbQuestion')}</span>
          <input dir="auto" required value={query} onInput={(e) => onQuery(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('language')}</span>
          <select value={locale} onChange={(e) => onLocale(e.currentTarget.value as Locale | '')}>
            <option value="">{t('autoDetect')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {localeName(t, l)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {t('kbTryButton')}
        </button>
      </form>
      {result && <KbTryResultView result={result} titles={titles} />}
    </section>
  );
}

function KbTryResultView({ result, titles }: { result: KbTryResult; titles: Map<string, string> }) {
  const { t } = useI18n();
  // Bars are out of 1 when scores are confidences, else relative to the best candidate.
  const scale = Math.max(1, ...result.candidates.map((c) => c.score));
  const chosenTitle = result.entryId ? (result.candidates.find((c) => c.id === result.entryId)?.title ?? titles.get(result.entryId)) : undefined;
  return (
    <div class={`kb-result decision-${result.decision}`} role="status">
      <dl class="kb-verdict">
        <div>
          <dt>{t('kbDecision')}</dt>
          <dd>
            <strong class="kb-decision">{t(`decision_${result.decision}`)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('kbChosenEntry')}</dt>
          <dd class="kb-chosen">
            {result.entryId ? (
              <>
                <code dir="ltr">{result.entryId}</code>
                {chosenTitle && (
                  <>
                    {' '}
                    <bdi class="muted">{chosenTitle}</bdi>
                  </>
                )}
              </>
            ) : (
              <span class="muted">{t('kbNoEntry')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('kbBestScore')}</dt>
          <dd class="num-cell">{result.score.toFixed(2)}</dd>
        </div>
        <div>
          <dt>{t('language')}</dt>
          <dd>{localeName(t, result.locale)}</dd>
        </div>
      </dl>
      <h3 id="kb-candidates-title">{t('kbCandidates')}</h3>
      {result.candidates.length === 0 ? (
        <p class="muted">{t('kbNoCandidates')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table candidates-table" aria-labelledby="kb-candidates-title">
            <thead>
              <tr>
                <th scope="col" class="num-cell">
                  {t('kbRank')}
                </th>
                <th scope="col">{t('kbEntryId')}</th>
                <th scope="col">{t('kbTitle')}</th>
                <th scope="col">{t('kbScore')}</th>
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c, i) => {
                const chosen = c.id === result.entryId;
                return (
                  <tr key={c.id} class={chosen ? 'chosen' : undefined} aria-current={chosen ? 'true' : undefined}>
                    <td class="num-cell">{i + 1}</td>
                    <td>
                      <code dir="ltr">{c.id}</code>
                      {chosen && <span class="badge chosen-badge">{t('kbChosen')}</span>}
                    </td>
                    <td dir="auto">{c.title}</td>
                    <td class="num-cell score-cell">
                      <span class="score-bar" aria-hidden="true">
                        <span style={{ inlineSize: `${Math.round(Math.max(0, c.score / scale) * 100)}%` }} />
                      </span>
                      {c.score.toFixed(2)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
