// The archive's filter: words in the messages, status, agent, dates, language, tag, rating,
// resolution; and the exports of what it finds.
import { useState } from 'preact/hooks';
import type { AgentStatus, ArchiveFilter, ConversationStatus, Locale, Resolution } from '../../../../protocol/index.ts';
import { EXPORT_MAX, LOCALES } from '../../../../protocol/index.ts';
import { exportUrl } from '../../api.ts';
import { localeName, useI18n } from '../../i18n.ts';

const STATUSES: ConversationStatus[] = ['closed', 'assigned', 'queued', 'offline', 'bot'];
const RESOLUTIONS: Resolution[] = ['resolved', 'unresolved', 'spam'];

/** An ISO instant → the local date an <input type=date> shows; `endOf`: the instant is the next day's midnight. */
function dateOf(iso: string | undefined, endOf = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (endOf) d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A local date → the instant it starts (or, `endOf`, the instant the next day starts). */
function instantOf(date: string, endOf = false): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T00:00`);
  if (endOf) d.setDate(d.getDate() + 1);
  return Number.isNaN(+d) ? undefined : d.toISOString();
}

export function ArchiveFilters({ filter, agents, onSearch }: { filter: ArchiveFilter; agents: AgentStatus[]; onSearch: (f: ArchiveFilter) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState<ArchiveFilter>(filter);
  const set = (patch: Partial<ArchiveFilter>) => setF(Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as ArchiveFilter);
  const select = <K extends keyof ArchiveFilter>(key: K, label: string, options: [string, string][], parse: (v: string) => ArchiveFilter[K] = (v) => v as ArchiveFilter[K]) => (
    <label class="field">
      <span>{label}</span>
      <select value={f[key] === undefined ? '' : String(f[key])} onChange={(e) => set({ [key]: e.currentTarget.value ? parse(e.currentTarget.value) : undefined } as Partial<ArchiveFilter>)}>
        <option value="">{t('any')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      class="card archive-filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(f);
      }}
    >
      <div class="archive-row">
        <label class="field grow">
          <span>{t('archiveWords')}</span>
          <input type="search" dir="auto" maxLength={200} placeholder={t('archiveWordsPlaceholder')} value={f.q ?? ''} onInput={(e) => set({ q: e.currentTarget.value })} />
        </label>
        <button type="submit" class="primary">
          {t('search')}
        </button>
        <button
          type="button"
          onClick={() => {
            setF({});
            onSearch({});
          }}
        >
          {t('clearFilters')}
        </button>
      </div>
      <div class="archive-row">
        {select('status', t('filterStatus'), STATUSES.map((s) => [s, t(`status_${s}`)]))}
        {select('agentId', t('filterAgent'), agents.filter((a) => a.role !== 'editor').map((a) => [a.id, a.name]))}
        <label class="field">
          <span>{t('filterFrom')}</span>
          <input type="date" value={dateOf(f.from)} onInput={(e) => set({ from: instantOf(e.currentTarget.value) })} />
        </label>
        <label class="field">
          <span>{t('filterTo')}</span>
          <input type="date" value={dateOf(f.to, true)} onInput={(e) => set({ to: instantOf(e.currentTarget.value, true) })} />
        </label>
        {select('locale', t('language'), LOCALES.map((l) => [l, localeName(t, l)]), (v) => v as Locale)}
        <label class="field">
          <span>{t('filterTag')}</span>
          <input dir="auto" maxLength={40} size={10} value={f.tag ?? ''} onInput={(e) => set({ tag: e.currentTarget.value.trim() || undefined })} />
        </label>
        {select(
          'rating',
          t('filterRating'),
          [['rated', t('rated')], ['unrated', t('unrated')], ...[5, 4, 3, 2, 1].map((n): [string, string] => [String(n), t('stars', { n })])],
          (v) => (/^\d$/.test(v) ? (Number(v) as 1) : (v as 'rated')),
        )}
        {select('resolution', t('filterResolution'), RESOLUTIONS.map((r) => [r, t(`resolution_${r}`)]), (v) => v as Resolution)}
      </div>
      <p class="archive-export">
        <a class="button" href={exportUrl(filter, 'csv')} download>
          {t('exportCsv')}
        </a>
        <a class="button" href={exportUrl(filter, 'json')} download>
          {t('exportJson')}
        </a>
        <span class="muted">{t('exportHint', { n: EXPORT_MAX })}</span>
      </p>
    </form>
  );
}
