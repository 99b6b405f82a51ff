import { useState } from 'preact/hooks';
import type { AgentRole } from '../../../protocol/index.ts';
import type { NewAgent } from '../api.ts';
import { useI18n } from '../i18n.ts';

const EMPTY: NewAgent = { email: '', name: '', role: 'agent', password: '' };

export function NewAgentForm({ onCreate }: { onCreate: (a: NewAgent) => Promise<boolean> }) {
  const { t } = useI18n();
  const [a, setA] = useState<NewAgent>(EMPTY);
  const set = (patch: Partial<NewAgent>) => setA({ ...a, ...patch });
  return (
    <form
      class="new-agent"
      aria-labelledby="new-agent-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onCreate(a)) setA(EMPTY);
      }}
    >
      <h3 id="new-agent-title">{t('addAgent')}</h3>
      <div class="fields">
        <label>
          <span>{t('name')}</span>
          <input required dir="auto" maxLength={100} value={a.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('email')}</span>
          <input required type="email" dir="ltr" value={a.email} onInput={(e) => set({ email: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('role')}</span>
          <select value={a.role} onChange={(e) => set({ role: e.currentTarget.value as AgentRole })}>
            <option value="agent">{t('role_agent')}</option>
            <option value="editor">{t('role_editor')}</option>
            <option value="supervisor">{t('role_supervisor')}</option>
            <option value="admin">{t('role_admin')}</option>
          </select>
        </label>
        <label>
          <span>{t('initialPassword')}</span>
          <input required type="password" dir="ltr" autocomplete="new-password" minLength={10} value={a.password} onInput={(e) => set({ password: e.currentTarget.value })} />
        </label>
        <button type="submit" class="primary">
          {t('addAgent')}
        </button>
      </div>
    </form>
  );
}
