// Shared bits for the widget's browser tests: locators inside the shadow root, axe, a page
// that records requests. (Playwright's CSS locators pierce open shadow roots.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/server.ts';

export const W = 'porsan-widget';
export const sel = {
  launcher: `${W} .launcher`,
  panel: `${W} .panel`,
  input: `${W} .comp textarea`,
  log: `${W} .log`,
  badge: `${W} .badge`,
};

export function assertBuilt(): void {
  for (const f of ['dist/widget.js', 'dist/widget/app.js']) {
    try {
      readFileSync(join(ROOT, f));
    } catch {
      throw new Error(`${f} is missing: run \`npm run build\` before the browser tests`);
    }
  }
}

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** WCAG 2.1 A/AA violations inside the widget's shadow root. */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run({ include: [{ fromShadowDom: ['porsan-widget', '.w'] }] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** The element focused inside the widget (through the shadow root), as "tag.class". */
export function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.querySelector('porsan-widget')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return el ? `${el.tagName.toLowerCase()}.${el.className}` : null;
  });
}

/** Texts of the messages shown, in order, as "author: text". */
export function shown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('porsan-widget')!.shadowRoot!;
    return [...root.querySelectorAll('.log .m:not(.greet), .log .sys')].map((el) => {
      const author = el.classList.contains('sys') ? 'system' : ['visitor', 'bot', 'agent'].find((a) => el.classList.contains(a));
      const pending = el.classList.contains('pending') ? ' (pending)' : '';
      return `${author}: ${(el.querySelector('.bub') ?? el).textContent!.trim()}${pending}`;
    });
  });
}
