// Files in conversations against a real server: uploads over multipart HTTP become messages,
// the type is read from the bytes, metadata is stripped, sizes are capped, files are served
// only to their conversation's visitor and to agents, with headers that run nothing, and
// nothing of a refused, cancelled or orphaned upload stays behind.
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/index.ts';
import { sweepFiles } from '../../server/files/sweep.ts';
import { connectVisitor, next, ok, signInAgent, type TestVisitor } from '../helpers/clients.ts';
import { boxJpeg, GPS_MARK, pdf, png, upload, withExif } from '../helpers/files.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const closers: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { PORSAN_UPLOAD_MAX_MB: '1' } });
});
afterAll(async () => {
  for (const c of closers) c.disconnect();
  await server.close();
});

async function visitor(): Promise<TestVisitor> {
  const v = await connectVisitor(server.url);
  closers.push(v.socket);
  return v;
}

const filesDir = () => join(server.config.dataDir, 'files');
/** Stored blobs and staged uploads on disk. */
function onDisk(): { stored: string[]; staged: string[] } {
  const dir = filesDir();
  const stored = readdirSync(dir).filter((d) => /^[0-9a-f]{2}$/.test(d)).flatMap((d) => readdirSync(join(dir, d)));
  return { stored, staged: existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : [] };
}

describe('a visitor sends a photo', () => {
  it('becomes a message with the file’s metadata, in a new conversation, and every tab hears of it', async () => {
    const v = await visitor();
    const heard = next<ChatMessage>(v.socket, 'message', (m) => m.meta?.type === 'attachment');
    const res = await upload(`${server.url}/visitor/files`, { bytes: png(64, 48), name: 'parcel.png', type: 'image/png' }, { token: v.token, clientId: 'photo-1' });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: ChatMessage };
    expect(message).toMatchObject({ author: 'visitor', clientId: 'photo-1', text: 'parcel.png', meta: { type: 'attachment', file: { name: 'parcel.png', mime: 'image/png', kind: 'image', width: 64, height: 48 } } });
    expect((await heard).id).toBe(message.id);
    // a retry of the same upload (same client id) is the same message, not a second file
    const again = await upload(`${server.url}/visitor/files`, { bytes: png(64, 48), name: 'parcel.png' }, { token: v.token, clientId: 'photo-1' });
    expect(((await again.json()) as { message: ChatMessage }).message.id).toBe(message.id);
    const sync = await ok<{ messages: ChatMessage[] }>(v.socket, 'sync', { conversationId: message.conversationId, afterSeq: 0 });
    expect(sync.messages.filter((m) => m.meta?.type === 'attachment')).toHaveLength(1);
  });

  it('is stripped of EXIF (GPS position, serial number) but keeps its orientation; a PNG loses its text chunks', async () => {
    const v = await visitor();
    const photo = withExif(boxJpeg(), 6);
    expect(photo.includes(GPS_MARK)).toBe(true);
    const res = await upload(`${server.url}/visitor/files`, { bytes: photo, name: 'IMG_0042.JPG', type: 'image/jpeg' }, { token: v.token });
    const { message } = (await res.json()) as { message: ChatMessage };
    const file = message.meta?.type === 'attachment' ? message.meta.file : undefined;
    // orientation 6 (turned 90°): displayed as 360 wide, 480 high
    expect(file).toMatchObject({ mime: 'image/jpeg', width: 360, height: 480 });
    const stored = Buffer.from(await (await fetch(`${server.url}/visitor/files/${file!.id}`, { headers: { authorization: `Bearer ${v.token}` } })).arrayBuffer());
    expect(stored.includes(GPS_MARK)).toBe(false);
    expect(stored.includes(Buffer.from('SN-0042'))).toBe(false);
    // the orientation's own small EXIF block: tag 0x0112 = 6
    expect(stored.subarray(0, 4).equals(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(stored.includes(Buffer.from([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06]))).toBe(true);
    // the pixels are untouched: everything from the first quantization table on is the same
    const dqt = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xdb])));
    expect(dqt(stored).equals(dqt(boxJpeg()))).toBe(true);

    const pngRes = await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'shot.png' }, { token: v.token });
    const pngMsg = ((await pngRes.json()) as { message: ChatMessage }).message;
    const pngId = pngMsg.meta?.type === 'attachment' ? pngMsg.meta.file.id : '';
    const pngStored = Buffer.from(await (await fetch(`${server.url}/visitor/files/${pngId}`, { headers: { authorization: `Bearer ${v.token}` } })).arrayBuffer());
    expect(pngStored.includes(Buffer.from('tEXt'))).toBe(false);
    expect(pngStored.includes(Buffer.from('35.6892N'))).toBe(false);
  });
});

describe('what is refused', () => {
  it('HTML bytes under a .png name and image/png type: 415, and nothing stays on disk', async () => {
    const v = await visitor();
    const before = onDisk();
    const res = await upload(`${server.url}/visitor/files`, { bytes: Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>'), name: 'cute-cat.png', type: 'image/png' }, { token: v.token });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_type', message: expect.stringContaining('JPEG, PNG, WebP, GIF, PDF') });
    expect(onDisk()).toEqual(before);
  });

  it('an SVG (scripts inside an image) is not an accepted type either', async () => {
    const v = await visitor();
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
    expect((await upload(`${server.url}/visitor/files`, { bytes: svg, name: 'logo.svg', type: 'image/svg+xml' }, { token: v.token })).status).toBe(415);
  });

  it('a file over PORSAN_UPLOAD_MAX_MB: 413 saying the limit, and nothing stays on disk', async () => {
    const v = await visitor();
    const before = onDisk();
    const big = Buffer.concat([png(), Buffer.alloc(1024 * 1024 + 10)]);
    const res = await upload(`${server.url}/visitor/files`, { bytes: big, name: 'huge.png' }, { token: v.token });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large', message: 'The file is larger than 1 MB.', maxBytes: 1024 * 1024 });
    expect(onDisk()).toEqual(before);
  });

  it('no token, or a token nobody has: 401; a site not allowed: 403', async () => {
    expect((await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'a.png' })).status).toBe(401);
    expect((await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'a.png' }, { token: 'not-a-real-token' })).status).toBe(401);
    const strict = await startTestServer({ env: { PORSAN_ALLOWED_ORIGINS: 'https://shop.example' } });
    try {
      const v = await connectVisitor(strict.url);
      closers.push(v.socket);
      expect((await upload(`${strict.url}/visitor/files`, { bytes: png(), name: 'a.png' }, { token: v.token, origin: 'https://evil.example' })).status).toBe(403);
      const allowed = await upload(`${strict.url}/visitor/files`, { bytes: png(), name: 'a.png' }, { token: v.token, origin: 'https://shop.example' });
      expect(allowed.status).toBe(201);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    } finally {
      await strict.close();
    }
  });

  it('a cancelled upload leaves no staged file behind', async () => {
    const v = await visitor();
    const boundary = 'xPorsanBoundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\ncancel-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/visitor/files`, { method: 'POST', headers: { authorization: `Bearer ${v.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 900_000) } });
      req.on('error', () => resolve());
      req.write(head);
      req.write(pdf());
      req.write(Buffer.alloc(200_000, 0x20));
      // the staged file exists while the upload runs, then the sender gives up
      const wait = setInterval(() => {
        if (onDisk().staged.length > 0) {
          clearInterval(wait);
          req.destroy();
          resolve();
        }
      }, 20);
    });
    const deadline = Date.now() + 5000;
    while (onDisk().staged.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(onDisk().staged).toEqual([]);
  });
});

describe('who may fetch a file', () => {
  it('its visitor and agents; another visitor gets 404 as for a file that does not exist; served so that nothing runs', async () => {
    const owner = await visitor();
    const stranger = await visitor();
    const res = await upload(`${server.url}/visitor/files`, { bytes: png(), name: 'mine.png' }, { token: owner.token });
    const { message } = (await res.json()) as { message: ChatMessage };
    const id = message.meta?.type === 'attachment' ? message.meta.file.id : '';
    const as = (token: string) => fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await as(owner.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(mine.headers.get('content-disposition')).toBe(`inline; filename="mine.png"; filename*=UTF-8''mine.png`);
    expect((await as(stranger.token)).status).toBe(404);
    expect((await fetch(`${server.url}/visitor/files/no-such-id`, { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(404);
    // the link alone is nothing: no token, no file
    expect((await fetch(`${server.url}/visitor/files/${id}`)).status).toBe(401);
    // agents, with their session
    const agent = await signInAgent(server, 'FileReader');
    closers.push(agent.socket);
    const asAgent = await fetch(`${server.url}/api/files/${id}`, { headers: { cookie: agent.cookie } });
    expect(asAgent.status).toBe(200);
    expect(Buffer.from(await asAgent.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect((await fetch(`${server.url}/api/files/${id}`)).status).toBe(401);
  });
});

describe('an agent sends a PDF', () => {
  it('only in a conversation they own; the visitor downloads it as an attachment', async () => {
    const v = await visitor();
    await ok(v.socket, 'send', { clientId: 'q1', text: 'my invoice please' });
    const { conversation } = await ok<{ conversation: { id: string } }>(v.socket, 'handoff', {});
    const owner = await signInAgent(server, 'PdfOwner');
    const other = await signInAgent(server, 'PdfOther');
    closers.push(owner.socket, other.socket);
    const url = `${server.url}/api/conversations/${conversation.id}/files`;
    // not claimed yet: nobody owns it
    expect((await upload(url, { bytes: pdf(), name: 'invoice.pdf' }, { cookie: owner.cookie })).status).toBe(403);
    await ok(owner.socket, 'claim', { conversationId: conversation.id });
    expect((await upload(url, { bytes: pdf(), name: 'invoice.pdf' }, { cookie: other.cookie })).status).toBe(403);
    const heard = next<ChatMessage>(v.socket, 'message', (m) => m.meta?.type === 'attachment');
    const res = await upload(url, { bytes: pdf(), name: 'invoice.html', type: 'text/html' }, { cookie: owner.cookie });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: ChatMessage };
    // a PDF named .html is stored as a PDF, with a name that opens as one
    expect(message).toMatchObject({ author: 'agent', agentName: 'PdfOwner', meta: { type: 'attachment', file: { name: 'invoice.html.pdf', mime: 'application/pdf', kind: 'file' } } });
    const got = await heard;
    const id = got.meta?.type === 'attachment' ? got.meta.file.id : '';
    const dl = await fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${v.token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.html.pdf"/);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf())).toBe(true);
  });
});

describe('the orphan sweep', () => {
  it('removes files whose message never came and bytes nobody refers to; keeps the rest', async () => {
    const v = await visitor();
    const kept = await upload(`${server.url}/visitor/files`, { bytes: png(10, 10), name: 'kept.png' }, { token: v.token });
    expect(kept.status).toBe(201);
    // an orphan: stored bytes and a row whose message was never written (the process died in between)
    const conv = (await server.porsan.store.conversations.currentOf(v.welcome.visitorId))!;
    const orphanBytes = png(12, 12, [200, 0, 0]);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(orphanBytes).digest('hex');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const staged = join(filesDir(), 'tmp', 'orphan');
    writeFileSync(staged, orphanBytes);
    await server.porsan.files.put(hash, staged);
    await server.porsan.store.attachments.create({ conversationId: conv.id, uploadedBy: 'visitor', hash, name: 'o.png', mime: 'image/png', size: orphanBytes.length, kind: 'image', width: 12, height: 12 });
    mkdirSync(join(filesDir(), 'tmp'), { recursive: true });
    writeFileSync(join(filesDir(), 'tmp', 'half-upload'), 'x');
    const before = onDisk();
    expect(before.stored).toContain(hash);
    const swept = await sweepFiles(server.porsan.files, server.porsan.store.attachments, 0, Date.now() + 1000);
    expect(swept.rows).toBe(1);
    expect(swept.staged).toBe(1);
    expect(swept.stored).toBeGreaterThanOrEqual(1);
    const after = onDisk();
    expect(after.stored).not.toContain(hash);
    expect(after.staged).toEqual([]);
    // every file that is in a message is still served
    const { message } = (await kept.json()) as { message: ChatMessage };
    const id = message.meta?.type === 'attachment' ? message.meta.file.id : '';
    expect((await fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${v.token}` } })).status).toBe(200);
  });
});
