// The widget's size budgets, on the real build (npm run build runs before npm test in CI):
// what every page view pays, and everything until the panel is open and connected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';
import { BUDGET, measure } from '../../bench/size.ts';
import { assertBuilt } from './widget-helpers.ts';

describe('widget size budgets', () => {
  it('keeps the loader within 3 KB and the open widget within 30 KB, gzipped', () => {
    assertBuilt();
    const m = measure();
    expect(m.loader, `loader is ${(m.loader / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(BUDGET.loader);
    expect(m.open, `open widget is ${(m.open / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(BUDGET.open);
  });

  it('keeps a page with proactive rules (loader + evaluator) within 5 KB; the evaluator imports nothing of the app', () => {
    assertBuilt();
    const m = measure();
    const evaluator = m.files.find((f) => /^widget\/proactive-[\w-]+\.js$/.test(f.name));
    expect(evaluator, 'dist/widget/proactive-*.js').toBeDefined();
    expect(m.proactive, `loader + evaluator is ${(m.proactive / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(BUDGET.proactive);
    const code = readFileSync(join(ROOT, 'dist', evaluator!.name), 'utf8');
    expect(code).not.toMatch(/\bimport\b|from\s*["'`]/);
  });
});
