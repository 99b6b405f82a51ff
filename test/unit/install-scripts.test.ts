// First-run rough edge: `npm install` warned that better-sqlite3's and esbuild's install scripts
// were "not yet covered by allowScripts". Every dependency that runs an install script is
// reviewed and allow-listed in package.json, so a newcomer sees no warning (and npm 12, which
// blocks unlisted scripts, still builds the database driver).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';

it('allow-lists every dependency of the lockfile that has an install script', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const scripted = Object.entries(lock.packages)
    .filter(([path, p]) => path && p.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
  expect(scripted).toContain('better-sqlite3');
  for (const name of scripted) expect(pkg.allowScripts?.[name], name).toBe(true);
});
