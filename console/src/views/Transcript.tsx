import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatMessage, Locale } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';
import type { Outgoing } from '../state.ts';
import { MessageBubble, OutgoingBubble } from './MessageBubble.tsx';

interface Props {
  messages: ChatMessage[];
  /** The conversation's language: messages without strong letters take its direction. */
  locale: Locale;
  outgoing?: Outgoing[];
  typing?: boolean;
  onRetry?: (o: Outgoing) => void;
  /** Compact transcripts (earlier conversations) do not scroll on their own. */
  compact?: boolean;
}

export function Transcript({ messages, locale, outgoing = [], typing = false, onRetry = () => {}, compact = false }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const count = messages.length + outgoing.length;
  // Keep the newest message in view as the conversation grows.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !compact) el.scrollTop = el.scrollHeight;
  }, [count, typing, compact]);
  return (
    <div class={compact ? 'transcript compact' : 'transcript'} ref={ref}>
      <ol class="messages" aria-label={t('transcript')} aria-live={compact ? undefined : 'polite'}>
        {messages.map((m) => (
          <MessageBubble key={m.id} message={m} rtl={locale !== 'en'} />
        ))}
        {outgoing.map((o) => (
          <OutgoingBubble key={o.clientId} item={o} rtl={locale !== 'en'} onRetry={onRetry} />
        ))}
      </ol>
      {typing && (
        <p class="typing" role="status">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t('typing')}
        </p>
      )}
    </div>
  );
}
