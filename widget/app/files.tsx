// Attachments in the widget (dist/widget/files-<hash>.js): loaded only when the visitor first
// attaches a file (paperclip, paste, drop) or a conversation has one. Uploads go over HTTP with
// a progress bar and can be cancelled; files are fetched with the visitor's token (the link
// alone opens nothing) and shown from blob: URLs — images as thumbnails that open full size,
// other files as a card with name, size and type and a download button.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentInfo, ChatMessage, WidgetSiteConfig } from '../../protocol/index.ts';
import type { Strings } from '../i18n/index.ts';
import { store, TOKEN_KEY, uuid } from '../transport.ts';
import type { Locale, ResolvedConfig } from '../types.ts';
import { createStore, useStore } from './store.ts';
import { Time } from './views.tsx';

const S = {
  en: {
    cancel: 'Cancel',
    uploading: (name: string) => `Sending ${name}`,
    tooLarge: (max: string) => `This file is too large to send. Files can be up to ${max}.`,
    badType: 'This kind of file cannot be sent. You can send photos (JPEG, PNG, WebP, GIF) and PDF files.',
    failed: 'The file could not be sent. Please try again.',
    busy: 'Too many files from your network right now. Please try again in a few minutes.',
    download: 'Download',
    open: (name: string) => `Open ${name} full size`,
    close: 'Close',
    file: (type: string, size: string) => `${type} file, ${size}`,
  },
  fa: {
    cancel: 'لغو',
    uploading: (name: string) => `در حال ارسال ${name}`,
    tooLarge: (max: string) => `این فایل برای ارسال بیش از حد بزرگ است. حداکثر اندازه فایل ${max} است.`,
    badType: 'این نوع فایل را نمی‌توان فرستاد. می‌توانید عکس (JPEG، PNG، WebP، GIF) و فایل PDF بفرستید.',
    failed: 'فایل ارسال نشد. لطفاً دوباره تلاش کنید.',
    busy: 'در این لحظه فایل‌های زیادی از شبکه شما می‌رسد. لطفاً چند دقیقه دیگر دوباره تلاش کنید.',
    download: 'دریافت',
    open: (name: string) => `نمایش ${name} در اندازه کامل`,
    close: 'بستن',
    file: (type: string, size: string) => `فایل ${type}، ${size}`,
  },
  ar: {
    cancel: 'إلغاء',
    uploading: (name: string) => `جارٍ إرسال ${name}`,
    tooLarge: (max: string) => `هذا الملف أكبر من أن يُرسل. الحد الأقصى لحجم الملف ${max}.`,
    badType: 'لا يمكن إرسال هذا النوع من الملفات. يمكنك إرسال الصور (JPEG وPNG وWebP وGIF) وملفات PDF.',
    failed: 'تعذّر إرسال الملف. يُرجى المحاولة مرة أخرى.',
    busy: 'تصل ملفات كثيرة من شبكتك الآن. يُرجى المحاولة بعد بضع دقائق.',
    download: 'تنزيل',
    open: (name: string) => `فتح ${name} بالحجم الكامل`,
    close: 'إغلاق',
    file: (type: string, size: string) => `ملف ${type}، ${size}`,
  },
};

const CSS = `
.up .bub{display:flex;flex-direction:column;gap:6px;min-width:200px}
progress{width:100%;height:6px;accent-color:var(--po)}
.up .lk{color:inherit;align-self:flex-end}
.thumb{display:block;padding:0;border:0;border-radius:12px;overflow:hidden;background:#eef1f4;cursor:zoom-in;max-width:100%}
.thumb img{display:block;max-width:220px;max-height:220px;width:auto;height:auto;object-fit:cover}
.card{display:flex;align-items:center;gap:10px;padding:10px 12px;border:1px solid #dadce0;border-radius:12px;background:#fff;color:#1f1f1f;max-width:100%}
.card .ic{flex:none;width:36px;height:44px;border-radius:4px;background:#b3261e;color:#fff;font:700 11px/44px system-ui,sans-serif;text-align:center}
.card .nm{flex:1;min-width:0;display:flex;flex-direction:column}
.card b{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600}
.card small{color:#5c5f62}
.lb{position:absolute;inset:0;z-index:2;display:flex;align-items:center;justify-content:center;background:#000d;padding:48px 12px 12px}
.lb img{max-width:100%;max-height:100%;object-fit:contain}
.lb .ib{position:absolute;top:8px;inset-inline-end:8px;color:#fff;font-size:26px}
`;

interface Upload {
  id: string;
  name: string;
  loaded: number;
  total: number;
  xhr: XMLHttpRequest;
}
interface FilesState {
  uploads: Upload[];
  /** The last refusal, in the visitor's words. */
  error: string;
  /** The image shown full size. */
  big: { url: string; name: string } | null;
}
const state = createStore<FilesState>({ uploads: [], error: '', big: null });
let server = '';
let limits: WidgetSiteConfig['upload'] | undefined;
let locale: Locale = 'en';

/** Where to send files and the server's limits (from widget.js); `panel` is in the shadow root to style. */
export function init(config: ResolvedConfig, panel: HTMLElement): void {
  if (!server) {
    const style = document.createElement('style');
    style.textContent = CSS;
    panel.getRootNode().appendChild(style);
  }
  server = config.server;
  limits = config.site?.upload;
}

function megabytes(bytes: number): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1048576);
}
function sizeText(bytes: number): string {
  return bytes < 1048576 ? new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024)) : megabytes(bytes);
}

const refuse = (error: string) => state.set({ error });

/** Sends each file (checked here first against the server's limits, which check again from the bytes). */
export function add(files: File[], l: Locale): void {
  locale = l;
  const t = S[locale];
  state.set({ error: '' });
  for (const f of files) {
    if (limits && f.size > limits.maxBytes) refuse(t.tooLarge(megabytes(limits.maxBytes)));
    else if (limits?.types && f.type && !(limits.types as string[]).includes(f.type)) refuse(t.badType);
    else send(f);
  }
}

function send(f: File): void {
  const xhr = new XMLHttpRequest();
  const u: Upload = { id: uuid(), name: f.name, loaded: 0, total: f.size, xhr };
  const update = () => state.set({ uploads: state.state.uploads.slice() });
  xhr.open('POST', server + '/visitor/files');
  xhr.setRequestHeader('Authorization', 'Bearer ' + store.get(TOKEN_KEY));
  xhr.upload.onprogress = (e) => {
    u.loaded = e.loaded;
    u.total = e.total || f.size;
    update();
  };
  xhr.onloadend = () => {
    state.set({ uploads: state.state.uploads.filter((x) => x !== u) });
    if (xhr.status === 201 || u.loaded < 0) return; // sent (the message comes over the socket), or cancelled
    let code = '';
    try {
      code = JSON.parse(xhr.responseText).error;
    } catch {
      // no answer (network): a plain failure
    }
    const t = S[locale];
    refuse(code === 'too_large' ? t.tooLarge(megabytes(limits?.maxBytes ?? 0)) : code === 'unsupported_type' ? t.badType : code === 'rate_limited' ? t.busy : t.failed);
  };
  const form = new FormData();
  form.append('clientId', u.id);
  form.append('file', f);
  state.set({ uploads: state.state.uploads.concat(u) });
  xhr.send(form);
}

function cancel(u: Upload): void {
  u.loaded = -1;
  u.xhr.abort();
}

/** Files in flight (with progress and a cancel button), the last refusal, and an image opened full size. */
export function Uploads({ t }: { t: Strings }) {
  const { uploads, error } = useStore(state);
  const s = S[locale];
  const alert = useRef<HTMLParagraphElement>(null);
  // Keep what just changed (a new upload, a refusal) in view at the end of the log.
  useEffect(() => {
    const log = alert.current?.closest('.log');
    if (log) log.scrollTop = log.scrollHeight;
  }, [uploads.length, error]);
  return (
    <>
      {uploads.map((u) => (
        <div key={u.id} class="m visitor up">
          <span class="sr">{t.you}</span>
          <div class="bub">
            <span dir="auto">{u.name}</span>
            <progress max={u.total || 1} value={u.loaded} aria-label={s.uploading(u.name)} />
            <button type="button" class="lk" onClick={() => cancel(u)}>
              {s.cancel}
            </button>
          </div>
        </div>
      ))}
      <p ref={alert} class="sys err" role="alert">
        {error}
      </p>
      <Lightbox />
    </>
  );
}

// The visitor's token fetches each file once per page; the blob: URLs last as long as the page.
const blobs = new Map<string, Promise<string>>();
function blobUrl(id: string): Promise<string> {
  let p = blobs.get(id);
  if (!p) {
    p = fetch(`${server}/visitor/files/${encodeURIComponent(id)}`, { headers: { Authorization: 'Bearer ' + store.get(TOKEN_KEY) } }).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.blob().then((b) => URL.createObjectURL(b));
    });
    p.catch(() => blobs.delete(id));
    blobs.set(id, p);
  }
  return p;
}

function useBlob(id: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    void blobUrl(id).then(setUrl, () => {});
  }, [id]);
  return url;
}

function Thumb({ f }: { f: AttachmentInfo }) {
  const url = useBlob(f.id);
  return (
    <button type="button" class="thumb" aria-label={S[locale].open(f.name)} onClick={() => url && state.set({ big: { url, name: f.name } })}>
      {url ? <img src={url} alt={f.name} width={f.width} height={f.height} /> : <span style={{ display: 'block', width: 160, height: 120 }} />}
    </button>
  );
}

function Card({ f }: { f: AttachmentInfo }) {
  const s = S[locale];
  const type = f.mime === 'application/pdf' ? 'PDF' : f.mime.split('/')[1]!.toUpperCase();
  const download = () =>
    void blobUrl(f.id).then(
      (url) => {
        const a = document.createElement('a');
        a.href = url;
        a.download = f.name;
        document.body.appendChild(a);
        a.click();
        a.remove();
      },
      () => refuse(s.failed),
    );
  return (
    <div class="card">
      <span class="ic" aria-hidden="true">
        {type}
      </span>
      <span class="nm">
        <b dir="auto">{f.name}</b>
        <small>{s.file(type, sizeText(f.size))}</small>
      </span>
      <button type="button" class="chip" onClick={download}>
        {s.download}
      </button>
    </div>
  );
}

/** A message carrying a file: who and when as for any message, the file instead of text. */
export function FileMessage({ m, t, locale: l }: { m: ChatMessage; t: Strings; locale: Locale }) {
  if (m.meta?.type !== 'attachment') return null;
  locale = l;
  const f = m.meta.file;
  const who = m.author === 'agent' ? m.agentName || t.agent : m.author === 'bot' ? t.bot : t.you;
  return (
    <div class={'m ' + m.author} data-seq={m.seq}>
      <span class={m.author === 'visitor' ? 'sr' : 'who'}>{who}</span>
      {f.kind === 'image' ? <Thumb f={f} /> : <Card f={f} />}
      <span class="meta">
        <Time locale={l} iso={m.createdAt} />
      </span>
    </div>
  );
}

/** The image in full, over the panel (positioned by the panel, not the log it is rendered in); Escape or the button closes it. */
function Lightbox() {
  const { big } = useStore(state);
  if (!big) return null;
  const close = () => state.set({ big: null });
  return (
    <div
      class="lb"
      role="dialog"
      aria-label={big.name}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <img src={big.url} alt={big.name} />
      <button type="button" class="ib" aria-label={S[locale].close} onClick={close} ref={(b) => b?.focus()}>
        ×
      </button>
    </div>
  );
}

