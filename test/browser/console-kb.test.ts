// The knowledge-base page for editors, in real Chromium against a real server: an unanswered
// question becomes a new-entry template (copy, download, where to save it), the "try" result
// shows decision, chosen entry and candidates, and broken files show as file:line: message.
// Needs `npm run build` (at least `vite build --mode console`) first.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ChatMessage, Locale } from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { connectVisitor, next, ok } from '../helpers/clients.ts';
import { DEMO_KB, startTestServer, type TestServer } from '../helpers/server.ts';

const SPACESHIPS = 'Do you sell "used" spaceships: new or old?';
const PERSIAN = 'آیا سفینهٔ فضایی دست دوم می‌فروشید؟';
/** A new wording of the demo KB's damaged-package entry that the bot does not answer on its own. */
const SQUISHED = 'the courier left the box all squished';

let server: TestServer;
let browser: Browser;
let kbDir: string;

beforeAll(async () => {
  requireConsoleBuild();
  // The demo knowledge base plus one broken file, for the problems list.
  kbDir = join(mkdtempSync(join(tmpdir(), 'porsan-kb-')), 'kb');
  cpSync(DEMO_KB, kbDir, { recursive: true });
  writeFileSync(join(kbDir, 'en', 'broken-en.md'), '---\nid: not-the-file-name-en\nlocale: en\nquestions:\n  - "A question"\ntags: []\n---\nAn answer.\n');
  server = await startTestServer({ kbDir });
  browser = await launchBrowser();
  // Unanswered questions: the English one twice (two visitors), a Persian one once.
  await ask(SPACESHIPS, 'en');
  await ask(SPACESHIPS, 'en');
  await ask(PERSIAN, 'fa');
  await ask(SQUISHED, 'en');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A visitor asks something and waits for the bot's reply. */
async function ask(text: string, locale: Locale): Promise<ChatMessage> {
  const v = await connectVisitor(server.url, { locale });
  try {
    const reply = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
    await ok(v.socket, 'send', { clientId: randomUUID(), text });
    return await reply;
  } finally {
    v.socket.disconnect();
  }
}

async function openKb(page: Page): Promise<void> {
  await signInConsole(page, server.url, server.admin);
  await page.getByRole('button', { name: 'Knowledge base' }).click();
  await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
}

describe('console knowledge-base page', () => {
  it('turns an unanswered question into a new-entry template to copy or download', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (err) => errors.push(err));
    try {
      await openKb(page);
      const gap = page.locator('.gaps-table tr', { hasText: SPACESHIPS });
      await gap.waitFor();
      expect((await gap.locator('td').nth(2).textContent())?.trim()).toBe('2');
      expect(await gap.locator('td').nth(1).textContent()).toBe('English');

      await gap.getByRole('button', { name: 'Write an entry for this' }).click();
      const dialog = page.getByRole('dialog', { name: 'A new entry for this question' });
      await dialog.waitFor();
      const textarea = dialog.getByLabel('Entry file');
      const text = await textarea.inputValue();
      expect(text).toContain('locale: en');
      expect(text).toContain('id: do-you-sell-used-spaceships-new-en');
      expect(text).toContain('  - "Do you sell \\"used\\" spaceships: new or old?"');
      expect(await textarea.getAttribute('readonly')).not.toBeNull();
      expect(await dialog.locator('#kb-template-hint').textContent()).toContain('Save it as do-you-sell-used-spaceships-new-en.md in the folder knowledge-base/en/.');

      // Copy: to the clipboard, with a visible confirmation.
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await dialog.getByText('Copied').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

      // Download: <id>.md with the same text, which YAML reads back to the same question.
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
      expect(download.suggestedFilename()).toBe('do-you-sell-used-spaceships-new-en.md');
      const file = readFileSync(await download.path(), 'utf8');
      expect(file).toBe(text);
      const fm = /^---\n([\s\S]*?)\n---\n(.+)\n$/.exec(file);
      expect(fm).not.toBeNull();
      expect(parse(fm![1]!)).toEqual({ id: 'do-you-sell-used-spaceships-new-en', locale: 'en', questions: [SPACESHIPS], tags: [] });
      expect(fm![2]).toBe('Write the answer here: 2–5 sentences of markdown.');

      await page.screenshot({ path: artifact('console-en-kb-template.png') });

      // Escape closes it; the Persian gap gets a new-entry-fa-<n> id.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.gaps-table tr', { hasText: PERSIAN }).getByRole('button', { name: 'Write an entry for this' }).click();
      const faText = await dialog.getByLabel('Entry file').inputValue();
      expect(faText).toContain('id: new-entry-fa-1\nlocale: fa\n');
      expect(parse(/^---\n([\s\S]*?)\n---/.exec(faText)![1]!).questions).toEqual([PERSIAN]);
      expect(await dialog.locator('#kb-template-hint').textContent()).toContain('knowledge-base/fa/');
      await dialog.getByRole('button', { name: 'Close' }).first().click();
      await dialog.waitFor({ state: 'hidden' });

      // The Persian console (right to left).
      await page.getByRole('button', { name: 'فارسی' }).click();
      await page.locator('.gaps-table tr', { hasText: PERSIAN }).getByRole('button', { name: 'برای این یک مدخل بنویسید' }).click();
      await page.getByRole('dialog', { name: 'مدخلی تازه برای این پرسش' }).waitFor();
      await page.screenshot({ path: artifact('console-fa-kb-template.png') });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'English' }).click();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('offers an unanswered wording of an existing entry as one more question line, which the bot then answers', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    try {
      await openKb(page);
      const gap = page.locator('.gaps-table tr', { hasText: SQUISHED });
      await gap.waitFor();
      expect(await gap.locator('.closest-cell').textContent()).toContain('My package arrived damaged');
      await page.locator('.gaps-table').screenshot({ path: artifact('console-en-kb-gaps.png') });
      await gap.getByRole('button', { name: 'Add as a wording of it' }).click();
      const dialog = page.getByRole('dialog', { name: 'Another wording for an existing entry' });
      await dialog.waitFor();
      const line = await dialog.getByLabel('Question line').inputValue();
      expect(line).toBe(`  - "${SQUISHED}"\n`);
      expect(await dialog.locator('#kb-template-hint').textContent()).toContain('Add this line under questions: in damaged-package-en.md in the folder knowledge-base/en/.');
      expect(await dialog.getByRole('button', { name: 'Download' }).count()).toBe(0);
      await page.screenshot({ path: artifact('console-en-kb-phrasing.png') });
      await page.keyboard.press('Escape');

      // The editor adds the line; the server reloads the file and the bot answers that wording now.
      const file = join(kbDir, 'en', 'damaged-package-en.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('questions:\n', `questions:\n${line}`));
      const deadline = Date.now() + 10_000;
      while (server.porsan.knowledge.answer(SQUISHED, 'en').decision !== 'answer' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const reply = await ask(SQUISHED, 'en');
      expect(reply.meta).toMatchObject({ type: 'answer', entryId: 'damaged-package-en' });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('selects the text when the clipboard is not available', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    await context.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    const page = await context.newPage();
    try {
      await openKb(page);
      await page.locator('.gaps-table tr', { hasText: SPACESHIPS }).getByRole('button', { name: 'Write an entry for this' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await dialog.getByText('Selected: press Ctrl+C to copy.').waitFor();
      const sel = await dialog.getByLabel('Entry file').evaluate((el: HTMLTextAreaElement) => ({ start: el.selectionStart, end: el.selectionEnd, length: el.value.length, focused: document.activeElement === el }));
      expect(sel).toEqual({ start: 0, end: sel.length, length: sel.length, focused: true });
      expect(sel.length).toBeGreaterThan(50);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the try result with decision, chosen entry and scored candidates, and problems as file:line: message', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    try {
      await openKb(page);
      await page.locator('form.kb-try').getByLabel('Question').fill('How long does delivery take?');
      await page.getByRole('button', { name: 'Try', exact: true }).first().click();
      const result = page.locator('.kb-result');
      await result.waitFor();
      expect(await result.locator('.kb-decision').textContent()).toBe('The bot answers');
      expect(await result.locator('.kb-chosen').textContent()).toContain('shipping-time-en');
      const rows = result.locator('.candidates-table tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const chosen = result.locator('.candidates-table tr.chosen');
      expect(await chosen.textContent()).toContain('shipping-time-en');
      expect(await chosen.locator('.score-cell').textContent()).toMatch(/^\d+\.\d\d$/);

      const issue = page.locator('.kb-issues li', { hasText: 'broken-en.md' });
      expect(await issue.textContent()).toMatch(/^en\/broken-en\.md:2: id "not-the-file-name-en" does not match the file name "broken-en\.md"/);
      await result.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifact('console-en-kb-try.png') });
    } finally {
      await context.close();
    }
  }, 60_000);
});
