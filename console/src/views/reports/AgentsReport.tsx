// Per agent: how many conversations, how fast the first reply, how satisfied the visitors.
import type { ReportAgentRow } from '../../../../protocol/index.ts';
import { useI18n } from '../../i18n.ts';
import { formatDuration, formatNumber } from '../../lib/report-format.ts';

export function AgentsReport({ agents }: { agents: ReportAgentRow[] }) {
  const { t, lang } = useI18n();
  if (agents.length === 0) return <p class="muted">{t('repNoAgents')}</p>;
  return (
    <div class="table-wrap">
      <table class="table agents-report">
        <thead>
          <tr>
            <th scope="col">{t('repAgent')}</th>
            <th scope="col">{t('repCount')}</th>
            <th scope="col">{t('repFrtMedian')}</th>
            <th scope="col">{t('repCsatAverage')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agentId}>
              <th scope="row">
                <bdi>{a.name}</bdi>
              </th>
              <td class="num-cell">{formatNumber(a.conversations, lang)}</td>
              <td class="num-cell">{formatDuration(a.firstResponseSeconds.p50, t, lang) ?? t('repNone')}</td>
              <td class="num-cell">
                {a.csat.average === null ? t('repNone') : `${formatNumber(a.csat.average, lang, 2)} (${formatNumber(a.csat.count, lang)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
