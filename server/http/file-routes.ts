// Files in conversations over HTTP: uploads (multipart, streamed; see files/intake.ts) and
// downloads, for visitors (behind visitor-gate.ts, by their token) and for agents (behind
// authorize.ts, by their session). Who may fetch which file is the domain's decision.
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.ts';
import { DomainError } from '../conversations/errors.ts';
import type { StoredFile } from '../conversations/model.ts';
import type { Conversations } from '../conversations/service.ts';
import { receiveUpload, UploadRefused } from '../files/intake.ts';
import { sendStoredFile } from '../files/serve.ts';
import type { FileStorage } from '../files/storage.ts';
import type { Logger } from '../log.ts';
import type { Limits } from '../security/limits.ts';
import { clientAddress } from '../security/network.ts';
import { visitorQuota } from '../security/visitor-quota.ts';
import type { AuthedRequest } from './authorize.ts';
import type { VisitorRequest } from './visitor-gate.ts';

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, already_taken: 409, wrong_state: 409, rate_limited: 429, internal: 500 };
const CLIENT_ID = /^[\w-]{1,100}$/;

export interface FileDeps {
  config: Config;
  conversations: Conversations;
  storage: FileStorage;
  limits: Limits;
  log: Logger;
}

export function fileRoutes({ config, conversations, storage, limits, log }: FileDeps): Router {
  const router = Router();
  const policy = config.uploads;

  /** Runs a handler, answering refusals with their status and a sentence. */
  const answer = (run: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      await run(req, res);
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof UploadRefused) {
        if (err.status === 413) res.setHeader('Connection', 'close');
        return res.status(err.status).json({ error: err.code, message: err.message, ...(err.code === 'too_large' && { maxBytes: policy.maxBytes }) });
      }
      if (err instanceof DomainError) {
        if (err.retryAfterSeconds) res.setHeader('Retry-After', String(err.retryAfterSeconds));
        return res.status(STATUS[err.code] ?? 400).json({ error: err.code, message: err.message, ...(err.retryAfterSeconds && { retryAfterSeconds: err.retryAfterSeconds }) });
      }
      log.error({ err }, 'file request failed');
      res.status(500).json({ error: 'internal', message: 'Internal error.' });
    }
  };

  const upload = async (req: Request): Promise<{ clientId: string; file: StoredFile }> => {
    const { fields, file } = await receiveUpload(req, policy, storage);
    const clientId = fields.clientId ?? '';
    if (!CLIENT_ID.test(clientId)) throw new UploadRefused(400, 'invalid', 'clientId: letters, digits, _ and - only (send it before the file).');
    return { clientId, file };
  };

  // ---------------------------------------------------------------- the console
  router.get('/api/uploads', (_req, res) => {
    res.json(policy);
  });

  router.post(
    '/api/conversations/:id/files',
    answer(async (req: AuthedRequest, res) => {
      const agent = req.agent!;
      const id = String(req.params.id);
      // Before a byte of the file is read: only the owner may send in this conversation.
      await conversations.attachments.assertAgentMayWrite(agent, id);
      const { clientId, file } = await upload(req);
      res.status(201).json({ message: await conversations.attachments.fromAgent(agent, id, clientId, file) });
    }),
  );

  router.get(
    '/api/files/:id',
    answer(async (req, res) => sendStoredFile(req, res, storage, await conversations.attachments.forAgent(String(req.params.id)))),
  );

  // ---------------------------------------------------------------- the widget
  router.post(
    '/visitor/files',
    answer(async (req: VisitorRequest, res) => {
      const { clientId, file } = await upload(req);
      const quota = visitorQuota(limits, clientAddress(req, config.trustProxy));
      res.status(201).json({ message: await conversations.attachments.fromVisitor(req.visitor!, clientId, file, quota) });
    }),
  );

  router.get(
    '/visitor/files/:id',
    answer(async (req: VisitorRequest, res) => sendStoredFile(req, res, storage, await conversations.attachments.forVisitor(req.visitor!, String(req.params.id)))),
  );

  return router;
}
