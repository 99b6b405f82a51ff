// Each person's own profile (any signed-in person): display name and picture. Visitors see both
// (the widget's header), so a change reaches the conversations they are in at once. Pictures are
// served at /avatars/<id> to anyone: widgets on customers' sites load them.
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Profile } from '../../protocol/index.ts';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, LIMITS } from '../../protocol/index.ts';
import type { Conversations } from '../conversations/service.ts';
import { avatarPath, type Agent } from '../conversations/model.ts';
import type { Team } from '../conversations/team.ts';
import type { AgentSessions } from '../security/sessions.ts';
import type { Store } from '../store/index.ts';
import type { AuthedRequest } from './authorize.ts';
import { widgetHeaders } from './headers.ts';
import { invalid } from './respond.ts';

const patch = z.object({ name: z.string().trim().min(1).max(LIMITS.nameChars) });

/** The image type its first bytes say (never what the client claims alone). */
export function sniffImage(b: Buffer): (typeof AVATAR_TYPES)[number] | null {
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface ProfileDeps {
  store: Store;
  conversations: Conversations;
  team: Team;
  sessions: AgentSessions;
}

export function profileRoutes({ store, conversations, sessions }: ProfileDeps): Router {
  const router = Router();
  const view = (a: Agent): Profile => ({ id: a.id, email: a.email, name: a.name, avatar: avatarPath(a) });
  const changed = async (req: AuthedRequest, res: Response) => {
    const me = await store.agents.get(req.agent!.id);
    if (!me) return res.status(404).json({ error: 'not_found', message: 'No such person.' });
    sessions.invalidate(); // sockets pick up the new name with their next event
    await conversations.profiles.changed(me);
    res.json(view(me));
  };

  router.get('/api/profile', async (req: AuthedRequest, res) => {
    const me = await store.agents.get(req.agent!.id);
    if (!me) return res.status(404).json({ error: 'not_found', message: 'No such person.' });
    res.json(view(me));
  });

  router.patch('/api/profile', async (req: AuthedRequest, res) => {
    const body = patch.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    await store.agents.update(req.agent!.id, { name: body.data.name });
    await changed(req, res);
  });

  router.put('/api/profile/avatar', express.raw({ type: () => true, limit: AVATAR_MAX_BYTES }), async (req: AuthedRequest, res) => {
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const type = sniffImage(data);
    if (!type) return res.status(400).json({ error: 'invalid', message: `A picture must be a PNG, JPEG or WebP image of at most ${AVATAR_MAX_BYTES / 1024} KB.` });
    await store.avatars.set(req.agent!.id, type, data);
    await changed(req, res);
  });

  router.delete('/api/profile/avatar', async (req: AuthedRequest, res) => {
    await store.avatars.remove(req.agent!.id);
    await changed(req, res);
  });

  return router;
}

/** GET /avatars/:id — public; cached for good under its versioned URL. */
export function avatarRoutes({ store }: { store: Store }): Router {
  const router = Router();
  router.get('/avatars/:id', widgetHeaders, async (req, res) => {
    const found = await store.avatars.get(String(req.params.id).slice(0, 100));
    if (!found) return res.status(404).json({ error: 'not_found', message: 'No picture.' });
    res.setHeader('Cache-Control', req.query.v === found.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.type(found.mime).send(found.data);
  });
  return router;
}
