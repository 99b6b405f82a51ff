// Learned wordings on the console's knowledge-base page (editors and admins; security/access.ts):
// the list ranked by evidence, accept (the wording joins its entry's file) and reject.
import { Router } from 'express';
import { z } from 'zod';
import type { KbConflict } from '../../protocol/index.ts';
import { ConflictError, InvalidFileError } from '../kb-files/entries.ts';
import { LearningError, type Learning } from '../learning/service.ts';
import type { AuthedRequest } from './authorize.ts';
import { invalid } from './respond.ts';

const params = z.object({ id: z.string().min(1).max(100) });
const empty = z.object({}).strict().optional();

export function learnedRoutes({ learning }: { learning: Learning }): Router {
  const router = Router();

  router.get('/api/kb/learned', async (_req, res) => {
    res.json({ wordings: await learning.list() });
  });

  for (const action of ['accept', 'reject'] as const) {
    router.post(`/api/kb/learned/:id/${action}`, async (req: AuthedRequest, res) => {
      const p = params.safeParse(req.params);
      if (!p.success) return invalid(res, p.error);
      const body = empty.safeParse(req.body && Object.keys(req.body as object).length ? req.body : undefined);
      if (!body.success) return invalid(res, body.error);
      try {
        if (action === 'accept') res.json(await learning.accept(p.data.id, req.agent!.id));
        else res.json({ wording: await learning.reject(p.data.id, req.agent!.id) });
      } catch (err) {
        if (err instanceof LearningError) return res.status(err.code === 'not_found' ? 404 : 400).json({ error: err.code, message: err.message });
        if (err instanceof ConflictError) return res.status(409).json({ error: 'conflict', message: err.message, current: null } satisfies KbConflict);
        if (err instanceof InvalidFileError) return res.status(422).json({ error: 'invalid', message: `${err.message}. Fix the file itself (npx porsan kb check).` });
        throw err;
      }
    });
  }

  return router;
}
