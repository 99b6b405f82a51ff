// The first ten minutes of a newcomer, in real Chromium: each rough edge of issue 15, seen and
// checked (screenshots in test/artifacts/first-run-*.png).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { signInAgent, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
let sara: AgentSocket;

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  sara = (await signInAgent(server, 'Sara')).socket;
});
afterAll(async () => {
  sara?.disconnect();
  await browser?.close();
  await server?.close();
});

async function shop(lang: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'fa' ? 'fa-IR' : 'en-US' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/?lang=${lang}`);
  return page;
}

async function openWidget(page: Page): Promise<void> {
  await page.click(sel.launcher);
  await page.locator(sel.input).waitFor();
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
}

describe('first run', () => {
  it('announces a handoff once, from the live queue: no FAQ text, no banner, a quiet header (fa)', async () => {
    const page = await shop('fa');
    try {
      await openWidget(page);
      await say(page, 'میخوام با اپراتور صحبت کنم');
      const line = page.locator(`${sel.log} .sys.q`);
      await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/^شما در صف هستید، نفر [۰-۹]+/);
      const texts = await shown(page);
      expect(texts.filter((x) => x.startsWith('system:'))).toHaveLength(1); // said once
      expect(texts.some((x) => x.startsWith('bot:'))).toBe(false); // not by the FAQ entry
      expect(texts.join(' ')).not.toMatch(/شنبه|۹ تا ۱۸/); // no static hours
      expect(await page.locator(`${sel.panel} .bn`).count()).toBe(0); // no banner
      expect((await page.locator(`${sel.panel} .hd p`).textContent())?.trim()).toBe(''); // the header does not repeat it
      expect((await shown(page))[0]).toBe('visitor: میخوام با اپراتور صحبت کنم');
      expect(await page.locator(`${sel.log} .greet`).isVisible()).toBe(true); // and the greeting stays
      await page.screenshot({ path: artifact('first-run-fa-handoff-once.png') });
    } finally {
      await page.context().close();
    }
  });

  it('lays a message out by the majority of its letters, in the widget and the console (PS-10234، هنوز نرسیده)', async () => {
    const page = await shop('fa');
    const consolePage = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
    try {
      await openWidget(page);
      await say(page, 'PS-10234، هنوز نرسیده');
      await say(page, 'Order PS-10234 سفارش');
      const bubbles = page.locator(`${sel.log} .m.visitor .bub`);
      await expect.poll(() => bubbles.count(), { timeout: 10_000 }).toBe(2);
      expect(await bubbles.nth(0).getAttribute('dir')).toBe('rtl');
      expect(await bubbles.nth(1).getAttribute('dir')).toBe('ltr');
      // the code sits at the right end, the Persian comma after it (to its left)
      const box = await bubbles.nth(0).evaluate((el) => {
        const r = document.createRange();
        const text = el.firstChild!;
        r.setStart(text, 0);
        r.setEnd(text, 8); // "PS-10234"
        return { code: r.getBoundingClientRect().right, bubble: el.getBoundingClientRect().right };
      });
      expect(box.bubble - box.code).toBeLessThan(16);
      await page.screenshot({ path: artifact('first-run-fa-direction-widget.png') });

      await say(page, 'میخوام با اپراتور صحبت کنم');
      await page.locator(`${sel.log} .sys.q`).waitFor({ timeout: 10_000 });
      await signInConsole(consolePage, server.url, server.admin);
      await consolePage.locator('.queue li', { hasText: 'PS-10234' }).locator('.item-open').click();
      const visitorBubbles = consolePage.locator('.msg-visitor .bubble');
      await expect.poll(() => visitorBubbles.count()).toBeGreaterThanOrEqual(2);
      expect(await visitorBubbles.nth(0).getAttribute('dir')).toBe('rtl');
      expect(await visitorBubbles.nth(1).getAttribute('dir')).toBe('ltr');
      await consolePage.screenshot({ path: artifact('first-run-en-direction-console.png') });
    } finally {
      await page.context().close();
      await consolePage.context().close();
    }
  });

  it('puts the rating stars under the question, from the right, in Persian', async () => {
    const page = await shop('fa');
    try {
      await openWidget(page);
      await say(page, 'سلام');
      await page.locator(`${sel.log} .m.bot:not(.greet)`).first().waitFor({ timeout: 10_000 });
      await page.click(`${sel.panel} .hd .end`);
      const stars = page.locator(`${sel.panel} .stars label`);
      await stars.first().waitFor({ timeout: 10_000 });
      const legend = await page.locator(`${sel.panel} legend`).boundingBox();
      const first = await stars.nth(0).boundingBox();
      const fifth = await stars.nth(4).boundingBox();
      expect(first!.x).toBeGreaterThan(fifth!.x); // one star at the right, five at the left
      expect(Math.abs(first!.x + first!.width - (legend!.x + legend!.width))).toBeLessThan(12); // starts where the question starts
      expect(await page.locator(`${sel.log} .greet`).isVisible()).toBe(true);
      await page.screenshot({ path: artifact('first-run-fa-rating-stars.png') });
    } finally {
      await page.context().close();
    }
  });

  it('shows the cart’s count in the page’s own digits: ۰ in Persian, 0 in English and Arabic', async () => {
    for (const [lang, zero] of [['fa', '۰'], ['en', '0'], ['ar', '0']] as const) {
      const page = await shop(lang);
      try {
        await expect.poll(() => page.locator('#cart-count').textContent()).toBe(zero);
        await page.locator('[data-add]').first().click();
        expect(await page.locator('#cart-count').textContent()).toBe(lang === 'fa' ? '۱' : '1');
        if (lang === 'en') await page.screenshot({ path: artifact('first-run-en-cart.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
      } finally {
        await page.context().close();
      }
    }
  });

  it('starts the business-hours week on Saturday in the Persian console, Monday in the English one', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 1100 } })).newPage();
    try {
      await signInConsole(page, server.url, server.admin);
      await page.getByRole('button', { name: 'Team & settings' }).click();
      const days = page.locator('.days .day span');
      await days.first().waitFor();
      expect(await days.allTextContents()).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
      await page.getByRole('button', { name: 'فارسی' }).click();
      await expect.poll(() => days.first().textContent()).toBe('شنبه');
      expect(await days.allTextContents()).toEqual(['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه']);
      await page.locator('.days').scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifact('first-run-fa-week-saturday.png') });
    } finally {
      await page.context().close();
    }
  });
});
