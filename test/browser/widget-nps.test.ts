// The NPS question in the real widget, after the rating of an ended conversation: asked once
// (its own chunk), answered 0–10 with a comment, in English and in Persian; not asked again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  [server, browser] = await Promise.all([startTestServer({ env: { PORSAN_NPS: 'true' } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const W = sel.panel;

/** A question, the bot's answer, then the visitor ends the conversation and rates it. */
async function chatEndAndRate(page: Page, question: string, stars: number): Promise<void> {
  await page.locator(sel.input).waitFor();
  await page.fill(sel.input, question);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shown(page)).some((s) => s.startsWith('bot:')), { timeout: 10_000 }).toBe(true);
  await page.click(`${W} .end`);
  await page.locator(`${W} label[for="porsan-s${stars}"]`).click();
  await page.locator(`${W} .fm form button.pri, ${W} form.fm button.pri`).first().click();
}

describe.each([
  ['en', 'When will my order arrive?', 'How likely are you to recommend us?', 'Thank you for your answer!'],
  ['fa', 'سفارشم کی می‌رسد؟', 'چقدر احتمال دارد ما را به دیگران پیشنهاد کنید؟', 'از پاسخ شما سپاسگزاریم!'],
] as const)('in %s', (lang, question, asked, thanks) => {
  it('asks after the rating, once', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => /\/widget\/nps-/.test(r.url()) && chunks.push(r.url()));
    await page.goto(`${server.url}/?lang=${lang}`);
    await page.click(sel.launcher);
    await chatEndAndRate(page, question, 5);

    const nps = page.locator(`${W} form.nps`);
    await nps.waitFor({ timeout: 10_000 });
    expect(chunks).toHaveLength(1);
    expect(await nps.locator('legend').textContent()).toBe(asked);
    expect(await nps.locator('.scale label').allTextContents()).toEqual(lang === 'fa' ? ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰'] : ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(await nps.locator('button.pri').isDisabled()).toBe(true);
    await nps.locator('label[for="porsan-n9"]').click();
    await nps.locator('textarea').fill(lang === 'fa' ? 'خیلی سریع بود' : 'Very quick');
    await page.screenshot({ path: artifact(`widget-nps-${lang}.png`) });
    await nps.locator('button.pri').click();
    await page.locator(`${W} p[role="status"]`, { hasText: thanks }).waitFor();

    const rows = await server.porsan.store.db.selectFrom('nps_responses').select(['score', 'comment', 'locale']).where('locale', '=', lang).execute();
    expect(rows).toEqual([{ score: 9, comment: lang === 'fa' ? 'خیلی سریع بود' : 'Very quick', locale: lang }]);

    // The next conversation of this visitor ends without the question.
    await page.locator(`${W} .restart`).click();
    await chatEndAndRate(page, question, 4);
    await page.locator(`${W} .restart`).waitFor();
    await new Promise((r) => setTimeout(r, 700));
    expect(await page.locator(`${W} form.nps`).count()).toBe(0);
    await ctx.close();
  }, 60_000);
});
