import type { AgentInfo, Presence } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';
import type { NotifyPermission } from '../lib/notify.ts';
import type { Page } from '../lib/route.ts';
import type { Connection } from '../state.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { PresenceSwitch } from './PresenceSwitch.tsx';

interface Props {
  agent: AgentInfo | null;
  connection: Connection;
  /** Null when the server has not told us (no switch is shown then). */
  presence: Presence | null;
  onPresence: (p: 'online' | 'away') => void;
  /** Whether this agent gets notified at all (editors do not work conversations). */
  attention: boolean;
  notifications: NotifyPermission;
  sound: boolean;
  onEnableNotifications: () => void;
  onToggleSound: () => void;
  onLogout: () => void;
  page: Page;
  /** The pages this agent's role may use; a nav appears when there is more than one. */
  pages: Page[];
  onPage: (p: Page) => void;
}

const PAGE_LABEL = {
  conversations: 'pageConversations',
  archive: 'pageArchive',
  replies: 'pageReplies',
  kb: 'pageKb',
  proactive: 'pageProactive',
  reports: 'pageReports',
  integrations: 'pageIntegrations',
  admin: 'pageAdmin',
  profile: 'pageProfile',
} as const;

export function Header(p: Props) {
  const { t } = useI18n();
  const nav = p.pages.filter((pg) => pg !== 'profile'); // one's profile is behind one's name
  return (
    <header class="topbar">
      <strong class="brand">{t('brand')}</strong>
      <span class={`conn conn-${p.connection}`} role="status">
        <span class="dot" aria-hidden="true" />
        {t(p.connection === 'online' ? 'online' : p.connection === 'offline' ? 'offline' : 'connecting')}
      </span>
      {nav.length > 1 && (
        <nav class="pages" aria-label={t('pagesNav')}>
          {nav.map((pg) => (
            <button key={pg} type="button" class="ghost" aria-current={pg === p.page ? 'page' : undefined} onClick={() => p.onPage(pg)}>
              {t(PAGE_LABEL[pg])}
            </button>
          ))}
        </nav>
      )}
      <span class="spacer" />
      {p.presence && <PresenceSwitch presence={p.presence} onChange={p.onPresence} />}
      {p.attention && p.notifications === 'default' && (
        <button type="button" class="ghost" onClick={p.onEnableNotifications}>
          {t('enableNotifications')}
        </button>
      )}
      {p.attention && (
        <button type="button" class="ghost" aria-pressed={p.sound} onClick={p.onToggleSound}>
          {p.sound ? t('soundOn') : t('soundOff')}
        </button>
      )}
      <LangSwitch />
      {p.agent && (
        // one's own profile: the name and picture visitors see
        <button
          type="button"
          class="ghost me"
          aria-current={p.page === 'profile' ? 'page' : undefined}
          title={t('pageProfile')}
          onClick={() => p.onPage('profile')}
        >
          {p.agent.avatar && <img class="me-avatar" src={p.agent.avatar} alt="" />}
          <span dir="auto">{p.agent.name}</span>
        </button>
      )}
      <button type="button" class="ghost" onClick={p.onLogout}>
        {t('logout')}
      </button>
    </header>
  );
}
