// A card of the Reports page with its title and a "Download CSV" button for what it shows.
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n.ts';
import { downloadCsv, type Cell } from '../../lib/csv.ts';

export interface CsvSource {
  fileName: string;
  rows: () => Cell[][];
}

export function ReportSection({ id, title, hint, csv, children }: { id: string; title: string; hint?: string; csv?: CsvSource; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <section class={`card report-section report-${id}`} aria-labelledby={`rep-${id}`}>
      <div class="report-head">
        <h2 id={`rep-${id}`}>{title}</h2>
        {csv && (
          <button type="button" class="csv" aria-label={t('csvOf', { what: title })} onClick={() => downloadCsv(csv.fileName, csv.rows())}>
            {t('csvDownload')}
          </button>
        )}
      </div>
      {hint && <p class="muted hint">{hint}</p>}
      {children}
    </section>
  );
}
