// A visitor refused by the flood limits (too many from one network) sees a kind notice in their
// language, and what they typed stays, waiting to be sent. Real Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { connectVisitor, ok } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  // one new conversation per address per 10 minutes, and this machine has already started it
  [server, browser] = await Promise.all([startTestServer({ env: { PORSAN_RATE_CONVERSATIONS: '1' } }), launchBrowser()]);
  const first = await connectVisitor(server.url);
  await ok(first.socket, 'send', { clientId: 'first', text: 'hello' });
  first.socket.disconnect();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a visitor over the flood limit', () => {
  for (const [lang, text, notice] of [
    ['en', 'When will my order arrive?', 'Lots of requests are coming from your network'],
    ['fa', 'سفارشم کی می‌رسد؟', 'درخواست‌های زیادی از شبکه شما'],
  ] as const) {
    it(`sees a kind notice in ${lang}, and the message stays waiting to be sent`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await ctx.newPage();
        await page.goto(`${server.url}/?lang=${lang}`);
        await page.click(sel.launcher);
        await page.locator(sel.input).waitFor();
        await page.fill(sel.input, text);
        await page.keyboard.press('Enter');
        await page.locator(`${sel.panel} .bn.off`, { hasText: notice }).waitFor();
        expect(await shown(page)).toEqual([`visitor: ${text} (pending)`]);
        await page.screenshot({ path: artifact(`widget-${lang}-busy.png`) });
      } finally {
        await ctx.close();
      }
    });
  }
});
