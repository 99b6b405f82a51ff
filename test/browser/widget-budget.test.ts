// The widget's size budgets, on the real build (npm run build runs before npm test in CI):
// what every page view pays, and everything until the panel is open and connected.
import { describe, expect, it } from 'vitest';
import { BUDGET, measure } from '../../bench/size.ts';
import { assertBuilt } from './widget-helpers.ts';

describe('widget size budgets', () => {
  it('keeps the loader within 3 KB and the open widget within 30 KB, gzipped', () => {
    assertBuilt();
    const m = measure();
    expect(m.loader, `loader is ${(m.loader / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(BUDGET.loader);
    expect(m.open, `open widget is ${(m.open / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(BUDGET.open);
  });
});
