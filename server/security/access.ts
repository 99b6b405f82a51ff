// Who may do what: one table of role → permissions, and every console socket event and HTTP
// route → the permission it needs. Enforced in one place for each edge (realtime/agent.ts for
// events, http/authorize.ts for routes); anything not listed here is refused.
import type { AgentClientEvents, AgentRole, ApiScope } from '../../protocol/index.ts';
import type { LimitKind } from './limits.ts';

export type Permission =
  /** the queue, left messages, visitors' conversations and their details */
  | 'conversations'
  /** the team's presence (who is online, for transfers) */
  | 'team'
  /** the knowledge base: entries, problems, try a question, unanswered questions */
  | 'kb'
  /** FAQ answers from the composer */
  | 'kbSearch'
  /** the reports (figures, charts, CSV) */
  | 'reports'
  /** people and team settings, API tokens and webhooks */
  | 'admin';

export const ROLE_PERMISSIONS: Record<AgentRole, readonly Permission[]> = {
  agent: ['conversations', 'team', 'kbSearch'],
  editor: ['kb', 'kbSearch'],
  supervisor: ['conversations', 'team', 'kbSearch', 'reports'],
  admin: ['conversations', 'team', 'kb', 'kbSearch', 'reports', 'admin'],
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
  // learned wordings (visitors' choices, agents' FAQ answers): editors accept or reject them
  'GET /api/kb/learned': 'kb',
  'POST /api/kb/learned/:id/accept': 'kb',
  'POST /api/kb/learned/:id/reject': 'kb',
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
  'GET /api/uploads': 'conversations',
  'POST /api/conversations/:id/files': 'conversations',
  'GET /api/files/:id': 'conversations',
  // the email channel: an inbound mail's full original (quotes, signature)
  'GET /api/email/:id/original': 'conversations',
  'GET /api/proactive': 'admin',
  'POST /api/proactive': 'admin',
  'PUT /api/proactive/:id': 'admin',
  'DELETE /api/proactive/:id': 'admin',
  'GET /api/reports': 'reports',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/:id': 'admin',
  'GET /api/webhooks': 'admin',
  'POST /api/webhooks': 'admin',
  'DELETE /api/webhooks/:id': 'admin',
  'GET /api/webhooks/:id/deliveries': 'admin',
  'POST /api/webhooks/deliveries/:id/resend': 'admin',
};

/**
 * The widget's own HTTP routes (http/visitor-gate.ts), a door apart from the console's: from
 * the allowed sites only (PORSAN_ALLOWED_ORIGINS), limited per client address, and never by a
 * console session. `visitor` routes need the visitor's token (`Authorization: Bearer …`);
 * `anyone` routes only count (proactive bubbles shown to visitors who never opened the chat).
 */
export interface VisitorRouteAccess {
  who: 'visitor' | 'anyone';
  limit: LimitKind;
}
export const VISITOR_ROUTES: Record<string, VisitorRouteAccess> = {
  'POST /visitor/files': { who: 'visitor', limit: 'upload' },
  'GET /visitor/files/:id': { who: 'visitor', limit: 'download' },
  'POST /visitor/proactive': { who: 'anyone', limit: 'proactive' },
};

/**
 * The REST API for other tools (/api/v1), authorized by an API token's scopes instead of a
 * session (http/api-v1/gate.ts); `public`: no token needed. Anything not listed is refused.
 */
export const API_V1_ROUTE_SCOPES: Record<string, ApiScope | 'public'> = {
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/conversations': 'read',
  'GET /api/v1/conversations/:id': 'read',
  'POST /api/v1/conversations/:id/messages': 'write',
  'POST /api/v1/conversations/:id/close': 'write',
  'GET /api/v1/reports/summary': 'read',
  'GET /api/v1/kb/entries': 'read',
};

/** The console's pages and what each needs (`null`: everyone signed in); the console shows only these. */
export const CONSOLE_PAGES = {
  conversations: 'conversations',
  archive: 'conversations',
  replies: 'conversations',
  kb: 'kb',
  proactive: 'admin',
  reports: 'reports',
  integrations: 'admin',
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

function compile<T>(table: Record<string, T>) {
  return Object.entries(table).map(([key, rule]) => {
    const [method, path] = key.split(' ') as [string, string];
    const pattern = new RegExp('^' + path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '/?$', 'i');
    return { method, pattern, rule };
  });
}
const compiled = compile(HTTP_ROUTE_PERMISSIONS);
const compiledVisitor = compile(VISITOR_ROUTES);
const compiledV1 = compile(API_V1_ROUTE_SCOPES);

/** What a request needs, or undefined when no such route exists. */
export function routePermission(method: string, path: string): Permission | 'public' | 'session' | undefined {
  return compiled.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.rule;
}

/** Who may call a widget route, or undefined when no such route exists. */
export function visitorRoute(method: string, path: string): VisitorRouteAccess | undefined {
  return compiledVisitor.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.rule;
}

/** The methods a widget path has (for CORS preflights); empty when the path is not a route. */
export function visitorRouteMethods(path: string): string[] {
  return compiledVisitor.filter((r) => r.pattern.test(path)).map((r) => r.method);
}

/** The scope an /api/v1 request needs, or undefined when no such route exists. */
export function apiRouteScope(method: string, path: string): ApiScope | 'public' | undefined {
  return compiledV1.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.rule;
}
