// The headline figures: conversations, the bot's share, handoffs, response and wait times,
// first-contact resolution, satisfaction.
import type { Percentiles, ReportSummary } from '../../../../protocol/index.ts';
import { useI18n } from '../../i18n.ts';
import { signedScore } from '../../lib/nps-periods.ts';
import { formatDuration, formatNumber, formatShare } from '../../lib/report-format.ts';

function Figure({ id, label, value, sub, title }: { id: string; label: string; value: string; sub?: string; title?: string }) {
  return (
    <div class="figure" data-figure={id} title={title}>
      <span class="figure-label">{label}</span>
      <strong class="figure-value">{value}</strong>
      {sub && <span class="figure-sub">{sub}</span>}
    </div>
  );
}

export function SummaryCards({ s }: { s: ReportSummary }) {
  const { t, lang } = useI18n();
  const none = t('repNone');
  const n = (v: number) => formatNumber(v, lang);
  const of = (part: number) => t('sumOf', { n: n(part), total: n(s.conversations) });
  const time = (p: Percentiles) => ({ value: formatDuration(p.p50, t, lang) ?? none, sub: p.p90 === null ? undefined : `${t('sumMedian')} · ${t('sumP90', { v: formatDuration(p.p90, t, lang)! })}` });
  return (
    <div class="figures">
      <Figure id="conversations" label={t('sumConversations')} value={n(s.conversations)} />
      <Figure id="botResolved" label={t('sumBotResolved')} value={formatShare(s.botResolutionRate, lang) ?? none} sub={of(s.botResolved)} title={t('sumBotResolvedHint')} />
      <Figure id="botOnly" label={t('sumBotOnly')} value={n(s.botOnly)} sub={of(s.botOnly)} />
      <Figure id="handoffs" label={t('sumHandoffs')} value={n(s.handoffs)} sub={of(s.handoffs)} />
      <Figure id="frt" label={t('sumFrt')} {...time(s.firstResponseSeconds)} />
      <Figure id="wait" label={t('sumWait')} {...time(s.queueWaitSeconds)} />
      <Figure id="resolution" label={t('sumResolution')} {...time(s.resolutionSeconds)} />
      <Figure
        id="fcr"
        label={t('sumFcr')}
        value={formatShare(s.firstContactResolution.rate, lang) ?? none}
        sub={t('sumOf', { n: n(s.firstContactResolution.resolved), total: n(s.firstContactResolution.closed) })}
        title={t('sumFcrHint')}
      />
      <Figure id="csat" label={t('sumCsat')} value={s.csat.average === null ? none : formatNumber(s.csat.average, lang, 2)} sub={t('sumCsatOf', { n: n(s.csat.count) })} />
      <Figure id="nps" label={t('sumNps')} value={s.nps.score === null ? none : signedScore(s.nps.score, n)} sub={t('sumNpsOf', { n: n(s.nps.count) })} title={t('sumNpsHint')} />
    </div>
  );
}
