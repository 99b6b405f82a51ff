// One customer, chat and email, one timeline, through the real widget, a real mailbox (a private
// Dovecot) and the real console: the site identifies its user by a signed email address, the
// same person writes to support by mail (DKIM-signed, so their address is proven), and the agent
// who opens the mail sees the earlier chat beside it, replies from the composer, and the reply
// goes out by SMTP in the customer's thread.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../../server/security/identity.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { HAVE_DOVECOT, NO_DOVECOT_MESSAGE, startPrivateImap, type PrivateImap } from '../helpers/imap.ts';
import { testDns, type TestDns } from '../helpers/mail-auth.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtp, type Inbox } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

if (!HAVE_DOVECOT) console.warn(`⚠ ${NO_DOVECOT_MESSAGE}`);

const SECRET = 'browser-email-identity-secret-42';
let server: TestServer;
let browser: Browser;
let imap: PrivateImap;
let smtp: Inbox;
let dns: TestDns;

const CASE = {
  en: { chat: 'When will my order arrive?', subject: 'Shipping cost', mail: 'How much is shipping?', reply: 'Shipping is free over 500,000 toman.', name: 'Sara Rezaei' },
  fa: { chat: 'سفارشم کی می‌رسد؟', subject: 'هزینه‌ی ارسال', mail: 'هزینه ارسال چقدر است؟', reply: 'ارسال برای خرید بالای ۵۰۰ هزار تومان رایگان است.', name: 'سارا رضایی' },
} as const;

describe.skipIf(!HAVE_DOVECOT)('a customer’s chat and email in one timeline', () => {
  beforeAll(async () => {
    assertBuilt();
    requireConsoleBuild();
    [imap, smtp, browser] = await Promise.all([startPrivateImap(), startSmtp(), launchBrowser()]);
    dns = testDns(['customer.example']);
    server = await startTestServer({
      env: { PORSAN_IDENTITY_SECRET: SECRET, PORSAN_IMAP_URL: imap.url, PORSAN_SMTP_URL: smtp.url, PORSAN_MAIL_FROM: 'Shop Support <support@shop.example>' },
      start: { dnsResolver: dns.resolver },
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all([imap?.stop(), smtp?.close()]);
  });

  it.each(['en', 'fa'] as const)('in %s: the agent opens the mail and sees the earlier chat, and answers it by email', async (lang) => {
    const c = CASE[lang];
    const email = `sara-${lang}@customer.example`;

    // On the shop's site, signed in: the site proves the address (HMAC), the customer chats.
    const site = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await site.goto(`${server.url}/?lang=${lang}`);
    await site.waitForFunction(() => typeof (window as { Porsan?: { identify?: unknown } }).Porsan?.identify === 'function');
    await site.evaluate(([e, n, h]) => (window as unknown as { Porsan: { identify(p: object): void } }).Porsan.identify({ email: e, name: n, userHash: h }), [email, c.name, userHash(SECRET, email)] as const);
    await site.click(sel.launcher);
    await site.locator(sel.input).waitFor();
    await site.fill(sel.input, c.chat);
    await site.keyboard.press('Enter');
    await expect.poll(async () => (await shown(site)).some((s) => s.startsWith('bot:')), { timeout: 10_000 }).toBe(true);
    const customer = await server.porsan.store.customers.findOrCreateVerifiedCustomer({ email });
    await expect.poll(async () => (await server.porsan.store.customers.conversationsOfCustomer(customer.id)).length, { timeout: 10_000 }).toBe(1);

    // Later, by mail from the same (DKIM-proven) address.
    const messageId = `q-${lang}@customer.example`;
    const raw = [`From: ${c.name} <${email}>`, 'To: support@shop.example', `Subject: ${c.subject}`, `Message-ID: <${messageId}>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', c.mail, ''].join('\r\n');
    await imap.deliver(await dns.sign(raw, 'customer.example'));
    await server.porsan.email!.check();
    const record = await until(() => server.porsan.store.email.byHeaderId(messageId), 'the mail stored');
    const mailConv = (await server.porsan.store.conversations.get(record.conversationId))!;
    expect(mailConv).toMatchObject({ channel: 'email', customerId: customer.id });

    // The console: the mail waits in the queue, marked as email.
    const page: Page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signInConsole(page, server.url, server.admin);
    if (lang === 'fa') await page.locator('.lang-switch').click();
    const item = page.locator(`.queue li[data-conversation-id="${mailConv.id}"]`);
    expect(await item.locator('.badge.channel-email').textContent()).toBe(lang === 'fa' ? 'ایمیل' : 'Email');
    await item.locator('.item-open').click();
    const pane = page.locator(`.conversation[data-conversation-id="${mailConv.id}"]`);
    await pane.locator('.msg-visitor .bubble', { hasText: c.mail }).waitFor();
    expect(await pane.locator('.meta-email').textContent()).toContain(c.subject);
    expect(await pane.locator('.meta-email a').getAttribute('href')).toBe(`/api/email/${record.id}/original`);
    expect(await pane.locator('.email-unverified').count()).toBe(0);
    // The bot's suggestion for the agent, never sent.
    await pane.locator('.msg-suggestion').waitFor();
    // One timeline: the verified customer, and the earlier chat with its channel.
    const panel = page.locator('.visitor-panel');
    await panel.locator('.badge.verified').waitFor();
    const earlier = panel.locator('.earlier > li');
    await expect.poll(() => earlier.count()).toBe(1);
    expect(await earlier.locator('.earlier-q').textContent()).toBe(c.chat);
    expect(await earlier.locator('.badge.channel').textContent()).toBe(lang === 'fa' ? 'گفتگو' : 'Chat');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'fa' ? 'rtl' : 'ltr');
    await page.screenshot({ path: artifact(`email-timeline-console-${lang}.png`) });

    // The agent claims it and answers from the composer, as in a chat: it goes out by mail, threaded.
    await item.locator('.claim').click();
    const composer = pane.locator('textarea');
    await composer.waitFor();
    await composer.fill(c.reply);
    await composer.press('Enter');
    const sent = await until(() => smtp.mails.find((m) => m.to.includes(email)), 'the reply by mail');
    expect(sent).toMatchObject({ subject: `Re: ${c.subject}`, inReplyTo: `<${messageId}>` });
    expect(sent.text).toContain(c.reply);
    await pane.locator('.msg-agent .bubble', { hasText: c.reply }).waitFor();
    await page.screenshot({ path: artifact(`email-timeline-replied-${lang}.png`) });
    for (const p of [site, page]) await p.context().close();
  }, 90_000);
});
