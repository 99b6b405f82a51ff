// NPS over time, per day or per week: a table whose last column draws each score as a bar from
// the middle (−100 … +100), so a glance shows the trend; the figures stay readable as text.
import type { ReportDay, ReportNpsComment } from '../../../../protocol/index.ts';
import { intlTag, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { formatDay } from '../../lib/calendar.ts';
import { npsPeriods, signedScore } from '../../lib/nps-periods.ts';
import { formatNumber } from '../../lib/report-format.ts';

export function NpsTrend({ days, comments }: { days: ReportDay[]; comments: ReportNpsComment[] }) {
  const { t, lang } = useI18n();
  const periods = npsPeriods(days);
  const n = (v: number) => formatNumber(v, lang);
  const label = (p: { from: string; to: string }) => (p.from === p.to ? formatDay(p.from, lang, 'short') : t('repWeekOf', { d: formatDay(p.from, lang, 'short') }));
  if (!periods.some((p) => p.answers > 0)) return <p class="muted">{t('repNoNps')}</p>;
  return (
    <>
    <table class="table nps-trend">
      <thead>
        <tr>
          <th scope="col">{t('repPeriod')}</th>
          <th scope="col">{t('repAnswers')}</th>
          <th scope="col">{t('repPromoters')}</th>
          <th scope="col">{t('repDetractors')}</th>
          <th scope="col">NPS</th>
          <th scope="col" class="bar-col">
            <span class="visually-hidden">−100 … +100</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.from} data-period={p.from}>
            <th scope="row">{label(p)}</th>
            <td class="num-cell">{n(p.answers)}</td>
            <td class="num-cell">{n(p.promoters)}</td>
            <td class="num-cell">{n(p.detractors)}</td>
            <td class="num-cell nps-score" dir="ltr">
              {p.score === null ? t('repNone') : signedScore(p.score, n)}
            </td>
            <td class="bar-col">
              <span class="nps-track">
                {p.score !== null && p.score !== 0 && <span class={`nps-bar ${p.score > 0 ? 'up' : 'down'}`} style={{ inlineSize: `${Math.abs(p.score) / 2}%` }} />}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    {comments.length > 0 && (
      <ul class="comments nps-comments" aria-label={t('repComments')}>
        {comments.map((c) => (
          <li key={c.conversationId + c.createdAt}>
            <span class="badge">{`${t('repScore')} ${n(c.score)}`}</span>
            <q dir="auto">{c.comment}</q>
            <span class="muted">{formatDate(c.createdAt, intlTag(lang))}</span>
          </li>
        ))}
      </ul>
    )}
    </>
  );
}
