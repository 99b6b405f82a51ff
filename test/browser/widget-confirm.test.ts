// The middle band in a real browser, in Persian (RTL) and English (LTR): "Is this what you mean?"
// with the entry's title, its answer one tap away, "No, something else" leading to the other
// suggestions and the person button; then the editor's side: the visitor's confirmation shows up
// as a learned wording, Accept in the console writes it into the entry's file, and a visitor
// asking that way now gets the answer.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import type { ChatMessage } from '../../protocol/index.ts';
import { connectVisitor, next, ok } from '../helpers/clients.ts';
import { DEMO_KB, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, axeViolations, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
let kbDir: string;
const PARCEL = 'how long until my parcel shows up';

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  kbDir = join(mkdtempSync(join(tmpdir(), 'porsan-confirm-')), 'kb');
  cpSync(DEMO_KB, kbDir, { recursive: true });
  [server, browser] = await Promise.all([startTestServer({ kbDir }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function widget(lang: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
  await page.goto(`${server.url}/?lang=${lang}`);
  await page.click(sel.launcher);
  await page.locator(sel.input).waitFor();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
}

const card = (page: Page) => page.locator(`${sel.log} .m.bot .cf`).last();
const lastBot = (page: Page) => page.locator(`${sel.log} .m.bot:not(.greet)`).last();

const cases = [
  {
    lang: 'fa',
    dir: 'rtl',
    yesQuestion: 'کادو پیچ میکنید',
    yesTitle: 'کادوپیچ هم دارید؟',
    yesAnswer: 'بسته‌بندی کادویی',
    yes: 'بله، پاسخ را نشان بده',
    noQuestion: 'بسته خراب رسید',
    no: 'نه، چیز دیگری',
    ask: 'منظورتان این است؟',
    person: 'گفتگو با کارشناس',
  },
  {
    lang: 'en',
    dir: 'ltr',
    yesQuestion: PARCEL,
    yesTitle: 'How long does delivery take?',
    yesAnswer: 'working days',
    yes: 'Yes, show me the answer',
    noQuestion: 'where is my package',
    no: 'No, something else',
    ask: 'Is this what you mean?',
    person: 'Talk to a person',
  },
] as const;

describe.each(cases)('the middle band ($lang)', (c) => {
  it('shows the card, its answer one tap away, and "No, something else" with the other suggestions', async () => {
    const page = await widget(c.lang);
    await say(page, c.yesQuestion);
    await card(page).waitFor({ timeout: 10_000 });
    expect(await card(page).locator('.cfq').textContent()).toBe(c.ask);
    expect(await card(page).locator('.cft').textContent()).toBe(c.yesTitle);
    expect(await card(page).getAttribute('dir')).toBe(c.dir);
    expect(await card(page).locator('.pri').textContent()).toBe(c.yes);
    expect(await card(page).locator('.chip').textContent()).toBe(c.no);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(sel.panel).screenshot({ path: artifact(`widget-${c.lang}-confirm.png`) });

    await card(page).locator('.pri').click();
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain(`visitor: ${c.yesTitle}`);
    await expect.poll(async () => (await lastBot(page).textContent()) ?? '', { timeout: 10_000 }).toContain(c.yesAnswer);
    expect(await card(page).locator('button').count()).toBe(0); // chosen: the card's buttons are gone
    await page.locator(sel.panel).screenshot({ path: artifact(`widget-${c.lang}-confirm-answered.png`) });

    await say(page, c.noQuestion);
    await expect.poll(() => page.locator(`${sel.log} .m.bot .cf`).count(), { timeout: 10_000 }).toBe(2);
    await card(page).locator('.chip').click();
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain(`visitor: ${c.no}`);
    await expect.poll(() => lastBot(page).locator('.chip').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await lastBot(page).locator('.pri').textContent()).toBe(c.person);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(sel.panel).screenshot({ path: artifact(`widget-${c.lang}-confirm-something-else.png`) });
    await page.context().close();
  });
});

describe('the agent\'s transcript', () => {
  it('shows the card the visitor was offered and what they chose', async () => {
    const v = await connectVisitor(server.url);
    const confirm = next<ChatMessage>(v.socket, 'message', (m) => m.meta?.type === 'confirm');
    await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: 'what do you charge to deliver' });
    const offered = await confirm;
    const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot' && m.seq > offered.seq);
    await ok(v.socket, 'choose', { messageId: offered.id, entryId: null });
    await reply;
    await ok(v.socket, 'handoff', {});
    const conversationId = offered.conversationId;
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInConsole(page, server.url, server.admin);
    await page.locator(`.queue li[data-conversation-id="${conversationId}"] .item-open`).click();
    const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
    const offer = pane.locator('.msg-confirm');
    await offer.waitFor();
    expect(await offer.locator('.cfq').textContent()).toBe('Is this what you mean?');
    expect(await offer.locator('.cft').textContent()).toBe('How much does shipping cost?');
    expect(await offer.locator('button').count()).toBe(0); // read-only
    expect(await offer.locator('.msg-meta').textContent()).toMatch(/Asked "Is this what you mean\?": shipping-cost-en \(score \d\.\d\d\)/);
    const choice = pane.locator('.msg-visitor', { hasText: 'No, something else' });
    expect(await choice.locator('.msg-meta').textContent()).toBe('Said no: something else');
    await pane.screenshot({ path: artifact('console-en-confirm-transcript.png') });
    await page.context().close();
    v.socket.disconnect();
  });
});

describe('the editor accepts a learned wording', () => {
  it('the console lists it, Accept writes it into the file, and the widget answers that wording', async () => {
    const file = join(kbDir, 'en', 'shipping-time-en.md');
    expect(readFileSync(file, 'utf8')).not.toContain(PARCEL);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInConsole(page, server.url, server.admin);
    await page.getByRole('button', { name: 'Knowledge base' }).click();
    const row = page.locator('.learned-table tr', { hasText: PARCEL });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toContain('shipping-time-en');
    await page.locator('.learned-table').screenshot({ path: artifact('console-en-kb-learned.png') });
    await row.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(`Added "${PARCEL}" to shipping-time-en.`).waitFor({ timeout: 15_000 });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Accepted');
    const text = readFileSync(file, 'utf8');
    expect(text.slice(text.indexOf('questions:'), text.indexOf('tags:'))).toContain(`  - ${PARCEL}\n`);

    // In Persian (RTL): the Persian visitor's confirmation, accepted into its entry's file.
    await page.getByRole('button', { name: 'فارسی' }).click();
    const faRow = page.locator('.learned-table tr', { hasText: 'کادو پیچ میکنید' });
    await faRow.getByRole('button', { name: 'پذیرفتن' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#kb-learned-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('console-fa-kb-learned.png') });
    await faRow.getByRole('button', { name: 'پذیرفتن' }).click();
    await expect.poll(() => faRow.textContent(), { timeout: 15_000 }).toContain('پذیرفته شد');
    const faText = readFileSync(join(kbDir, 'fa', 'gift-wrapping-fa.md'), 'utf8');
    expect(faText.slice(faText.indexOf('questions:'), faText.indexOf('tags:'))).toContain('  - کادو پیچ میکنید\n');
    await page.getByRole('button', { name: 'English' }).click();
    await page.context().close();

    const faVisitor = await widget('fa');
    await say(faVisitor, 'کادو پیچ میکنید');
    await expect.poll(async () => (await lastBot(faVisitor).textContent()) ?? '', { timeout: 10_000 }).toContain('بسته‌بندی کادویی');
    expect(await faVisitor.locator(`${sel.log} .cf`).count()).toBe(0);
    await faVisitor.context().close();

    const visitor = await widget('en');
    await say(visitor, PARCEL);
    await expect.poll(async () => (await lastBot(visitor).textContent()) ?? '', { timeout: 10_000 }).toContain('working days');
    expect(await visitor.locator(`${sel.log} .cf`).count()).toBe(0);
    await visitor.context().close();
  });
});
