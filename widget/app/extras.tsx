// Views needed only late in a conversation (rating after close, pre-chat form before a
// handoff, leave a message when nobody can answer, tracking-code look-up): a separate chunk
// (dist/widget/extras.js) so they do not weigh on the first load. Their newer strings come
// in a chunk per language too (i18n/more-*.ts).
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage, ConversationView, LeaveMessageRequest, Result, Transcript } from '../../protocol/index.ts';
import type { ChatClient } from '../transport.ts';
import { num, type Strings } from '../i18n/index.ts';
import type { More } from '../i18n/more-en.ts';
import type { Locale } from '../types.ts';

const more: Partial<Record<Locale, More>> = {};

type NpsView = (typeof import('./nps.tsx'))['Nps'];

// Their own styles come with them (not in the panel's first CSS: the widget's first load is budgeted).
if (typeof document != 'undefined') {
  const style = document.createElement('style');
  style.textContent =
    'label{display:flex;flex-direction:column;gap:3px;font-size:13px;font-weight:600}code{font:700 20px/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:1px}' +
    '.two>*{flex:1;min-width:0}h3{margin:0;font-size:15px}.code{display:flex;flex-wrap:wrap;align-items:center;gap:8px}' +
    '.fm{display:flex;flex-direction:column;gap:8px;border:0;padding:0;min-width:0}.fm p,legend{margin:0;padding:0;font-size:14px}' +
    '.row{display:flex;gap:8px}.stars{display:flex;flex-direction:row}.stars label{font-size:30px;line-height:1;color:#80868b;padding:2px}' +
    '.stars .on{color:#a15c00}:focus-visible+label{outline:3px solid var(--pc)}';
  document.querySelector('porsan-widget')?.shadowRoot?.append(style);
}

/** Loads the late views' strings of a locale (the app awaits it before showing extras). */
export function prep(locale: Locale): Promise<unknown> {
  if (more[locale]) return Promise.resolve();
  const mod = locale === 'fa' ? import('../i18n/more-fa.ts') : locale === 'ar' ? import('../i18n/more-ar.ts') : import('../i18n/more-en.ts');
  return mod.then((m) => (more[locale] = m.default));
}

/** The strings of `locale`; after a language switch, undefined until they have loaded. */
function useMore(locale: Locale): More | undefined {
  const [, force] = useState(0);
  const m = more[locale];
  if (!m) void prep(locale).then(() => force((n) => n + 1));
  return m;
}

/** "abcd efgh ۲۳۴۵" → "ABCD-EFGH-2345": digits in any script, any separators. */
export function normalizeCode(raw: string): string {
  const c = raw.replace(/[۰-۹٠-٩]/g, (d) => String(d.charCodeAt(0) & 15)).toUpperCase().replace(/[^0-9A-Z]/g, '');
  return c.length === 12 ? c.replace(/^(.{4})(.{4})/, '$1-$2-') : raw.trim();
}

/** The ended conversation's transcript: a text file to save, and by mail when the server sends mail. */
function TranscriptActions({ client, id, t }: { client: ChatClient; id: string; t: More }) {
  const [tr, setTr] = useState<Transcript>();
  const [state, setState] = useState(''); // '', 'busy', 'sent', 'failed'
  useEffect(() => {
    void client.call('transcript', { conversationId: id }).then((r) => r.ok && setTr(r));
  }, [id]);
  if (!tr) return null;
  return (
    <div class="fm">
      <div class="row">
        <button
          type="button"
          class="chip"
          onClick={() => {
            const a = document.createElement('a');
            a.href = URL.createObjectURL(new Blob(['\uFEFF' + tr.text], { type: 'text/plain;charset=utf-8' }));
            a.download = tr.filename;
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 1000);
          }}
        >
          {t.download}
        </button>
      </div>
      {tr.mail && (
        <form
          class="fm"
          onSubmit={async (e) => {
            e.preventDefault();
            const email = (e.currentTarget.elements.namedItem('email') as HTMLInputElement).value.trim();
            if (!email || state == 'busy') return;
            setState('busy');
            const r = await client.call('mailTranscript', { conversationId: id, email });
            setState(r.ok ? 'sent' : 'failed');
          }}
        >
          <label>
            {t.mailIt}
            <input type="email" name="email" required autoComplete="email" dir="ltr" maxLength={200} />
          </label>
          <p class="meta" role="status">
            {state == 'sent' ? t.mailed : state == 'failed' ? t.tryAgain : ''}
          </p>
          <div class="row">
            <button type="submit" class="chip" disabled={state == 'busy'}>
              {t.mailSend}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function Rating({ client, id, locale, rated, onRate, onRestart }: { client: ChatClient; id: string; locale: Locale; rated: boolean; onRate(score: number, comment: string): Promise<boolean>; onRestart(): void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [Nps, setNps] = useState<NpsView>();
  const t = useMore(locale);
  // After the rating, the NPS question when it is due (its own chunk, fetched only then).
  useEffect(() => {
    if (rated && !Nps) void client.call('npsDue', { conversationId: id }).then((r) => {
        if (r.ok && r.ask) void import('./nps.tsx').then((m) => setNps(() => m.Nps));
      });
  }, [id, rated]);
  if (!t) return null;
  return (
    <div class="fm">
      <p role="status">{rated ? t.thanks : t.closed}</p>
      {Nps && <Nps client={client} id={id} locale={locale} />}
      {!rated && (
        <form
          class="fm"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!score || busy) return;
            setBusy(true);
            await onRate(score, comment);
            setBusy(false);
          }}
        >
          <fieldset class="fm">
            <legend>{t.rateQ}</legend>
            {/* In the panel's direction: from the right in Persian and Arabic, under the question. */}
            <div class="stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <>
                  <input class="sr" type="radio" name="porsan-score" id={'porsan-s' + n} value={n} checked={score === n} onChange={() => setScore(n)} />
                  <label for={'porsan-s' + n} class={n <= score ? 'on' : ''} title={t.star(num(locale, n))}>
                    <span aria-hidden="true">★</span>
                    <span class="sr">{t.star(num(locale, n))}</span>
                  </label>
                </>
              ))}
            </div>
          </fieldset>
          <label>
            {t.comment}
            <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="submit" class="pri" disabled={!score || busy}>
              {t.sendRating}
            </button>
          </div>
        </form>
      )}
      <TranscriptActions client={client} id={id} t={t} />
      <div class="row">
        <button type="button" class="chip restart" onClick={onRestart}>
          {t.restart}
        </button>
      </div>
    </div>
  );
}

export function Prechat({ locale, onDone, onCancel }: { locale: Locale; onDone(p: { name: string; email: string; phone: string }): void; onCancel(): void }) {
  const [error, setError] = useState('');
  const t = useMore(locale);
  if (!t) return null;
  return (
    <form
      class="fm prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (k: string) => String(f.get(k) || '').trim();
        if (!get('email') && !get('phone')) return setError(t.contactNeeded);
        onDone({ name: get('name'), email: get('email'), phone: get('phone') });
      }}
    >
      <p>{t.prechatIntro}</p>
      <label>
        {t.name}
        <input type="text" name="name" autoComplete="name" maxLength={100} />
      </label>
      <label>
        {t.email}
        <input type="email" name="email" autoComplete="email" dir="ltr" maxLength={100} aria-describedby="porsan-pe" />
      </label>
      <label>
        {t.phone}
        <input type="tel" name="phone" autoComplete="tel" dir="ltr" maxLength={100} aria-describedby="porsan-pe" />
      </label>
      <p id="porsan-pe" class="meta err" role="alert">
        {error}
      </p>
      <div class="row">
        <button type="submit" class="pri">
          {t.continue}
        </button>
        <button type="button" class="chip" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

type Send = (req: LeaveMessageRequest) => Promise<Result<{ trackingCode: string }>>;

/** The left-message form, when a person was asked for and nobody can answer now. */
export function Leave({ t, locale, onSend, onBack, onLookup }: { t: Strings; locale: Locale; onSend: Send; onBack(): void; onLookup(): void }) {
  const m = useMore(locale);
  const [error, setError] = useState(['', '']); // [field, message]
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), [!!m]);
  if (!m) return null;
  const field = (name: string) => form.current!.elements.namedItem(name) as HTMLInputElement;
  const fail = (name: string, message: string) => {
    setError([name, message]);
    field(name)?.focus();
  };
  // Errors are announced (role=alert) and tied to the field they are about.
  const about = (name: string, hint = '') => ({ 'aria-invalid': error[0] === name || undefined, 'aria-describedby': (error[0] === name ? 'porsan-le ' : '') + hint || undefined });
  return (
    <form
      ref={form}
      class="fm"
      noValidate
      aria-labelledby="porsan-lt"
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy) return;
        const get = (k: string) => field(k).value.trim();
        const [name, email, phone, text] = ['name', 'email', 'phone', 'text'].map(get);
        if (!name) return fail('name', m.nameNeeded);
        if (!email && !phone) return fail('email', m.contactNeeded);
        if (email && !field('email').validity.valid) return fail('email', m.badEmail);
        if (phone && !/^[+\d\s()\-۰-۹٠-٩]{5,40}$/.test(phone)) return fail('phone', m.badPhone);
        if (!text) return fail('text', m.textNeeded);
        setBusy(true);
        setError(['', '']);
        const r = await onSend({ name, text, email: email || undefined, phone: phone || undefined });
        setBusy(false);
        if (r.ok) return;
        // The server checks too (its messages are for developers): say which field, in the visitor's language.
        const which = r.error === 'invalid' && /email|phone/.exec(r.message)?.[0];
        if (which) fail(which, which === 'email' ? m.badEmail : m.badPhone);
        else setError(['', r.error === 'rate_limited' ? m.tooMany : m.tryAgain]);
      }}
    >
      <h3 id="porsan-lt">{m.leaveTitle}</h3>
      <p>{m.leaveIntro}</p>
      <label>
        {m.name}
        <input type="text" name="name" autoComplete="name" maxLength={100} {...about('name')} />
      </label>
      <div class="row two">
        <label>
          {m.email}
          <input type="email" name="email" autoComplete="email" dir="ltr" maxLength={200} {...about('email', 'porsan-lh')} />
        </label>
        <label>
          {m.phone}
          <input type="tel" name="phone" autoComplete="tel" dir="ltr" maxLength={40} {...about('phone', 'porsan-lh')} />
        </label>
      </div>
      <p id="porsan-lh" class="meta">{m.contactHint}</p>
      <label>
        {m.message}
        <textarea name="text" rows={2} maxLength={4000} dir="auto" {...about('text')} />
      </label>
      <p id="porsan-le" class="meta err" role="alert">
        {error[1]}
      </p>
      <div class="row">
        <button type="submit" class="pri" disabled={busy}>
          {m.sendMessage}
        </button>
        <button type="button" class="chip" onClick={onBack}>
          {m.back}
        </button>
      </div>
      <button type="button" class="lk tc" onClick={onLookup}>
        {t.haveCode}
      </button>
    </form>
  );
}

/** Right after leaving a message: the tracking code, large and copyable. */
export function Left({ locale, code, onDone }: { locale: Locale; code: string; onDone(): void }) {
  const m = useMore(locale);
  const [copied, setCopied] = useState(false);
  const el = useRef<HTMLElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  useEffect(() => btn.current?.focus(), [!!m]);
  if (!m) return null;
  return (
    <div class="fm">
      <p>{m.sent}</p>
      <p class="code">
        <code ref={el} id="porsan-code" dir="ltr">
          {code}
        </code>
        <button
          ref={btn}
          type="button"
          class="chip"
          aria-describedby="porsan-code"
          onClick={() => {
            // Without clipboard access, select it for the visitor to copy.
            const pick = () => getSelection()?.selectAllChildren(el.current!);
            navigator.clipboard?.writeText(code).then(() => setCopied(true), pick) ?? pick();
          }}
        >
          {copied ? m.copied : m.copy}
        </button>
        <span class="sr" role="status">
          {copied ? m.copied : ''}
        </span>
      </p>
      <p>{m.answerHere}</p>
      <div class="row">
        <button type="button" class="pri" onClick={onDone}>
          {m.ok}
        </button>
      </div>
    </div>
  );
}

type Found = { code: string; conversation: ConversationView; messages: ChatMessage[] };

/** Look a left message and its replies up by tracking code (e.g. from another device); read-only. */
export function Lookup({ t, locale, find, row, onBack }: { t: Strings; locale: Locale; find(code: string): Promise<Result<Omit<Found, 'code'>>>; row(m: ChatMessage): VNode; onBack(): void }) {
  const m = useMore(locale);
  const [found, setFound] = useState<Found>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const head = useRef<HTMLHeadingElement>(null);
  useEffect(() => input.current?.focus(), [!!m]);
  useEffect(() => head.current?.focus(), [found]);
  if (!m) return null;
  return (
    <>
      <div class="log" role="log" aria-label={t.messages} tabIndex={0}>
        {found && (
          <>
            <h3 ref={head} tabIndex={-1} class="sys">
              {m.ticketOf(found.code)}
            </h3>
            {found.messages.map(row)}
            {found.conversation.status === 'offline' && <p class="sys">{m.waitingReply}</p>}
          </>
        )}
      </div>
      <div class="ft">
        <form
          class="fm"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const code = normalizeCode(input.current!.value);
            if (busy) return;
            if (code.length < 4) return setError(m.notFound);
            setBusy(true);
            const r = await find(code);
            setBusy(false);
            setError(r.ok ? '' : r.error === 'not_found' || r.error === 'invalid' ? m.notFound : r.error === 'rate_limited' ? m.tooMany : m.tryAgain);
            if (r.ok) setFound({ code, ...r });
          }}
        >
          <label>
            {m.codeLabel}
            <input ref={input} name="code" dir="ltr" autoComplete="off" spellcheck={false} maxLength={20} placeholder="XXXX-XXXX-XXXX" aria-invalid={!!error || undefined} aria-describedby="porsan-ce" />
          </label>
          <p id="porsan-ce" class="meta err" role="alert">
            {error}
          </p>
          <div class="row">
            <button type="submit" class="pri" disabled={busy}>
              {m.lookUp}
            </button>
            <button type="button" class="chip" onClick={onBack}>
              {m.back}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
