// HTTP calls of the console: login, logout, who am I. The session lives in an httpOnly cookie.
import type {
  AgentInfo, AgentRole, AgentStatus, KbEntryInfo, KbIssueInfo, KbTryResult, Locale, LoginRequest, ProactiveRuleInput, ProactiveRuleReport, TeamSettings, UnansweredGap, UploadLimits,
} from '../../protocol/index.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // not JSON (e.g. a proxy error page); handled below
  }
  if (!res.ok) {
    const err = (data ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? 'http_' + res.status, err.message ?? res.statusText);
  }
  return data as T;
}

export async function login(req: LoginRequest): Promise<AgentInfo> {
  const { agent } = await request<{ agent: AgentInfo }>('POST', '/api/login', req);
  return agent;
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/logout');
}

/** The logged-in agent, or null when there is no valid session. */
export async function me(): Promise<AgentInfo | null> {
  try {
    const { agent } = await request<{ agent: AgentInfo }>('GET', '/api/me');
    return agent;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

// ---------------------------------------------------------------- admin: people and team settings
export interface NewAgent {
  email: string;
  name: string;
  role: AgentRole;
  password: string;
}
export interface AgentPatch {
  name?: string;
  role?: AgentRole;
  active?: boolean;
  /** null: back to the team's default limit. */
  limit?: number | null;
}

export async function createAgent(a: NewAgent): Promise<AgentStatus> {
  return (await request<{ agent: AgentStatus }>('POST', '/api/agents', a)).agent;
}
export async function updateAgent(id: string, patch: AgentPatch): Promise<AgentStatus> {
  return (await request<{ agent: AgentStatus }>('PATCH', `/api/agents/${encodeURIComponent(id)}`, patch)).agent;
}
export async function resetPassword(id: string, password: string): Promise<void> {
  await request<void>('POST', `/api/agents/${encodeURIComponent(id)}/password`, { password });
}
export function getSettings(): Promise<TeamSettings> {
  return request<TeamSettings>('GET', '/api/settings');
}
export function putSettings(patch: Partial<TeamSettings>): Promise<TeamSettings> {
  return request<TeamSettings>('PUT', '/api/settings', patch);
}

// ---------------------------------------------------------------- editor: the knowledge base
export function kbEntries(): Promise<{ entries: KbEntryInfo[]; issues: KbIssueInfo[] }> {
  return request('GET', '/api/kb');
}
export function kbTry(q: string, locale?: Locale): Promise<KbTryResult> {
  return request('POST', '/api/kb/try', locale ? { q, locale } : { q });
}
export async function kbGaps(): Promise<UnansweredGap[]> {
  return (await request<{ gaps: UnansweredGap[] }>('GET', '/api/kb/gaps')).gaps;
}

// ---------------------------------------------------------------- files (uploads go through lib/upload.ts, for progress)
export function uploadLimits(): Promise<UploadLimits> {
  return request('GET', '/api/uploads');
}
/** Where a file of the conversation is: images open full size there; `download` asks to save it. */
export function fileUrl(id: string, download = false): string {
  return `/api/files/${encodeURIComponent(id)}${download ? '?download=1' : ''}`;
}

// ---------------------------------------------------------------- admin: proactive messages
export async function proactiveRules(): Promise<ProactiveRuleReport[]> {
  return (await request<{ rules: ProactiveRuleReport[] }>('GET', '/api/proactive')).rules;
}
export async function createRule(rule: ProactiveRuleInput): Promise<ProactiveRuleReport> {
  return (await request<{ rule: ProactiveRuleReport }>('POST', '/api/proactive', rule)).rule;
}
export async function updateRule(id: string, rule: ProactiveRuleInput): Promise<ProactiveRuleReport> {
  return (await request<{ rule: ProactiveRuleReport }>('PUT', `/api/proactive/${encodeURIComponent(id)}`, rule)).rule;
}
export async function deleteRule(id: string): Promise<void> {
  await request<void>('DELETE', `/api/proactive/${encodeURIComponent(id)}`);
}
