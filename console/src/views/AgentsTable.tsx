// Everyone on the team, editable in place: role, concurrent-conversation limit, active, password.
import { useState } from 'preact/hooks';
import type { AgentRole, AgentStatus } from '../../../protocol/index.ts';
import type { AgentPatch } from '../api.ts';
import { useI18n } from '../i18n.ts';

const ROLES: AgentRole[] = ['agent', 'editor', 'supervisor', 'admin'];

interface Props {
  agents: AgentStatus[];
  meId: string | null;
  defaultLimit: number | null;
  onPatch: (id: string, patch: AgentPatch) => void;
  onPassword: (id: string, password: string) => Promise<boolean>;
}

export function AgentsTable({ agents, meId, defaultLimit, onPatch, onPassword }: Props) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table agents-table">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('limit')}</th>
            <th scope="col">{t('active')}</th>
            <th scope="col">{t('password')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <AgentRow key={a.id} agent={a} me={a.id === meId} defaultLimit={defaultLimit} onPatch={(p) => onPatch(a.id, p)} onPassword={(pw) => onPassword(a.id, pw)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AgentRow({ agent: a, me, defaultLimit, onPatch, onPassword }: { agent: AgentStatus; me: boolean; defaultLimit: number | null; onPatch: (p: AgentPatch) => void; onPassword: (pw: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(String(a.limit));
  const [pw, setPw] = useState<string | null>(null);
  const commitLimit = () => {
    const n = Number(limit);
    if (limit.trim() === '') onPatch({ limit: null });
    else if (Number.isInteger(n) && n >= 1 && n <= 50 && n !== a.limit) onPatch({ limit: n });
  };
  return (
    <tr data-agent-id={a.id} class={a.active ? '' : 'inactive'}>
      <th scope="row" dir="auto">
        {a.name}
        {me ? ` (${t('you')})` : ''}
      </th>
      <td dir="ltr" class="cell-ltr">
        {a.email}
      </td>
      <td>
        <select aria-label={t('roleOf', { name: a.name })} value={a.role} disabled={me} onChange={(e) => onPatch({ role: e.currentTarget.value as AgentRole })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span class={`dot presence-${a.presence}`} aria-hidden="true" /> {t(`presence_${a.presence}`)} · {t('load', { open: a.openConversations, limit: a.limit })}
      </td>
      <td>
        <input
          type="number"
          min={1}
          max={50}
          class="num"
          aria-label={t('limitOf', { name: a.name })}
          placeholder={defaultLimit ? String(defaultLimit) : ''}
          value={limit}
          onInput={(e) => setLimit(e.currentTarget.value)}
          onBlur={commitLimit}
          onKeyDown={(e) => e.key === 'Enter' && commitLimit()}
        />
      </td>
      <td>
        <input type="checkbox" aria-label={t('activeOf', { name: a.name })} checked={a.active} disabled={me} onChange={(e) => onPatch({ active: e.currentTarget.checked })} />
      </td>
      <td>
        {pw === null ? (
          <button type="button" onClick={() => setPw('')}>
            {t('resetPassword')}
          </button>
        ) : (
          <form
            class="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await onPassword(pw)) setPw(null);
            }}
          >
            <input type="password" dir="ltr" autocomplete="new-password" minLength={10} required aria-label={t('newPasswordFor', { name: a.name })} value={pw} onInput={(e) => setPw(e.currentTarget.value)} />
            <button type="submit" class="primary">
              {t('save')}
            </button>
            <button type="button" class="ghost-dark" onClick={() => setPw(null)}>
              {t('cancel')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
