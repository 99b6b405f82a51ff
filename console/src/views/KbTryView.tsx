import type { KbTryResult, Locale } from '../../../protocol/index.ts';
import { LOCALES } from '../../../protocol/index.ts';
import { localeName, useI18n } from '../i18n.ts';

interface Props {
  query: string;
  locale: Locale | '';
  result: KbTryResult | null;
  onQuery: (q: string) => void;
  onLocale: (l: Locale | '') => void;
  onTry: () => void;
}

export function KbTryView({ query, locale, result, onQuery, onLocale, onTry }: Props) {
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
      {result && (
        <div class="kb-result" role="status">
          <p>
            <strong>{t(`decision_${result.decision}`)}</strong> · {localeName(t, result.locale)} · {t('scoreIs', { score: result.score.toFixed(2) })}
            {result.entryId && (
              <>
                {' · '}
                <code dir="ltr">{result.entryId}</code>
              </>
            )}
          </p>
          {result.candidates.length > 0 && (
            <ol class="candidates">
              {result.candidates.map((c) => (
                <li key={c.id}>
                  <bdi>{c.title}</bdi> <code dir="ltr">{c.id}</code> <span class="muted">{c.score.toFixed(2)}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
