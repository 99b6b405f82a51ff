// Stage two (dist/widget/app.js): mounts the panel into the loader's shadow root and takes
// over window.Porsan's methods. `mount` is the only export the loader uses.
import { render } from 'preact';
import type { ChatMessage, Locale } from '../../protocol/index.ts';
import { UNREAD_KEY } from '../boot.ts';
import { RTL } from '../config.ts';
import { loadStrings, num, strings } from '../i18n/index.ts';
import { ChatClient, store } from '../transport.ts';
import type { AppApi, Host } from '../types.ts';
import { App, type Ui } from './App.tsx';
import { richText } from '../../common/rich.tsx';
import { chime } from './sound.ts';
import { createStore } from './store.ts';
import { CSS } from './styles.ts';

export function mount(host: Host): AppApi {
  const { root, launcher, config } = host;
  const wrap = launcher.parentElement as HTMLElement;
  const style = document.createElement('style');
  style.textContent = CSS;
  root.appendChild(style);
  // The launcher shows a close mark while the panel is open (badge stays its last child).
  launcher.insertAdjacentHTML('afterbegin', '<svg class="lx" viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4-6.3-6.3-6.3 6.3-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z"/></svg>');
  const box = document.createElement('div');
  wrap.appendChild(box);

  const ui = createStore<Ui>({ open: false, locale: config.locale, unread: Number(store.get(UNREAD_KEY)) || 0, announce: '' });

  const client = new ChatClient({
    server: config.server,
    locale: () => ui.state.locale,
    onMessage(m: ChatMessage, live: boolean) {
      if (!live) return;
      host.emit('message', m);
      if (m.author === 'visitor') return;
      if (ui.state.open && !document.hidden) {
        const t = strings(ui.state.locale);
        const who = m.author === 'agent' ? m.agentName || t.agent : m.author === 'bot' ? t.bot : '';
        const text = m.rich ? richText(m.rich) : m.text;
        ui.set({ announce: who ? `${t.newFrom(who)}: ${text}` : text });
      } else if (m.author !== 'system') {
        setUnread(ui.state.unread + 1);
        chime();
      }
    },
  });

  // Launcher badge, aria-label and the page title follow the unread count and open state.
  const baseTitle = () => document.title.replace(/^\(\S+\) /, '');
  function paintLauncher() {
    const { open, unread, locale } = ui.state;
    const t = strings(locale);
    const badge = launcher.lastChild as HTMLElement;
    badge.textContent = unread ? num(locale, unread) : '';
    badge.hidden = !unread;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', (open ? t.closeChat : t.openChat) + (unread ? ` (${t.unread(num(locale, unread))})` : ''));
    wrap.classList.toggle('open', open);
    wrap.dir = RTL[locale] ? 'rtl' : 'ltr';
    wrap.lang = locale;
    const title = baseTitle();
    const want = unread && (!open || document.hidden) ? `(${num(locale, unread)}) ${title}` : title;
    if (document.title !== want) document.title = want;
  }
  function setUnread(n: number) {
    if (n === ui.state.unread) return;
    store.set(UNREAD_KEY, n ? String(n) : null);
    ui.set({ unread: n });
    host.emit('unread', n);
  }

  // Another tab read the messages (or got new ones): follow its count while closed here.
  addEventListener('storage', (e) => {
    if (e.key === UNREAD_KEY && !ui.state.open) ui.set({ unread: Number(e.newValue) || 0 });
  });

  // Coming back to a tab whose panel is open: the visitor sees the new messages now.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && ui.state.open) setUnread(0);
  });

  let status = client.state.conversation?.status ?? null;
  let conn = client.state.connection;
  client.subscribe(() => {
    const s = client.state;
    if ((s.conversation?.status ?? null) !== status) host.emit('status', (status = s.conversation?.status ?? null));
    if (s.connection !== conn) host.emit('connection', (conn = s.connection));
  });

  // Mobile: keep the full-screen panel (and its composer) inside the visible viewport.
  const vv = window.visualViewport;
  if (vv) {
    const fit = () => {
      box.style.setProperty('--vvh', vv.height + 'px');
      box.style.setProperty('--vvt', vv.offsetTop + 'px');
    };
    vv.addEventListener('resize', fit);
    vv.addEventListener('scroll', fit);
    fit();
  }

  let before: Element | null = null; // focused on the page when the panel opened
  const api: AppApi = {
    open() {
      if (ui.state.open) return;
      before = document.activeElement;
      setUnread(0);
      ui.set({ open: true, announce: '' });
      host.emit('open', undefined);
    },
    close() {
      if (!ui.state.open) return;
      const inside = root.activeElement != null;
      ui.set({ open: false });
      host.emit('close', undefined);
      // Focus goes back (to the launcher, else where it was) only when it was inside the widget.
      if (inside) (launcher.hidden ? (before as HTMLElement | null) : launcher)?.focus?.();
    },
    toggle() {
      if (ui.state.open) api.close();
      else api.open();
    },
    send(text) {
      if (typeof text === 'string') client.send(text);
    },
    identify(profile) {
      if (profile && typeof profile === 'object') void client.identify(profile);
    },
    reset() {
      client.reset();
    },
    setLocale(locale: Locale) {
      if (locale !== 'fa' && locale !== 'ar' && locale !== 'en') return;
      void loadStrings(locale).then(() => {
        ui.set({ locale });
        if (!client.state.conversation) client.rehello();
      });
    },
  };

  void loadStrings(config.locale).then(() => {
    ui.subscribe(paintLauncher);
    paintLauncher();
    render(<App ui={ui} client={client} config={config} close={api.close} />, box);
  });
  return api;
}
