// Which days the report covers: quick choices, or any two days — picked in the Persian calendar in
// the Persian console, with the browser's date field in English; and the visitors' language.
import type { Locale } from '../../../../protocol/index.ts';
import { LOCALES } from '../../../../protocol/index.ts';
import { localeName, useI18n, type UiLang } from '../../i18n.ts';
import { addDays, formatDay, fromPersian, monthStart, PERSIAN_MONTHS, persianMonthLength, todayIso, toPersian } from '../../lib/calendar.ts';
import { formatNumber } from '../../lib/report-format.ts';

export interface Range {
  from: string;
  to: string;
}

export function presets(lang: UiLang, today = todayIso()): { key: 'repPreset7' | 'repPreset30' | 'repPresetMonth' | 'repPresetLastMonth'; range: Range }[] {
  const thisMonth = monthStart(today, lang);
  const lastMonthEnd = addDays(thisMonth, -1);
  return [
    { key: 'repPreset7', range: { from: addDays(today, -6), to: today } },
    { key: 'repPreset30', range: { from: addDays(today, -29), to: today } },
    { key: 'repPresetMonth', range: { from: thisMonth, to: today } },
    { key: 'repPresetLastMonth', range: { from: monthStart(lastMonthEnd, lang), to: lastMonthEnd } },
  ];
}

function PersianDay({ which, value, onChange }: { which: string; value: string; onChange: (day: string) => void }) {
  const { t } = useI18n();
  const { jy, jm, jd } = toPersian(value);
  const thisYear = toPersian(todayIso()).jy;
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear];
  if (!years.includes(jy)) years.unshift(jy);
  const set = (y: number, m: number, d: number) => onChange(fromPersian(y, m, Math.min(d, persianMonthLength(y, m))));
  return (
    <span class="persian-day" role="group" aria-label={which}>
      <select aria-label={t('repDay', { which })} value={jd} onChange={(e) => set(jy, jm, Number(e.currentTarget.value))}>
        {Array.from({ length: persianMonthLength(jy, jm) }, (_, i) => (
          <option key={i} value={i + 1}>
            {formatNumber(i + 1, 'fa')}
          </option>
        ))}
      </select>
      <select aria-label={t('repMonth', { which })} value={jm} onChange={(e) => set(jy, Number(e.currentTarget.value), jd)}>
        {PERSIAN_MONTHS.map((name, i) => (
          <option key={name} value={i + 1}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label={t('repYear', { which })} value={jy} onChange={(e) => set(Number(e.currentTarget.value), jm, jd)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(y)}
          </option>
        ))}
      </select>
    </span>
  );
}

export function RangePicker({ range, locale, onRange, onLocale }: { range: Range; locale: Locale | null; onRange: (r: Range) => void; onLocale: (l: Locale | null) => void }) {
  const { t, lang } = useI18n();
  const pick = (r: Range) => onRange(r.from <= r.to ? r : { from: r.to, to: r.from });
  return (
    <form class="card report-range" onSubmit={(e) => e.preventDefault()} aria-label={t('repRange')}>
      <div class="presets" role="group" aria-label={t('repRange')}>
        {presets(lang).map((p) => (
          <button key={p.key} type="button" aria-pressed={p.range.from === range.from && p.range.to === range.to} onClick={() => pick(p.range)}>
            {t(p.key)}
          </button>
        ))}
      </div>
      <div class="range-fields">
        {lang === 'fa' ? (
          <>
            <label class="field">
              {t('repFrom')}
              <PersianDay which={t('repFrom')} value={range.from} onChange={(from) => pick({ ...range, from })} />
            </label>
            <label class="field">
              {t('repTo')}
              <PersianDay which={t('repTo')} value={range.to} onChange={(to) => pick({ ...range, to })} />
            </label>
          </>
        ) : (
          <>
            <label class="field">
              {t('repFrom')}
              <input type="date" value={range.from} max={todayIso()} onChange={(e) => e.currentTarget.value && pick({ ...range, from: e.currentTarget.value })} />
            </label>
            <label class="field">
              {t('repTo')}
              <input type="date" value={range.to} onChange={(e) => e.currentTarget.value && pick({ ...range, to: e.currentTarget.value })} />
            </label>
          </>
        )}
        <label class="field">
          {t('repLanguage')}
          <select value={locale ?? ''} onChange={(e) => onLocale((e.currentTarget.value || null) as Locale | null)}>
            <option value="">{t('repAllLanguages')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {localeName(t, l)}
              </option>
            ))}
          </select>
        </label>
        <p class="range-text" aria-live="polite">
          {formatDay(range.from, lang)} – {formatDay(range.to, lang)}
        </p>
      </div>
    </form>
  );
}
