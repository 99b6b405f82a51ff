// A small bar chart as a table: one row per item, its count and a bar of its share.
import { useI18n } from '../../i18n.ts';
import { formatNumber, formatShare } from '../../lib/report-format.ts';

export function Bars({ rows, labelHead, countHead }: { rows: { key: string; label: string; count: number }[]; labelHead: string; countHead: string }) {
  const { lang } = useI18n();
  const total = rows.reduce((s, r) => s + r.count, 0);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <table class="table bars">
      <thead>
        <tr>
          <th scope="col">{labelHead}</th>
          <th scope="col">{countHead}</th>
          <th scope="col" class="bar-col">
            <span class="visually-hidden">%</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.label}</th>
            <td class="num-cell">{formatNumber(r.count, lang)}</td>
            <td class="bar-col">
              <span class="bar" style={{ inlineSize: `${(r.count / max) * 100}%` }} />
              <span class="bar-share muted">{total ? formatShare(r.count / total, lang) : ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
