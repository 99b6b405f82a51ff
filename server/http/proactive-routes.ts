// Proactive messages over HTTP: admins manage the rules (behind authorize.ts), the widget
// reports a bubble shown or opened (behind visitor-gate.ts; sent with sendBeacon as text).
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { ProactiveRuleInput } from '../../protocol/index.ts';
import { ruleInputSchema, type ProactiveRules } from '../proactive/rules.ts';

const event = z.object({ ruleId: z.string().min(1).max(100), event: z.enum(['shown', 'opened']) }).strict();

function invalid(res: Response, error: z.ZodError) {
  const first = error.issues[0];
  return res.status(400).json({ error: 'invalid', message: first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'Invalid body.' });
}

export function proactiveRoutes(rules: ProactiveRules): Router {
  const router = Router();

  router.get('/api/proactive', async (_req, res) => {
    res.json({ rules: await rules.list() });
  });

  router.post('/api/proactive', async (req, res) => {
    const body = ruleInputSchema.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    res.status(201).json({ rule: await rules.create(body.data as ProactiveRuleInput) });
  });

  router.put('/api/proactive/:id', async (req, res) => {
    const body = ruleInputSchema.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const rule = await rules.update(String(req.params.id), body.data as ProactiveRuleInput);
    if (!rule) return res.status(404).json({ error: 'not_found', message: 'No such rule.' });
    res.json({ rule });
  });

  router.delete('/api/proactive/:id', async (req, res) => {
    if (!(await rules.delete(String(req.params.id)))) return res.status(404).json({ error: 'not_found', message: 'No such rule.' });
    res.status(204).end();
  });

  router.post('/visitor/proactive', express.text({ type: () => true, limit: '1kb' }), async (req, res) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch {
      return res.status(400).json({ error: 'invalid', message: 'Malformed JSON.' });
    }
    const body = event.safeParse(parsed);
    if (!body.success) return invalid(res, body.error);
    if (!(await rules.record(body.data.ruleId, body.data.event))) return res.status(404).json({ error: 'not_found', message: 'No such rule.' });
    res.status(204).end();
  });

  return router;
}
