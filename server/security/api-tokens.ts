// API tokens for other tools: random, shown once, stored only as their SHA-256 (like sessions),
// each with scopes and the person it writes as. Revoking one refuses it at the next request.
import { randomBytes } from 'node:crypto';
import type { ApiScope } from '../../protocol/index.ts';
import { hashToken } from '../auth.ts';

export interface ApiToken {
  id: string;
  name: string;
  scopes: ApiScope[];
  agentId: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Recognizable in logs and by secret scanners: `porsan_` and 43 random characters. */
const PREFIX = 'porsan_';

export function newApiToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The hash to look a presented token up by, or null when it cannot be one of ours. */
export function apiTokenHash(presented: string): string | null {
  if (!presented.startsWith(PREFIX) || presented.length > 100) return null;
  return hashToken(presented);
}
