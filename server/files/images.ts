// Images as they are stored: metadata stripped, never re-encoded. Stripping is a walk over the
// file's segments or chunks (cheap, lossless, no image library): EXIF (with its GPS position,
// camera serials, dates), XMP, IPTC and comments go; colour profiles and the pixels stay. A
// photo's EXIF orientation is kept, in a minimal EXIF block of its own, so phone pictures do
// not turn sideways. Also reads the pixel size, for the layout before the image has loaded.
import type { UploadType } from '../../protocol/index.ts';

export interface CleanImage {
  data: Buffer;
  /** As displayed (after the EXIF orientation). */
  width: number;
  height: number;
}

/** A file that claims to be an image of `mime` but cannot be walked (truncated, malformed). */
export class UnreadableImage extends Error {}

export function cleanImage(buf: Buffer, mime: UploadType): CleanImage {
  switch (mime) {
    case 'image/jpeg':
      return cleanJpeg(buf);
    case 'image/png':
      return cleanPng(buf);
    case 'image/webp':
      return cleanWebp(buf);
    case 'image/gif':
      // GIF has no EXIF or GPS block; its bytes stay as they are.
      if (buf.length < 10) throw new UnreadableImage('truncated GIF');
      return { data: buf, width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
    default:
      throw new UnreadableImage(`${mime} is not an image`);
  }
}

function need(buf: Buffer, end: number): void {
  if (end > buf.length) throw new UnreadableImage('truncated image');
}

// ---------------------------------------------------------------- JPEG
// Kept: APP0 (JFIF), APP2 ICC profiles, APP14 (Adobe colour transform) and every non-APP
// segment. Dropped: APP1 (EXIF, XMP), other APP2 (e.g. MPF), APP3–APP13, APP15, COM, and
// whatever follows the end of the image (phones append more pictures there, with EXIF).
const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function cleanJpeg(buf: Buffer): CleanImage {
  need(buf, 4);
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new UnreadableImage('not a JPEG');
  const kept: Buffer[] = [buf.subarray(0, 2)];
  let orientation = 1;
  let width = 0;
  let height = 0;
  let afterApp0 = 1; // where the orientation block goes: after JFIF when there is one
  let i = 2;
  for (;;) {
    need(buf, i + 2);
    if (buf[i] !== 0xff) throw new UnreadableImage('bad JPEG marker');
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      kept.push(buf.subarray(i, i + 2));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    need(buf, i + 4);
    const len = buf.readUInt16BE(i + 2);
    if (len < 2) throw new UnreadableImage('bad JPEG segment');
    const end = i + 2 + len;
    need(buf, end);
    const segment = buf.subarray(i, end);
    if (marker === 0xda) {
      // Start of scan: compressed pixels follow, up to the next marker (0xFF not followed by a
      // stuffed 0x00, a restart marker or fill): another segment, or the end of the image.
      let j = end;
      while (j + 1 < buf.length && !(buf[j] === 0xff && buf[j + 1] !== 0x00 && buf[j + 1] !== 0xff && (buf[j + 1]! < 0xd0 || buf[j + 1]! > 0xd7))) j++;
      if (j + 1 >= buf.length) throw new UnreadableImage('JPEG without an end');
      kept.push(buf.subarray(i, j));
      i = j;
      continue;
    }
    if (SOF.has(marker)) {
      height = buf.readUInt16BE(i + 5);
      width = buf.readUInt16BE(i + 7);
    }
    if (marker === 0xe1 && segment.subarray(4, 10).toString('latin1') === 'Exif\0\0') orientation = exifOrientation(segment.subarray(10)) ?? orientation;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const icc = marker !== 0xe2 || segment.subarray(4, 16).toString('latin1') === 'ICC_PROFILE\0';
    if ((isApp && KEEP_APP.has(marker) && icc) || (!isApp && marker !== 0xfe)) {
      kept.push(segment);
      if (marker === 0xe0 && kept.length === 2) afterApp0 = 2;
    }
    i = end;
  }
  if (!width || !height) throw new UnreadableImage('JPEG without a frame header');
  if (orientation !== 1) kept.splice(afterApp0, 0, orientationExif(orientation));
  const rotated = orientation >= 5 && orientation <= 8;
  return { data: Buffer.concat(kept), width: rotated ? height : width, height: rotated ? width : height };
}

/** Tag 0x0112 of IFD0 in a TIFF block, when it is there and sane. */
function exifOrientation(tiff: Buffer): number | undefined {
  try {
    const le = tiff.toString('latin1', 0, 2) === 'II';
    const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
    const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
    const ifd = u32(4);
    const count = u16(ifd);
    for (let k = 0; k < count; k++) {
      const e = ifd + 2 + k * 12;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : undefined;
      }
    }
  } catch {
    // a broken EXIF block: no orientation
  }
  return undefined;
}

/** An APP1 EXIF segment holding nothing but the orientation. */
function orientationExif(orientation: number): Buffer {
  const b = Buffer.alloc(36);
  b.writeUInt16BE(0xffe1, 0);
  b.writeUInt16BE(34, 2);
  b.write('Exif\0\0', 4, 'latin1');
  b.write('MM', 10, 'latin1');
  b.writeUInt16BE(42, 12);
  b.writeUInt32BE(8, 14); // IFD0 right after the header
  b.writeUInt16BE(1, 18); // one entry
  b.writeUInt16BE(0x0112, 20); // Orientation
  b.writeUInt16BE(3, 22); // SHORT
  b.writeUInt32BE(1, 24); // count
  b.writeUInt16BE(orientation, 28);
  b.writeUInt32BE(0, 32); // no next IFD
  return b;
}

// ---------------------------------------------------------------- PNG
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function cleanPng(buf: Buffer): CleanImage {
  need(buf, 33);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new UnreadableImage('not a PNG');
  const kept: Buffer[] = [buf.subarray(0, 8)];
  let width = 0;
  let height = 0;
  let i = 8;
  while (i < buf.length) {
    need(buf, i + 12);
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    need(buf, end);
    if (type === 'IHDR') {
      width = buf.readUInt32BE(i + 8);
      height = buf.readUInt32BE(i + 12);
    }
    if (!PNG_DROP.has(type)) kept.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  if (!width || !height) throw new UnreadableImage('PNG without a header');
  return { data: Buffer.concat(kept), width, height };
}

// ---------------------------------------------------------------- WebP
function cleanWebp(buf: Buffer): CleanImage {
  need(buf, 20);
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') throw new UnreadableImage('not a WebP');
  const kept: Buffer[] = [];
  let width = 0;
  let height = 0;
  let i = 12;
  const riffEnd = Math.min(buf.length, 8 + buf.readUInt32LE(4));
  while (i + 8 <= riffEnd) {
    const fourcc = buf.toString('latin1', i, i + 4);
    const len = buf.readUInt32LE(i + 4);
    const end = i + 8 + len + (len & 1);
    need(buf, i + 8 + len);
    const chunk = Buffer.from(buf.subarray(i, Math.min(end, buf.length)));
    const d = i + 8;
    if (fourcc === 'VP8X') {
      chunk[8] = chunk[8]! & ~0x0c; // no EXIF, no XMP any more
      width = 1 + buf.readUIntLE(d + 4, 3);
      height = 1 + buf.readUIntLE(d + 7, 3);
    } else if (fourcc === 'VP8 ' && !width) {
      width = buf.readUInt16LE(d + 6) & 0x3fff;
      height = buf.readUInt16LE(d + 8) & 0x3fff;
    } else if (fourcc === 'VP8L' && !width) {
      const bits = buf.readUInt32LE(d + 1);
      width = (bits & 0x3fff) + 1;
      height = ((bits >> 14) & 0x3fff) + 1;
    }
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') kept.push(chunk);
    i = end;
  }
  if (!width || !height) throw new UnreadableImage('WebP without a frame');
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return { data: Buffer.concat([head, body]), width, height };
}
