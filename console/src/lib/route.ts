// Where the console is, in its URL: /console/ (conversations), /console/c/<id> (one of them),
// /console/archive?q=…&c=<id> (the archive: its filter and the transcript open), /console/replies,
// /console/kb (knowledge base), /console/proactive (proactive messages), /console/reports,
// /console/integrations (API tokens, webhooks), /console/admin (team and settings),
// /console/profile. Reloads and shared links land right. Which pages a role sees: CONSOLE_PAGES
// in security/access.ts.
import type { ConsolePage } from '../../../server/security/access.ts';

export type Page = ConsolePage;
const BASE = '/console/';
const SINGLE_PAGES: Page[] = ['archive', 'replies', 'kb', 'proactive', 'reports', 'integrations', 'admin', 'profile'];

export interface Route {
  page: Page;
  conversationId: string | null;
  /** The archive's filter and open transcript, as URL parameters. */
  search?: string;
}

export function readRoute(): Route {
  const path = location.pathname;
  const c = path.match(/\/console\/c\/([\w-]+)\/?$/);
  if (c) return { page: 'conversations', conversationId: decodeURIComponent(c[1]) };
  const single = SINGLE_PAGES.find((p) => new RegExp(`/console/${p}/?$`).test(path));
  if (single) return { page: single, conversationId: null, search: single === 'archive' ? location.search : undefined };
  return { page: 'conversations', conversationId: null };
}

export function writeRoute(r: Route): void {
  const path = SINGLE_PAGES.includes(r.page) ? BASE + r.page : r.conversationId ? `${BASE}c/${encodeURIComponent(r.conversationId)}` : BASE;
  const search = r.page === 'archive' && r.search && r.search !== '?' ? (r.search.startsWith('?') ? r.search : '?' + r.search) : '';
  if (location.pathname + location.search !== path + search) history.replaceState(null, '', path + search);
}
