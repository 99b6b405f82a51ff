// Widget size: gzips the built files (run `npm run build` first) and prints the figures that
// matter to a host page. `tsx bench/size.ts --check` exits 1 when a budget is exceeded.
//   loader   dist/widget.js as served (with the site configuration of a site without proactive
//            rules written in), what every page view downloads            budget 3 KB gzipped
//            (each proactive rule adds its texts: ~0.4 KB gzipped for the demo's, in three languages)
//   open     loader + app.js + its static imports (preact) + the largest locale: budget 30 KB gzipped
//            everything downloaded until the panel is open and connected
//   proactive loader + proactive-*.js, every page view of a site with proactive rules:      budget 5 KB gzipped
//            (the rules' evaluator and bubble; sites without enabled rules never load it)
// extras-*.js (rating, pre-chat form) and files-*.js (attachments) load only later and are reported, not budgeted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { withSiteConfig } from '../server/http/widget-script.ts';

const DIST = resolve(import.meta.dirname, '../dist');
export const BUDGET = { loader: 3 * 1024, open: 30 * 1024, proactive: 5 * 1024 };
const LOCALE = /^(fa|ar|en)(-[\w-]+)?\.js$/;

export interface SizeFigures {
  files: { name: string; raw: number; gzip: number }[];
  loader: number;
  open: number;
  proactive: number;
}

function gz(file: string): { raw: number; gzip: number } {
  return gzBytes(readFileSync(file));
}
function gzBytes(buf: Buffer): { raw: number; gzip: number } {
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** widget.js as the server sends it to a site without proactive rules (the site part written in). */
function served(loaderFile: string): { raw: number; gzip: number } {
  const code = readFileSync(loaderFile, 'utf8');
  return gzBytes(Buffer.from(withSiteConfig(code, { rules: [], upload: { maxBytes: 10 * 1024 * 1024 } }) ?? code));
}

/** Chunks a module imports statically (`import … from "./x.js"`), not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => m[1]);
}

export function measure(dist = DIST): SizeFigures {
  const loaderFile = join(dist, 'widget.js');
  const appDir = join(dist, 'widget');
  if (!existsSync(loaderFile) || !existsSync(join(appDir, 'app.js'))) throw new Error('dist/widget.js or dist/widget/app.js missing: run `npm run build` first');
  // The loader counts as served: built code plus the server's part of the configuration.
  const files = [{ name: 'widget.js', ...served(loaderFile) }];
  for (const f of readdirSync(appDir).filter((f) => f.endsWith('.js')).sort()) files.push({ name: 'widget/' + f, ...gz(join(appDir, f)) });
  const size = (n: string) => files.find((f) => f.name === n)?.gzip ?? 0;
  // app.js and every chunk it needs before it runs, plus the largest locale (loaded at mount).
  const needed = new Set<string>();
  const visit = (f: string) => {
    if (needed.has(f)) return;
    needed.add(f);
    staticImports(readFileSync(join(appDir, f), 'utf8')).forEach(visit);
  };
  visit('app.js');
  const locale = Math.max(0, ...files.filter((f) => LOCALE.test(f.name.slice(7))).map((f) => f.gzip));
  const open = size('widget.js') + [...needed].reduce((s, f) => s + size('widget/' + f), 0) + locale;
  const proactive = size('widget.js') + (files.find((f) => /^widget\/proactive-[\w-]+\.js$/.test(f.name))?.gzip ?? 0);
  return { files, loader: size('widget.js'), open, proactive };
}

const kb = (n: number) => (n / 1024).toFixed(2) + ' KB';

export async function runSizeBench(): Promise<void> {
  const m = measure();
  console.log('file'.padEnd(30), 'raw'.padStart(10), 'gzip'.padStart(10));
  for (const f of m.files) console.log(f.name.padEnd(30), kb(f.raw).padStart(10), kb(f.gzip).padStart(10));
  console.log(`\nloader (every page view):                  ${kb(m.loader)}  budget ${kb(BUDGET.loader)}`);
  console.log(`until open and connected (largest locale): ${kb(m.open)}  budget ${kb(BUDGET.open)}`);
  console.log(`with proactive rules (loader + evaluator):  ${kb(m.proactive)}  budget ${kb(BUDGET.proactive)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runSizeBench();
  if (process.argv.includes('--check')) {
    const m = measure();
    const over = [m.loader > BUDGET.loader && 'loader', m.open > BUDGET.open && 'open', m.proactive > BUDGET.proactive && 'proactive'].filter(Boolean);
    if (over.length) {
      console.error(`\nOver budget: ${over.join(', ')}`);
      process.exit(1);
    }
    console.log('\nWithin budget.');
  }
}
