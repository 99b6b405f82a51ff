// The workspace frame: a top bar over either the three panes (lists | conversation | visitor,
// mirrored in RTL by the grid) or a single page (knowledge base, team and settings).
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n.ts';

export function Layout({ header, children }: { header: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="workspace">
      {header}
      {children}
    </div>
  );
}

export function Panes({ lists, main, aside }: { lists: ComponentChildren; main: ComponentChildren; aside: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <div class={aside ? 'panes three' : 'panes two'}>
      <nav class="lists" aria-label={t('pageConversations')}>
        {lists}
      </nav>
      <main class="main">{main}</main>
      {aside}
    </div>
  );
}

export function SinglePage({ children }: { children: ComponentChildren }) {
  return <main class="page">{children}</main>;
}
