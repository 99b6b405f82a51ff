// The rules with how each did: bubbles shown, opened, and conversations started from them.
import { useState } from 'preact/hooks';
import type { ProactiveRuleReport } from '../../../protocol/index.ts';
import { intlTag, useI18n } from '../i18n.ts';

interface Props {
  rules: ProactiveRuleReport[];
  onEdit: (r: ProactiveRuleReport) => void;
  onDelete: (r: ProactiveRuleReport) => void;
}

export function ProactiveRulesTable({ rules, onEdit, onDelete }: Props) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  const n = (x: number) => x.toLocaleString(intlTag(lang));
  if (rules.length === 0) return <p class="muted">{t('rulesNone')}</p>;
  return (
    <div class="table-wrap">
      <table class="table rules-table">
        <thead>
          <tr>
            <th scope="col">{t('ruleName')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('ruleShown')}</th>
            <th scope="col">{t('ruleOpened')}</th>
            <th scope="col">{t('ruleConverted')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('ruleActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-rule-id={r.id} class={r.enabled ? '' : 'off'}>
              <th scope="row" dir="auto">
                {r.name}
              </th>
              <td>{r.enabled ? t('ruleOn') : t('ruleOff')}</td>
              <td class="num-cell">{n(r.shown)}</td>
              <td class="num-cell">{n(r.opened)}</td>
              <td class="num-cell">{n(r.converted)}</td>
              <td>
                <div class="inline-form">
                  <button type="button" onClick={() => onEdit(r)}>
                    {t('edit')}
                  </button>
                  {confirming === r.id ? (
                    <>
                      <button type="button" class="danger" onClick={() => onDelete(r)}>
                        {t('ruleDeleteConfirm')}
                      </button>
                      <button type="button" class="link" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(r.id)}>
                      {t('delete')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
