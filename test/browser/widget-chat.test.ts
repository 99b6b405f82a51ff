// Conversations through the real widget against a real server: bot answers, suggestions,
// handoff and the queue, an agent, rating, going offline, two tabs, reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationDetail, ConversationSummary } from '../../protocol/index.ts';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { connectVisitor, next, ok, signInAgent, type AgentSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertBuilt, axeViolations, focused, sel, shown } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  assertBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const c of cleanup) await c();
  await browser?.close();
  await server?.close();
});

async function agent(name: string): Promise<AgentSocket> {
  const { socket } = await signInAgent(server, name);
  cleanup.push(() => socket.disconnect());
  return socket;
}

async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanup.push(() => ctx.close());
  return ctx;
}

async function openWidget(page: Page, lang = 'en'): Promise<void> {
  await page.goto(`${server.url}/?lang=${lang}`);
  await page.click(sel.launcher);
  await page.locator(sel.input).waitFor();
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(sel.input, text);
  await page.keyboard.press('Enter');
}

const botCount = (page: Page) => page.locator(`${sel.log} .m.bot:not(.greet)`).count();
const token = (page: Page) => page.evaluate(() => localStorage.getItem('porsan:token'));

describe('the bot', () => {
  it('renders an answer from rich text, with safe links', async () => {
    const page = await (await context()).newPage();
    await openWidget(page);
    await say(page, 'How do I track my order?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    const bot = page.locator(`${sel.log} .m.bot:not(.greet) .bub`);
    expect(await bot.locator('li').count()).toBeGreaterThan(0);
    expect(await bot.locator('strong').count()).toBeGreaterThan(0);
    const link = bot.locator('a').first();
    expect(await link.getAttribute('href')).toBe('https://example.com/track');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await bot.getAttribute('dir')).toBe('ltr'); // from its letters (common/dir.ts)
    // Markdown source is not shown raw.
    expect(await bot.textContent()).not.toContain('**');
    // Screen readers hear it.
    expect(await page.locator(`${sel.panel} .sr[aria-live]`).textContent()).toMatch(/^New message from Assistant: /);
    // A bot conversation can be ended too.
    await page.click(`${sel.panel} .end`);
    await page.locator(`${sel.panel} .stars`).waitFor();
  });

  it('offers suggestions as chips; a chip asks that question; visitor text stays plain', async () => {
    // A server whose bot suggests rather than answers (thresholds are configuration).
    const suggesting = await startTestServer({ env: { PORSAN_KB_ANSWER_THRESHOLD: '0.99', PORSAN_KB_SUGGEST_THRESHOLD: '0.3' } });
    cleanup.push(() => suggesting.close());
    const page = await (await context()).newPage();
    await page.goto(`${suggesting.url}/?lang=en`);
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    await say(page, '<b>zzqx</b> plorv wumble');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    // Plain text: the tag is shown as typed, not parsed.
    expect(await page.locator(`${sel.log} .m.visitor .bub`).first().textContent()).toBe('<b>zzqx</b> plorv wumble');
    expect(await page.locator(`${sel.log} .m.visitor b`).count()).toBe(0);
    await say(page, 'shipping');
    await expect.poll(() => page.locator(`${sel.log} .m.bot`).last().locator('.chip').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator(`${sel.log} .m.bot`).last().locator('.pri').textContent()).toBe('Talk to a person');
    const chip = page.locator(`${sel.log} .m.bot`).last().locator('.chip').first();
    const title = (await chip.textContent())!;
    const bots = await botCount(page);
    await chip.click();
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain(`visitor: ${title}`);
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(bots + 1);
  });
});

describe('with a person', () => {
  it('hands off, shows the live queue position, the agent, typing, messages; then rating and restart', async () => {
    const sara = await agent('Sara');
    // Someone else is already waiting.
    const other = await connectVisitor(server.url);
    cleanup.push(() => other.socket.disconnect());
    await ok(other.socket, 'send', { clientId: crypto.randomUUID(), text: 'hello' });
    await ok(other.socket, 'handoff', {});

    const page = await (await context()).newPage();
    await openWidget(page);
    await page.evaluate(() => {
      const w = window as unknown as { Porsan: import('../../widget/types.ts').PorsanApi; statuses: unknown[] };
      w.statuses = [];
      w.Porsan.on('status', (s) => w.statuses.push(s));
    });
    await say(page, 'zzqx plorv wumble');
    await page.locator(`${sel.log} .pri`).last().click();
    await expect.poll(() => page.locator(`${sel.panel} .sys.q`).textContent(), { timeout: 10_000 }).toBe('You are in the queue, position 2');
    expect(await axeViolations(page)).toEqual([]);

    // The one ahead is taken: this visitor moves up, live, and with a pick-up to go by, the wait shows.
    const queue = (await ok<{ queue: ConversationSummary[] }>(sara, 'hello', {})).queue;
    expect(queue).toHaveLength(2);
    await ok(sara, 'claim', { conversationId: queue[0].id });
    await expect.poll(() => page.locator(`${sel.panel} .sys.q`).textContent(), { timeout: 10_000 }).toBe('You are in the queue, position 1 · less than a minute');

    await ok(sara, 'claim', { conversationId: queue[1].id });
    await expect.poll(() => page.locator(`${sel.panel} .hd p`).textContent()).toBe('You are chatting with Sara');
    await page.screenshot({ path: artifact('widget-en-assigned.png') });
    expect(await page.locator(`${sel.panel} .sys.q`).count()).toBe(0);

    // Typing both ways.
    sara.emit('typing', { conversationId: queue[1].id, typing: true });
    await expect.poll(() => page.locator(`${sel.log} .sys`).last().textContent()).toBe('Sara is typing…');
    const visitorTyping = next<{ typing: boolean }>(sara, 'typing', (e) => e.typing);
    await page.type(sel.input, 'Hi Sar');
    await visitorTyping;
    await page.fill(sel.input, '');

    await ok(sara, 'send', { conversationId: queue[1].id, clientId: crypto.randomUUID(), text: 'Hello, I am **Sara**. How can I help?' });
    await expect.poll(() => shown(page)).toContain('agent: Hello, I am Sara. How can I help?');
    expect(await page.locator(`${sel.log} .m.agent .who`).last().textContent()).toBe('Sara');
    expect(await page.locator(`${sel.log} .m.agent strong`).last().textContent()).toBe('Sara');
    expect(await page.locator(`${sel.log} .typing`).count()).toBe(0);

    // The visitor ends it and rates it.
    await page.click(`${sel.panel} .end`);
    await page.locator(`${sel.panel} .stars`).waitFor();
    await expect.poll(() => focused(page)).not.toBeNull();
    await page.click(`${sel.panel} label[for=porsan-s4]`);
    await page.fill(`${sel.panel} .ft textarea`, 'Quick and kind');
    await page.screenshot({ path: artifact('widget-en-rating.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`${sel.panel} .ft .pri`);
    await expect.poll(() => page.locator(`${sel.panel} .ft [role=status]`).textContent()).toBe('Thank you for your feedback!');
    expect(await page.evaluate(() => (window as unknown as { statuses: unknown[] }).statuses)).toEqual(['bot', 'queued', 'assigned', 'closed']);
    const detail = await ok<ConversationDetail>(sara, 'open', { conversationId: queue[1].id });
    expect(detail.conversation.status).toBe('closed');
    expect(detail.conversation.rating).toBe(4);

    await page.click(`${sel.panel} .restart`);
    await page.locator(sel.input).waitFor();
    expect(await shown(page)).toEqual([]);
    await say(page, 'How much does shipping cost?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    const newConv = await page.evaluate(() => localStorage.getItem('porsan:token'));
    expect(newConv).toBeTruthy();
  });
});

describe('never losing a message', () => {
  it('keeps messages typed while the server is down and delivers each once, in order', async () => {
    const page = await (await context()).newPage();
    await openWidget(page);
    await say(page, 'How much does shipping cost?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);

    await server.close();
    await page.locator(`${sel.panel} .bn.off`).waitFor({ timeout: 10_000 });
    await say(page, 'first while offline');
    await say(page, 'second while offline');
    expect(await page.locator(`${sel.log} .pending`).count()).toBe(2);
    expect(await page.locator(`${sel.log} .pending .meta`).first().textContent()).toBe('Sending…');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('porsan:outbox')))!).map((p: { text: string }) => p.text)).toEqual(['first while offline', 'second while offline']);

    server = await server.restart();
    await expect.poll(() => page.locator(`${sel.log} .pending`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator(`${sel.panel} .bn.off`).count()).toBe(0);
    const visitorLines = (await shown(page)).filter((l) => l.startsWith('visitor:'));
    expect(visitorLines).toEqual(['visitor: How much does shipping cost?', 'visitor: first while offline', 'visitor: second while offline']);
    expect(await page.evaluate(() => localStorage.getItem('porsan:outbox'))).toBeNull();

    // The server has them once each, in this order.
    const v = await connectVisitor(server.url, { token: (await token(page))! });
    cleanup.push(() => v.socket.disconnect());
    expect(v.welcome.messages.filter((m) => m.author === 'visitor').map((m) => m.text)).toEqual(['How much does shipping cost?', 'first while offline', 'second while offline']);
    // Bot replies arrived for both too, and nothing is shown twice.
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(v.welcome.messages.filter((m) => m.author === 'bot').length);
    const seqs = await page.locator(`${sel.log} [data-seq]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('sends a message kept in the outbox by a page that was closed before it went out', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await openWidget(page);
    await say(page, 'How much does shipping cost?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    // A message that never left (as if the page was closed mid-send).
    await page.evaluate(() => localStorage.setItem('porsan:outbox', JSON.stringify([{ clientId: 'c-left-behind-1', text: 'left behind', createdAt: new Date().toISOString() }])));
    await page.reload();
    await page.click(sel.launcher);
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain('visitor: left behind');
    expect((await shown(page)).filter((l) => l === 'visitor: left behind')).toHaveLength(1);
  });
});

describe('tabs and reloads', () => {
  it('keeps two tabs of the site in one conversation, in sync, with the unread badge', async () => {
    const ctx = await context();
    const a = await ctx.newPage();
    const b = await ctx.newPage();
    await openWidget(a);
    await say(a, 'How much does shipping cost?');
    await expect.poll(() => botCount(a), { timeout: 10_000 }).toBe(1);
    await openWidget(b);
    expect(await token(b)).toBe(await token(a));
    // Exactly one tab holds the sound lock (plays the chime); the other waits for it.
    const locks = await a.evaluate(async () => {
      const q = await navigator.locks.query();
      return [q.held, q.pending].map((l) => (l ?? []).filter((x) => x.name === 'porsan:sound').length);
    });
    expect(locks).toEqual([1, 1]);
    await expect.poll(() => shown(b)).toEqual(await shown(a));

    // B's panel is closed; A asks again: B shows it and counts it as unread.
    await b.click(`${sel.panel} .x`);
    await b.evaluate(() => {
      const w = window as unknown as { Porsan: import('../../widget/types.ts').PorsanApi; unread: number[] };
      w.unread = [];
      w.Porsan.on('unread', (n) => w.unread.push(n));
    });
    await say(a, 'How do I track my order?');
    await expect.poll(() => botCount(a), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => b.locator(sel.badge).textContent()).toBe('1');
    expect(await b.title()).toMatch(/^\(1\) /);
    expect(await b.evaluate(() => (window as unknown as { unread: number[] }).unread)).toEqual([1]);
    await b.click(sel.launcher);
    expect(await shown(b)).toEqual(await shown(a));
    await expect.poll(() => b.locator(sel.badge).isHidden()).toBe(true);
    expect(await b.title()).not.toMatch(/^\(/);
  });

  it('restores the conversation after a reload', async () => {
    const page = await (await context()).newPage();
    await openWidget(page);
    await say(page, 'How much does shipping cost?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    await say(page, 'How do I track my order?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(2);
    const before = await shown(page);
    await page.reload();
    await page.click(sel.launcher);
    await expect.poll(() => shown(page)).toEqual(before);
    expect(before).toHaveLength(4);
  });

  it('emits message events only for new messages, not for restored history', async () => {
    const page = await (await context()).newPage();
    await openWidget(page);
    await say(page, 'How much does shipping cost?');
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    await page.reload();
    await page.evaluate(() => {
      const w = window as unknown as { Porsan: import('../../widget/types.ts').PorsanApi; got: ChatMessage[] };
      w.got = [];
      w.Porsan.on('message', (m) => w.got.push(m));
      w.Porsan.open();
    });
    await expect.poll(() => botCount(page), { timeout: 10_000 }).toBe(1);
    await say(page, 'How do I track my order?');
    await expect.poll(() => page.evaluate(() => (window as unknown as { got: ChatMessage[] }).got.map((m) => m.author)), { timeout: 10_000 }).toEqual(['visitor', 'bot']);
  });
});
