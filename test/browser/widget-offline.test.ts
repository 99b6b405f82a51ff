// Nobody can answer: the widget offers to leave a message, shows its tracking code, and the
// answer appears later, in this browser and (by code) in another one; and while queued, the
// estimated wait. Real server, real Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/index.ts';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { connectVisitor, ok, signInAgent, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, axeViolations, focused, sel, shown } from './widget-helpers.ts';

let server: TestServer; // leave-a-message when nobody is online
let queueing: TestServer; // the default: always open, handoffs queue
let browser: Browser;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  assertBuilt();
  [server, queueing, browser] = await Promise.all([
    startTestServer({ env: { PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: 'true' } }),
    startTestServer(),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await browser?.close();
  await Promise.all([server?.close(), queueing?.close()]);
});

async function agent(on: TestServer, name: string): Promise<AgentSocket> {
  const { socket } = await signInAgent(on, name);
  cleanup.push(() => socket.disconnect());
  return socket;
}

async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanup.push(() => ctx.close());
  return ctx;
}

async function openWidget(page: Page, on: TestServer, lang = 'en'): Promise<void> {
  await page.goto(`${on.url}/?lang=${lang}`);
  await page.click(sel.launcher);
  await page.locator(sel.input).waitFor();
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
}

const form = `${sel.panel} .ft form[aria-labelledby=porsan-lt]`;
const field = (name: string) => `${form} [name=${name}]`;

describe('leave a message when nobody can answer', () => {
  it('offers the form, checks it, leaves the message; the answer shows up after a reload and by code elsewhere', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openWidget(page, server);
    await say(page, 'zzqx plorv wumble');
    await page.locator(`${sel.log} .m.bot .pri`).last().click();

    // Instead of a queue: what happened, and the form (focused on its first field).
    await page.locator(form).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${sel.panel} .sys.q`).count()).toBe(0);
    expect((await shown(page)).at(-1)).toMatch(/^system: No one from our team is online right now/);
    expect(await page.locator(`${form} h3`).textContent()).toBe('Leave a message');
    expect(await page.locator(sel.input).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('input.');
    expect(await axeViolations(page)).toEqual([]);

    // No way to reach the visitor: refused here, announced, tied to the field.
    await page.fill(field('name'), 'Maryam');
    await page.fill(field('text'), 'Can I change the delivery address of order 1042?');
    await page.click(`${form} .pri`);
    const error = page.locator(`${form} [role=alert]`);
    await expect.poll(() => error.textContent()).toBe('Please enter an email address or a phone number.');
    expect(await page.locator(field('email')).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(field('email')).getAttribute('aria-describedby')).toContain('porsan-le');
    expect(await focused(page)).toBe('input.');
    expect(await page.evaluate(() => document.querySelector('porsan-widget')!.shadowRoot!.activeElement!.getAttribute('name'))).toBe('email');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifact('widget-en-leave-message.png') });

    // A malformed address is caught too; then a good one goes through.
    await page.fill(field('email'), 'maryam@');
    await page.click(`${form} .pri`);
    await expect.poll(() => error.textContent()).toBe('Please check the email address.');
    await page.fill(field('email'), 'maryam@example.com');
    await page.click(`${form} .pri`);

    // The tracking code, large and copyable, with the note; the banner keeps it in view.
    const code = page.locator(`${sel.panel} .ft code`);
    await code.waitFor({ timeout: 10_000 });
    const shownCode = (await code.textContent())!;
    expect(shownCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await page.locator(`${sel.panel} .ft`).textContent()).toContain('The answer will appear here');
    expect(await page.locator(`${sel.panel} .bn`).textContent()).toBe(`Message left — tracking code ${shownCode}`);
    expect(await focused(page)).toBe('button.chip');
    await page.screenshot({ path: artifact('widget-en-tracking-code.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`${sel.panel} .ft .chip`); // Copy: copied, or selected when the clipboard is refused
    await expect
      .poll(() => page.evaluate(() => document.querySelector('porsan-widget')!.shadowRoot!.querySelector('.ft .chip')!.textContent === 'Copied' || String(getSelection())))
      .toBeTruthy();

    // The server has the same code, on an 'offline' conversation with the visitor's message.
    const tickets = await server.porsan.store.conversations.byTrackingCode(shownCode);
    expect(tickets?.status).toBe('offline');
    await expect(shown(page)).resolves.toContain('visitor: Can I change the delivery address of order 1042?');
    expect(await page.evaluate(() => localStorage.getItem('porsan:identified'))).toBe('1');

    // Done: back to the composer (more text joins the left message); no "End chat" on a ticket.
    await page.click(`${sel.panel} .ft .pri`);
    await page.locator(sel.input).waitFor();
    expect(await page.locator(`${sel.panel} .end`).count()).toBe(0);
    await page.goto('about:blank'); // the visitor leaves

    // Later, an agent answers it in the console.
    const sara = await agent(server, 'Sara');
    const list = (await ok<{ tickets: ConversationSummary[] }>(sara, 'tickets', {})).tickets;
    const ticket = list.find((c) => c.trackingCode === shownCode)!;
    expect(ticket).toBeTruthy();
    await ok(sara, 'claim', { conversationId: ticket.id });
    await ok(sara, 'send', { conversationId: ticket.id, clientId: crypto.randomUUID(), text: 'Yes: the new address is saved for **order 1042**.' });

    await ok(sara, 'presence', { presence: 'away' }); // (nobody available again for the next test)

    // The visitor comes back and opens the widget: the answer is there.
    await openWidget(page, server);
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain('agent: Yes: the new address is saved for order 1042.');
    expect(await page.locator(`${sel.panel} .hd p`).textContent()).toBe('You are chatting with Sara');

    // Another device: look the code up (typed loosely), read-only, and back.
    const other = await (await context()).newPage();
    other.on('pageerror', (e) => errors.push(e.message));
    await openWidget(other, server);
    await other.click(`${sel.panel} .ft .tc`);
    const input = other.locator(`${sel.panel} .ft input[name=code]`);
    await input.waitFor();
    await expect.poll(() => focused(other)).toBe('input.');
    await input.fill('nope-nope-nope');
    await other.keyboard.press('Enter');
    await expect.poll(() => other.locator(`${sel.panel} .ft [role=alert]`).textContent()).toBe('No message found with this code.');
    await input.fill(shownCode.toLowerCase().replace(/-/g, ' '));
    await other.keyboard.press('Enter');
    await expect.poll(() => other.locator(`${sel.log} h3`).textContent(), { timeout: 10_000 }).toBe(`Message ${shownCode}`);
    const seen = await shown(other);
    expect(seen).toContain('visitor: Can I change the delivery address of order 1042?');
    expect(seen).toContain('agent: Yes: the new address is saved for order 1042.');
    expect(await other.locator(`${sel.log} .acts`).count()).toBe(0);
    expect(await axeViolations(other)).toEqual([]);
    await other.screenshot({ path: artifact('widget-en-lookup.png') });
    await other.click(`${sel.panel} .ft .chip`);
    await other.locator(sel.input).waitFor();
    expect(await shown(other)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in Persian, asked in words: the form, Persian digits nowhere needed, a code in the banner after reload', async () => {
    const page = await (await context()).newPage();
    await openWidget(page, server, 'fa');
    await say(page, 'می‌خواهم با کارشناس صحبت کنم');
    await page.locator(form).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${form} h3`).textContent()).toBe('پیام بگذارید');
    await page.fill(field('name'), 'مریم');
    await page.fill(field('text'), 'سفارشم هنوز نرسیده است.');
    await page.click(`${form} .pri`);
    await expect.poll(() => page.locator(`${form} [role=alert]`).textContent()).toBe('لطفاً ایمیل یا شماره تلفن را وارد کنید.');
    await page.screenshot({ path: artifact('widget-fa-leave-message.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifact('widget-fa-leave-message-mobile.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Put away: the composer again, and the form back on the next ask.
    await page.click(`${form} .chip`);
    await page.locator(sel.input).waitFor();
    await say(page, 'اپراتور');
    await page.locator(form).waitFor({ timeout: 10_000 });
    await page.fill(field('name'), 'مریم');
    await page.fill(field('phone'), '۰۹۱۲ ۱۲۳ ۴۵۶۷');
    await page.fill(field('text'), 'سفارشم هنوز نرسیده است.');
    await page.click(`${form} .pri`);
    const code = page.locator(`${sel.panel} .ft code`);
    await code.waitFor({ timeout: 10_000 });
    const c = (await code.textContent())!;
    expect((await server.porsan.store.conversations.byTrackingCode(c))?.status).toBe('offline');
    await page.screenshot({ path: artifact('widget-fa-tracking-code.png') });
    await page.reload();
    await page.click(sel.launcher);
    await expect.poll(() => page.locator(`${sel.panel} .bn`).textContent(), { timeout: 10_000 }).toBe(`پیام شما ثبت شد — کد پیگیری ${c}`);
    expect(await page.locator(form).count()).toBe(0);
    await page.screenshot({ path: artifact('widget-fa-message-left.png') });
  });
});

describe('the estimated wait', () => {
  it('shows it next to the queue position once there are recent pick-ups', async () => {
    const sara = await agent(queueing, 'Sara');
    // An earlier conversation picked up: the server now has a pick-up time to go by.
    const earlier = await connectVisitor(queueing.url);
    cleanup.push(() => earlier.socket.disconnect());
    await ok(earlier.socket, 'send', { clientId: crypto.randomUUID(), text: 'hello' });
    await ok(earlier.socket, 'handoff', {});
    const [first] = (await ok<{ queue: ConversationSummary[] }>(sara, 'hello', {})).queue;
    await ok(sara, 'claim', { conversationId: first.id });
    await ok(sara, 'close', { conversationId: first.id });

    for (const lang of ['en', 'fa'] as const) {
      const page = await (await context()).newPage();
      await openWidget(page, queueing, lang);
      await say(page, 'zzqx plorv wumble');
      await page.locator(`${sel.log} .m.bot .pri`).last().click();
      const banner = page.locator(`${sel.panel} .sys.q`);
      await expect
        .poll(() => banner.textContent(), { timeout: 10_000 })
        .toBe(lang === 'en' ? 'You are in the queue, position 1 · less than a minute' : 'شما در صف هستید، نفر ۱ — زمان انتظار کمتر از یک دقیقه');
      if (lang === 'fa') await page.screenshot({ path: artifact('widget-fa-queue-eta.png') });
      const [mine] = (await ok<{ queue: ConversationSummary[] }>(sara, 'hello', {})).queue;
      await ok(sara, 'claim', { conversationId: mine.id });
      await expect.poll(() => banner.count()).toBe(0);
      await ok(sara, 'close', { conversationId: mine.id });
    }
  });
});
