// The transcript from the real widget: after a conversation ends the visitor saves it as a text
// file, and — only when the server sends mail — has it emailed (to an in-process SMTP server).
// The views come with the extras chunk, so the first load does not grow.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtp, type Inbox } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';
import { assertBuilt, axeViolations, sel } from './widget-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function endedConversation(server: TestServer, lang: string, question: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/?lang=${lang}`);
  await page.click(sel.launcher);
  await page.fill(sel.input, question);
  await page.keyboard.press('Enter');
  await page.locator(`${sel.log} .m.bot:not(.greet)`).first().waitFor({ timeout: 10_000 });
  await page.click(`${sel.panel} .end`);
  await page.locator(`${sel.panel} .stars`).waitFor();
  return page;
}

describe('without mail', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('saves the transcript as a text file, and offers no email', async () => {
    const page = await endedConversation(server, 'fa', 'سفارشم کی می‌رسد؟');
    const save = page.locator(`${sel.panel} button`, { hasText: 'ذخیرهٔ متن گفتگو' });
    await save.waitFor();
    expect(await page.locator(`${sel.panel} input[type=email]`).count()).toBe(0);
    await page.screenshot({ path: artifact('widget-fa-transcript.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/^transcript-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFمتن گفتگو')).toBe(true);
    expect(text).toContain('شما:\n  سفارشم کی می‌رسد؟');
    expect(text).toContain('دستیار خودکار:');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('with mail', () => {
  let server: TestServer;
  let inbox: Inbox;
  beforeAll(async () => {
    inbox = await startSmtp();
    server = await startTestServer({ env: { PORSAN_SMTP_URL: inbox.url } });
  });
  afterAll(async () => {
    await server?.close();
    await inbox?.close();
  });

  it('emails the transcript to the address the visitor gives', async () => {
    const page = await endedConversation(server, 'en', 'How much does shipping cost?');
    const email = page.locator(`${sel.panel} input[type=email]`);
    await email.waitFor();
    await email.fill('visitor@example.com');
    await page.screenshot({ path: artifact('widget-en-transcript.png') });
    await page.locator(`${sel.panel} button`, { hasText: 'Email it' }).click();
    await page.locator(`${sel.panel}`).getByText('Sent. Check your inbox.').waitFor();
    const mail = await until(() => inbox.mails.find((m) => m.to.includes('visitor@example.com')), 'the mail');
    expect(mail.subject).toBe('Your conversation transcript');
    expect(mail.text).toContain('How much does shipping cost?');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
