// An agent's day and an editor's, in real Chromium, in Persian and English (screenshots in
// test/artifacts/agents-day-*.png): the archive finds a closed conversation by a Persian word typed
// with Arabic ي and shows its rating comment; `/` inserts a saved reply; a new display name and
// picture show in the visitor's widget; an editor's new FAQ entry is written to disk and answered
// by the bot without a restart.
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationView } from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { addAgentViaApi, connectVisitor, login, next, ok, signInAgent, type TestVisitor } from '../helpers/clients.ts';
import { DEMO_KB, ROOT, startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';
import { assertBuilt, sel } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
let kbDir: string;
const visitors: TestVisitor[] = [];
const editor = { email: 'nasrin@example.com', password: 'an editor passphrase', name: 'Nasrin' };

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  kbDir = join(mkdtempSync(join(tmpdir(), 'porsan-day-kb-')), 'kb');
  cpSync(DEMO_KB, kbDir, { recursive: true });
  [server, browser] = await Promise.all([startTestServer({ kbDir }), launchBrowser()]);
  await addAgentViaApi(server, { ...editor, role: 'editor' });
});
afterAll(async () => {
  for (const v of visitors) v.socket.disconnect();
  await browser?.close();
  await server?.close();
});

async function consolePage(who: { email: string; password: string } = server.admin, width = 1360): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  page.on('pageerror', (err) => console.error('[console page error]', err));
  await signInConsole(page, server.url, who);
  return page;
}

async function visitor(locale: 'fa' | 'en', name?: string): Promise<TestVisitor> {
  const v = await connectVisitor(server.url, { locale });
  visitors.push(v);
  if (name) await ok(v.socket, 'identify', { name });
  return v;
}

describe('the Conversations archive', () => {
  it('finds a closed conversation by a Persian word typed with Arabic ي, shows its rating comment, opens its transcript (en, fa)', async () => {
    const sara = await signInAgent(server, 'Sara');
    const v = await visitor('fa', 'مریم');
    await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: 'سفارش PS-10234، هنوز نرسیده' });
    const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
    await ok(sara.socket, 'claim', { conversationId: conversation.id });
    await ok(sara.socket, 'send', { conversationId: conversation.id, clientId: crypto.randomUUID(), text: 'بررسی می‌کنم و خبر می‌دهم.' });
    await ok(sara.socket, 'close', { conversationId: conversation.id, resolution: 'resolved' });
    await ok(v.socket, 'rate', { conversationId: conversation.id, score: 4, comment: 'خوب بود ولی کمی دیر' });
    sara.socket.disconnect();
    // and another conversation the search must not find
    const other = await visitor('fa');
    await ok(other.socket, 'send', { clientId: crypto.randomUUID(), text: 'هزینه ارسال چقدر است؟' });

    const page = await consolePage();
    try {
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.getByLabel('Words in the messages').fill('نرسيده'); // Arabic ي, not Persian ی
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const rows = page.locator('.archive-list li');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => rows.first().locator('.match').textContent()).toBe('سفارش PS-10234، هنوز نرسیده');
      expect(await rows.first().locator('.badge.rating').textContent()).toBe('★ 4 of 5 — “خوب بود ولی کمی دیر”');
      expect(page.url()).toContain(`/console/archive?q=${encodeURIComponent('نرسيده')}`);
      await rows.first().locator('.item-open').click();
      const transcript = page.locator('.archive-transcript');
      await transcript.waitFor();
      await expect.poll(() => transcript.locator('.msg-system').last().textContent()).toContain('Rated 4 of 5: “خوب بود ولی کمی دیر”');
      expect(await transcript.locator('.conversation-head .badge.rating').textContent()).toContain('خوب بود ولی کمی دیر');
      expect(await transcript.locator('.msg-visitor .bubble').first().getAttribute('dir')).toBe('rtl');
      await page.screenshot({ path: artifact('agents-day-en-archive.png') });

      // A reload lands on the same search and transcript; the export link carries the filter.
      await page.reload();
      await page.locator('.archive-transcript').waitFor();
      expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(`/api/conversations/export?q=${encodeURIComponent('نرسيده')}&format=csv`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
      expect(readFileSync(await download.path(), 'utf8')).toContain('خوب بود ولی کمی دیر');

      await page.getByRole('button', { name: 'فارسی' }).click();
      await page.getByRole('button', { name: 'بایگانی' }).waitFor();
      await expect.poll(() => page.locator('.archive-list .badge.rating').first().textContent()).toBe('★ ۴ از ۵ — «خوب بود ولی کمی دیر»');
      await page.screenshot({ path: artifact('agents-day-fa-archive.png') });
    } finally {
      await page.context().close();
    }
  });
});

describe('saved replies', () => {
  it('inserts one with / in the composer, the visitor’s and the agent’s names filled in (fa, en)', async () => {
    const admin = await login(server.url, server.admin.email, server.admin.password);
    for (const reply of [
      { shortcut: 'ارسال', title: 'زمان ارسال', body: 'سلام {visitor|دوست عزیز}، من {agent} هستم. سفارش‌ها در تهران ۱ تا ۲ روز کاری می‌رسند.' },
      { shortcut: 'shipping', title: 'Shipping times', body: 'Hi {visitor|there}, {agent} here: orders arrive in 1–2 working days.' },
    ]) {
      const res = await fetch(server.url + '/api/replies', { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(reply) });
      expect(res.status).toBe(201);
    }
    for (const [lang, v, typed, expected] of [
      ['fa', await visitor('fa', 'علی'), '/ار', 'سلام علی، من Admin هستم. سفارش‌ها در تهران ۱ تا ۲ روز کاری می‌رسند.'],
      ['en', await visitor('en'), '/sh', 'Hi there, Admin here: orders arrive in 1–2 working days.'],
    ] as const) {
      await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text: lang === 'fa' ? 'سلام' : 'hello' });
      const { conversation } = await ok<{ conversation: ConversationView }>(v.socket, 'handoff', {});
      const page = await consolePage();
      try {
        if (lang === 'fa') await page.getByRole('button', { name: 'فارسی' }).click();
        const row = page.locator(`.queue li[data-conversation-id="${conversation.id}"]`);
        await row.locator('.claim').click();
        const box = page.locator('#composer-input');
        await box.waitFor();
        await box.pressSequentially(typed);
        const menu = page.locator('.slash-menu [role="option"]');
        await expect.poll(() => menu.count()).toBe(1);
        expect(await box.getAttribute('aria-activedescendant')).toBe('slash-0');
        await page.screenshot({ path: artifact(`agents-day-${lang}-slash-menu.png`) });
        await box.press('Enter'); // inserts, does not send
        expect(await box.inputValue()).toBe(expected);
        expect(await page.locator('.slash-menu').count()).toBe(0);
        const got = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'agent');
        await box.press('Enter'); // now it sends
        expect((await got).text).toBe(expected);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('profiles', () => {
  it('a new display name and picture show in the visitor’s widget at once (fa)', async () => {
    const shop = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fa-IR' })).newPage();
    const page = await consolePage();
    try {
      await shop.goto(server.url + '/?lang=fa');
      await shop.click(sel.launcher);
      await shop.fill(sel.input, 'میخوام با اپراتور صحبت کنم');
      await shop.keyboard.press('Enter');
      await shop.locator(`${sel.log} .sys.q`).waitFor({ timeout: 10_000 });
      const row = page.locator('.queue li', { hasText: 'میخوام با اپراتور صحبت کنم' });
      await row.locator('.claim').click();
      await expect.poll(() => shop.locator(`${sel.panel} .hd p`).textContent(), { timeout: 10_000 }).toBe('در حال گفتگو با Admin');

      await page.locator('.topbar .me').click(); // one's name in the header opens one's profile
      await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
      await page.getByLabel('Display name').fill('سارا محمدی');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved — visitors you are talking with see it now.').waitFor();
      await expect.poll(() => shop.locator(`${sel.panel} .hd p`).textContent(), { timeout: 10_000 }).toBe('در حال گفتگو با سارا محمدی');

      // a picture: the 16-pixel PNG inside the favicon (the console makes it a 128-pixel square)
      const png = readFileSync(join(ROOT, 'server/http/favicon.ico')).subarray(54);
      await page.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
      await page.locator('.avatar-large').waitFor({ timeout: 10_000 });
      const avatar = shop.locator(`${sel.panel} .hd img.av`);
      await avatar.waitFor({ timeout: 10_000 });
      expect(await avatar.getAttribute('src')).toMatch(new RegExp(`^${server.url}/avatars/[\\w-]+\\?v=\\w+$`));
      await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(128);
      expect(await page.locator('.topbar .me').textContent()).toBe('سارا محمدی');
      await shop.screenshot({ path: artifact('agents-day-fa-widget-new-name.png') });
      await page.screenshot({ path: artifact('agents-day-en-profile.png') });
    } finally {
      await shop.context().close();
      await page.context().close();
    }
  });
});

describe('FAQ editing', () => {
  it('an editor writes an entry in the console (live preview as the widget shows it), the file appears, the bot answers it without a restart (en, fa)', async () => {
    const page = await consolePage(editor, 1400);
    const shop = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    try {
      await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New entry' }).click();
      const form = page.locator('.kb-editor');
      await form.getByLabel('Id (also the file name)').fill('gift-card-en');
      await form.getByLabel('Language').selectOption('en');
      await form.getByLabel('Questions, one per line (the first is the title)').fill('Do you sell gift cards?\nCan I buy a gift voucher for a friend?');
      await form.getByLabel('Tags, separated by commas').fill('gifts, cards');
      await form.getByLabel('Answer (markdown)').fill('Yes! **Gift cards** from 100,000 toman:\n\n- sent by email\n- valid for a year');
      // the preview is the widget's own renderer over the server's tree
      await expect.poll(() => form.locator('.widget-bubble strong').textContent(), { timeout: 10_000 }).toBe('Gift cards');
      expect(await form.locator('.widget-bubble li').count()).toBe(2);
      // a mistake is shown before saving, and blocks it
      await form.getByLabel('Id (also the file name)').fill('gift card!');
      await expect.poll(() => form.locator('.kb-issues-list').textContent()).toContain('id may contain only');
      expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
      await page.screenshot({ path: artifact('agents-day-en-kb-editor-problem.png') });
      await form.getByLabel('Id (also the file name)').fill('gift-card-en');
      await expect.poll(() => form.locator('.kb-issues-list').count()).toBe(0);
      await page.screenshot({ path: artifact('agents-day-en-kb-editor.png') });
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved en/gift-card-en.md; the bot answers with it now.').waitFor({ timeout: 10_000 });
      const file = join(kbDir, 'en/gift-card-en.md');
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('---\nid: gift-card-en\nlocale: en\nquestions:\n  - Do you sell gift cards?\n  - Can I buy a gift voucher for a friend?\ntags: [gifts, cards]\n---\nYes! **Gift cards** from 100,000 toman:\n\n- sent by email\n- valid for a year\n');

      // the bot answers it, in the widget, with the server that never restarted
      await shop.goto(server.url + '/?lang=en');
      await shop.click(sel.launcher);
      await shop.fill(sel.input, 'do you sell gift cards?');
      await shop.keyboard.press('Enter');
      await expect.poll(() => shop.locator(`${sel.log} .m.bot:not(.greet) .bub strong`).first().textContent(), { timeout: 10_000 }).toBe('Gift cards');
      await shop.screenshot({ path: artifact('agents-day-en-widget-new-entry.png') });

      // the Persian console: a Persian entry, right to left
      await page.getByRole('button', { name: 'فارسی' }).click();
      await page.getByRole('button', { name: 'مدخل تازه' }).click();
      await form.getByLabel('شناسه (همان نام پرونده)').fill('gift-card-fa');
      await form.getByLabel('زبان').selectOption('fa');
      await form.getByLabel('پرسش‌ها، هر کدام در یک سطر (نخستین، عنوان است)').fill('کارت هدیه دارید؟');
      await form.getByLabel('پاسخ (مارک‌داون)').fill('بله! **کارت هدیه** از ۱۰۰ هزار تومان، با ایمیل فرستاده می‌شود.');
      await expect.poll(() => form.locator('.widget-bubble strong').textContent(), { timeout: 10_000 }).toBe('کارت هدیه');
      expect(await form.locator('.widget-bubble').getAttribute('dir')).toBe('rtl');
      await page.screenshot({ path: artifact('agents-day-fa-kb-editor.png') });
      await form.getByRole('button', { name: 'ذخیره' }).click();
      await page.getByText('fa/gift-card-fa.md ذخیره شد؛ دستیار همین حالا با آن پاسخ می‌دهد.').waitFor({ timeout: 10_000 });
      await until(() => server.porsan.knowledge.answer('کارت هدیه دارید', 'fa').entry?.id === 'gift-card-fa', 'the bot to answer the Persian entry');
    } finally {
      await page.context().close();
      await shop.context().close();
    }
  });
});
