// One proactive rule: when (page, time on page, scroll depth, visits, referrer, language,
// business hours), what it says in each language, after how long, and how often.
import { useState } from 'preact/hooks';
import type { Locale } from '../../../protocol/index.ts';
import { localeName, useI18n, type StringKey } from '../i18n.ts';
import { inputOf, RULE_LOCALES, type RuleDraft } from '../lib/rule-draft.ts';
import type { ProactiveRuleInput } from '../../../protocol/index.ts';

interface Props {
  initial: RuleDraft;
  editing: boolean;
  onSave: (rule: ProactiveRuleInput) => void;
  onCancel: () => void;
}

const MATCHES = ['', 'prefix', 'glob', 'regex'] as const;

export function ProactiveRuleForm({ initial, editing, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const [d, setD] = useState<RuleDraft>(initial);
  const [bad, setBad] = useState('');
  const set = (patch: Partial<RuleDraft>) => setD({ ...d, ...patch });
  const matchSelect = (value: RuleDraft['urlType'], onChange: (v: RuleDraft['urlType']) => void, label: string) => (
    <label class="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as RuleDraft['urlType'])}>
        {MATCHES.map((m) => (
          <option key={m} value={m}>
            {t(m ? `match_${m}` : 'matchAny')}
          </option>
        ))}
      </select>
    </label>
  );
  const number = (key: 'seconds' | 'scroll' | 'visits' | 'delay', label: string, max: number, min = 0) => (
    <label class="field">
      <span>{label}</span>
      <input type="number" class="num" min={min} max={max} value={d[key]} aria-invalid={bad === key || undefined} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </label>
  );
  return (
    <form
      class="rule-form"
      aria-labelledby="rule-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = inputOf(d);
        if (!r.ok) return setBad(r.field);
        setBad('');
        onSave(r.rule);
      }}
    >
      <h2 id="rule-form-title">{editing ? t('ruleEdit') : t('ruleNew')}</h2>
      <div class="row">
        <label class="field">
          <span>{t('ruleName')}</span>
          <input required dir="auto" maxLength={100} value={d.name} aria-invalid={bad === 'name' || undefined} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
          {t('ruleEnabled')}
        </label>
      </div>
      <fieldset>
        <legend>{t('ruleWhen')}</legend>
        {matchSelect(d.urlType, (urlType) => set({ urlType }), t('rulePage'))}
        {d.urlType && (
          <label class="field grow">
            <span>{t(`matchHint_${d.urlType}`)}</span>
            <input dir="ltr" maxLength={300} placeholder="/checkout" value={d.urlValue} aria-invalid={bad === 'url' || undefined} onInput={(e) => set({ urlValue: e.currentTarget.value })} />
          </label>
        )}
        {number('seconds', t('ruleSeconds'), 3600)}
        {number('scroll', t('ruleScroll'), 100)}
        {number('visits', t('ruleVisits'), 1000, 1)}
        {matchSelect(d.referrerType, (referrerType) => set({ referrerType }), t('ruleReferrer'))}
        {d.referrerType && (
          <label class="field grow">
            <span>{t(`matchHint_${d.referrerType}`)}</span>
            <input dir="ltr" maxLength={300} value={d.referrerValue} aria-invalid={bad === 'referrer' || undefined} onInput={(e) => set({ referrerValue: e.currentTarget.value })} />
          </label>
        )}
        <label class="field">
          <span>{t('ruleHours')}</span>
          <select value={d.hours} onChange={(e) => set({ hours: e.currentTarget.value as RuleDraft['hours'] })}>
            <option value="">{t('hoursAny')}</option>
            <option value="inside">{t('hoursInside')}</option>
            <option value="outside">{t('hoursOutside')}</option>
          </select>
        </label>
        <fieldset class="nested">
          <legend>{t('ruleLocales')}</legend>
          {RULE_LOCALES.map((l: Locale) => (
            <label key={l} class="check">
              <input
                type="checkbox"
                checked={d.locales.includes(l)}
                onChange={(e) => set({ locales: e.currentTarget.checked ? [...d.locales, l] : d.locales.filter((x) => x !== l) })}
              />
              {localeName(t, l)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset class="messages">
        <legend>{t('ruleMessages')}</legend>
        {RULE_LOCALES.map((l) => (
          <label key={l} class="field">
            <span>{localeName(t, l)}</span>
            <textarea
              rows={2}
              maxLength={500}
              lang={l}
              dir={l === 'en' ? 'ltr' : 'rtl'}
              value={d.messages[l]}
              aria-invalid={bad === 'messages' || undefined}
              onInput={(e) => set({ messages: { ...d.messages, [l]: e.currentTarget.value } })}
            />
          </label>
        ))}
        <p class="muted hint">{t('ruleMessagesHint')}</p>
      </fieldset>
      <div class="row">
        {number('delay', t('ruleDelay'), 3600)}
        <fieldset class="nested">
          <legend>{t('ruleFrequency')}</legend>
          <label class="check">
            <input type="radio" name="frequency" checked={d.frequency === 'visitor'} onChange={() => set({ frequency: 'visitor' })} />
            {t('frequencyVisitor')}
          </label>
          <label class="check">
            <input type="radio" name="frequency" checked={d.frequency === 'visit'} onChange={() => set({ frequency: 'visit' })} />
            {t('frequencyVisit')}
          </label>
        </fieldset>
      </div>
      {bad && (
        <p class="error" role="alert">
          {t(`ruleInvalid_${bad}` as StringKey)}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          {t('ruleSave')}
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
