// Where the console is, in its URL: /console/ (conversations), /console/c/<id> (one of them),
// /console/kb (knowledge base), /console/proactive (proactive messages), /console/admin (team and
// settings), /console/reports, /console/integrations (API tokens, webhooks). Reloads and shared
// links land right.
export type Page = 'conversations' | 'kb' | 'proactive' | 'admin' | 'reports' | 'integrations';
const SINGLE_PAGES: Page[] = ['kb', 'proactive', 'admin', 'reports', 'integrations'];
const BASE = '/console/';

export interface Route {
  page: Page;
  conversationId: string | null;
}

export function readRoute(): Route {
  const path = location.pathname;
  const c = path.match(/\/console\/c\/([\w-]+)\/?$/);
  if (c) return { page: 'conversations', conversationId: decodeURIComponent(c[1]) };
  const single = SINGLE_PAGES.find((p) => new RegExp(`/console/${p}/?$`).test(path));
  if (single) return { page: single, conversationId: null };
  return { page: 'conversations', conversationId: null };
}

export function writeRoute(r: Route): void {
  const path = SINGLE_PAGES.includes(r.page) ? BASE + r.page : r.conversationId ? `${BASE}c/${encodeURIComponent(r.conversationId)}` : BASE;
  if (location.pathname !== path) history.replaceState(null, '', path);
}
