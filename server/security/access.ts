// Who may do what: one table of role → permissions, and every console socket event and HTTP
// route → the permission it needs. Enforced in one place for each edge (realtime/agent.ts for
// events, http/authorize.ts for routes); anything not listed here is refused.
import type { AgentClientEvents, AgentRole, ApiScope } from '../../protocol/index.ts';

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

export function can(role: AgentRole | string, permission: Permission | null): boolean {
  if (permission === null) return role in ROLE_PERMISSIONS;
  return (ROLE_PERMISSIONS[role as AgentRole] ?? []).includes(permission);
}

function compile<P>(table: Record<string, P>) {
  return Object.entries(table).map(([key, permission]) => {
    const [method, path] = key.split(' ') as [string, string];
    const pattern = new RegExp('^' + path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '/?$', 'i');
    return { method, pattern, permission };
  });
}
const compiled = compile(HTTP_ROUTE_PERMISSIONS);
const compiledV1 = compile(API_V1_ROUTE_SCOPES);

/** What a request needs, or undefined when no such route exists. */
export function routePermission(method: string, path: string): Permission | 'public' | 'session' | undefined {
  return compiled.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.permission;
}

/** The scope an /api/v1 request needs, or undefined when no such route exists. */
export function apiRouteScope(method: string, path: string): ApiScope | 'public' | undefined {
  return compiledV1.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.permission;
}
