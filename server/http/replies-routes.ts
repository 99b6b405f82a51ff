// Saved replies over HTTP: agents and admins read them (the composer), admins manage them.
import { Router } from 'express';
import { z } from 'zod';
import { REPLY_LIMITS, SHORTCUT_PATTERN } from '../../protocol/index.ts';
import type { Store } from '../store/index.ts';
import type { AuthedRequest } from './authorize.ts';
import { invalid } from './respond.ts';

const input = z.object({
  shortcut: z
    .string()
    .trim()
    .transform((s) => s.replace(/^\//, '').toLowerCase())
    .refine((s) => SHORTCUT_PATTERN.test(s), `a shortcut is 1–${REPLY_LIMITS.shortcut} letters, digits, "-" or "_"`),
  title: z.string().trim().min(1).max(REPLY_LIMITS.title),
  body: z.string().trim().min(1).max(REPLY_LIMITS.body),
});

export function repliesRoutes({ store }: { store: Store }): Router {
  const router = Router();
  const taken = (res: import('express').Response, shortcut: string) => res.status(409).json({ error: 'invalid', message: `The shortcut /${shortcut} is already used by another saved reply.` });

  router.get('/api/replies', async (_req, res) => {
    res.json({ replies: await store.replies.all() });
  });

  router.post('/api/replies', async (req: AuthedRequest, res) => {
    const body = input.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    if (await store.replies.byShortcut(body.data.shortcut)) return taken(res, body.data.shortcut);
    if ((await store.replies.count()) >= REPLY_LIMITS.count) return res.status(400).json({ error: 'invalid', message: `At most ${REPLY_LIMITS.count} saved replies.` });
    try {
      res.status(201).json({ reply: await store.replies.create(body.data, req.agent!.id) });
    } catch (err) {
      // two admins adding the same shortcut at once: the unique index lets one in
      if (await store.replies.byShortcut(body.data.shortcut)) return taken(res, body.data.shortcut);
      throw err;
    }
  });

  router.put('/api/replies/:id', async (req: AuthedRequest, res) => {
    const body = input.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const id = String(req.params.id);
    const other = await store.replies.byShortcut(body.data.shortcut);
    if (other && other.id !== id) return taken(res, body.data.shortcut);
    const reply = await store.replies.update(id, body.data, req.agent!.id).catch(async (err: unknown) => {
      const other = await store.replies.byShortcut(body.data.shortcut);
      if (other && other.id !== id) return null; // taken meanwhile by another reply
      throw err;
    });
    if (reply === null) return taken(res, body.data.shortcut);
    if (!reply) return res.status(404).json({ error: 'not_found', message: 'No such saved reply.' });
    res.json({ reply });
  });

  router.delete('/api/replies/:id', async (req, res) => {
    if (!(await store.replies.remove(String(req.params.id)))) return res.status(404).json({ error: 'not_found', message: 'No such saved reply.' });
    res.status(204).end();
  });

  return router;
}
