// Waiting conversations, oldest first, with a live wait time and a Claim button.
import type { ConversationSummary } from '../../../protocol/index.ts';
import { textDir } from '../../../common/dir.ts';
import { localDigits, localeName, reasonText, useI18n } from '../i18n.ts';
import { formatElapsed } from '../lib/time.ts';
import { useNow } from '../lib/useNow.ts';
import type { Busy } from '../state.ts';

interface Props {
  queue: ConversationSummary[];
  selectedId: string | null;
  busy: Record<string, Busy>;
  onOpen: (id: string) => void;
  onClaim: (id: string) => void;
}

export function QueueList({ queue, selectedId, busy, onOpen, onClaim }: Props) {
  const { t, lang } = useI18n();
  const now = useNow(1000);
  return (
    <section class="list queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t('queue')} <span class="count">{queue.length}</span>
      </h2>
      {queue.length === 0 ? (
        <p class="muted empty">{t('queueEmpty')}</p>
      ) : (
        <ul>
          {queue.map((c) => (
            <li key={c.id} class={c.id === selectedId ? 'item selected' : 'item'} data-conversation-id={c.id}>
              <button type="button" class="item-open" onClick={() => onOpen(c.id)} aria-current={c.id === selectedId ? 'true' : undefined}>
                <span class="item-q" dir={c.firstQuestion ? textDir(c.firstQuestion, c.locale !== 'en') : undefined}>
                  {c.firstQuestion ?? t('noQuestion')}
                </span>
                <span class="item-meta">
                  <span class="wait" title={c.queuedAt ?? undefined}>
                    {t('waiting', { time: localDigits(lang, formatElapsed(c.queuedAt ?? c.createdAt, now)) })}
                  </span>
                  <span class="badge lang" data-locale={c.locale}>
                    {localeName(t, c.locale)}
                  </span>
                  {c.channel === 'email' && <span class="badge channel channel-email">{t('channel_email')}</span>}
                  {c.visitorName && <span dir="auto">{c.visitorName}</span>}
                </span>
                {c.pageUrl && (
                  <span class="item-url url" dir="ltr">
                    {c.pageUrl}
                  </span>
                )}
                {c.handoffReason && c.channel !== 'email' && <span class="item-reason">{reasonText(t, c.handoffReason)}</span>}
                {c.startedFrom && <span class="item-rule">{t('startedFrom', { name: c.startedFrom.ruleName })}</span>}
              </button>
              <button type="button" class="primary claim" onClick={() => onClaim(c.id)} disabled={busy[c.id] === 'claim'}>
                {busy[c.id] === 'claim' ? t('claiming') : t('claim')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
