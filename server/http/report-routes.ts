// The console's Reports page (admins and supervisors): GET /api/reports?from=&to=&locale=.
import { Router } from 'express';
import type { Team } from '../conversations/team.ts';
import { buildReport, reportQuery } from '../reports/index.ts';
import type { Store } from '../store/index.ts';

export function reportRoutes({ store, team }: { store: Store; team: Team }): Router {
  const router = Router();
  router.get('/api/reports', async (req, res) => {
    const q = reportQuery.safeParse(req.query);
    if (!q.success) {
      const first = q.error.issues[0];
      return res.status(400).json({ error: 'invalid', message: first ? `${first.path.join('.') || 'query'}: ${first.message}` : 'Invalid range.' });
    }
    res.json(await buildReport(store.reports, team.settings().hours.timeZone, q.data));
  });
  return router;
}
