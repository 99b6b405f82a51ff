// The agent's own open conversations, with unread counts.
import type { ConversationSummary } from '../../../protocol/index.ts';
import { textDir } from '../../../common/dir.ts';
import { localeName, useI18n } from '../i18n.ts';
import { preview } from '../lib/preview.ts';

interface Props {
  mine: ConversationSummary[];
  selectedId: string | null;
  unread: Record<string, number>;
  typing: Record<string, boolean>;
  onOpen: (id: string) => void;
}

export function MineList({ mine, selectedId, unread, typing, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <section class="list mine" aria-labelledby="mine-title">
      <h2 id="mine-title">
        {t('mine')} <span class="count">{mine.length}</span>
      </h2>
      {mine.length === 0 ? (
        <p class="muted empty">{t('mineEmpty')}</p>
      ) : (
        <ul>
          {mine.map((c) => {
            const n = unread[c.id] ?? 0;
            return (
              <li key={c.id} class={c.id === selectedId ? 'item selected' : 'item'} data-conversation-id={c.id}>
                <button type="button" class="item-open" onClick={() => onOpen(c.id)} aria-current={c.id === selectedId ? 'true' : undefined}>
                  <span class="item-q">
                    <span dir="auto">{c.visitorName ?? t('visitor')}</span>
                    {n > 0 && <span class="unread">{t('unread', { n })}</span>}
                  </span>
                  <span class="item-last" dir={textDir(c.lastMessage ?? c.firstQuestion ?? '', c.locale !== 'en')}>
                    {typing[c.id] ? t('typing') : preview(c.lastMessage ?? c.firstQuestion)}
                  </span>
                  <span class="item-meta">
                    <span class="badge lang">{localeName(t, c.locale)}</span>
                    {c.channel === 'email' && <span class="badge channel channel-email">{t('channel_email')}</span>}
                  </span>
                  {c.startedFrom && <span class="item-rule">{t('startedFrom', { name: c.startedFrom.ruleName })}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
