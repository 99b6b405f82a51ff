// Team and settings (admins): people, their roles and limits, routing, team away, business hours.
import { useEffect, useState } from 'preact/hooks';
import type { AgentStatus, TeamSettings } from '../../../protocol/index.ts';
import { ApiError, createAgent, getSettings, putSettings, resetPassword, updateAgent, type AgentPatch, type NewAgent } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { AgentsTable } from '../views/AgentsTable.tsx';
import { NewAgentForm } from '../views/NewAgentForm.tsx';
import { SettingsForm } from '../views/SettingsForm.tsx';

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function AdminPage({ team, meId, onAgent }: { team: AgentStatus[] | null; meId: string | null; onAgent: (a: AgentStatus) => void }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<TeamSettings | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const report = (e: unknown) => setStatus({ kind: 'error', text: e instanceof ApiError || e instanceof Error ? e.message : String(e) });

  useEffect(() => {
    getSettings().then(setSettings, report);
  }, []);

  const patchAgent = async (id: string, patch: AgentPatch) => {
    try {
      onAgent(await updateAgent(id, patch));
      setStatus({ kind: 'ok', text: t('saved') });
    } catch (e) {
      report(e);
    }
  };
  const addAgent = async (a: NewAgent): Promise<boolean> => {
    try {
      onAgent(await createAgent(a));
      setStatus({ kind: 'ok', text: t('agentAdded', { name: a.name }) });
      return true;
    } catch (e) {
      report(e);
      return false;
    }
  };
  const setPassword = async (id: string, password: string): Promise<boolean> => {
    try {
      await resetPassword(id, password);
      setStatus({ kind: 'ok', text: t('passwordReset') });
      return true;
    } catch (e) {
      report(e);
      return false;
    }
  };
  const saveSettings = async (patch: Partial<TeamSettings>) => {
    try {
      setSettings(await putSettings(patch));
      setStatus({ kind: 'ok', text: t('saved') });
    } catch (e) {
      report(e);
    }
  };

  return (
    <div class="page-body">
      <h1>{t('pageAdmin')}</h1>
      {status && (
        <p class={status.kind === 'ok' ? 'notice ok' : 'notice error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      <section class="card" aria-labelledby="agents-title">
        <h2 id="agents-title">{t('agents')}</h2>
        {team ? <AgentsTable agents={team} meId={meId} defaultLimit={settings?.defaultLimit ?? null} onPatch={patchAgent} onPassword={setPassword} /> : <p class="muted">{t('loading')}</p>}
        <NewAgentForm onCreate={addAgent} />
      </section>
      <section class="card" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settings')}</h2>
        {settings ? <SettingsForm key={JSON.stringify(settings)} settings={settings} onSave={saveSettings} /> : <p class="muted">{t('loading')}</p>}
      </section>
    </div>
  );
}
