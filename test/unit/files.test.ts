// Files as stored and served: metadata stripped (PNG, JPEG, WebP), sizes read, broken images
// refused, names cleaned, Content-Disposition for any name, and widget.js with its site part.
import { describe, expect, it } from 'vitest';
import { cleanImage, UnreadableImage } from '../../server/files/images.ts';
import { cleanName } from '../../server/files/intake.ts';
import { contentDisposition } from '../../server/files/serve.ts';
import { withSiteConfig } from '../../server/http/widget-script.ts';
import { boxJpeg, GPS_MARK, png, withExif } from '../helpers/files.ts';

function webp(extra: Buffer[]): Buffer {
  const chunk = (fourcc: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x0c; // EXIF and XMP present
  vp8x.writeUIntLE(639, 4, 3);
  vp8x.writeUIntLE(479, 7, 3);
  const vp8l = Buffer.from([0x2f, 0, 0, 0, 0]);
  const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8L', vp8l), ...extra]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

describe('metadata stripping', () => {
  it('JPEG: EXIF with GPS and serial goes, orientation stays, size as displayed', () => {
    const out = cleanImage(withExif(boxJpeg(), 8), 'image/jpeg');
    expect(out.data.includes(GPS_MARK)).toBe(false);
    expect({ width: out.width, height: out.height }).toEqual({ width: 360, height: 480 });
    expect(cleanImage(withExif(boxJpeg(), 1), 'image/jpeg').data.includes(Buffer.from('Exif'))).toBe(false);
    // trailing data after the end of the image (a second picture, a script) is dropped
    const tail = Buffer.concat([boxJpeg(), Buffer.from('<script>alert(1)</script>')]);
    expect(cleanImage(tail, 'image/jpeg').data.includes(Buffer.from('<script>'))).toBe(false);
  });

  it('PNG: text chunks go, pixels stay', () => {
    const out = cleanImage(png(30, 20), 'image/png');
    expect(out).toMatchObject({ width: 30, height: 20 });
    expect(out.data.includes(Buffer.from('tEXt'))).toBe(false);
    expect(out.data.includes(Buffer.from('IDAT'))).toBe(true);
  });

  it('WebP: EXIF and XMP chunks go and their flags are cleared', () => {
    const out = cleanImage(webp([Buffer.concat([Buffer.from('EXIF'), Buffer.from([6, 0, 0, 0]), Buffer.from('GPS!!!')]), Buffer.concat([Buffer.from('XMP '), Buffer.from([4, 0, 0, 0]), Buffer.from('<x/>')])]), 'image/webp');
    expect(out).toMatchObject({ width: 640, height: 480 });
    expect(out.data.includes(Buffer.from('GPS!!!'))).toBe(false);
    expect(out.data.includes(Buffer.from('XMP '))).toBe(false);
    expect(out.data[20]! & 0x0c).toBe(0);
    expect(out.data.readUInt32LE(4)).toBe(out.data.length - 8);
  });

  it('refuses what cannot be walked', () => {
    expect(() => cleanImage(boxJpeg().subarray(0, 300), 'image/jpeg')).toThrow(UnreadableImage);
    expect(() => cleanImage(png().subarray(0, 40), 'image/png')).toThrow(UnreadableImage);
    expect(() => cleanImage(Buffer.from('RIFF0000WEBPVP8X'), 'image/webp')).toThrow(UnreadableImage);
  });
});

describe('names and headers', () => {
  it('cleans names: no paths, no direction tricks, the real type’s extension', () => {
    expect(cleanName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanName('C:\\Users\\sara\\photo.JPG', 'image/jpeg')).toBe('photo.JPG');
    expect(cleanName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.exe.pdf');
    expect(cleanName('عکس بسته.png', 'image/png')).toBe('عکس بسته.png');
    expect(cleanName('', 'image/gif')).toBe('file.gif');
    expect(cleanName('x'.repeat(300) + '.pdf', 'application/pdf')).toHaveLength(120);
  });

  it('Content-Disposition carries any name safely', () => {
    expect(contentDisposition('attachment', 'فاکتور "۱".pdf')).toBe(`attachment; filename="______ ___.pdf"; filename*=UTF-8''%D9%81%D8%A7%DA%A9%D8%AA%D9%88%D8%B1%20%22%DB%B1%22.pdf`);
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });

  it('widget.js gets the site part in place of its marker, as a string literal holding JSON', () => {
    const site = { rules: [], upload: { maxBytes: 1, types: ['image/png' as const] } };
    const code = 'try{n.site=JSON.parse(`__PORSAN_SITE__`)}catch{}';
    const out = withSiteConfig(code, site)!;
    expect(out).toBe(`try{n.site=JSON.parse(${JSON.stringify(JSON.stringify(site))})}catch{}`);
    const tricky = { ...site, rules: [{ id: 'r', conditions: {}, messages: { en: '`${alert(1)}` "\\u2028 </script>' }, delaySeconds: 0, frequency: 'visitor' as const }] };
    const parse = new Function('JSON', 'let n={};' + withSiteConfig(code, tricky) + 'return n.site;');
    expect(parse(JSON)).toEqual(tricky);
    expect(withSiteConfig('no marker here', site)).toBeNull();
  });
});
