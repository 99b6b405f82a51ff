// Who is on duty: presence and load of every agent.
import type { AgentStatus } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';

export function TeamList({ team, meId }: { team: AgentStatus[]; meId: string | null }) {
  const { t } = useI18n();
  const people = team.filter((a) => a.active && a.role !== 'editor');
  if (people.length === 0) return null;
  return (
    <section class="list team" aria-labelledby="team-title">
      <h2 id="team-title">{t('team')}</h2>
      <ul>
        {people.map((a) => (
          <li key={a.id} class="team-row">
            <span class={`dot presence-${a.presence}`} aria-hidden="true" />
            <span dir="auto" class="team-name">
              {a.name}
              {a.id === meId ? ` (${t('you')})` : ''}
            </span>
            <span class="muted">{t(`presence_${a.presence}`)}</span>
            <span class="team-load">{t('load', { open: a.openConversations, limit: a.limit })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
