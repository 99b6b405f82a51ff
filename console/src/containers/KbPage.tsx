// The knowledge base for editors: try a question as the bot would see it, read what visitors
// asked that the bot could not answer (and start a new entry for it), and check the entries and
// their problems.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KbEntryInfo, KbIssueInfo, KbTryResult, LearnedWordingInfo, Locale, UnansweredGap } from '../../../protocol/index.ts';
import { kbEntries, kbGaps, kbLearned, kbLearnedDecide, kbTry } from '../api.ts';
import { entryTemplate, phrasingTemplate, type EntryTemplate } from '../lib/kb-template.ts';
import { KbEntriesPanel } from '../views/kb/KbEntriesPanel.tsx';
import { KbGapsPanel } from '../views/kb/KbGapsPanel.tsx';
import { KbLearnedPanel } from '../views/kb/KbLearnedPanel.tsx';
import { KbTemplateDialog } from '../views/kb/KbTemplateDialog.tsx';
import { KbTryPanel } from '../views/kb/KbTryPanel.tsx';
import { useI18n } from '../i18n.ts';
import { KbEditor, type EditorTarget } from './KbEditor.tsx';

export function KbPage() {
  const { t } = useI18n();
  const [kb, setKb] = useState<{ entries: KbEntryInfo[]; issues: KbIssueInfo[] } | null>(null);
  const [gaps, setGaps] = useState<UnansweredGap[] | null>(null);
  const [learned, setLearned] = useState<LearnedWordingInfo[] | null>(null);
  const [deciding, setDeciding] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [locale, setLocale] = useState<Locale | ''>('');
  const [result, setResult] = useState<KbTryResult | null>(null);
  const [template, setTemplate] = useState<EntryTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    kbEntries().then(setKb, fail);
    kbGaps().then(setGaps, fail);
    kbLearned().then(setLearned, fail);
  }, []);

  const decide = async (w: LearnedWordingInfo, action: 'accept' | 'reject') => {
    setDeciding(w.id);
    try {
      await kbLearnedDecide(w.id, action);
      setError(null);
      setDone(action === 'accept' ? t('kbLearnedDone', { text: w.text, entry: w.entryId }) : null);
      setLearned(await kbLearned());
      if (action === 'accept') kbEntries().then(setKb, fail);
    } catch (e) {
      fail(e);
    } finally {
      setDeciding(null);
    }
  };

  const edit = (target: EditorTarget) => {
    setDone(null);
    setEditing(target);
    requestAnimationFrame(() => document.getElementById('kb-editor-title')?.scrollIntoView({ block: 'start' }));
  };

  const titles = useMemo(() => new Map((kb?.entries ?? []).map((e) => [e.id, e.questions[0] ?? ''])), [kb]);

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
      {done && (
        <p class="notice ok" role="status">
          {done}
        </p>
      )}
      {editing && (
        <KbEditor
          key={editing.kind === 'edit' ? editing.id : 'new'}
          target={editing}
          onDone={(message) => {
            setEditing(null);
            setDone(message);
            if (message) kbEntries().then(setKb, fail);
          }}
        />
      )}
      <KbTryPanel
        query={query}
        locale={locale}
        result={result}
        titles={titles}
        onQuery={setQuery}
        onLocale={setLocale}
        onTry={() => void run(query, locale)}
      />
      <KbGapsPanel
        gaps={gaps}
        onTry={(g) => {
          setQuery(g.example);
          setLocale(g.locale);
          void run(g.example, g.locale);
        }}
        // Ids already in use (all locales: ids are unique across the knowledge base) are never suggested.
        onWrite={(g) => setTemplate(entryTemplate(g, titles.keys()))}
        onAddPhrasing={(g) => g.closest && setTemplate(phrasingTemplate(g, g.closest.id))}
      />
      <KbLearnedPanel wordings={learned} busy={deciding} onDecide={(w, a) => void decide(w, a)} />
      <KbEntriesPanel kb={kb} onNew={() => edit({ kind: 'new', locale: locale || 'fa' })} onEdit={(id) => edit({ kind: 'edit', id })} />
      {template && <KbTemplateDialog key={template.kind + template.id} template={template} onClose={() => setTemplate(null)} />}
    </div>
  );
}
