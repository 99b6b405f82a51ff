// What the bot could not answer most often in these days, with the way to the knowledge base.
import type { ReportUnanswered } from '../../../../protocol/index.ts';
import { localeName, useI18n } from '../../i18n.ts';
import { formatNumber } from '../../lib/report-format.ts';

export function UnansweredList({ items, onOpenKb }: { items: ReportUnanswered[]; onOpenKb: (() => void) | null }) {
  const { t, lang } = useI18n();
  return (
    <>
      {items.length === 0 ? (
        <p class="muted">{t('repNoUnanswered')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table unanswered">
            <thead>
              <tr>
                <th scope="col">{t('repQuestion')}</th>
                <th scope="col">{t('language')}</th>
                <th scope="col">{t('times')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.locale + u.normalized}>
                  <td>
                    <bdi dir="auto">{u.example}</bdi>
                  </td>
                  <td>{localeName(t, u.locale)}</td>
                  <td class="num-cell">{formatNumber(u.count, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onOpenKb && (
        <p>
          <a
            href="/console/kb"
            onClick={(e) => {
              e.preventDefault();
              onOpenKb();
            }}
          >
            {t('repOpenKb')}
          </a>
        </p>
      )}
    </>
  );
}
