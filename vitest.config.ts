import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium. Without it (a laptop that has none) they are left out
// with a warning; in CI (CI=true) they always run, and fail if Chromium is missing.
const chromium = process.env.PORSAN_CHROMIUM ?? '/usr/bin/chromium';
const skipBrowser = !existsSync(chromium) && !process.env.CI;
if (skipBrowser) console.warn(`\n⚠ No Chromium at ${chromium}: browser tests skipped (apt-get install chromium, or set PORSAN_CHROMIUM).\n`);

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['**/node_modules/**', ...(skipBrowser ? ['test/browser/**'] : [])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and integration tests start real servers and Chromium; two cores is the CI machine.
    maxWorkers: 2,
  },
});
