// Stage one, shared by the <script> loader and the ES module entry: the launcher button in a
// shadow root, window.Porsan with a call queue, and the lazy import of the app on first intent.
import type { AppApi, Handler, Host, MountApp, PorsanApi, PorsanEvent, PorsanEvents, ResolvedConfig, StartProactive } from './types.ts';
import { RTL } from './config.ts';

export const UNREAD_KEY = 'porsan:unread';

const LABEL = { fa: 'گفتگو با پشتیبانی', ar: 'تحدث مع الدعم', en: 'Chat with us' };

// Only what the launcher needs; the app injects the rest.
const CSS =
  ':host{all:initial!important}' +
  '.launcher{position:fixed;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;padding:0;cursor:pointer;display:flex;align-items:center;justify-content:center;' +
  'background:var(--pc);color:var(--po);box-shadow:0 4px 14px rgba(0,0,0,.25);font:600 12px/1 system-ui,sans-serif}' +
  '.launcher.left{left:20px}.launcher.right{right:20px}' +
  '.launcher:focus-visible{outline:3px solid var(--pc);outline-offset:3px}' +
  '.launcher svg{width:28px;height:28px;fill:currentColor}' +
  '.badge{position:absolute;top:-4px;inset-inline-end:-4px;min-width:20px;height:20px;border-radius:10px;background:#b3261e;color:#fff;display:flex;align-items:center;justify-content:center;padding:0 5px;box-sizing:border-box}' +
  '[hidden]{display:none!important}';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg><span class="badge" hidden></span>';

type Call = [keyof AppApi, unknown[]];

function readUnread(): number {
  try {
    return Number(localStorage.getItem(UNREAD_KEY)) || 0;
  } catch {
    return 0;
  }
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function onColor(hex: string): string {
  let h = hex.slice(1);
  if (h.length === 3) h = h.replace(/./g, '$&$&');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (L + 0.05) / 0.05 > 1.05 / (L + 0.05) ? '#000' : '#fff';
}

export function boot(config: ResolvedConfig, importApp: () => Promise<{ mount: MountApp }>, importProactive?: () => Promise<{ start: StartProactive }>): PorsanApi {
  const el = document.createElement('porsan-widget');
  const root = el.attachShadow({ mode: 'open' });
  const wrap = document.createElement('div');
  wrap.className = 'w';
  wrap.dir = RTL[config.locale] ? 'rtl' : 'ltr';
  wrap.lang = config.locale;
  // Theme: config colour, else the page's --porsan-primary, else the default blue.
  const s = wrap.style;
  s.setProperty('--pc', config.color || 'var(--porsan-primary,#0b57d0)');
  s.setProperty('--po', config.color ? onColor(config.color) : 'var(--porsan-on-primary,#fff)');
  const style = document.createElement('style');
  style.textContent = CSS;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher ' + config.position;
  launcher.setAttribute('aria-label', LABEL[config.locale]);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = ICON; // static markup, no data
  launcher.hidden = config.hideLauncher;
  wrap.appendChild(launcher);
  root.append(style, wrap);
  (document.body || document.documentElement).appendChild(el);

  const handlers: { [E in PorsanEvent]?: Set<Handler<E>> } = {};
  const queue: Call[] = [];
  let app: AppApi | null = null;
  let loading: Promise<void> | null = null;

  const host: Host = {
    config,
    root,
    launcher,
    emit<E extends PorsanEvent>(event: E, payload: PorsanEvents[E]) {
      handlers[event]?.forEach((h) => {
        try {
          (h as Handler<E>)(payload);
        } catch (e) {
          console.error(e);
        }
      });
    },
  };

  function load(): Promise<void> {
    return (loading ||= importApp().then(
      (m) => {
        app = m.mount(host);
        for (const [name, args] of queue.splice(0)) (app[name] as (...a: unknown[]) => void)(...args);
      },
      (e) => {
        loading = null; // try again on the next intent
        console.error('[porsan] could not load the chat', e);
      },
    ));
  }

  // Calls before the app is here are queued and replayed in order.
  const call =
    (name: keyof AppApi, eager: boolean) =>
    (...args: unknown[]) => {
      if (app) return (app[name] as (...a: unknown[]) => void)(...args);
      queue.push([name, args]);
      if (eager) load();
    };

  const api: PorsanApi = {
    open: call('open', true),
    close: call('close', false),
    toggle: call('toggle', true),
    send: call('send', true),
    identify: call('identify', true),
    reset() {
      // Logged out on the site: this device forgets its visitor (a new anonymous one follows).
      try {
        for (const k of ['token', 'outbox', 'identified', 'unread']) localStorage.removeItem('porsan:' + k);
      } catch {
        /* no storage: nothing kept */
      }
      queue.length = 0;
      app?.reset();
    },
    setLocale: call('setLocale', false),
    on(event, handler) {
      ((handlers[event] ||= new Set() as never) as Set<typeof handler>).add(handler);
    },
    off(event, handler) {
      (handlers[event] as Set<typeof handler> | undefined)?.delete(handler);
    },
  };

  for (const ev of ['pointerenter', 'focus', 'touchstart']) launcher.addEventListener(ev, () => load(), { passive: true });
  launcher.addEventListener('click', () => api.toggle());

  // Unread messages from an earlier page: show the badge and bring the app in now.
  const unread = readUnread();
  if (unread) {
    const badge = launcher.lastChild as HTMLElement;
    badge.textContent = String(unread);
    badge.hidden = false;
    load();
  }
  // Proactive rules are checked by their own small chunk, never by the chat app.
  if (config.proactive && config.site?.rules.length && importProactive) importProactive().then((m) => m.start(host, api), () => {});
  return api;
}
