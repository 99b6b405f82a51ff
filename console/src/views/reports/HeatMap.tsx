// When conversations start: weekdays (from Saturday in Persian, Monday in English) by hour, the
// darker the busier; each cell says its count to screen readers and on hover.
import { useI18n } from '../../i18n.ts';
import { formatNumber, weekdayNames, weekOrder } from '../../lib/report-format.ts';

export function HeatMap({ hours }: { hours: number[][] }) {
  const { t, lang } = useI18n();
  const names = weekdayNames(lang);
  const max = Math.max(1, ...hours.flat());
  return (
    <div class="table-wrap">
      <table class="heatmap">
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">{t('repWeekday')}</span>
            </th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" class="hour">
                {formatNumber(h, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekOrder(lang).map((d) => (
            <tr key={d}>
              <th scope="row">{names[d]}</th>
              {hours[d]!.map((n, h) => (
                <td key={h} style={{ background: n ? `rgb(11 107 203 / ${(0.12 + 0.88 * (n / max)).toFixed(2)})` : undefined }} title={`${names[d]} ${formatNumber(h, lang)}: ${formatNumber(n, lang)}`}>
                  <span class="visually-hidden">{formatNumber(n, lang)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
