// Sends a stored file so that nothing in it can run: its checked type with nosniff, a
// Content-Security-Policy that allows nothing (and sandboxes it, should it be opened as a
// page), Content-Disposition inline only for images (PDFs and the rest are downloads), and
// private caching (the bytes under an id never change).
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Attachment } from '../conversations/model.ts';
import type { FileStorage } from './storage.ts';

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;
}

export async function sendStoredFile(req: Request, res: Response, storage: FileStorage, a: Attachment): Promise<void> {
  const etag = `"${a.hash}"`;
  const inline = a.kind === 'image' && req.query.download === undefined;
  res.setHeader('Content-Type', a.mime);
  res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', a.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  res.setHeader('Cache-Control', 'private, max-age=86400');
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  const found = await storage.open(a.hash);
  if (!found) {
    res.removeHeader('Content-Disposition');
    res.status(404).json({ error: 'not_found', message: 'The file is no longer stored.' });
    return;
  }
  res.setHeader('Content-Length', String(found.size));
  await pipeline(found.stream, res).catch(() => {
    // the reader went away: nothing to answer
  });
}
