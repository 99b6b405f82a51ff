// Admins connect other tools: API tokens (shown once, stored hashed, revocable) and webhook
// endpoints (the whsec_ secret shown once) with their delivery log and re-sending.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { API_SCOPES, WEBHOOK_EVENTS, type ApiScope, type ApiTokenInfo, type WebhookEvent } from '../../protocol/index.ts';
import { can } from '../security/access.ts';
import { newApiToken } from '../security/api-tokens.ts';
import type { Store } from '../store/index.ts';
import { UnsafeTarget, type Webhooks } from '../webhooks/index.ts';
import type { AuthedRequest } from './authorize.ts';

const newToken = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]])).min(1).max(2),
  /** Who the token writes as; the admin creating it when left out. */
  agentId: z.string().min(1).max(100).optional(),
});
const newWebhook = z.object({
  url: z.string().trim().min(1).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS as unknown as [WebhookEvent, ...WebhookEvent[]])).min(1).max(WEBHOOK_EVENTS.length),
});

function invalid(res: Response, error: z.ZodError) {
  const first = error.issues[0];
  return res.status(400).json({ error: 'invalid', message: first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'Invalid body.' });
}

export function integrationRoutes({ store, webhooks }: { store: Store; webhooks: Webhooks }): Router {
  const router = Router();

  router.get('/api/tokens', async (_req, res) => {
    const [tokens, agents] = await Promise.all([store.apiTokens.all(), store.agents.all()]);
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const list: ApiTokenInfo[] = tokens.map((t) => ({
      id: t.id, name: t.name, scopes: t.scopes, agentId: t.agentId, agentName: names.get(t.agentId) ?? null, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt,
    }));
    res.json({ tokens: list });
  });

  router.post('/api/tokens', async (req: AuthedRequest, res) => {
    const body = newToken.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const agentId = body.data.agentId ?? req.agent!.id;
    const agent = await store.agents.get(agentId);
    if (!agent?.active) return res.status(400).json({ error: 'invalid', message: 'agentId: no active person with this id.' });
    if (body.data.scopes.includes('write') && !can(agent.role, 'conversations')) {
      return res.status(400).json({ error: 'invalid', message: 'agentId: a token that writes must write as someone who works conversations.' });
    }
    const { token, hash } = newApiToken();
    const created = await store.apiTokens.create({ name: body.data.name, scopes: [...new Set(body.data.scopes)], agentId, createdBy: req.agent!.id, tokenHash: hash });
    res.status(201).json({ id: created.id, token });
  });

  router.delete('/api/tokens/:id', async (req, res) => {
    if (!(await store.apiTokens.revoke(String(req.params.id)))) return res.status(404).json({ error: 'not_found', message: 'No such token (or revoked already).' });
    res.status(204).end();
  });

  router.get('/api/webhooks', async (_req, res) => {
    res.json({ webhooks: await webhooks.list() });
  });

  router.post('/api/webhooks', async (req: AuthedRequest, res) => {
    const body = newWebhook.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    try {
      const { webhook, secret } = await webhooks.register({ url: body.data.url, events: body.data.events, createdBy: req.agent!.id });
      res.status(201).json({ id: webhook.id, secret });
    } catch (err) {
      if (!(err instanceof UnsafeTarget)) throw err;
      res.status(400).json({ error: 'invalid', message: `url: ${err.message}.` });
    }
  });

  router.delete('/api/webhooks/:id', async (req, res) => {
    if (!(await webhooks.remove(String(req.params.id)))) return res.status(404).json({ error: 'not_found', message: 'No such webhook.' });
    res.status(204).end();
  });

  router.get('/api/webhooks/:id/deliveries', async (req, res) => {
    res.json({ deliveries: await webhooks.deliveries(String(req.params.id)) });
  });

  router.post('/api/webhooks/deliveries/:id/resend', async (req, res) => {
    const delivery = await webhooks.resend(String(req.params.id));
    if (!delivery) return res.status(404).json({ error: 'not_found', message: 'No such delivery, its webhook was removed, or it is being sent right now.' });
    res.json({ delivery });
  });

  return router;
}
