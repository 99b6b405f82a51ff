// One customer, two devices, one history, through the real widget and the real console: the site
// signs its user's id (PORSAN_IDENTITY_SECRET), the widget on a phone and on a laptop calls
// Porsan.identify, and the agent sees both chat conversations in the customer's timeline.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../../server/security/identity.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

const SECRET = 'browser-identity-secret-0123456789';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  [server, browser] = await Promise.all([startTestServer({ env: { PORSAN_IDENTITY_SECRET: SECRET } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const QUESTIONS = {
  en: ['When will my order arrive?', 'How much is shipping?'],
  fa: ['سفارشم کی می‌رسد؟', 'هزینه ارسال چقدر است؟'],
} as const;

/** The shop's page with the site's logged-in user identified, as its template would do it. */
async function device(lang: 'en' | 'fa', viewport: { width: number; height: number }, user: { userId: string; name: string; email: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${server.url}/?lang=${lang}`);
  await page.waitForFunction(() => typeof (window as { Porsan?: { identify?: unknown } }).Porsan?.identify === 'function');
  const hash = userHash(SECRET, user.userId);
  await page.evaluate(([u, h]) => (window as unknown as { Porsan: { identify(p: object): void } }).Porsan.identify({ ...u, userHash: h }), [user, hash] as const);
  await page.click(sel.launcher);
  await page.locator(sel.input).waitFor();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shown(page)).some((s) => s.startsWith('bot:') ), { timeout: 10_000 }).toBe(true);
}

describe.each(['en', 'fa'] as const)('a verified customer in %s', (lang) => {
  it('continues on a second device, and the agent sees both conversations in one timeline', async () => {
    const [q1, q2] = QUESTIONS[lang];
    const user = { userId: `shop-user-${lang}`, name: lang === 'fa' ? 'سارا رضایی' : 'Sara Rezaei', email: `sara-${lang}@example.com` };

    // On the phone: a question the bot answers.
    const phone = await device(lang, { width: 390, height: 800 }, user);
    await say(phone, q1);

    // On the laptop, signed in as the same user: the same open conversation, with its messages.
    const laptop = await device(lang, { width: 1280, height: 800 }, user);
    await expect.poll(async () => (await shown(laptop)).includes(`visitor: ${q1}`), { timeout: 10_000 }).toBe(true);
    await laptop.screenshot({ path: artifact(`customer-laptop-continues-${lang}.png`) });

    // The laptop ends it and starts another, asking for a person.
    await laptop.click(`${sel.panel} .end`);
    await laptop.locator(`${sel.panel} .restart`).click();
    await laptop.locator(sel.input).waitFor();
    await laptop.fill(sel.input, q2);
    await laptop.keyboard.press('Enter');
    const handoff = laptop.locator(`${sel.log} .m.bot .pri`).last();
    await handoff.waitFor({ timeout: 10_000 });
    await handoff.click();

    const customer = await server.porsan.store.customers.findOrCreateVerifiedCustomer({ userId: user.userId });
    await expect.poll(async () => (await server.porsan.store.customers.openConversationOf(customer.id))?.status, { timeout: 10_000 }).toBe('queued');
    const second = (await server.porsan.store.customers.openConversationOf(customer.id))!;
    const history = await server.porsan.store.customers.conversationsOfCustomer(customer.id);
    expect(history).toHaveLength(2);
    // Two devices, two visitors, one customer.
    expect(new Set(history.map((c) => c.visitorId)).size).toBe(2);

    // The agent opens the waiting conversation: the verified customer and both conversations.
    const console_ = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signInConsole(console_, server.url, server.admin);
    if (lang === 'fa') await console_.locator('.lang-switch').click();
    await console_.locator(`.queue li[data-conversation-id="${second.id}"] .item-open`).click();
    const pane = console_.locator(`.conversation[data-conversation-id="${second.id}"]`);
    await pane.locator('.msg-visitor .bubble', { hasText: q2 }).waitFor();
    const panel = console_.locator('.visitor-panel');
    await panel.locator('.badge.verified').waitFor();
    expect(await panel.textContent()).toContain(user.userId);
    expect(await panel.locator('h3').first().textContent()).toBe(lang === 'fa' ? 'همهٔ گفتگوهای این مشتری' : 'All conversations of this customer');
    const earlier = panel.locator('.earlier > li');
    await expect.poll(() => earlier.count()).toBe(1);
    expect(await earlier.locator('.earlier-q').textContent()).toBe(q1);
    expect(await earlier.locator('.badge.channel').textContent()).toBe(lang === 'fa' ? 'گفتگو' : 'Chat');
    await earlier.locator('summary').click();
    await earlier.locator('.msg-bot').first().waitFor();
    expect(await console_.evaluate(() => document.documentElement.dir)).toBe(lang === 'fa' ? 'rtl' : 'ltr');
    await console_.screenshot({ path: artifact(`customer-history-console-${lang}.png`) });

    // Logging out on the laptop (Porsan.reset) leaves it an anonymous visitor that sees nothing.
    const before = await laptop.evaluate(() => localStorage.getItem('porsan:token'));
    await laptop.evaluate(() => (window as unknown as { Porsan: { reset(): void } }).Porsan.reset());
    await expect.poll(() => laptop.evaluate(() => localStorage.getItem('porsan:token')), { timeout: 10_000 }).not.toBeNull();
    expect(await laptop.evaluate(() => localStorage.getItem('porsan:token'))).not.toBe(before);
    expect(await shown(laptop)).toEqual([]);
    await laptop.reload();
    await laptop.click(sel.launcher);
    await laptop.locator(sel.input).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect((await shown(laptop)).some((s) => s.includes(q2) || s.includes(q1))).toBe(false);
    for (const p of [phone, laptop, console_]) await p.context().close();
  }, 90_000);
});
