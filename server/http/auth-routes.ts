// Console login: email + password → an httpOnly, SameSite=Lax session cookie.
import { Router, type Request, type Response, type NextFunction } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AgentInfo } from '../../protocol/index.ts';
import { hashToken, newToken, readCookie, SESSION_COOKIE, verifyPassword } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { toAgentInfo } from '../realtime/agent.ts';

const loginBody = z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

export interface AuthedRequest extends Request {
  agent?: AgentInfo;
}

export function authRoutes(store: Store, config: Config, onLogout: (sessionHash: string) => void): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: config.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req, res) => res.status(429).json({ error: 'rate_limited', message: 'Too many login attempts. Try again in a few minutes.' }),
  });

  router.post('/api/login', loginLimiter, async (req, res) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success) return res.status(400).json({ error: 'invalid', message: 'Email and password are required.' });
    const agent = await store.agentByEmail(body.data.email);
    // Hash even when the agent does not exist, so timing does not reveal which emails are agents.
    const ok = await verifyPassword(body.data.password, agent?.password_hash ?? DUMMY_HASH);
    if (!agent || !ok || !agent.active) return res.status(401).json({ error: 'unauthorized', message: 'Wrong email or password.' });
    const token = newToken();
    const maxAge = config.sessionHours * 3600 * 1000;
    await store.createSession(hashToken(token), agent.id, new Date(Date.now() + maxAge));
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge, path: '/' });
    res.json({ agent: toAgentInfo(agent) });
  });

  router.post('/api/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      await store.deleteSession(hashToken(token));
      onLogout(hashToken(token));
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/me', requireAgent(store), (req: AuthedRequest, res) => {
    res.json({ agent: req.agent });
  });

  return router;
}

export function requireAgent(store: Store) {
  return async (req: AuthedRequest, res: Response, next: NextFunction) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const agent = token ? await store.sessionAgent(hashToken(token)) : undefined;
    if (!agent) return res.status(401).json({ error: 'unauthorized', message: 'Please log in.' });
    req.agent = toAgentInfo(agent);
    next();
  };
}

// scrypt hash of a random string nobody knows; only used to spend the same time on unknown emails.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';
