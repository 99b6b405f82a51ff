// The knowledge base for editors: try a question as the bot would see it, read what visitors
// asked that the bot could not answer, and check the entries and their problems.
import { useEffect, useState } from 'preact/hooks';
import type { KbEntryInfo, KbIssueInfo, KbTryResult, Locale, UnansweredGap } from '../../../protocol/index.ts';
import { kbEntries, kbGaps, kbTry } from '../api.ts';
import { KbEntriesView } from '../views/KbEntriesView.tsx';
import { KbGapsView } from '../views/KbGapsView.tsx';
import { KbTryView } from '../views/KbTryView.tsx';
import { useI18n } from '../i18n.ts';

export function KbPage() {
  const { t } = useI18n();
  const [kb, setKb] = useState<{ entries: KbEntryInfo[]; issues: KbIssueInfo[] } | null>(null);
  const [gaps, setGaps] = useState<UnansweredGap[] | null>(null);
  const [query, setQuery] = useState('');
  const [locale, setLocale] = useState<Locale | ''>('');
  const [result, setResult] = useState<KbTryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    kbEntries().then(setKb, fail);
    kbGaps().then(setGaps, fail);
  }, []);

  const run = async (q: string, l: Locale | '') => {
    if (!q.trim()) return;
    try {
      setResult(await kbTry(q.trim(), l || undefined));
      setError(null);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div class="page-body">
      <h1>{t('pageKb')}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <KbTryView
        query={query}
        locale={locale}
        result={result}
        onQuery={setQuery}
        onLocale={setLocale}
        onTry={() => void run(query, locale)}
      />
      <KbGapsView
        gaps={gaps}
        onTry={(g) => {
          setQuery(g.example);
          setLocale(g.locale);
          void run(g.example, g.locale);
        }}
      />
      <KbEntriesView kb={kb} />
    </div>
  );
}
