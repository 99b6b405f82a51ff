// Presentational pieces of the panel: props in, elements out, no socket or storage here.
import { useRef } from 'preact/hooks';
import type { ChatMessage } from '../../protocol/index.ts';
import { num, times, type Strings } from '../i18n/index.ts';
import type { Locale } from '../types.ts';
import type { Pending } from '../transport.ts';
import { Rich } from '../../common/rich.tsx';
import { textDir } from '../../common/dir.ts';
import { RTL } from '../config.ts';

const X = <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4-6.3-6.3-6.3 6.3-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z" /></svg>;
const SEND = <svg class="flip" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5v-7l9-1.5-9-1.5v-7L22 12z" /></svg>;
const CLIP = <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 7v9a4 4 0 0 1-8 0V5a3 3 0 0 1 6 0v10a1 1 0 0 1-2 0V7" /></svg>;

export function Time({ locale, iso }: { locale: Locale; iso: string }) {
  const t = times(locale, iso);
  return <time dateTime={iso} title={t.full}>{t.short}</time>;
}

/** System messages say what happened in the visitor's language, from `meta` (a handoff's own text
 * says whether the visitor is queued or nobody can answer now). */
function systemText(m: ChatMessage, t: Strings, locale: Locale): string {
  const meta = m.meta;
  switch (meta?.type) {
    case 'assigned':
      return t.sysAssigned(meta.agentName);
    case 'released':
      return t.sysReleased;
    case 'closed':
      return t.sysClosed;
    case 'rated':
      return t.sysRated(num(locale, meta.score));
    default:
      return m.text;
  }
}

export interface MessageProps {
  m: ChatMessage;
  t: Strings;
  locale: Locale;
  /** The handoff line while queued: the live place in the queue instead of its stored text. */
  live?: string;
  /** Chips and the handoff button are live only while the bot is in charge. */
  actions: boolean;
  showHandoff: boolean;
  /** A suggestion tapped (the visitor's choice on `m`). */
  onSuggest(m: ChatMessage, entryId: string): void;
  onHandoff(): void;
}

export function Message({ m, t, locale, live, actions, showHandoff, onSuggest, onHandoff }: MessageProps) {
  if (m.author === 'system') {
    return (
      <p class={live ? 'sys q' : 'sys'} role={live ? 'status' : undefined} dir="auto">
        {live || systemText(m, t, locale)}
      </p>
    );
  }
  const dir = textDir(m.text, RTL[locale]); // a message with no letters follows the panel
  const who = m.author === 'agent' ? m.agentName || t.agent : m.author === 'bot' ? t.bot : t.you;
  const suggestions = m.meta?.type === 'no_answer' ? m.meta.suggestions : [];
  return (
    <div class={'m ' + m.author} data-seq={m.seq}>
      <span class={m.author === 'visitor' ? 'sr' : 'who'}>{who}</span>
      {m.rich && m.author !== 'visitor' ? (
        <div class="bub" dir={dir}>
          <Rich blocks={m.rich} />
        </div>
      ) : (
        <div class="bub plain" dir={dir}>
          {m.text}
        </div>
      )}
      <span class="meta">
        <Time locale={locale} iso={m.createdAt} />
      </span>
      {actions && (suggestions.length > 0 || showHandoff) && (
        <div class="acts" role="group" aria-label={t.suggestions}>
          {suggestions.map((s) => (
            <button type="button" class="chip" dir="auto" onClick={() => onSuggest(m, s.id)}>
              {s.title}
            </button>
          ))}
          {showHandoff && (
            <button type="button" class="pri" onClick={onHandoff}>
              {t.talkToPerson}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function PendingMessage({ p, t, rtl, onRetry }: { p: Pending; t: Strings; rtl: boolean; onRetry(): void }) {
  return (
    <div class="m visitor pending" data-client-id={p.clientId}>
      <span class="sr">{t.you}</span>
      <div class="bub plain" dir={textDir(p.text, rtl)}>
        {p.text}
      </div>
      {p.failed ? (
        <span class="meta err">
          {t.failed}
          <button type="button" class="lk" onClick={onRetry}>
            {t.retry}
          </button>
        </span>
      ) : (
        <span class="meta">{t.sending}</span>
      )}
    </div>
  );
}

export function Header(props: { t: Strings; title: string; sub: string; avatar?: string; canEnd: boolean; onEnd(): void; onClose(): void }) {
  const { t } = props;
  return (
    <div class="hd">
      {props.avatar && <img class="av" src={props.avatar} alt="" />}
      <div class="tt">
        <h2 id="porsan-title">{props.title}</h2>
        <p aria-live="polite">{props.sub}</p>
      </div>
      {props.canEnd && (
        <button type="button" class="ib end" onClick={props.onEnd}>
          {t.endChat}
        </button>
      )}
      <button type="button" class="ib x" aria-label={t.closeChat} onClick={props.onClose}>
        {X}
      </button>
    </div>
  );
}

export function Composer({ t, rtl, onSend, onTyping, onFiles }: { t: Strings; rtl: boolean; onSend(text: string): void; onTyping(): void; onFiles(f?: FileList | null): void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const submit = (e?: Event) => {
    e?.preventDefault();
    const el = ref.current!;
    if (!el.value.trim()) return;
    onSend(el.value);
    el.value = '';
    el.style.height = '';
    el.removeAttribute('dir');
    el.focus();
  };
  return (
    <form class="comp" onSubmit={submit}>
      <label class="clip">
        <input
          type="file"
          class="sr"
          multiple
          accept="image/*,.pdf"
          aria-label={t.attach}
          onChange={(e) => {
            onFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        {CLIP}
      </label>
      <textarea
        ref={ref}
        rows={1}
        maxLength={4000}
        aria-label={t.placeholder}
        placeholder={t.placeholder}
        onInput={(e) => {
          const el = e.currentTarget;
          el.style.height = '';
          el.style.height = Math.min(el.scrollHeight + 2, 120) + 'px';
          // As the message will show; an empty box keeps the UI's direction (placeholder included).
          if (el.value.trim()) el.dir = textDir(el.value, rtl);
          else el.removeAttribute('dir');
          onTyping();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <button type="submit" class="send" aria-label={t.send}>
        {SEND}
      </button>
    </form>
  );
}

