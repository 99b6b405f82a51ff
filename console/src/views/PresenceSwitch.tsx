import type { Presence } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';

/** Online / away: away agents get no new conversations routed to them. */
export function PresenceSwitch({ presence, onChange }: { presence: Presence; onChange: (p: 'online' | 'away') => void }) {
  const { t } = useI18n();
  const value = presence === 'away' ? 'away' : 'online';
  return (
    <label class={`presence presence-${value}`}>
      <span class="dot" aria-hidden="true" />
      <span class="visually-hidden">{t('presence')}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value === 'away' ? 'away' : 'online')}>
        <option value="online">{t('presenceOnline')}</option>
        <option value="away">{t('presenceAway')}</option>
      </select>
    </label>
  );
}
