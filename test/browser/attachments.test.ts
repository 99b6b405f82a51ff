// Files both ways, in a real browser, in Persian (RTL) and English: a visitor attaches photos by
// the paperclip, by pasting and by dropping them; the agent sees them as thumbnails in the
// console, sends a PDF, and the visitor downloads it; another visitor's token fetches neither;
// HTML under a .png name and an 11 MB file are refused with a clear message. Screenshots go to
// test/artifacts/.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser, requireConsoleBuild } from '../helpers/browser.ts';
import { connectVisitor } from '../helpers/clients.ts';
import { boxJpeg, pdf, png, withExif } from '../helpers/files.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';
import { assertBuilt, sel } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

const TEXT = {
  fa: { question: 'بسته‌ام آسیب‌دیده رسیده', handoff: 'گفتگو با کارشناس', badType: 'این نوع فایل را نمی‌توان فرستاد', tooLarge: 'برای ارسال بیش از حد بزرگ است', download: 'دریافت', claim: 'برداشتن' },
  en: { question: 'My package arrived damaged', handoff: 'Talk to a person', badType: 'This kind of file cannot be sent', tooLarge: 'too large to send', download: 'Download', claim: 'Claim' },
} as const;

/** Files handed to the page as a paste or a drop would: a DataTransfer on the event. */
function fileEvent(page: Page, kind: 'paste' | 'drop', file: { name: string; type: string; bytes: Buffer }): Promise<void> {
  return page.evaluate(
    ({ kind, name, type, bytes }) => {
      const root = document.querySelector('porsan-widget')!.shadowRoot!;
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      const target = kind === 'paste' ? root.querySelector('.comp textarea')! : root.querySelector('.log')!;
      const init = { bubbles: true, cancelable: true, composed: true };
      if (kind === 'drop') target.dispatchEvent(new DragEvent('dragover', { ...init, dataTransfer: dt }));
      target.dispatchEvent(kind === 'paste' ? new ClipboardEvent('paste', { ...init, clipboardData: dt }) : new DragEvent('drop', { ...init, dataTransfer: dt }));
    },
    { kind, name: file.name, type: file.type, bytes: [...file.bytes] },
  );
}

/** Thumbnails in the widget whose image has really loaded (from a blob: URL fetched with the visitor's token). */
const loadedThumbs = (page: Page) =>
  page.evaluate(() => [...document.querySelector('porsan-widget')!.shadowRoot!.querySelectorAll<HTMLImageElement>('.log .thumb img')].filter((i) => i.complete && i.naturalWidth > 0 && i.src.startsWith('blob:')).length);

async function signInConsole(page: Page, lang: 'fa' | 'en'): Promise<void> {
  await page.goto(server.url + '/console/');
  await page.fill('#login-email', server.admin.email);
  await page.fill('input[type=password]', server.admin.password);
  await page.click('form button[type=submit]');
  await page.locator('.conn-online').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

describe('files in a conversation, both ways', () => {
  for (const lang of ['fa', 'en'] as const) {
    const t = TEXT[lang];
    it(`${lang}: photos by picker, paste and drop reach the agent; the agent's PDF reaches the visitor; nobody else gets them`, { timeout: 90_000 }, async () => {
      // ------------------------------------------------ the visitor
      const vctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
      contexts.push(vctx);
      const visitor = await vctx.newPage();
      visitor.on('pageerror', (e) => console.error('[widget]', e));
      await visitor.goto(`${server.url}/?lang=${lang}`);
      await visitor.click(sel.launcher);
      await visitor.locator(sel.input).waitFor();
      await visitor.fill(sel.input, t.question);
      await visitor.keyboard.press('Enter');
      await visitor.locator(`${sel.log} .m.bot`).first().waitFor();

      await visitor.setInputFiles(`${sel.panel} .comp input[type=file]`, { name: 'parcel.jpg', mimeType: 'image/jpeg', buffer: withExif(boxJpeg(), 6) });
      await until(async () => (await loadedThumbs(visitor)) === 1, 'the picked photo as a thumbnail');
      await fileEvent(visitor, 'paste', { name: 'screenshot.png', type: 'image/png', bytes: png(160, 90, [179, 38, 30]) });
      await until(async () => (await loadedThumbs(visitor)) === 2, 'the pasted image as a thumbnail');
      await fileEvent(visitor, 'drop', { name: 'label.png', type: 'image/png', bytes: png(120, 120, [30, 142, 62]) });
      await until(async () => (await loadedThumbs(visitor)) === 3, 'the dropped image as a thumbnail');
      await visitor.screenshot({ path: artifact(`attachments-${lang}-visitor-photos.png`) });
      // a thumbnail opens full size over the panel; Escape closes it
      await visitor.locator(`${sel.log} .thumb`).first().click();
      await visitor.locator(`${sel.panel} .lb img`).waitFor();
      await visitor.screenshot({ path: artifact(`attachments-${lang}-visitor-full-size.png`) });
      await visitor.keyboard.press('Escape');
      await visitor.locator(`${sel.panel} .lb`).waitFor({ state: 'detached' });
      expect(await visitor.locator(sel.panel).isVisible()).toBe(true);

      await visitor.locator(`${sel.log} .acts .pri`, { hasText: t.handoff }).last().click();
      const conv = await until(async () => {
        const list = await server.porsan.store.conversations.waiting('queued');
        return list.find((c) => c.status === 'queued' && c.locale === lang);
      }, 'the conversation in the queue');

      // ------------------------------------------------ the agent
      const actx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      contexts.push(actx);
      await actx.addInitScript((l) => localStorage.setItem('porsan.console.lang', l), lang);
      const agent = await actx.newPage();
      agent.on('pageerror', (e) => console.error('[console]', e));
      await signInConsole(agent, lang);
      await agent.locator(`.queue li[data-conversation-id="${conv.id}"] .claim`).click();
      await agent.locator(`.conversation[data-conversation-id="${conv.id}"] .composer`).waitFor();
      const thumbs = agent.locator('.transcript .attachment-thumb img');
      await until(async () => (await thumbs.evaluateAll((imgs) => (imgs as HTMLImageElement[]).filter((i) => i.complete && i.naturalWidth > 0).length)) === 3, 'three thumbnails in the console');
      // full size: the link opens the image itself, for the agent's session only
      const href = (await agent.locator('.transcript .attachment-thumb').first().getAttribute('href'))!;
      const full = await actx.request.get(server.url + href);
      expect(full.status()).toBe(200);
      expect(full.headers()['content-type']).toBe('image/jpeg');
      expect((await fetch(server.url + href)).status).toBe(401);

      await agent.setInputFiles('.composer input[type=file]', { name: 'invoice-1042.pdf', mimeType: 'application/pdf', buffer: pdf() });
      await agent.locator('.transcript .msg-agent .attachment-card', { hasText: 'invoice-1042.pdf' }).waitFor();
      await agent.screenshot({ path: artifact(`attachments-${lang}-console.png`) });

      // ------------------------------------------------ the visitor downloads the PDF
      const card = visitor.locator(`${sel.log} .m.agent .card`, { hasText: 'invoice-1042.pdf' });
      await card.waitFor();
      await visitor.screenshot({ path: artifact(`attachments-${lang}-visitor-pdf.png`) });
      const [download] = await Promise.all([visitor.waitForEvent('download'), card.getByRole('button', { name: t.download }).click()]);
      expect(download.suggestedFilename()).toBe('invoice-1042.pdf');
      expect(readFileSync((await download.path())!).equals(pdf())).toBe(true);

      // ------------------------------------------------ nobody else
      const files = (await server.porsan.store.messages.after(conv.id, 0)).flatMap((m) => (m.meta?.type === 'attachment' ? [m.meta.file.id] : []));
      expect(files).toHaveLength(4);
      const stranger = await connectVisitor(server.url);
      for (const id of files) {
        const res = await fetch(`${server.url}/visitor/files/${id}`, { headers: { authorization: `Bearer ${stranger.token}` } });
        expect(res.status, id).toBe(404);
      }
      stranger.socket.disconnect();

      // ------------------------------------------------ what is refused, and said so
      await visitor.setInputFiles(`${sel.panel} .comp input[type=file]`, { name: 'cat.png', mimeType: 'image/png', buffer: Buffer.from('<!doctype html><script>alert(document.domain)</script>') });
      await visitor.locator(`${sel.log} .sys.err`, { hasText: t.badType }).waitFor();
      await visitor.screenshot({ path: artifact(`attachments-${lang}-visitor-refused-type.png`) });
      await visitor.setInputFiles(`${sel.panel} .comp input[type=file]`, { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([boxJpeg(), Buffer.alloc(11 * 1024 * 1024)]) });
      await visitor.locator(`${sel.log} .sys.err`, { hasText: t.tooLarge }).waitFor();
      await visitor.screenshot({ path: artifact(`attachments-${lang}-visitor-refused-size.png`) });
      const after = (await server.porsan.store.messages.after(conv.id, 0)).filter((m) => m.meta?.type === 'attachment');
      expect(after).toHaveLength(4);
    });
  }
});
