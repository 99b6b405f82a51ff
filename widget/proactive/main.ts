// Proactive messages in the page (dist/widget/proactive-<hash>.js): loaded by the loader only
// when widget.js carries enabled rules and the site did not say data-proactive="off". Checks the
// rules against the page, shows at most one bubble per page view over the launcher (avatar,
// text, close; no sound; no motion when the visitor prefers none), never while the visitor is
// typing in the chat or has it open, and at most once per visitor (or visit) per rule.
// Answering it opens the chat, which starts the conversation from the rule.
import type { WidgetRule } from '../../protocol/index.ts';
import type { Host, PorsanApi } from '../types.ts';
import { dueAgain, liveConditionsHold, nextVisit, staticConditionsHold } from './match.ts';

// Storage keys shared with the app (widget/transport.ts RULE_KEY): repeated here, as this chunk imports nothing of the app's.
const SEEN_KEY = 'porsan:proactive';
const VISIT_KEY = 'porsan:visit';
const RULE_KEY = 'porsan:rule';

const CLOSE = { fa: 'بستن', ar: 'إغلاق', en: 'Close' };

const CSS =
  '.pb{position:fixed;bottom:88px;z-index:2147483000;display:flex;align-items:flex-start;gap:8px;max-width:min(300px,calc(100vw - 40px));padding:10px;background:#fff;color:#1f1f1f;border-radius:16px;box-shadow:0 6px 24px #0004;font:14px/1.45 system-ui,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;text-align:start}' +
  '.pb.left{left:20px}.pb.right{right:20px}' +
  '.pb img,.pb .pi{flex:none;width:32px;height:32px;border-radius:50%}' +
  '.pb .pi{display:flex;align-items:center;justify-content:center;background:var(--pc);color:var(--po)}.pb .pi svg{width:18px;height:18px;fill:currentColor}' +
  '.pb button{font:inherit;cursor:pointer;border:0;background:none;color:inherit;padding:0}' +
  '.pb .pt{flex:1;text-align:start;padding:6px 2px;white-space:pre-wrap;overflow-wrap:anywhere}' +
  '.pb .px{flex:none;width:28px;height:28px;border-radius:50%;font-size:18px;line-height:1;color:#5c5f62}' +
  '.pb :focus-visible{outline:3px solid var(--pc);outline-offset:2px}' +
  '@media (prefers-reduced-motion:no-preference){.pb{animation:pb-in .3s ease-out}@keyframes pb-in{from{opacity:0;transform:translateY(12px)}}}';

const BOT = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null') as T | null;
  } catch {
    return null;
  }
}
function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: this page view only
  }
}

export function start(host: Host, api: PorsanApi): void {
  const { config, root, launcher } = host;
  const site = config.site;
  if (!site) return;
  const now = Date.now();
  const visit = nextVisit(read(VISIT_KEY), now);
  write(VISIT_KEY, visit);
  const seen = read<Record<string, number>>(SEEN_KEY) || {};
  const facts = { url: location.href, referrer: document.referrer, locale: config.locale, visits: visit.n, hours: site.hours, now: new Date(now) };
  let waiting: WidgetRule[] = site.rules.filter(
    (r) => r.messages[config.locale] && dueAgain(r, seen[r.id], visit.start) && staticConditionsHold(r.conditions, facts),
  );
  if (!waiting.length) return;

  const began = performance.now();
  let scrolled = 0;
  const onScroll = () => {
    const doc = document.documentElement;
    const total = doc.scrollHeight - innerHeight;
    scrolled = Math.max(scrolled, total <= 0 ? 100 : Math.round((scrollY / total) * 100));
  };
  onScroll();
  addEventListener('scroll', onScroll, { passive: true });

  const heldSince: Record<string, number> = {};
  const chatBusy = () => {
    // Open (they are chatting) or typing into the chat: a bubble now would interrupt.
    const active = root.activeElement;
    return launcher.getAttribute('aria-expanded') === 'true' || !!(active && /^(TEXTAREA|INPUT)$/.test(active.tagName));
  };
  const timer = setInterval(() => {
    const t = performance.now();
    for (const r of waiting) {
      if (heldSince[r.id] === undefined && liveConditionsHold(r.conditions, (t - began) / 1000, scrolled)) heldSince[r.id] = t;
    }
    const due = waiting.find((r) => heldSince[r.id] !== undefined && t - heldSince[r.id]! >= r.delaySeconds * 1000);
    if (!due || chatBusy()) return;
    stop();
    show(due);
  }, 250);
  const stop = () => {
    clearInterval(timer);
    removeEventListener('scroll', onScroll);
    waiting = [];
  };

  function beacon(ruleId: string, event: 'shown' | 'opened') {
    try {
      navigator.sendBeacon(config.server + '/visitor/proactive', JSON.stringify({ ruleId, event }));
    } catch {
      // counting is best effort
    }
  }

  function show(rule: WidgetRule) {
    const text = rule.messages[config.locale]!;
    seen[rule.id] = Date.now();
    write(SEEN_KEY, seen);
    beacon(rule.id, 'shown');

    const style = document.createElement('style');
    style.textContent = CSS;
    const box = document.createElement('div');
    box.className = 'pb ' + config.position;
    box.setAttribute('role', 'status');
    let avatar: HTMLElement;
    if (config.avatar) {
      avatar = document.createElement('img');
      (avatar as HTMLImageElement).src = config.avatar;
      (avatar as HTMLImageElement).alt = '';
    } else {
      avatar = document.createElement('span');
      avatar.className = 'pi';
      avatar.innerHTML = BOT; // static markup, no data
    }
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'pt';
    open.dir = 'auto';
    open.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'px';
    close.textContent = '×';
    close.setAttribute('aria-label', CLOSE[config.locale]);
    box.append(avatar, open, close);
    const wrap = launcher.parentElement!;
    wrap.append(style, box);

    const remove = () => {
      box.remove();
      style.remove();
      api.off('open', remove);
    };
    open.addEventListener('click', () => {
      // The panel opens with this message as its greeting, and the app starts the conversation
      // from this rule when the visitor answers (widget/transport.ts).
      config.greeting = text;
      write(RULE_KEY, { id: rule.id, at: Date.now() });
      beacon(rule.id, 'opened');
      remove();
      api.open();
    });
    close.addEventListener('click', remove);
    api.on('open', remove);
  }
}
