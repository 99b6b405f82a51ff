// Files for the attachment tests, made here so every byte is known: a PNG, a JPEG photo with
// EXIF (GPS position and orientation) spliced in, a PDF, and uploads like the widget's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ROOT } from './server.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `width`×`height` PNG: a diagonal gradient in `rgb`, with a text chunk (metadata the server should drop). */
export function png(width = 64, height = 48, rgb: [number, number, number] = [11, 87, 208], text = 'Author\0Sara at 35.6892N 51.3890E'): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const f = (x + y) / (width + height);
      raw[row + 1 + x * 3] = Math.round(rgb[0] * (1 - f) + 255 * f);
      raw[row + 2 + x * 3] = Math.round(rgb[1] * (1 - f) + 255 * f);
      raw[row + 3 + x * 3] = Math.round(rgb[2] * (1 - f) + 255 * f);
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, pngChunk('IHDR', ihdr), pngChunk('tEXt', Buffer.from(text, 'latin1')), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The fixture photo (a parcel, 480×360, no metadata). */
export function boxJpeg(): Buffer {
  return readFileSync(join(ROOT, 'test/fixtures/files/box.jpg'));
}

export const GPS_MARK = 'GPS-35.6892N';

/**
 * `jpeg` with an EXIF block right after SOI: IFD0 with Orientation and a GPS IFD (Tehran's
 * latitude), plus a camera serial as text. The server must drop all of it but the orientation.
 */
export function withExif(jpeg: Buffer, orientation = 6): Buffer {
  // Big-endian TIFF: header (8) | IFD0: 3 entries (2 + 36 + 4) | GPS IFD: 2 entries (2 + 24 + 4) | data
  const t = Buffer.alloc(8 + 42 + 30 + 24 + 32);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  let o = 8;
  t.writeUInt16BE(3, o);
  o += 2;
  const entry = (tag: number, type: number, count: number, value: number, short = false) => {
    t.writeUInt16BE(tag, o);
    t.writeUInt16BE(type, o + 2);
    t.writeUInt32BE(count, o + 4);
    if (short) t.writeUInt16BE(value, o + 8);
    else t.writeUInt32BE(value, o + 8);
    o += 12;
  };
  const gpsIfd = 8 + 42;
  const rationals = gpsIfd + 30;
  const serial = rationals + 24;
  entry(0x0112, 3, 1, orientation, true); // Orientation
  entry(0xa431, 2, 32, serial); // BodySerialNumber (ASCII)
  entry(0x8825, 4, 1, gpsIfd); // GPSInfo
  t.writeUInt32BE(0, o); // no next IFD
  o = gpsIfd;
  t.writeUInt16BE(2, o);
  o += 2;
  t.writeUInt16BE(0x0001, o); // GPSLatitudeRef
  t.writeUInt16BE(2, o + 2);
  t.writeUInt32BE(2, o + 4);
  t.write('N\0', o + 8, 'latin1');
  o += 12;
  entry(0x0002, 5, 3, rationals); // GPSLatitude
  t.writeUInt32BE(0, o);
  [35, 1, 41, 1, 2112, 100].forEach((v, i) => t.writeUInt32BE(v, rationals + i * 4));
  t.write(`${GPS_MARK} SN-0042\0`.padEnd(32, '\0'), serial, 'latin1');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

/** A one-page PDF that says `text` (offsets computed, so viewers open it without repair). */
export function pdf(text = 'Invoice 1042 — paid'): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '-').replace(/[()\\]/g, '');
  const stream = `BT /F1 24 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Uploads like the widget and the console do: multipart, `clientId` first, then the file. */
export async function upload(url: string, file: { bytes: Buffer; name: string; type?: string }, opts: { token?: string; cookie?: string; clientId?: string; origin?: string } = {}): Promise<Response> {
  const form = new FormData();
  form.append('clientId', opts.clientId ?? crypto.randomUUID());
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  return fetch(url, { method: 'POST', body: form, headers });
}
