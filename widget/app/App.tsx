// The panel's container: reads the chat client and UI state, wires actions to views.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { eta, num, strings } from '../i18n/index.ts';
import { RTL } from '../config.ts';
import type { ChatMessage } from '../../protocol/index.ts';
import { IDENTIFIED_KEY, store, type ChatClient } from '../transport.ts';
import type { Locale, ResolvedConfig } from '../types.ts';
import { useStore, type Store } from './store.ts';
import { Composer, Header, Message, PendingMessage } from './views.tsx';

type Extras = typeof import('./extras.tsx');
let extras: Promise<Extras> | undefined;
const loadExtras = (l: Locale) => (extras ||= import('./extras.tsx')).then((x) => x.prep(l).then(() => x));
type Files = typeof import('./files.tsx');
type Confirm = typeof import('./confirm.tsx');
let files: Promise<Files> | undefined;

export interface Ui {
  open: boolean;
  locale: Locale;
  unread: number;
  /** Text for the screen-reader live region. */
  announce: string;
}


export function App({ ui, client, config, close }: { ui: Store<Ui>; client: ChatClient; config: ResolvedConfig; close(): void }) {
  const { open, locale, announce } = useStore(ui);
  const { conversation: conv, messages, pending, connection, agentTyping, busyUntil } = useStore(client);
  const [prechat, setPrechat] = useState(false);
  // Tracking-code look-up shown; the code just left (its card); seq of the handoff whose form was put away.
  const [lookup, setLookup] = useState(false);
  const [left, setLeft] = useState('');
  const [dismissed, setDismissed] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const typingAt = useRef(0);
  const typingOff = useRef<ReturnType<typeof setTimeout>>();
  const t = strings(locale);
  const status = conv?.status ?? null;
  const [x, setX] = useState<Extras>();
  // Attachments: their chunk comes with the first file attached, or the first file in the conversation.
  const [F, setF] = useState<Files>();
  const loadFiles = () =>
    (files ||= import('./files.tsx')).then((f) => {
      f.init(config, panel.current!);
      setF(f);
      return f;
    });
  /** Files picked, pasted or dropped (copied at once: a file input's list is emptied right after). */
  const attach = (l?: FileList | null, e?: Event) => {
    const list = [...(l || [])];
    if (list[0]) {
      e?.preventDefault();
      void loadFiles().then((f) => f.add(list, locale));
    }
  };
  const hasFile = messages.some((m) => m.meta?.type == 'attachment');
  useEffect(() => {
    if (hasFile) void loadFiles();
  }, [hasFile]);
  // The middle band's card comes with the first "Is this what you mean?".
  const [C, setC] = useState<Confirm>();
  if (!C && messages.some((m) => m.meta?.type == 'confirm')) void import('./confirm.tsx').then(setC);
  /** The visitor's choice on a bot message (the server answers with the chosen entry or other suggestions). */
  const choose = (m: ChatMessage, id: string | null) => void client.call('choose', { messageId: m.id, entryId: id });

  let lastBot: ChatMessage | undefined, lastHandoff: ChatMessage | undefined, lastQueued: ChatMessage | undefined;
  for (const m of messages) {
    if (m.author === 'bot' || m.author === 'agent') lastBot = m;
    if (m.meta?.type === 'handoff') lastHandoff = lastQueued = m;
    if (m.meta?.type === 'released') lastQueued = m;
  }
  // A person was asked for (and the bot has not spoken since), but nobody can answer now.
  const nobody = status === 'bot' && conv?.agentsAvailable === false && !!lastHandoff && lastHandoff.seq > Math.max(dismissed, lastBot?.seq ?? 0);
  const code = status === 'offline' && conv?.trackingCode;
  const needExtras = status === 'closed' || prechat || nobody || lookup || !!left;
  useEffect(() => {
    if (needExtras) void loadExtras(locale).then(setX);
  }, [needExtras]);

  // Focus into the panel when it opens.
  useEffect(() => {
    if (!open) return;
    const p = panel.current;
    const el = p && ['.ft textarea', '.ft input', '.ft button', '.hd .x'].map((s) => p.querySelector<HTMLElement>(s)).find(Boolean);
    el?.focus();
  }, [open]);

  // The conversation closed under the visitor's focus (its End button is gone): move to the rating.
  useEffect(() => {
    const p = panel.current;
    const active = p && (p.getRootNode() as ShadowRoot).activeElement;
    if (open && p && x && status === 'closed' && !(active && p.contains(active))) p.querySelector<HTMLElement>('.ft input, .ft button')?.focus();
  }, [status, x]);

  // Keep the newest message in view.
  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, agentTyping, open, needExtras, x]);

  const send = (text: string) => {
    clearTimeout(typingOff.current);
    if (typingAt.current) client.typing(false);
    typingAt.current = 0;
    client.send(text);
  };
  const onTyping = () => {
    const now = Date.now();
    if (now - typingAt.current > 2500) {
      typingAt.current = now;
      client.typing(true);
    }
    clearTimeout(typingOff.current);
    typingOff.current = setTimeout(() => {
      typingAt.current = 0;
      client.typing(false);
    }, 3000);
  };
  const handoff = () => {
    if (config.prechat && !store.get(IDENTIFIED_KEY)) setPrechat(true);
    else void client.handoff();
  };

  const botInCharge = !status || status === 'bot';
  // While queued, the handoff's own line in the log says where the visitor stands (live); the header stays quiet.
  const sub = status === 'assigned' && conv?.agentName ? t.withAgent(conv.agentName) : status === 'queued' ? '' : t.botStatus;
  const queued = status === 'queued' ? (conv?.queuePosition ? t.queue(num(locale, conv.queuePosition), conv.etaSeconds != null ? eta(locale, t, conv.etaSeconds) : '') : t.waiting) : '';
  const rtl = RTL[locale];

  return (
    <div
      ref={panel}
      class={'panel ' + config.position}
      role="dialog"
      aria-labelledby="porsan-title"
      hidden={!open}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => attach(e.dataTransfer?.files, e)}
      onPaste={(e) => attach(e.clipboardData?.files, e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <Header
        t={t}
        title={config.title || t.title}
        sub={sub}
        avatar={status === 'assigned' ? (conv?.agentAvatar ? config.server + conv.agentAvatar : config.avatar) : undefined}
        canEnd={!!conv && status !== 'closed' && !code}
        onEnd={() => void client.close()}
        onClose={close}
      />
      {connection === 'offline' && (
        <p class="bn off" role="status">
          {t.offline}
        </p>
      )}
      {(busyUntil || 0) > Date.now() && (
        <p class="bn off" role="status">
          {t.busy}
        </p>
      )}
      {code && (
        <p class="bn" role="status">
          {t.left} <b dir="ltr">{code}</b>
        </p>
      )}
      {lookup ? (
        x && <x.Lookup t={t} locale={locale} find={(c) => client.ticket(c)}
            // (read-only: no chips or handoff button)
            row={(m) => <Message key={m.id} m={m} t={t} locale={locale} actions={false} showHandoff={false} onSuggest={choose} onHandoff={handoff} />}
            onBack={() => setLookup(false)} />
      ) : (
      <>
      <div class="log" ref={log} role="log" aria-label={t.messages} tabIndex={0}>
        {/* The greeting stays, unless a proactive message opened the conversation (it is the first message then). */}
        {messages[0]?.meta?.type != 'proactive' && (
          <div class="m bot greet">
            <div class="bub plain" dir="auto">
              {config.greeting || t.greeting}
            </div>
          </div>
        )}
        {messages.map((m) =>
          F && m.meta?.type == 'attachment' ? (
            <F.FileMessage key={m.id} m={m} t={t} locale={locale} />
          ) : C && m.meta?.type == 'confirm' ? (
            <C.Confirm key={m.id} m={m} t={t} locale={locale} actions={botInCharge && !nobody && m === lastBot} onChoose={choose} />
          ) : (
          <Message
            key={m.id}
            m={m}
            t={t}
            locale={locale}
            live={m === lastQueued ? queued : ''}
            actions={botInCharge && !nobody && (m.meta?.type === 'no_answer' || m === lastBot)}
            showHandoff={m.meta?.type === 'no_answer' || m === lastBot}
            onSuggest={choose}
            onHandoff={handoff}
          />
          ),
        )}
        {pending.map((p) => (
          <PendingMessage key={p.clientId} p={p} t={t} rtl={rtl} onRetry={() => client.retry(p.clientId)} />
        ))}
        {F && <F.Uploads t={t} />}
        {agentTyping && <p class="sys">{t.typing(conv?.agentName || t.agent)}</p>}
      </div>
      <div class="ft">
        {!needExtras ? (
          <>
            <Composer t={t} rtl={rtl} onSend={send} onTyping={onTyping} onFiles={attach} />
            {botInCharge && (
              <button type="button" class="lk tc" onClick={() => setLookup(true)}>
                {t.haveCode}
              </button>
            )}
          </>
        ) : !x ? null : left ? (
          <x.Left locale={locale} code={left} onDone={() => setLeft('')} />
        ) : status === 'closed' ? (
          <x.Rating
            client={client}
            id={conv!.id}
            locale={locale}
            rated={conv?.rating != null}
            onRate={(s, c) => client.rate(s, c)}
            onRestart={() => void client.restart()}
          />
        ) : nobody ? (
          <x.Leave
            t={t}
            locale={locale}
            onSend={async (req) => {
              const r = await client.leaveMessage(req);
              if (r.ok) setLeft(r.trackingCode);
              return r;
            }}
            onBack={() => setDismissed(lastHandoff!.seq)}
            onLookup={() => setLookup(true)}
          />
        ) : (
          <x.Prechat
            locale={locale}
            onCancel={() => setPrechat(false)}
            onDone={(p) => {
              setPrechat(false);
              void client.identify(p).then(() => client.handoff());
            }}
          />
        )}
      </div>
      </>
      )}
      <div class="sr" aria-live="polite">
        {announce}
      </div>
    </div>
  );
}
