// The one gate in front of /api: the request must come from the console's own origin, and
// the route's permission (security/access.ts) must be held by the person behind the session
// cookie, as the store has them now. Routes behind it read `req.agent`.
import type { NextFunction, Request, Response } from 'express';
import type { AgentInfo } from '../../protocol/index.ts';
import { hashToken, readCookie, SESSION_COOKIE } from '../auth.ts';
import type { Config } from '../config.ts';
import { can, routePermission } from '../security/access.ts';
import { ownOrigin, requestOrigin } from '../security/network.ts';
import type { AgentSessions } from '../security/sessions.ts';
import { toAgentInfo } from '../store/agents.ts';

export interface AuthedRequest extends Request {
  agent?: AgentInfo;
  sessionHash?: string;
}

export function sessionHashOf(req: Request): string | null {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  return token ? hashToken(token) : null;
}

export function authorize(config: Config, sessions: AgentSessions) {
  return async (req: AuthedRequest, res: Response, next: NextFunction) => {
    // Mounted at /api: the route table has whole paths. Anything it does not list is refused
    // here, so no route can be reached without its entry.
    const permission = routePermission(req.method, req.baseUrl + req.path);
    if (permission === undefined) return res.status(404).json({ error: 'not_found', message: 'No such API route.' });
    const origin = requestOrigin(req);
    if (origin !== undefined && origin !== ownOrigin(req, config.publicOrigin, config.trustProxy)) {
      return res.status(403).json({ error: 'forbidden', message: 'This API is only for the console served by this server.' });
    }
    if (permission === 'public') return next();
    const sessionHash = sessionHashOf(req);
    const agent = sessionHash ? await sessions.current(sessionHash) : undefined;
    if (!agent || !sessionHash) return res.status(401).json({ error: 'unauthorized', message: 'Please log in.' });
    if (permission !== 'session' && !can(agent.role, permission)) {
      return res.status(403).json({ error: 'forbidden', message: 'Your role does not allow this.' });
    }
    req.agent = toAgentInfo(agent);
    req.sessionHash = sessionHash;
    next();
  };
}
