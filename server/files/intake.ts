// An upload as it arrives: multipart streamed with busboy to a staging file (never held whole
// in memory, never on the socket), cut off at the size limit, its type read from its bytes
// with file-type (the name and the declared type are ignored), images stripped of metadata,
// then stored by content hash. Whatever goes wrong, the staged file is removed.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import busboy from 'busboy';
import { fileTypeFromBuffer } from 'file-type';
import type { UploadErrorCode, UploadType } from '../../protocol/index.ts';
import type { StoredFile } from '../conversations/model.ts';
import { cleanImage, UnreadableImage } from './images.ts';
import type { FileStorage } from './storage.ts';

export interface UploadPolicy {
  maxBytes: number;
  types: readonly UploadType[];
}

/** A refused upload: the HTTP status and what to tell the sender. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const EXTENSIONS: Record<UploadType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
};
const LABEL: Record<UploadType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF', 'application/pdf': 'PDF' };

/** file-type needs at most this much of the start of a file. */
const SNIFF_BYTES = 4100;

export function describeTypes(types: readonly UploadType[]): string {
  return types.map((t) => LABEL[t]).join(', ');
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * The sender's name without paths, control or direction characters ("photo\u202Egnp.exe"),
 * at most 120 characters, ending in an extension of its real type: a PDF called "x.html" is
 * stored as "x.html.pdf", so a downloaded copy never opens as a web page.
 */
export function cleanName(raw: string | undefined, mime: UploadType): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim().replace(/^\.+/, '');
  const exts = EXTENSIONS[mime];
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !exts.includes(ext)) name = `${name || 'file'}.${exts[0]}`;
  if (name.length > 120) {
    const tail = name.slice(name.lastIndexOf('.'));
    name = name.slice(0, 120 - tail.length) + tail;
  }
  return name;
}

/** Reads one multipart upload: the fields before the file, and the file, checked and stored. */
export async function receiveUpload(req: IncomingMessage, policy: UploadPolicy, storage: FileStorage): Promise<{ fields: Record<string, string>; file: StoredFile }> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) throw new UploadRefused(400, 'invalid', 'Send the file as multipart/form-data.');
  const tooLarge = () => new UploadRefused(413, 'too_large', `The file is larger than ${megabytes(policy.maxBytes)}.`);
  // Far too large by its own account: refused before a byte is read.
  if (Number(req.headers['content-length']) > policy.maxBytes + 1024 * 1024) throw tooLarge();

  const staged = join(storage.stagingDir, randomUUID());
  let wrote = false;
  try {
    const got = await stream(req, policy.maxBytes, staged, () => (wrote = true));
    if (got.truncated) throw tooLarge();
    if (!got.size) throw new UploadRefused(400, 'invalid', 'No file in the upload.');
    const type = await fileTypeFromBuffer(got.head);
    const mime = type?.mime as UploadType | undefined;
    if (!mime || !policy.types.includes(mime)) throw new UploadRefused(415, 'unsupported_type', `This kind of file cannot be sent. Allowed: ${describeTypes(policy.types)}.`);
    let { hash, size } = got;
    let width: number | null = null;
    let height: number | null = null;
    if (mime.startsWith('image/')) {
      let clean;
      try {
        clean = cleanImage(await readFile(staged), mime);
      } catch (err) {
        if (err instanceof UnreadableImage) throw new UploadRefused(415, 'unsupported_type', 'This image could not be read.');
        throw err;
      }
      width = clean.width;
      height = clean.height;
      if (clean.data.length !== size) {
        await writeFile(staged, clean.data);
        size = clean.data.length;
        hash = createHash('sha256').update(clean.data).digest('hex');
      }
    }
    await storage.put(hash, staged);
    wrote = false;
    return {
      fields: got.fields,
      file: { hash, size, mime, name: cleanName(got.filename, mime), kind: mime.startsWith('image/') ? 'image' : 'file', width, height },
    };
  } finally {
    if (wrote) await unlink(staged).catch(() => {});
  }
}

interface Streamed {
  fields: Record<string, string>;
  filename: string | undefined;
  head: Buffer;
  size: number;
  hash: string;
  truncated: boolean;
}

/** Streams the part named `file` to `path` (hashing and keeping its first bytes), collecting the small fields before it. */
function stream(req: IncomingMessage, maxBytes: number, path: string, onCreate: () => void): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 4, fieldSize: 200, parts: 6 } });
    } catch {
      return reject(new UploadRefused(400, 'invalid', 'Malformed multipart upload.'));
    }
    const out: Streamed = { fields: {}, filename: undefined, head: Buffer.alloc(0), size: 0, hash: '', truncated: false };
    const hash = createHash('sha256');
    const heads: Buffer[] = [];
    let headBytes = 0;
    let writing: Promise<void> | null = null;
    let sink: ReturnType<typeof createWriteStream> | null = null;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume(); // drain what is still coming, so the answer can be read
      // The staged file is removed by the caller: only once nothing writes to it any more.
      if (!sink || sink.closed) return reject(err);
      sink.once('close', () => reject(err));
      sink.destroy();
    };

    bb.on('field', (name, value) => {
      if (name.length <= 40) out.fields[name] = value;
    });
    bb.on('file', (name, file, info) => {
      if (name !== 'file' || writing) return file.resume();
      out.filename = info.filename;
      onCreate();
      const to = (sink = createWriteStream(path, { flags: 'wx' }));
      writing = new Promise((done, broke) => {
        to.on('finish', () => done());
        to.on('error', broke);
        file.on('error', broke);
      });
      writing.catch(() => {}); // observed below
      file.on('data', (chunk: Buffer) => {
        out.size += chunk.length;
        hash.update(chunk);
        if (headBytes < SNIFF_BYTES) {
          heads.push(chunk);
          headBytes += chunk.length;
        }
      });
      file.on('limit', () => {
        out.truncated = true;
      });
      file.pipe(to);
    });
    bb.on('error', (err: Error) => fail(new UploadRefused(400, 'invalid', `Malformed multipart upload: ${err.message}`)));
    bb.on('close', () => {
      void (async () => {
        try {
          if (writing) await writing;
        } catch (err) {
          return fail(err as Error);
        }
        if (failed) return;
        out.head = Buffer.concat(heads).subarray(0, SNIFF_BYTES);
        out.hash = hash.digest('hex');
        resolve(out);
      })();
    });
    // The sender gave up (cancelled, closed the tab): nothing of it stays.
    req.on('close', () => {
      if (!req.complete) fail(new UploadRefused(400, 'invalid', 'The upload was cancelled.'));
    });
    req.pipe(bb);
  });
}

/**
 * A file that arrived whole (an email attachment), under the same rules as an upload: its type
 * from its bytes, the size limit, images stripped of metadata; null when the rules refuse it.
 */
export async function storeBuffer(data: Buffer, filename: string | undefined, policy: UploadPolicy, storage: FileStorage): Promise<StoredFile | null> {
  if (data.length === 0 || data.length > policy.maxBytes) return null;
  const mime = (await fileTypeFromBuffer(data.subarray(0, SNIFF_BYTES)))?.mime as UploadType | undefined;
  if (!mime || !policy.types.includes(mime)) return null;
  let bytes = data;
  let width: number | null = null;
  let height: number | null = null;
  if (mime.startsWith('image/')) {
    try {
      const clean = cleanImage(data, mime);
      bytes = clean.data;
      width = clean.width;
      height = clean.height;
    } catch (err) {
      if (err instanceof UnreadableImage) return null;
      throw err;
    }
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const staged = join(storage.stagingDir, randomUUID());
  await writeFile(staged, bytes, { flag: 'wx' });
  try {
    await storage.put(hash, staged);
  } catch (err) {
    await unlink(staged).catch(() => {});
    throw err;
  }
  return { hash, size: bytes.length, mime, name: cleanName(filename, mime), kind: mime.startsWith('image/') ? 'image' : 'file', width, height };
}
