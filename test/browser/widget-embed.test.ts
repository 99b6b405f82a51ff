// The widget on a page: staged loading, opening and closing, style isolation (also from
// another origin), the public API, accessibility, and screenshots in fa, ar and en.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationDetail } from '../../protocol/index.ts';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { connectAgent, login, ok } from '../helpers/clients.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, axeViolations, focused, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
let other: Server; // a second origin serving the hostile host page
let otherUrl = '';
const esmDir = mkdtempSync(join(tmpdir(), 'porsan-esm-'));

beforeAll(async () => {
  assertBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const html = readFileSync(join(ROOT, 'demo/embed-test.html'));
  other = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/esm.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(esmPage(server.url));
    if (path.startsWith('/esm/') && existsSync(join(esmDir, path.slice(5)))) {
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(esmDir, path.slice(5))));
    }
    const page = req.url?.startsWith('/custom.html') ? customPage(server.url) : req.url?.startsWith('/hidden.html') ? hiddenPage(server.url) : html;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  other?.close();
});

// Every option set: <html lang> gives the locale, window.PorsanConfig and data-* the rest
// (data-* win where both are set).
const customPage = (server: string) => `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>Custom</title>
<script>window.PorsanConfig = { title: 'Overridden', greeting: 'أهلًا بك في المتجر', prechat: true };</script></head>
<body><h1>Custom</h1><script src="${server}/widget.js" data-position="right" data-color="#ffd400" data-title="مكتب المساعدة" data-avatar="https://example.com/a.png" async></script></body></html>`;
const hiddenPage = (server: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hidden</title></head>
<body><h1>No launcher</h1><button id="help" onclick="Porsan.open()">Help</button><script>window.got = []; window.Porsan = { q: [['on', 'open', () => window.got.push('open')], ['open']] };</script>
<script src="${server}/widget.js" data-hide-launcher async></script></body></html>`;

// A site that bundles widget/index.ts itself and calls load().
const esmPage = (server: string) => `<!doctype html><html lang="fa"><head><meta charset="utf-8"><title>ESM</title></head>
<body><h1>Bundled</h1><script type="module">import { load } from '/esm/index.js'; window.chat = load({ server: '${server}', greeting: 'bundled' });</script></body></html>`;

async function newPage(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; requests: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  // The widget connects with a WebSocket first, which Playwright reports apart from requests.
  page.on('websocket', (ws) => requests.push(new URL(ws.url()).pathname));
  page.on('pageerror', (e) => requests.push('pageerror: ' + e.message));
  return { page, requests, close: () => context.close() };
}

describe('staged loading', () => {
  it('downloads only widget.js until the visitor shows intent, then the app on hover', async () => {
    const { page, requests, close } = await newPage();
    await page.goto(server.url + '/?lang=en');
    await page.locator(sel.launcher).waitFor();
    await page.waitForTimeout(700);
    expect(requests).toContain('/widget.js');
    expect(requests.filter((r) => r.startsWith('/widget/') || r.startsWith('/socket.io'))).toEqual([]);
    expect(await page.locator(sel.launcher).getAttribute('aria-label')).toBe('Chat with us');

    await page.hover(sel.launcher);
    await expect.poll(() => requests.includes('/widget/app.js')).toBe(true);
    await expect.poll(() => requests.some((r) => r.startsWith('/socket.io'))).toBe(true);
    // Hovering loads, it does not open.
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    // Only this page's language and no late-only parts (rating, pre-chat form).
    await expect.poll(() => requests.some((r) => /^\/widget\/en-.+\.js$/.test(r))).toBe(true);
    expect(requests.some((r) => /^\/widget\/preact-.+\.js$/.test(r))).toBe(true);
    expect(requests.filter((r) => /^\/widget\/(fa|ar|extras)-/.test(r))).toEqual([]);
    expect(requests.filter((r) => r.startsWith('pageerror'))).toEqual([]);
    await close();
  });

  it('loads at once when an earlier page left unread messages', async () => {
    const { page, requests, close } = await newPage();
    await page.goto(server.url + '/?lang=en');
    await page.evaluate(() => localStorage.setItem('porsan:unread', '2'));
    await page.reload();
    await expect.poll(() => requests.includes('/widget/app.js')).toBe(true);
    expect(await page.locator(sel.badge).textContent()).toBe('2');
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    await close();
  });
});

describe('opening and closing', () => {
  it('works with the mouse, moving focus in and back', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/?lang=en');
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    expect(await page.locator(sel.launcher).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(page)).toBe('textarea.');
    await page.click(`${sel.panel} .x`);
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    expect(await page.locator(sel.launcher).getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('button.launcher right');
    await close();
  });

  it('works with the keyboard: Tab to the launcher, Enter opens, Escape closes', async () => {
    const { page, close } = await newPage();
    await page.goto(`${server.url}/embed-test.html?locale=en&server=${encodeURIComponent(server.url)}`);
    await page.locator(sel.launcher).waitFor();
    // The launcher is the last thing on the page: Shift+Tab from the start reaches it.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button.launcher right');
    // Focus is visible.
    expect(await page.locator(sel.launcher).evaluate((el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth])).toEqual(['solid', '3px']);
    await page.keyboard.press('Enter');
    await page.locator(sel.input).waitFor();
    await expect.poll(() => focused(page)).toBe('textarea.');
    await page.keyboard.type('Hello there');
    expect(await page.locator(sel.input).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Escape');
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    expect(await focused(page)).toBe('button.launcher right');
    // The draft survives closing and opening.
    await page.keyboard.press('Space');
    expect(await page.locator(sel.input).inputValue()).toBe('Hello there');
    await close();
  });
});

describe('style isolation', () => {
  it('is untouched by a hostile host stylesheet, loaded from another origin', async () => {
    const { page, requests, close } = await newPage();
    await page.goto(`${otherUrl}/embed-test.html?server=${encodeURIComponent(server.url)}&locale=en`);
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    const style = (s: string, prop: string) => page.locator(s).evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
    // The host sets `* { all: revert; font-size: 40px } button { background: red !important }`.
    expect(await style(sel.launcher, 'background-color')).toBe('rgb(11, 87, 208)');
    expect(await style(sel.launcher, 'width')).toBe('56px');
    expect(await style(`${sel.panel} h2`, 'font-size')).toBe('17px');
    expect(await style(sel.log, 'font-size')).toBe('15px');
    expect(await style(sel.log, 'font-family')).toContain('system-ui');
    expect(await style(sel.input, 'font-size')).toBe('16px');
    expect(await style(`${sel.panel} .send`, 'background-color')).toBe('rgb(11, 87, 208)');
    expect(await style(sel.panel, 'width')).toBe('380px');
    // The host's own button is red: the stylesheet is live on the page.
    expect(await style('#host-button', 'background-color')).toBe('rgb(255, 0, 0)');

    // And the chat works cross-origin (module CORS, socket.io CORS).
    await page.fill(sel.input, 'How much does shipping cost?');
    await page.keyboard.press('Enter');
    await expect.poll(() => shown(page), { timeout: 10_000 }).toEqual([expect.stringMatching(/^visitor: How much does shipping cost\?$/), expect.stringMatching(/^bot: /)]);
    expect(requests.filter((r) => r.startsWith('pageerror'))).toEqual([]);
    await close();
  });
});

describe('options', () => {
  it('reads data-* attributes, window.PorsanConfig and <html lang>; colours keep their contrast; pre-chat form', async () => {
    const { page, requests, close } = await newPage();
    await page.goto(`${otherUrl}/custom.html`);
    await page.locator(sel.launcher).waitFor();
    const style = (s: string, prop: string) => page.locator(s).evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
    expect(await page.locator('porsan-widget .w').getAttribute('dir')).toBe('rtl');
    const lb = await page.locator(sel.launcher).boundingBox();
    expect(lb!.x + lb!.width).toBe(1280 - 20); // data-position="right" despite RTL
    expect(await style(sel.launcher, 'background-color')).toBe('rgb(255, 212, 0)');
    expect(await style(sel.launcher, 'color')).toBe('rgb(0, 0, 0)'); // dark text on yellow
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    expect(await page.locator(`${sel.panel} h2`).textContent()).toBe('مكتب المساعدة');
    expect(await page.locator(`${sel.log} .greet`).textContent()).toBe('أهلًا بك في المتجر');
    expect(await axeViolations(page)).toEqual([]);

    // prechat: asking for a person first asks who they are.
    await page.fill(sel.input, 'zzqx plorv wumble');
    await page.keyboard.press('Enter');
    await page.locator(`${sel.log} .pri`).last().click();
    await page.locator(`${sel.panel} .prechat`).waitFor();
    await page.click(`${sel.panel} .prechat .pri`);
    expect(await page.locator(`${sel.panel} #porsan-pe`).textContent()).toBe('يرجى إدخال بريد إلكتروني أو رقم هاتف.');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill(`${sel.panel} input[name=name]`, 'Layla');
    await page.fill(`${sel.panel} input[name=phone]`, '+971 4 000 0000');
    await page.click(`${sel.panel} .prechat .pri`);
    await expect.poll(() => page.locator(`${sel.panel} .sys.q`).textContent(), { timeout: 10_000 }).toBe('أنت في قائمة الانتظار، ترتيبك 1');
    await page.screenshot({ path: artifact('widget-ar-custom-queued.png') });
    const agent = await connectAgent(server.url, await login(server.url, server.admin.email, server.admin.password));
    const { queue } = await ok<{ queue: { id: string; visitorName: string | null }[] }>(agent, 'hello', {});
    expect(queue.map((c) => c.visitorName)).toContain('Layla');
    agent.disconnect();
    expect(requests.filter((r) => r.startsWith('pageerror'))).toEqual([]);
    await close();
  });

  it('hides the launcher on request; calls stubbed before widget.js ran are replayed', async () => {
    const { page, close } = await newPage();
    await page.goto(`${otherUrl}/hidden.html`);
    // The page queued ['on', 'open', …] and ['open'] in a stub before the loader existed.
    await page.locator(sel.input).waitFor();
    expect(await page.locator(sel.launcher).isHidden()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { got: string[] }).got)).toEqual(['open']);
    await page.keyboard.press('Escape');
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    // The site's own button opens it; closing returns focus to that button.
    await page.click('#help');
    await expect.poll(() => focused(page)).toBe('textarea.');
    await page.keyboard.press('Escape');
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('help');
    await close();
  });
});

describe('ES module entry', () => {
  it('load(config) from a bundle renders the launcher and lazily loads the bundled app', async () => {
    await build({
      configFile: false,
      logLevel: 'silent',
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      build: { outDir: esmDir, emptyOutDir: true, minify: false, lib: { entry: join(ROOT, 'widget/index.ts'), formats: ['es'], fileName: () => 'index.js' } },
    });
    const { page, requests, close } = await newPage();
    await page.goto(`${otherUrl}/esm.html`);
    await page.locator(sel.launcher).waitFor();
    expect(await page.locator('porsan-widget .w').getAttribute('dir')).toBe('rtl'); // from <html lang="fa">
    await page.waitForTimeout(300);
    // Only the entry (and what it imports statically); the app chunk (main-*.js) waits for intent.
    expect(requests).toContain('/esm/index.js');
    expect(requests.filter((r) => r.startsWith('/esm/main-') || r.startsWith('/socket.io'))).toEqual([]);
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    expect(await page.evaluate(() => (window as unknown as { chat: unknown; Porsan: unknown }).chat === (window as unknown as { Porsan: unknown }).Porsan)).toBe(true);
    expect(await page.locator(`${sel.log} .greet`).textContent()).toBe('bundled');
    // The app came from the site's bundle, not from the Porsan server.
    expect(requests.filter((r) => r.startsWith('/esm/main-'))).toHaveLength(1);
    expect(requests).not.toContain('/widget/app.js');
    await page.fill(sel.input, 'هزینه ارسال چقدر است؟');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${sel.log} .m.bot:not(.greet)`).count(), { timeout: 10_000 }).toBe(1);
    expect(requests.filter((r) => r.startsWith('pageerror'))).toEqual([]);
    await close();
  });
});

describe('public API', () => {
  it('queues calls made before the app loads and replays them; events fire', async () => {
    const { page, requests, close } = await newPage();
    await page.goto(server.url + '/?lang=en');
    await page.waitForFunction(() => 'Porsan' in window && 'open' in (window as { Porsan?: object }).Porsan!);
    expect(requests).not.toContain('/widget/app.js');
    await page.evaluate(() => {
      const w = window as unknown as { Porsan: import('../../widget/types.ts').PorsanApi; got: unknown[] };
      w.got = [];
      w.Porsan.on('open', () => w.got.push('open'));
      w.Porsan.on('close', () => w.got.push('close'));
      w.Porsan.on('message', (m) => w.got.push(m));
      w.Porsan.identify({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' });
      w.Porsan.send('What payment methods do you accept?');
      w.Porsan.open();
    });
    await page.locator(sel.input).waitFor();
    const got = () => page.evaluate(() => (window as unknown as { got: (string | ChatMessage)[] }).got);
    await expect.poll(async () => (await got()).filter((g) => typeof g !== 'string').map((m) => (m as ChatMessage).author), { timeout: 10_000 }).toEqual(['visitor', 'bot']);
    const [first, visitorMsg, botMsg] = await got();
    expect(first).toBe('open');
    expect(visitorMsg).toMatchObject({ author: 'visitor', text: 'What payment methods do you accept?' });
    expect((botMsg as ChatMessage).text.length).toBeGreaterThan(10);

    await page.evaluate(() => (window as unknown as { Porsan: { toggle(): void } }).Porsan.toggle());
    expect(await page.locator(sel.panel).isHidden()).toBe(true);
    expect((await got()).at(-1)).toBe('close');

    // identify() reached the server: an agent sees the profile.
    const agent = await connectAgent(server.url, await login(server.url, server.admin.email, server.admin.password));
    const detail = await ok<ConversationDetail>(agent, 'open', { conversationId: (visitorMsg as ChatMessage).conversationId });
    expect(detail.visitor.profile).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' });
    agent.disconnect();
    await close();
  });

  it('setLocale switches strings and direction', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/?lang=en');
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    await page.evaluate(() => (window as unknown as { Porsan: { setLocale(l: string): void } }).Porsan.setLocale('fa'));
    await expect.poll(() => page.locator(`${sel.panel} h2`).textContent()).toBe('پشتیبانی');
    expect(await page.locator('porsan-widget .w').getAttribute('dir')).toBe('rtl');
    expect(await page.locator(sel.input).getAttribute('placeholder')).toBe('پیام خود را بنویسید…');
    await close();
  });
});

describe('languages, layout and accessibility', () => {
  const cases = [
    { locale: 'fa', dir: 'rtl', q: 'هزینه ارسال چقدر است؟', title: 'پشتیبانی' },
    { locale: 'ar', dir: 'rtl', q: 'كم تكلفة الشحن؟', title: 'الدعم' },
    { locale: 'en', dir: 'ltr', q: 'How much does shipping cost?', title: 'Support' },
  ] as const;

  for (const c of cases) {
    it(`${c.locale}: direction, screenshots on desktop and mobile, axe`, async () => {
      for (const [kind, viewport] of [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 390, height: 844 }]] as const) {
        const { page, close } = await newPage(viewport);
        await page.goto(`${server.url}/?lang=${c.locale}`);
        await page.click(sel.launcher);
        await page.locator(sel.input).waitFor();
        expect(await page.locator('porsan-widget .w').getAttribute('dir')).toBe(c.dir);
        expect(await page.locator(`${sel.panel} h2`).textContent()).toBe(c.title);
        await page.fill(sel.input, c.q);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator(`${sel.log} .m.bot:not(.greet)`).count(), { timeout: 10_000 }).toBe(1);
        await page.fill(sel.input, 'zzqx plorv wumble');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator(`${sel.log} .m.bot:not(.greet)`).count(), { timeout: 10_000 }).toBe(2);
        const box = await page.locator(sel.panel).boundingBox();
        if (kind === 'mobile') {
          // Full screen on a phone.
          expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
        } else {
          // Next to the launcher, on the side the direction puts it.
          expect(box!.height).toBeGreaterThan(500);
          if (c.dir === 'rtl') expect(box!.x).toBe(20);
          else expect(box!.x + box!.width).toBe(1280 - 20);
        }
        // Times in the locale's digits.
        const time = await page.locator(`${sel.log} .m.visitor time`).first().textContent();
        expect(time).toMatch(c.locale === 'fa' ? /^[۰-۹]{2}:[۰-۹]{2}$/ : c.locale === 'ar' ? /[٠-٩0-9]/ : /^\d\d:\d\d/);
        await page.screenshot({ path: artifact(`widget-${c.locale}-${kind}.png`) });
        if (kind === 'desktop') {
          expect(await axeViolations(page)).toEqual([]);
        }
        await close();
      }
    });
  }
});
