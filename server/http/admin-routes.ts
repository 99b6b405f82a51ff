// Admins manage people and team settings; editors read the knowledge base and its gaps.
// Who may call what is decided before these handlers run (authorize.ts, security/access.ts).
import { relative } from 'node:path';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { KbTryResult, Locale, TeamSettings, UnansweredGap } from '../../protocol/index.ts';
import { LOCALES } from '../../protocol/index.ts';
import { hashPassword } from '../auth.ts';
import type { Team } from '../conversations/team.ts';
import type { Conversations } from '../conversations/service.ts';
import type { KnowledgeService } from '../knowledge/index.ts';
import type { Store } from '../store/index.ts';
import type { AuthedRequest } from './authorize.ts';

const role = z.enum(['agent', 'editor', 'supervisor', 'admin']);
const password = z.string().min(10, 'at least 10 characters').max(200);
const newAgent = z.object({ email: z.email().max(200), name: z.string().trim().min(1).max(100), role, password });
const agentPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: role.optional(),
  active: z.boolean().optional(),
  limit: z.number().int().min(1).max(50).nullable().optional(),
});
const range = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'ranges look like 09:00-18:00');
const settingsPatch = z
  .object({
    routing: z.enum(['manual', 'auto']),
    teamAway: z.boolean(),
    defaultLimit: z.number().int().min(1).max(50),
    hours: z.object({
      timeZone: z.string().refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown time zone'),
      days: z.object(Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, z.array(range).max(4)])) as Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', z.ZodArray<typeof range>>),
    }),
  })
  .partial();
const tryBody = z.object({ q: z.string().trim().min(1).max(1000), locale: z.enum(LOCALES as [string, ...string[]]).optional() });

function invalid(res: Response, error: z.ZodError) {
  const first = error.issues[0];
  return res.status(400).json({ error: 'invalid', message: first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'Invalid body.' });
}

export interface AdminDeps {
  store: Store;
  team: Team;
  conversations: Conversations;
  knowledge: KnowledgeService;
  kbDir: string;
  /**
   * A person's rights changed: their live sockets are cut at once (they reconnect with what they
   * may do now); with `endSessions` they are logged out everywhere too.
   */
  revokeAgent: (agentId: string, opts: { endSessions: boolean }) => Promise<void>;
}

export function adminRoutes({ store, team, conversations, knowledge, kbDir, revokeAgent }: AdminDeps): Router {
  const router = Router();
  /** Paths inside the knowledge-base folder, never the server's absolute paths. */
  const kbPath = (file: string) => relative(kbDir, file).split('\\').join('/') || '.';

  router.get('/api/agents', async (_req, res) => {
    res.json({ agents: await team.statuses() });
  });

  router.post('/api/agents', async (req, res) => {
    const body = newAgent.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    if (await store.agents.byEmail(body.data.email)) return res.status(409).json({ error: 'invalid', message: 'An agent with this email already exists.' });
    const created = await store.agents.create({ email: body.data.email, name: body.data.name, role: body.data.role, passwordHash: await hashPassword(body.data.password) });
    team.changed();
    res.status(201).json({ agent: (await team.statuses()).find((a) => a.id === created.id) });
  });

  router.patch('/api/agents/:id', async (req: AuthedRequest, res) => {
    const body = agentPatch.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const id = String(req.params.id);
    if (id === req.agent?.id && (body.data.active === false || (body.data.role && body.data.role !== 'admin'))) {
      return res.status(400).json({ error: 'invalid', message: 'You cannot deactivate yourself or give up your own admin role.' });
    }
    if (Object.keys(body.data).length === 0) return res.status(400).json({ error: 'invalid', message: 'Nothing to change: give name, role, active or limit.' });
    const { limit, active, ...rest } = body.data;
    const found = await store.agents.update(id, { ...rest, ...(active !== undefined && { active }), ...(limit !== undefined && { maxConversations: limit }) });
    if (!found) return res.status(404).json({ error: 'not_found', message: 'No such agent.' });
    if (active === false) {
      await revokeAgent(id, { endSessions: true });
      await team.state.forceOffline(id);
    } else if (rest.role !== undefined) await revokeAgent(id, { endSessions: false });
    if (rest.name !== undefined) {
      const renamed = await store.agents.get(id);
      if (renamed) await conversations.profiles.changed(renamed); // visitors they are with see the new name
    }
    team.changed();
    res.json({ agent: (await team.statuses()).find((a) => a.id === id) });
  });

  router.post('/api/agents/:id/password', async (req, res) => {
    const body = z.object({ password }).safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const id = String(req.params.id);
    if (!(await store.agents.update(id, { passwordHash: await hashPassword(body.data.password) }))) return res.status(404).json({ error: 'not_found', message: 'No such agent.' });
    await revokeAgent(id, { endSessions: true }); // a reset logs the agent out everywhere, live sockets included
    res.status(204).end();
  });

  router.get('/api/settings', (_req, res) => {
    res.json(team.settings());
  });

  router.put('/api/settings', async (req, res) => {
    const body = settingsPatch.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const saved: TeamSettings = await team.updateSettings(body.data as Partial<TeamSettings>);
    void conversations.routing.route();
    conversations.announceQueue();
    res.json(saved);
  });

  router.get('/api/kb', (_req, res) => {
    res.json({
      entries: knowledge.entries().map((e) => ({ id: e.id, locale: e.locale, questions: e.questions, tags: e.tags, file: kbPath(e.file) })),
      issues: knowledge.issues().map((i) => ({ ...i, file: kbPath(i.file) })),
    });
  });

  router.post('/api/kb/try', (req, res) => {
    const body = tryBody.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const a = knowledge.decide(body.data.q, body.data.locale as KbTryResult['locale'] | undefined);
    const hits = conversations.agents.kbSearch(body.data.q, body.data.locale as KbTryResult['locale'] | undefined);
    const result: KbTryResult = {
      decision: a.decision,
      locale: a.locale,
      entryId: a.entry?.id ?? null,
      score: a.score,
      candidates: hits.map((h) => ({ id: h.id, title: h.title, score: h.score })),
    };
    res.json(result);
  });

  router.get('/api/kb/gaps', async (_req, res) => {
    const gaps: UnansweredGap[] = (await store.unanswered.groups(100)).map((g) => {
      const locale = (LOCALES as readonly string[]).includes(g.locale) ? (g.locale as Locale) : undefined;
      // the entry the bot answers with now, or the first one it offers: weaker matches are left out
      const a = knowledge.answer(g.example, locale);
      const top = a.decision === 'answer' ? a.entry : a.decision === 'human' ? null : (a.suggestions[0] ?? null);
      const closest = top && top.locale === locale
        ? { id: top.id, title: top.questions[0] ?? top.id, file: `${top.locale}/${top.id}.md`, score: a.score }
        : null;
      return { ...g, locale: locale ?? 'en', closest };
    });
    res.json({ gaps });
  });

  return router;
}
