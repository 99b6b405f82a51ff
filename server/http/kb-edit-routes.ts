// Editing FAQ entries from the console (editors and admins; security/access.ts). The files stay
// the source of truth: a save writes the entry's markdown file (server/kb-files/), the hot reload
// applies it, and the answer waits a moment for that reload so the editor can try it at once.
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { KbConflict, KbEntryDraft, KbEntryFile, KbPreview, KbSaved } from '../../protocol/index.ts';
import { LIMITS, LOCALES } from '../../protocol/index.ts';
import type { KnowledgeService } from '../knowledge/index.ts';
import { checkEntry, ConflictError, EntryFiles, InvalidFileError, type EntryOnDisk } from '../kb-files/entries.ts';
import { nextReload } from '../kb-files/reload.ts';
import { markdownToRich } from '../text/markdown.ts';
import { invalid } from './respond.ts';

const draft = z.object({
  id: z.string().trim().min(1).max(100),
  locale: z.enum(LOCALES as [string, ...string[]]).transform((l) => l as KbEntryDraft['locale']),
  questions: z.array(z.string().trim().min(1).max(300)).min(1).max(30),
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  answer: z.string().trim().min(1).max(LIMITS.messageChars),
});
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

export function kbEditRoutes({ knowledge, kbDir, watching }: { knowledge: KnowledgeService; kbDir: string; watching: boolean }): Router {
  const router = Router();
  const files = new EntryFiles(kbDir);
  const asFile = (e: EntryOnDisk): KbEntryFile => ({ entry: e.entry, hash: e.hash, file: e.file });
  const conflict = (res: Response, err: ConflictError) => res.status(409).json({ error: 'conflict', message: err.message, current: err.current && asFile(err.current) } satisfies KbConflict);
  const waitReload = () => nextReload(knowledge, watching);

  router.get('/api/kb/entries/:id', async (req, res) => {
    try {
      const found = await files.read(String(req.params.id));
      if (!found) return res.status(404).json({ error: 'not_found', message: 'No such entry.' });
      res.json(asFile(found));
    } catch (err) {
      if (!(err instanceof InvalidFileError)) throw err;
      res.status(422).json({ error: 'invalid', message: `${err.message}. Fix the file itself (npx porsan kb check).` });
    }
  });

  router.post('/api/kb/preview', (req, res) => {
    const body = z.object({ entry: draft }).safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { text, issues } = checkEntry(body.data.entry);
    res.json({ issues, rich: markdownToRich(body.data.entry.answer), text } satisfies KbPreview);
  });

  /** Validates, then writes; answers 400 with the loader's issues, 409 on a conflict. */
  const save = async (res: Response, entry: KbEntryDraft, baseHash: string | null, created: boolean) => {
    const { text, issues } = checkEntry(entry);
    if (issues.length) return res.status(400).json({ error: 'invalid', message: issues.map((i) => i.message).join('; '), issues });
    const reloaded = waitReload();
    try {
      const written = await files.write(entry.locale, entry.id, text, baseHash);
      res.status(created ? 201 : 200).json({ ...written, live: await reloaded } satisfies KbSaved);
    } catch (err) {
      if (err instanceof ConflictError) return conflict(res, err);
      throw err;
    }
  };

  router.post('/api/kb/entries', async (req, res) => {
    const body = z.object({ entry: draft }).safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { entry } = body.data;
    const other = knowledge.entry(entry.id);
    if (other) return res.status(409).json({ error: 'conflict', message: `The id ${entry.id} is already used (${other.locale}).`, current: null } satisfies KbConflict);
    await save(res, entry, null, true);
  });

  router.put('/api/kb/entries/:id', async (req, res) => {
    const body = z.object({ entry: draft, baseHash: hash }).safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { entry, baseHash } = body.data;
    if (entry.id !== String(req.params.id)) return res.status(400).json({ error: 'invalid', message: 'An entry keeps its id: create a new one and delete this one to rename it.' });
    const current = await files.read(entry.id).catch(() => null);
    if (current && current.entry.locale !== entry.locale) return res.status(400).json({ error: 'invalid', message: 'An entry keeps its language: create a new one in the other language.' });
    await save(res, entry, baseHash, false);
  });

  router.delete('/api/kb/entries/:id', async (req, res) => {
    const body = z.object({ baseHash: hash }).safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const reloaded = waitReload();
    try {
      await files.remove(String(req.params.id), body.data.baseHash);
    } catch (err) {
      if (err instanceof ConflictError) return conflict(res, err);
      throw err;
    }
    await reloaded;
    res.status(204).end();
  });

  return router;
}
