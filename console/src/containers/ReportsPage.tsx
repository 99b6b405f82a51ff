// The Reports page (admins, supervisors): the range and language chosen here, the figures from
// GET /api/reports, and each table and chart as a CSV file. Loaded only when opened (it brings the
// chart library with it).
import { useEffect, useState } from 'preact/hooks';
import type { HandoffReason, Locale, Report } from '../../../protocol/index.ts';
import { getReport } from '../api-owner.ts';
import { localeName, reasonText, useI18n } from '../i18n.ts';
import { addDays, calendarDay, todayIso } from '../lib/calendar.ts';
import type { Cell } from '../lib/csv.ts';
import { weekdayNames, weekOrder } from '../lib/report-format.ts';
import { AgentsReport } from '../views/reports/AgentsReport.tsx';
import { Bars } from '../views/reports/Bars.tsx';
import { CommentsList } from '../views/reports/CommentsList.tsx';
import { DailyChart } from '../views/reports/DailyChart.tsx';
import { NpsTrend } from '../views/reports/NpsTrend.tsx';
import { npsPeriods } from '../lib/nps-periods.ts';
import { HeatMap } from '../views/reports/HeatMap.tsx';
import { RangePicker, type Range } from '../views/reports/RangePicker.tsx';
import { ReportSection } from '../views/reports/ReportSection.tsx';
import { SummaryCards } from '../views/reports/SummaryCards.tsx';
import { UnansweredList } from '../views/reports/UnansweredList.tsx';
import '../views/reports/reports.css';

const REASONS: HandoffReason[] = ['asked', 'button', 'bot_failed'];

export function ReportsPage({ canOpenKb, onOpenKb }: { canOpenKb: boolean; onOpenKb: () => void }) {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<Range>(() => ({ from: addDays(todayIso(), -6), to: todayIso() }));
  const [locale, setLocale] = useState<Locale | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    getReport(range.from, range.to, locale).then(
      (r) => current && (setReport(r), setError(null)),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [range.from, range.to, locale]);

  const file = (what: string) => ({ fileName: `porsan-${what}-${range.from}-${range.to}${locale ? '-' + locale : ''}.csv` });
  const day = (d: string) => calendarDay(d, lang);
  const s = report?.summary;

  return (
    <div class="page-body reports-page">
      <h1>{t('pageReports')}</h1>
      <RangePicker range={range} locale={locale} onRange={setRange} onLocale={setLocale} />
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {!report || !s ? (
        !error && <p class="muted">{t('loading')}</p>
      ) : (
        <>
          <p class="muted zone">
            {t('repZone', { tz: s.timeZone })}
            {s.conversations === 0 && ` ${t('repEmpty')}`}
          </p>
          <ReportSection
            id="summary"
            title={t('repSummary')}
            csv={{
              ...file('summary'),
              rows: () => [
                ['', ''],
                [t('repFrom'), day(s.from)],
                [t('repTo'), day(s.to)],
                [t('language'), s.locale ? localeName(t, s.locale) : t('repAllLanguages')],
                [t('sumConversations'), s.conversations],
                [t('sumBotOnly'), s.botOnly],
                [t('sumBotResolved'), s.botResolved],
                [`${t('sumBotResolved')} (%)`, s.botResolutionRate === null ? null : Math.round(s.botResolutionRate * 1000) / 10],
                [t('sumHandoffs'), s.handoffs],
                [`${t('sumFrt')} p50 (s)`, s.firstResponseSeconds.p50],
                [`${t('sumFrt')} p90 (s)`, s.firstResponseSeconds.p90],
                [`${t('sumWait')} p50 (s)`, s.queueWaitSeconds.p50],
                [`${t('sumWait')} p90 (s)`, s.queueWaitSeconds.p90],
                [`${t('sumResolution')} p50 (s)`, s.resolutionSeconds.p50],
                [`${t('sumResolution')} p90 (s)`, s.resolutionSeconds.p90],
                [`${t('sumFcr')} (%)`, s.firstContactResolution.rate === null ? null : Math.round(s.firstContactResolution.rate * 1000) / 10],
                [t('sumCsat'), s.csat.average],
                [t('repRatings'), s.csat.count],
                [t('sumNps'), s.nps.score === null ? null : Math.round(s.nps.score * 10) / 10],
                [t('repAnswers'), s.nps.count],
                [t('repPromoters'), s.nps.promoters],
                [t('repPassives'), s.nps.passives],
                [t('repDetractors'), s.nps.detractors],
              ].slice(1),
            }}
          >
            <SummaryCards s={s} />
          </ReportSection>
          <ReportSection
            id="daily"
            title={t('repDaily')}
            csv={{
              ...file('days'),
              rows: (): Cell[][] => [
                [t('repDay_'), t('sumConversations'), t('sumBotOnly'), t('sumBotResolved'), t('sumHandoffs')],
                ...report.days.map((d) => [day(d.date), d.conversations, d.botOnly, d.botResolved, d.handoffs]),
              ],
            }}
          >
            <DailyChart days={report.days} />
          </ReportSection>
          <div class="report-pair">
            <ReportSection
              id="reasons"
              title={t('repReasons')}
              csv={{ ...file('handoff-reasons'), rows: () => [[t('repReason'), t('repCount')], ...REASONS.map((r) => [reasonText(t, r), report.handoffReasons[r]])] }}
            >
              <Bars labelHead={t('repReason')} countHead={t('repCount')} rows={REASONS.map((r) => ({ key: r, label: reasonText(t, r), count: report.handoffReasons[r] }))} />
            </ReportSection>
            <ReportSection
              id="csat"
              title={t('repCsat')}
              csv={{ ...file('csat'), rows: () => [[t('repScore'), t('repRatings')], ...s.csat.distribution.map((n, i) => [i + 1, n])] }}
            >
              <Bars labelHead={t('repScore')} countHead={t('repRatings')} rows={s.csat.distribution.map((n, i) => ({ key: String(i + 1), label: '★'.repeat(i + 1), count: n })).reverse()} />
            </ReportSection>
          </div>
          <ReportSection
            id="nps"
            title={t('repNps')}
            hint={t('repNpsHint')}
            csv={{
              ...file('nps'),
              rows: (): Cell[][] => [
                [t('repFrom'), t('repTo'), t('repAnswers'), t('repPromoters'), t('repPassives'), t('repDetractors'), 'NPS'],
                ...npsPeriods(report.days).map((p) => [day(p.from), day(p.to), p.answers, p.promoters, p.passives, p.detractors, p.score === null ? null : Math.round(p.score * 10) / 10]),
              ],
            }}
          >
            <NpsTrend days={report.days} comments={report.npsComments} />
          </ReportSection>
          <ReportSection
            id="agents"
            title={t('repAgents')}
            csv={{
              ...file('agents'),
              rows: () => [
                [t('repAgent'), t('repCount'), `${t('sumFrt')} p50 (s)`, `${t('sumFrt')} p90 (s)`, t('repCsatAverage'), t('repRatings')],
                ...report.agents.map((a) => [a.name, a.conversations, a.firstResponseSeconds.p50, a.firstResponseSeconds.p90, a.csat.average, a.csat.count]),
              ],
            }}
          >
            <AgentsReport agents={report.agents} />
          </ReportSection>
          <ReportSection
            id="hours"
            title={t('repHours')}
            hint={t('repHoursHint')}
            csv={{
              ...file('hours'),
              rows: () => {
                const names = weekdayNames(lang);
                return [[t('repWeekday'), ...Array.from({ length: 24 }, (_, h) => String(h))], ...weekOrder(lang).map((d) => [names[d]!, ...report.hours[d]!])];
              },
            }}
          >
            <HeatMap hours={report.hours} />
          </ReportSection>
          <ReportSection
            id="comments"
            title={t('repComments')}
            csv={{ ...file('comments'), rows: () => [[t('repScore'), t('repComment'), t('repAgent'), t('repDay_')], ...report.comments.map((c) => [c.score, c.comment, c.agentName, c.createdAt])] }}
          >
            <CommentsList comments={report.comments} />
          </ReportSection>
          <ReportSection
            id="unanswered"
            title={t('repUnanswered')}
            csv={{ ...file('unanswered'), rows: () => [[t('repQuestion'), t('language'), t('times')], ...report.unanswered.map((u) => [u.example, localeName(t, u.locale), u.count])] }}
          >
            <UnansweredList items={report.unanswered} onOpenKb={canOpenKb ? onOpenKb : null} />
          </ReportSection>
        </>
      )}
    </div>
  );
}
