// Conversations per day as a line chart (uPlot, loaded with the Reports page only), with the same
// figures as a table for screen readers. Time runs left to right in both languages; the days are
// written in the console's calendar.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ReportDay } from '../../../../protocol/index.ts';
import { useI18n } from '../../i18n.ts';
import { formatDay } from '../../lib/calendar.ts';
import { formatNumber } from '../../lib/report-format.ts';

const SERIES = [
  { key: 'conversations', label: 'sumConversations', stroke: '#0b6bcb', fill: 'rgba(11,107,203,0.08)' },
  { key: 'botResolved', label: 'sumBotResolved', stroke: '#7a4fd0' },
  { key: 'handoffs', label: 'sumHandoffs', stroke: '#d9730d' },
] as const;

export function DailyChart({ days }: { days: ReportDay[] }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((_, i) => i);
    const label = (i: number) => (days[i] ? formatDay(days[i]!.date, lang, 'short') : '');
    const font = lang === 'fa' ? '12px Vazirmatn, "Noto Sans Arabic", Tahoma, sans-serif' : '12px system-ui, sans-serif';
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 260,
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
      series: [
        { label: t('repDay_'), value: (_u, i) => (i === null ? '' : label(i)) },
        ...SERIES.map((s) => ({ label: t(s.label), stroke: s.stroke, width: 2, ...('fill' in s && { fill: s.fill }), points: { size: 5 }, value: (_u: uPlot, v: number | null) => (v === null ? '' : formatNumber(v, lang)) })),
      ],
      axes: [
        { font, incrs: [1, 2, 3, 7, 14, 30, 60, 90], space: 70, values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? label(i) : '')) },
        { font, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000], values: (_u, splits) => splits.map((v) => formatNumber(v, lang)) },
      ],
      legend: { live: true },
    };
    const chart = new uPlot(opts, [xs, ...SERIES.map((s) => days.map((d) => d[s.key]))], el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [days, lang]);
  return (
    <>
      <div class="chart" dir="ltr" ref={box} role="img" aria-label={t('repDaily')} />
      <table class="visually-hidden">
        <caption>{t('repDaily')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('repDay_')}</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {t(s.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{formatDay(d.date, lang)}</th>
              {SERIES.map((s) => (
                <td key={s.key}>{formatNumber(d[s.key], lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
