// Proactive messages (admins): the rules and how each did, and the form to add or change one.
import { useEffect, useState } from 'preact/hooks';
import type { ProactiveRuleInput, ProactiveRuleReport } from '../../../protocol/index.ts';
import { ApiError, createRule, deleteRule, proactiveRules, updateRule } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { draftOf, EMPTY_DRAFT } from '../lib/rule-draft.ts';
import { ProactiveRuleForm } from '../views/ProactiveRuleForm.tsx';
import { ProactiveRulesTable } from '../views/ProactiveRulesTable.tsx';

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function ProactivePage() {
  const { t } = useI18n();
  const [rules, setRules] = useState<ProactiveRuleReport[] | null>(null);
  const [editing, setEditing] = useState<ProactiveRuleReport | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [status, setStatus] = useState<Status>(null);
  const report = (e: unknown) => setStatus({ kind: 'error', text: e instanceof ApiError || e instanceof Error ? e.message : String(e) });
  const reload = () => proactiveRules().then(setRules, report);

  useEffect(() => {
    void reload();
  }, []);

  const save = async (rule: ProactiveRuleInput) => {
    try {
      if (editing) await updateRule(editing.id, rule);
      else await createRule(rule);
      setStatus({ kind: 'ok', text: t('ruleSaved', { name: rule.name }) });
      setEditing(null);
      setFormKey((k) => k + 1);
      await reload();
    } catch (e) {
      report(e);
    }
  };
  const remove = async (r: ProactiveRuleReport) => {
    try {
      await deleteRule(r.id);
      if (editing?.id === r.id) setEditing(null);
      setStatus({ kind: 'ok', text: t('ruleDeleted', { name: r.name }) });
      await reload();
    } catch (e) {
      report(e);
    }
  };

  return (
    <div class="page-body">
      <h1>{t('pageProactive')}</h1>
      <p class="muted">{t('proactiveIntro')}</p>
      {status && (
        <p class={status.kind === 'ok' ? 'notice ok' : 'notice error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t('rules')}</h2>
        <p class="muted hint">{t('rulesCountsHint')}</p>
        {rules ? (
          <ProactiveRulesTable
            rules={rules}
            onEdit={(r) => {
              setEditing(r);
              setFormKey((k) => k + 1);
            }}
            onDelete={(r) => void remove(r)}
          />
        ) : (
          <p class="muted">{t('loading')}</p>
        )}
      </section>
      <section class="card">
        <ProactiveRuleForm
          key={formKey}
          initial={editing ? draftOf(editing) : EMPTY_DRAFT}
          editing={!!editing}
          onSave={(r) => void save(r)}
          onCancel={() => {
            setEditing(null);
            setFormKey((k) => k + 1);
          }}
        />
      </section>
    </div>
  );
}
