// HTTP calls of the console: login, logout, who am I. The session lives in an httpOnly cookie.
import type {
  AgentInfo, AgentRole, AgentStatus, ArchiveFilter, ArchivePage, ConversationDetail, KbConflict, KbEntryDraft, KbEntryFile, KbEntryInfo, KbIssueInfo, KbPreview,
  KbSaved, KbTryResult, Locale, LoginRequest, ProactiveRuleInput, ProactiveRuleReport, Profile, SavedReply, SavedReplyInput, TeamSettings, UnansweredGap, UploadLimits, LearnedWordingInfo } from '../../protocol/index.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole answer (e.g. a conflict's current version). */
    readonly data: unknown = null,
  ) {
    super(message);
  }
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const binary = body instanceof Blob;
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': binary ? body.type : 'application/json' },
    body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
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
    throw new ApiError(res.status, err.error ?? 'http_' + res.status, err.message ?? res.statusText, data);
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

// ---------------------------------------------------------------- FAQ editing (editors)
export async function kbLearned(): Promise<LearnedWordingInfo[]> {
  return (await request<{ wordings: LearnedWordingInfo[] }>('GET', '/api/kb/learned')).wordings;
}
export function kbLearnedDecide(id: string, action: 'accept' | 'reject'): Promise<{ wording: LearnedWordingInfo; saved?: KbSaved | null }> {
  return request('POST', `/api/kb/learned/${encodeURIComponent(id)}/${action}`, {});
}
export function kbEntry(id: string): Promise<KbEntryFile> {
  return request('GET', `/api/kb/entries/${encodeURIComponent(id)}`);
}
export function kbPreview(entry: KbEntryDraft): Promise<KbPreview> {
  return request('POST', '/api/kb/preview', { entry });
}
export function kbCreate(entry: KbEntryDraft): Promise<KbSaved> {
  return request('POST', '/api/kb/entries', { entry });
}
export function kbUpdate(entry: KbEntryDraft, baseHash: string): Promise<KbSaved> {
  return request('PUT', `/api/kb/entries/${encodeURIComponent(entry.id)}`, { entry, baseHash });
}
export async function kbDelete(id: string, baseHash: string): Promise<void> {
  await request<void>('DELETE', `/api/kb/entries/${encodeURIComponent(id)}`, { baseHash });
}
/** The current version from a 409 answer, when there is one. */
export function conflictOf(e: unknown): KbConflict | null {
  return e instanceof ApiError && e.status === 409 && e.code === 'conflict' ? (e.data as KbConflict) : null;
}

// ---------------------------------------------------------------- the archive (agents, admins)
/** The filter as URL parameters (the same in the console's own address and the API's). */
export function filterParams(f: ArchiveFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status) p.set('status', f.status);
  if (f.agentId) p.set('agent', f.agentId);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.locale) p.set('locale', f.locale);
  if (f.tag) p.set('tag', f.tag);
  if (f.rating) p.set('rating', String(f.rating));
  if (f.resolution) p.set('resolution', f.resolution);
  return p;
}
export function archivePage(f: ArchiveFilter, before?: string | null): Promise<ArchivePage> {
  const p = filterParams(f);
  if (before) p.set('before', before);
  return request('GET', `/api/conversations?${p}`);
}
export function archiveTranscript(id: string): Promise<ConversationDetail> {
  return request('GET', `/api/conversations/${encodeURIComponent(id)}`);
}
export function exportUrl(f: ArchiveFilter, format: 'csv' | 'json'): string {
  const p = filterParams(f);
  p.set('format', format);
  return `/api/conversations/export?${p}`;
}

// ---------------------------------------------------------------- saved replies
export async function savedReplies(): Promise<SavedReply[]> {
  return (await request<{ replies: SavedReply[] }>('GET', '/api/replies')).replies;
}
export async function createReply(r: SavedReplyInput): Promise<SavedReply> {
  return (await request<{ reply: SavedReply }>('POST', '/api/replies', r)).reply;
}
export async function updateReply(id: string, r: SavedReplyInput): Promise<SavedReply> {
  return (await request<{ reply: SavedReply }>('PUT', `/api/replies/${encodeURIComponent(id)}`, r)).reply;
}
export async function deleteReply(id: string): Promise<void> {
  await request<void>('DELETE', `/api/replies/${encodeURIComponent(id)}`);
}

// ---------------------------------------------------------------- one's own profile
export function getProfile(): Promise<Profile> {
  return request('GET', '/api/profile');
}
export function saveProfileName(name: string): Promise<Profile> {
  return request('PATCH', '/api/profile', { name });
}
export function saveAvatar(image: Blob): Promise<Profile> {
  return request('PUT', '/api/profile/avatar', image);
}
export function removeAvatar(): Promise<Profile> {
  return request('DELETE', '/api/profile/avatar');
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
