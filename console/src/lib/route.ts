// Where the console is, in its URL: /console/ (conversations), /console/c/<id> (one of them),
// /console/archive?q=…&c=<id> (the archive: its filter and the transcript open), /console/replies,
// /console/kb (knowledge base), /console/admin (team and settings), /console/profile.
// Reloads and shared links land right. Which pages a role sees: CONSOLE_PAGES in security/access.ts.
import type { ConsolePage } from '../../../server/security/access.ts';

export type Page = ConsolePage;
const BASE = '/console/';
const SINGLE: Page[] = ['archive', 'replies', 'kb', 'admin', 'profile'];

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
  for (const page of SINGLE) if (new RegExp(`/console/${page}/?$`).test(path)) return { page, conversationId: null, search: page === 'archive' ? location.search : undefined };
  return { page: 'conversations', conversationId: null };
}

export function writeRoute(r: Route): void {
  const path = r.page === 'conversations' ? (r.conversationId ? `${BASE}c/${encodeURIComponent(r.conversationId)}` : BASE) : BASE + r.page;
  const search = r.page === 'archive' && r.search && r.search !== '?' ? (r.search.startsWith('?') ? r.search : '?' + r.search) : '';
  if (location.pathname + location.search !== path + search) history.replaceState(null, '', path + search);
}
