// The newcomer's walk-through (issue 2, steps 2–5) in Persian, in real Chromium: the demo
// shop with the widget, the console in a second browser context, reload and server restart.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
}

const bots = (page: Page) => page.locator(`${sel.log} .m.bot:not(.greet)`);

describe('the demo, in Persian, end to end', () => {
  it('answers, hands off to an agent in the console, rates, and keeps everything across reload and restart', async () => {
    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fa-IR' });
    const agentCtx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    try {
      // Step 2: the demo shop, right-to-left, with a language switch that reloads in that language.
      const shop = await visitorCtx.newPage();
      await shop.goto(server.url + '/');
      expect(await shop.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
      await shop.click('a[data-lang="ar"]');
      await shop.waitForURL(/lang=ar/);
      expect(await shop.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
      await shop.locator(sel.launcher).waitFor();
      await shop.click('a[data-lang="en"]');
      await shop.waitForURL(/lang=en/);
      expect(await shop.evaluate(() => document.documentElement.dir)).toBe('ltr');
      await shop.click('a[data-lang="fa"]');
      await shop.waitForURL(/lang=fa/);
      await shop.locator(sel.launcher).click();
      await shop.locator(sel.input).waitFor();
      expect(await shop.locator(`${sel.panel}`).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

      // Step 3: an answer from the knowledge base...
      await say(shop, 'سفارشم کی میرسه؟');
      await expect.poll(() => bots(shop).count(), { timeout: 10_000 }).toBe(1);
      const answer = (await bots(shop).first().textContent()) ?? '';
      const entry = server.porsan.knowledge.answer('سفارشم کی میرسه؟', 'fa').entry;
      expect(entry?.locale).toBe('fa');
      expect(answer.replace(/\s+/g, ' ')).toContain(entry!.answer.replace(/[*_[\]]|\(http[^)]*\)/g, '').split('\n')[0]!.slice(0, 25));
      await shop.screenshot({ path: artifact('e2e-fa-1-answer.png') });

      // ...an honest "I don't know" with suggestions and a "talk to a person" button...
      await say(shop, 'آیا فروشگاه شما فضاپیما هم می‌فروشد؟');
      await expect.poll(() => bots(shop).count(), { timeout: 10_000 }).toBe(2);
      const chips = shop.locator(`${sel.log} .chips button`);
      expect(await chips.count()).toBeLessThanOrEqual(3);
      await shop.screenshot({ path: artifact('e2e-fa-2-no-answer.png') });

      // ...and asking for a person puts the visitor in the queue, with the position.
      await say(shop, 'میخوام با اپراتور صحبت کنم');
      await expect.poll(() => shop.locator(`${sel.panel} .sys.q`).textContent(), { timeout: 10_000 }).toMatch(/۱|1/);
      await shop.screenshot({ path: artifact('e2e-fa-3-queued.png') });

      // Step 4: the console in another browser: the queue, the transcript, claim, chat.
      const consolePage = await agentCtx.newPage();
      await signInConsole(consolePage, server.url, server.admin);
      const row = consolePage.locator('.queue li').first();
      await row.waitFor();
      expect(await row.locator('.item-q').textContent()).toBe('سفارشم کی میرسه؟');
      expect(await row.locator('.item-url').textContent()).toContain(server.url);
      await row.locator('.item-open').click();
      const pane = consolePage.locator('.conversation');
      await pane.waitFor();
      await expect.poll(() => pane.locator('.msg-bot').count()).toBeGreaterThanOrEqual(2); // the bot's turns are there
      expect(await pane.locator('.msg-visitor .bubble').allTextContents()).toEqual(['سفارشم کی میرسه؟', 'آیا فروشگاه شما فضاپیما هم می‌فروشد؟', 'میخوام با اپراتور صحبت کنم']);
      await pane.getByRole('button', { name: 'Claim' }).click();
      const composer = pane.getByLabel('Reply');
      await composer.waitFor();
      await composer.fill('سلام، من مدیر پشتیبانی هستم. چطور کمکتان کنم؟');
      await composer.press('Enter');
      await consolePage.screenshot({ path: artifact('e2e-fa-4-console.png') });

      // The visitor sees the agent's name and message at once, and answers.
      await expect.poll(() => shown(shop), { timeout: 10_000 }).toContain('agent: سلام، من مدیر پشتیبانی هستم. چطور کمکتان کنم؟');
      expect(await shop.locator(`${sel.panel} .hd p`).textContent()).toContain('Admin');
      await say(shop, 'ممنون، کد سفارشم ۱۲۳۴ است');
      await expect.poll(() => pane.locator('.msg-visitor .bubble').last().textContent(), { timeout: 10_000 }).toBe('ممنون، کد سفارشم ۱۲۳۴ است');

      // The agent ends it (as resolved); the visitor is asked to rate (1–5) and does.
      await pane.getByRole('button', { name: 'Close conversation' }).click();
      await pane.getByRole('group', { name: 'Close as' }).getByRole('button', { name: 'Resolved', exact: true }).click();
      await shop.locator(`${sel.panel} .stars`).waitFor({ timeout: 10_000 });
      await shop.click(`${sel.panel} label[for=porsan-s5]`);
      await shop.click(`${sel.panel} .ft .pri`);
      await expect.poll(() => shop.locator(`${sel.panel} .ft [role=status]`).count()).toBe(1);
      await shop.screenshot({ path: artifact('e2e-fa-5-rated.png') });
      const convId = await pane.getAttribute('data-conversation-id');
      expect((await server.porsan.store.conversations.get(convId!))?.rating).toBe(5);

      // Step 5: reload — the same conversation with its history.
      const before = await shown(shop);
      await shop.reload();
      await shop.locator(sel.launcher).click();
      await expect.poll(() => shown(shop), { timeout: 10_000 }).toEqual(before);

      // Restart the server: nothing said is lost.
      server = await server.restart();
      await shop.reload();
      await shop.locator(sel.launcher).click();
      await expect.poll(() => shown(shop), { timeout: 15_000 }).toEqual(before);
      await shop.screenshot({ path: artifact('e2e-fa-6-after-restart.png') });
    } finally {
      await visitorCtx.close();
      await agentCtx.close();
    }
  }, 90_000);

  it('gives the agent the tools: bot history, visitor context, an FAQ answer, a note the visitor never sees', async () => {
    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Asia/Dubai' });
    const agentCtx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    try {
      const shop = await visitorCtx.newPage();
      await shop.goto(server.url + '/?lang=en');
      await shop.locator(sel.launcher).click();
      await shop.locator(sel.input).waitFor();
      await say(shop, 'How much does shipping cost?');
      await expect.poll(() => bots(shop).count(), { timeout: 10_000 }).toBe(1);
      await say(shop, 'human please');
      await expect.poll(() => shop.locator(`${sel.panel} .sys.q`).count(), { timeout: 10_000 }).toBe(1);

      const page = await agentCtx.newPage();
      await signInConsole(page, server.url, server.admin);
      const row = page.locator('.queue li').first();
      await row.waitFor();
      await row.locator('.claim').click();
      const pane = page.locator('.conversation');
      const composer = pane.locator('textarea');
      await composer.waitFor();
      // The bot's turn and who the visitor is.
      expect(await pane.locator('.msg-bot .msg-meta').first().textContent()).toMatch(/Answered from the FAQ: shipping-cost-en/);
      const panel = page.locator('.visitor-panel');
      expect(await panel.getByText(`${server.url}/?lang=en`).count()).toBe(1);
      expect(await panel.getByText('English').count()).toBeGreaterThan(0);
      expect(await panel.textContent()).toContain('Asia/Dubai'); // the visitor's local time

      // A note for colleagues.
      await pane.getByRole('radio', { name: 'Internal note' }).click();
      await composer.fill('Asked about Shiraz: check the courier contract');
      await composer.press('Enter');
      await pane.locator('.msg-note[data-seq]').waitFor();
      await pane.getByRole('radio', { name: 'Reply' }).click();

      // An FAQ answer as the reply.
      await pane.getByRole('button', { name: 'FAQ answers' }).click();
      await pane.getByLabel('Search FAQ answers').fill('How much does shipping cost?');
      const insert = pane.getByRole('button', { name: /^Insert the answer/ }).first();
      await insert.waitFor();
      await insert.click();
      const inserted = await composer.inputValue();
      expect(inserted).toBe(server.porsan.knowledge.entry('shipping-cost-en')?.answer);
      await composer.press('Enter');
      await expect.poll(async () => (await shown(shop)).filter((m) => m.startsWith('agent:')).length, { timeout: 10_000 }).toBe(1);
      expect((await shown(shop)).join('\n')).not.toContain('courier contract');
      await page.screenshot({ path: artifact('e2e-en-console.png') });
      await page.locator('.topbar .lang-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.screenshot({ path: artifact('e2e-fa-console.png') });
      await page.locator('.topbar .lang-switch').click();

      // Close as resolved: the visitor is asked for a rating.
      await pane.getByRole('button', { name: 'Close conversation' }).click();
      await pane.getByRole('group', { name: 'Close as' }).getByRole('button', { name: 'Resolved', exact: true }).click();
      await shop.locator(`${sel.panel} .stars`).waitFor({ timeout: 10_000 });
      const convId = await pane.getAttribute('data-conversation-id');
      expect(await server.porsan.store.conversations.get(convId!)).toMatchObject({ status: 'closed', resolution: 'resolved', closedBy: 'agent' });
      await shop.screenshot({ path: artifact('e2e-en-widget.png') });
    } catch (err) {
      for (const [i, p] of [...visitorCtx.pages(), ...agentCtx.pages()].entries()) await p.screenshot({ path: artifact(`e2e-failure-${i}.png`) });
      throw err;
    } finally {
      await visitorCtx.close();
      await agentCtx.close();
    }
  }, 90_000);
});
