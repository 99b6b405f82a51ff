// The middle band, "Is this what you mean?": a chunk of its own (dist/widget/confirm-*.js),
// loaded when such a message is in the conversation, so the first open does not pay for it.
import type { ChatMessage } from '../../protocol/index.ts';
import { ConfirmCard } from '../../common/confirm-card.tsx';
import { RTL } from '../config.ts';
import { CONFIRM } from '../i18n/confirm.ts';
import type { Strings } from '../i18n/index.ts';
import type { Locale } from '../types.ts';
import { Time } from './views.tsx';

if (typeof document != 'undefined') {
  const style = document.createElement('style');
  style.textContent = '.cf p.cfq{font-size:13px;color:#3c4043;margin:0 0 2px}.cf p.cft{font-weight:600;margin:0}';
  document.querySelector('porsan-widget')?.shadowRoot?.append(style);
}

export function Confirm({ m, t, locale, actions, onChoose }: { m: ChatMessage; t: Strings; locale: Locale; actions: boolean; onChoose(m: ChatMessage, entryId: string | null): void }) {
  if (m.meta?.type !== 'confirm') return null;
  return (
    <div class="m bot" data-seq={m.seq}>
      <span class="who">{t.bot}</span>
      <ConfirmCard meta={m.meta} labels={CONFIRM[locale]} dir={RTL[locale] ? 'rtl' : 'ltr'} onChoose={actions ? (id) => onChoose(m, id) : undefined} />
      <span class="meta">
        <Time locale={locale} iso={m.createdAt} />
      </span>
    </div>
  );
}
