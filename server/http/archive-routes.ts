// The Conversations archive over HTTP (agents and admins; security/access.ts): a page of
// conversations for a filter, one transcript, and every transcript of a filter as CSV or JSON.
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { ArchiveFilter, ChatMessage, ConversationSummary } from '../../protocol/index.ts';
import { ARCHIVE_PAGE, LOCALES } from '../../protocol/index.ts';
import type { Conversations } from '../conversations/service.ts';
import { invalid, refusal } from './respond.ts';

const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date or an ISO 8601 time').transform((s) => new Date(s).toISOString());
const filterQuery = z.object({
  status: z.enum(['bot', 'queued', 'assigned', 'offline', 'closed']).optional(),
  agent: z.string().min(1).max(100).optional(),
  from: instant.optional(),
  to: instant.optional(),
  locale: z.enum(LOCALES as [string, ...string[]]).optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  rating: z.enum(['1', '2', '3', '4', '5', 'rated', 'unrated']).optional(),
  resolution: z.enum(['resolved', 'unresolved', 'spam']).optional(),
  q: z.string().trim().max(200).optional(),
});
const pageQuery = filterQuery.extend({ before: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).optional() });
const exportQuery = filterQuery.extend({ format: z.enum(['csv', 'json']).default('csv') });

function toFilter(q: z.infer<typeof filterQuery>): ArchiveFilter {
  return {
    ...(q.status && { status: q.status }),
    ...(q.agent && { agentId: q.agent }),
    ...(q.from && { from: q.from }),
    ...(q.to && { to: q.to }),
    ...(q.locale && { locale: q.locale as ArchiveFilter['locale'] }),
    ...(q.tag && { tag: q.tag }),
    ...(q.rating && { rating: /^\d$/.test(q.rating) ? (Number(q.rating) as 1) : (q.rating as 'rated' | 'unrated') }),
    ...(q.resolution && { resolution: q.resolution }),
    ...(q.q && { q: q.q }),
  };
}

export function archiveRoutes({ conversations }: { conversations: Conversations }): Router {
  const router = Router();

  router.get('/api/conversations', async (req, res, next) => {
    const query = pageQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    try {
      res.json(await conversations.archive.page(toFilter(query.data), query.data.before ?? null, query.data.limit ?? ARCHIVE_PAGE));
    } catch (err) {
      if (!refusal(res, err)) next(err);
    }
  });

  router.get('/api/conversations/export', async (req, res, next) => {
    const query = exportQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const { format } = query.data;
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="porsan-conversations-${day}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await (format === 'csv' ? writeCsv : writeJson)(res, conversations.archive.export(toFilter(query.data)));
      res.end();
    } catch (err) {
      if (res.headersSent) res.destroy(err as Error);
      else next(err);
    }
  });

  router.get('/api/conversations/:id', async (req, res, next) => {
    const id = z.string().min(1).max(100).safeParse(req.params.id);
    if (!id.success) return invalid(res, id.error);
    try {
      res.json(await conversations.archive.transcript(id.data));
    } catch (err) {
      if (!refusal(res, err)) next(err);
    }
  });

  return router;
}

type Transcripts = AsyncIterable<{ conversation: ConversationSummary; messages: ChatMessage[] }>;

/** Waits when the client reads slower than we write. */
function write(res: Response, chunk: string): Promise<void> | void {
  if (!res.write(chunk)) return new Promise((resolve) => res.once('drain', () => resolve()));
}

const CSV_COLUMNS = ['conversation', 'started', 'status', 'language', 'visitor', 'agent', 'tags', 'rating', 'rating_comment', 'resolution', 'seq', 'time', 'author', 'name', 'internal', 'text'];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is made plain text. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeCsv(res: Response, transcripts: Transcripts): Promise<void> {
  // A byte-order mark, so spreadsheets read Persian and Arabic as UTF-8.
  await write(res, '\uFEFF' + CSV_COLUMNS.join(',') + '\r\n');
  for await (const { conversation: c, messages } of transcripts) {
    const head = [c.id, c.createdAt, c.status, c.locale, c.visitorName, c.agentName, c.tags.join(' '), c.rating, c.ratingComment, c.resolution];
    let rows = '';
    for (const m of messages) {
      const name = m.author === 'agent' ? (m.agentName ?? '') : '';
      rows += [...head, m.seq, m.createdAt, m.author, name, m.meta?.type === 'note' ? 'yes' : '', m.text].map(csvCell).join(',') + '\r\n';
    }
    await write(res, rows);
  }
}

async function writeJson(res: Response, transcripts: Transcripts): Promise<void> {
  await write(res, '[');
  let first = true;
  for await (const { conversation, messages } of transcripts) {
    const slim = messages.map((m) => ({ seq: m.seq, author: m.author, ...(m.agentName && { name: m.agentName }), ...(m.meta?.type === 'note' && { internal: true }), text: m.text, createdAt: m.createdAt, ...(m.meta && { meta: m.meta }) }));
    await write(res, (first ? '\n' : ',\n') + JSON.stringify({ conversation, messages: slim }));
    first = false;
  }
  await write(res, '\n]\n');
}
