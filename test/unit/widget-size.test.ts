// bench/size.ts counts what a visitor downloads until the panel is open: the loader, app.js,
// the chunks app.js imports statically, and the largest locale; not lazy extras.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measure } from '../../bench/size.ts';

describe('size bench', () => {
  it('follows static imports from app.js and adds the largest locale', () => {
    const dist = mkdtempSync(join(tmpdir(), 'porsan-size-'));
    mkdirSync(join(dist, 'widget'));
    const files: Record<string, string> = {
      'widget.js': 'console.log("loader")',
      'widget/app.js': 'import{a}from"./preact.js";const l=()=>import("./fa.js"),x=()=>import("./extras.js");',
      'widget/preact.js': 'export const a=1;' + 'x'.repeat(500),
      'widget/extras.js': 'import{a}from"./preact.js";' + 'y'.repeat(900),
      'widget/fa.js': 'export default {' + 'سلام'.repeat(50) + '}',
      'widget/en.js': 'export default {}',
      'widget/stale.js': 'z'.repeat(3000),
    };
    for (const [f, body] of Object.entries(files)) writeFileSync(join(dist, f), body);
    const gz = (f: string) => gzipSync(Buffer.from(files[f]), { level: 9 }).length;
    const m = measure(dist);
    expect(m.loader).toBe(gz('widget.js'));
    expect(m.open).toBe(gz('widget.js') + gz('widget/app.js') + gz('widget/preact.js') + gz('widget/fa.js'));
  });

  it('refuses to measure a missing build', () => {
    expect(() => measure(mkdtempSync(join(tmpdir(), 'porsan-size-')))).toThrow(/npm run build/);
  });
});
