// Where the console is, in its URL: /console/ (conversations), /console/c/<id> (one of them),
// /console/kb (knowledge base), /console/proactive (proactive messages), /console/admin (team and
// settings). Reloads and shared links land right.
export type Page = 'conversations' | 'kb' | 'proactive' | 'admin';
const BASE = '/console/';

export interface Route {
  page: Page;
  conversationId: string | null;
}

export function readRoute(): Route {
  const path = location.pathname;
  const c = path.match(/\/console\/c\/([\w-]+)\/?$/);
  if (c) return { page: 'conversations', conversationId: decodeURIComponent(c[1]) };
  if (/\/console\/kb\/?$/.test(path)) return { page: 'kb', conversationId: null };
  if (/\/console\/admin\/?$/.test(path)) return { page: 'admin', conversationId: null };
  if (/\/console\/proactive\/?$/.test(path)) return { page: 'proactive', conversationId: null };
  return { page: 'conversations', conversationId: null };
}

export function writeRoute(r: Route): void {
  const path = r.page === 'kb' || r.page === 'admin' || r.page === 'proactive' ? BASE + r.page : r.conversationId ? `${BASE}c/${encodeURIComponent(r.conversationId)}` : BASE;
  if (location.pathname !== path) history.replaceState(null, '', path);
}
