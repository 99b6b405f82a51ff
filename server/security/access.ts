// Who may do what: one table of role → permissions, and every console socket event and HTTP
// route → the permission it needs. Enforced in one place for each edge (realtime/agent.ts for
// events, http/authorize.ts for routes); anything not listed here is refused.
import type { AgentClientEvents, AgentRole } from '../../protocol/index.ts';

export type Permission =
  /** the queue, left messages, visitors' conversations and their details */
  | 'conversations'
  /** the team's presence (who is online, for transfers) */
  | 'team'
  /** the knowledge base: entries, problems, try a question, unanswered questions */
  | 'kb'
  /** FAQ answers from the composer */
  | 'kbSearch'
  /** people and team settings */
  | 'admin';

export const ROLE_PERMISSIONS: Record<AgentRole, readonly Permission[]> = {
  agent: ['conversations', 'team', 'kbSearch'],
  editor: ['kb', 'kbSearch'],
  admin: ['conversations', 'team', 'kb', 'kbSearch', 'admin'],
};

/** `null`: any signed-in person. */
export const AGENT_EVENT_PERMISSIONS: Record<keyof AgentClientEvents, Permission | null> = {
  hello: null,
  open: 'conversations',
  claim: 'conversations',
  send: 'conversations',
  close: 'conversations',
  typing: 'conversations',
  presence: 'conversations',
  agents: 'team',
  transfer: 'conversations',
  release: 'conversations',
  note: 'conversations',
  tags: 'conversations',
  kbSearch: 'kbSearch',
  tickets: 'conversations',
};

/** `public`: no session needed; `session`: any signed-in person. Paths use `:param` segments. */
export const HTTP_ROUTE_PERMISSIONS: Record<string, Permission | 'public' | 'session'> = {
  'POST /api/login': 'public',
  'POST /api/logout': 'public',
  'GET /api/me': 'session',
  'GET /api/agents': 'admin',
  'POST /api/agents': 'admin',
  'PATCH /api/agents/:id': 'admin',
  'POST /api/agents/:id/password': 'admin',
  'GET /api/settings': 'admin',
  'PUT /api/settings': 'admin',
  'GET /api/kb': 'kb',
  'POST /api/kb/try': 'kb',
  'GET /api/kb/gaps': 'kb',
  // FAQ editing (the knowledge-base files)
  'GET /api/kb/entries/:id': 'kb',
  'POST /api/kb/entries': 'kb',
  'PUT /api/kb/entries/:id': 'kb',
  'DELETE /api/kb/entries/:id': 'kb',
  'POST /api/kb/preview': 'kb',
  // the Conversations archive: search, transcripts, exports (never for editors)
  'GET /api/conversations': 'conversations',
  'GET /api/conversations/export': 'conversations',
  'GET /api/conversations/:id': 'conversations',
  // saved replies: agents use them, admins manage them
  'GET /api/replies': 'conversations',
  'POST /api/replies': 'admin',
  'PUT /api/replies/:id': 'admin',
  'DELETE /api/replies/:id': 'admin',
  // one's own profile
  'GET /api/profile': 'session',
  'PATCH /api/profile': 'session',
  'PUT /api/profile/avatar': 'session',
  'DELETE /api/profile/avatar': 'session',
};

/** The console's pages and what each needs (`null`: everyone signed in); the console shows only these. */
export const CONSOLE_PAGES = {
  conversations: 'conversations',
  archive: 'conversations',
  replies: 'conversations',
  kb: 'kb',
  admin: 'admin',
  profile: null,
} as const satisfies Record<string, Permission | null>;
export type ConsolePage = keyof typeof CONSOLE_PAGES;

export function pagesFor(role: AgentRole): ConsolePage[] {
  return (Object.keys(CONSOLE_PAGES) as ConsolePage[]).filter((p) => can(role, CONSOLE_PAGES[p]));
}

export function can(role: AgentRole | string, permission: Permission | null): boolean {
  if (permission === null) return role in ROLE_PERMISSIONS;
  return (ROLE_PERMISSIONS[role as AgentRole] ?? []).includes(permission);
}

const compiled = Object.entries(HTTP_ROUTE_PERMISSIONS).map(([key, permission]) => {
  const [method, path] = key.split(' ') as [string, string];
  const pattern = new RegExp('^' + path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '/?$', 'i');
  return { method, pattern, permission };
});

/** What a request needs, or undefined when no such route exists. */
export function routePermission(method: string, path: string): Permission | 'public' | 'session' | undefined {
  return compiled.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.permission;
}
