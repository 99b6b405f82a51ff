// Console login: email + password → an httpOnly, SameSite=Lax session cookie. Failed logins
// are limited per client address and per account.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { hashPassword, hashToken, needsRehash, newToken, SESSION_COOKIE, verifyPassword } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { toAgentInfo } from '../store/agents.ts';
import type { Limits } from '../security/limits.ts';
import { clientAddress } from '../security/network.ts';
import { sessionHashOf, type AuthedRequest } from './authorize.ts';

const loginBody = z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

export interface AuthDeps {
  store: Store;
  config: Config;
  limits: Limits;
  /** Ends a session's live sockets (logout). */
  endSession: (sessionHash: string) => void;
}

function tooMany(res: Response, seconds: number) {
  res.setHeader('Retry-After', String(seconds));
  return res.status(429).json({ error: 'rate_limited', message: 'Too many failed logins. Try again in a few minutes.', retryAfterSeconds: seconds });
}

export function authRoutes({ store, config, limits, endSession }: AuthDeps): Router {
  const router = Router();
  // A hash of a random string nobody knows: checked for unknown emails, so timing does not reveal which emails are agents.
  const dummyHash = hashPassword(newToken());

  router.post('/api/login', async (req, res) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success) return res.status(400).json({ error: 'invalid', message: 'Email and password are required.' });
    const address = clientAddress(req, config.trustProxy);
    const account = body.data.email.toLowerCase();
    const wait = Math.max(await limits.blockedFor('loginAddress', address), await limits.blockedFor('loginAccount', account));
    if (wait > 0) return tooMany(res, wait);
    const found = await store.agents.credentials(account);
    const agent = found?.agent;
    const ok = await verifyPassword(body.data.password, found?.passwordHash ?? (await dummyHash));
    if (!found || !agent || !ok || !agent.active) {
      await Promise.allSettled([limits.take('loginAddress', address), limits.take('loginAccount', account)]);
      return res.status(401).json({ error: 'unauthorized', message: 'Wrong email or password.' });
    }
    if (needsRehash(found.passwordHash)) await store.agents.update(agent.id, { passwordHash: await hashPassword(body.data.password) });
    const token = newToken();
    const maxAge = config.sessionHours * 3600 * 1000;
    await store.agents.createSession(hashToken(token), agent.id, new Date(Date.now() + maxAge));
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge, path: '/' });
    res.json({ agent: toAgentInfo(agent) });
  });

  // Always clears the cookie, whatever state it is in, so a broken cookie can be got rid of.
  router.post('/api/logout', async (req, res) => {
    const sessionHash = sessionHashOf(req);
    if (sessionHash) {
      await store.agents.deleteSession(sessionHash);
      endSession(sessionHash);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    res.status(204).end();
  });

  router.get('/api/me', (req: AuthedRequest, res) => {
    res.json({ agent: req.agent });
  });

  return router;
}

