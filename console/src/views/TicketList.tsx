// Left messages: visitors who wrote when nobody was available, waiting for a reply.
import type { ConversationSummary } from '../../../protocol/index.ts';
import { intlTag, localeName, useI18n } from '../i18n.ts';
import { formatDate } from '../lib/time.ts';
import { preview } from '../lib/preview.ts';
import type { Busy } from '../state.ts';

interface Props {
  tickets: ConversationSummary[];
  selectedId: string | null;
  busy: Record<string, Busy>;
  onOpen: (id: string) => void;
  onClaim: (id: string) => void;
}

export function TicketList({ tickets, selectedId, busy, onOpen, onClaim }: Props) {
  const { t, lang } = useI18n();
  return (
    <section class="list tickets" aria-labelledby="tickets-title">
      <h2 id="tickets-title">
        {t('tickets')} <span class="count">{tickets.length}</span>
      </h2>
      {tickets.length === 0 ? (
        <p class="muted empty">{t('ticketsEmpty')}</p>
      ) : (
        <ul>
          {tickets.map((c) => (
            <li key={c.id} class={c.id === selectedId ? 'item selected' : 'item'} data-conversation-id={c.id}>
              <button type="button" class="item-open" onClick={() => onOpen(c.id)} aria-current={c.id === selectedId ? 'true' : undefined}>
                <span class="item-q" dir="auto">
                  {preview(c.lastMessage ?? c.firstQuestion) || t('noQuestion')}
                </span>
                <span class="item-meta">
                  {c.visitorName && <span dir="auto">{c.visitorName}</span>}
                  <span class="badge lang">{localeName(t, c.locale)}</span>
                  {c.trackingCode && <span dir="ltr">{c.trackingCode}</span>}
                </span>
                <span class="item-meta">{formatDate(c.queuedAt ?? c.createdAt, intlTag(lang))}</span>
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
