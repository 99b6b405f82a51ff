// Proactive messages in a real browser, in Persian (RTL) and English: the demo's rule (ten
// seconds on the product page) shows its bubble once, not before, and not again after a
// reload; answering it starts a conversation the console shows with the rule's name, and the
// rule's counts say so. And the visitor is respected: never while typing in the chat, no
// motion for those who prefer none, no sound, and nothing at all on a site that turned it off.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProactiveRuleReport } from '../../protocol/index.ts';
import { DEMO_RULE } from '../../server/proactive/rules.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';
import { assertBuilt, sel, W } from './widget-helpers.ts';

let server: TestServer;
let browser: Browser;
let demoRule: ProactiveRuleReport;
const contexts: BrowserContext[] = [];
const BUBBLE = `${W} .pb`;

beforeAll(async () => {
  assertBuilt();
  requireConsoleBuild();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  await server.porsan.proactive.seedDemo();
  demoRule = (await server.porsan.proactive.list())[0]!;
  expect(demoRule).toMatchObject({ name: 'Product page help', conditions: { url: { type: 'prefix', value: '/product' }, secondsOnPage: 10 } });
  await server.porsan.proactive.create({ ...DEMO_RULE, name: 'Quick page', conditions: { url: { type: 'glob', value: '/quick*.html' }, secondsOnPage: 2 }, messages: { en: 'Hello from the quick page!' } });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function newContext(opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  contexts.push(ctx);
  // Counts sounds started on the page: a proactive message must make none.
  await ctx.addInitScript(() => {
    const w = window as unknown as { __sounds: number; AudioContext: typeof AudioContext };
    w.__sounds = 0;
    const Real = w.AudioContext;
    w.AudioContext = class extends Real {
      constructor(...args: ConstructorParameters<typeof AudioContext>) {
        super(...args);
        w.__sounds++;
      }
    };
  });
  return ctx;
}

const TEXT = {
  fa: { answer: 'این کتاب موجود است؟', handoff: 'گفتگو با کارشناس' },
  en: { answer: 'Is this book in stock?', handoff: 'Talk to a person' },
} as const;

/** A page of the demo's site that only our route knows (the widget still comes from the server). */
async function hostPage(ctx: BrowserContext, path: string, attrs: string): Promise<Page> {
  await ctx.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>Quick</title></head><body><main><h1>A quick page</h1></main><script src="/widget.js" data-locale="en" ${attrs}></script></body></html>` }),
  );
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[page]', e));
  return page;
}

describe('the demo rule: ten seconds on the product page', () => {
  it('shows its bubble once (fa and en), opens the chat with it, and not again after a reload; the console shows the rule', { timeout: 90_000 }, async () => {
    const visitors = await Promise.all(
      (['fa', 'en'] as const).map(async (lang) => {
        const ctx = await newContext();
        const page = await ctx.newPage();
        page.on('pageerror', (e) => console.error(`[${lang}]`, e));
        const start = Date.now();
        await page.goto(`${server.url}/product.html?lang=${lang}`);
        await page.waitForTimeout(6000);
        expect(await page.locator(BUBBLE).count(), 'no bubble before ten seconds').toBe(0);
        await page.locator(BUBBLE).waitFor({ timeout: 10_000 });
        expect(Date.now() - start).toBeGreaterThanOrEqual(10_000);
        const bubble = page.locator(`${BUBBLE} .pt`);
        expect(await bubble.textContent()).toBe(DEMO_RULE.messages[lang]);
        expect(await page.locator(`${BUBBLE} .px`).getAttribute('aria-label')).toBe(lang === 'fa' ? 'بستن' : 'Close');
        // over the launcher, on the launcher's side (left in RTL)
        const [b, l] = await Promise.all([page.locator(BUBBLE).boundingBox(), page.locator(sel.launcher).boundingBox()]);
        expect(b!.y + b!.height).toBeLessThan(l!.y);
        expect(lang === 'fa' ? b!.x < 640 : b!.x > 640).toBe(true);
        await page.waitForTimeout(400); // the entrance animation
        await page.screenshot({ path: artifact(`proactive-${lang}-bubble.png`) });
        expect(await page.evaluate(() => (window as unknown as { __sounds: number }).__sounds)).toBe(0);

        // answering it: the chat opens with the message, the visitor replies, and asks for a person
        await bubble.click();
        await page.locator(`${BUBBLE}`).waitFor({ state: 'detached' });
        await page.locator(`${sel.log} .greet`, { hasText: DEMO_RULE.messages[lang] }).waitFor();
        await page.screenshot({ path: artifact(`proactive-${lang}-opened.png`) });
        await page.fill(sel.input, TEXT[lang].answer);
        await page.keyboard.press('Enter');
        await page.locator(`${sel.log} .m.bot`, { hasText: DEMO_RULE.messages[lang] }).waitFor();
        await page.locator(`${sel.log} .acts .pri`, { hasText: TEXT[lang].handoff }).last().click();
        await page.locator(`${sel.panel} .sys.q`).waitFor(); // the live queue line (issue 15: said once, in the log)

        // a reload, and more than ten seconds on the page again: no second bubble
        await page.reload();
        await page.locator(sel.launcher).waitFor();
        await page.waitForTimeout(11_500);
        expect(await page.locator(BUBBLE).count(), 'no bubble after a reload').toBe(0);
        return { lang, page };
      }),
    );
    expect(visitors).toHaveLength(2);

    // ------------------------------------------------ the console
    const actx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    contexts.push(actx);
    const agent = await actx.newPage();
    await signInConsole(agent, server.url, server.admin);
    const fromRule = agent.locator('.queue .item-rule', { hasText: 'Started from rule: Product page help' });
    await until(async () => (await fromRule.count()) === 2, 'both conversations in the queue with the rule');
    await agent.screenshot({ path: artifact('proactive-console-queue.png') });
    const faItem = agent.locator('.queue li', { has: agent.locator('.badge.lang', { hasText: 'Persian' }) });
    await faItem.locator('.claim').click();
    await agent.locator('.conversation-head .badge.rule', { hasText: 'Started from rule: Product page help' }).waitFor();
    const first = agent.locator('.transcript .msg').first();
    expect(await first.getAttribute('data-author')).toBe('bot');
    expect(await first.locator('.bubble').textContent()).toContain(DEMO_RULE.messages.fa);
    expect(await first.locator('.msg-meta').textContent()).toBe('Proactive message (rule: Product page help)');
    await agent.screenshot({ path: artifact('proactive-console-conversation.png') });

    // ------------------------------------------------ how the rule did
    await agent.getByRole('button', { name: 'Proactive messages' }).click();
    const row = agent.locator(`.rules-table tr[data-rule-id="${demoRule.id}"]`);
    await row.waitFor();
    expect(await row.locator('td.num-cell').allTextContents()).toEqual(['2', '2', '2']);
    await agent.screenshot({ path: artifact('proactive-console-rules.png') });
  });
});

describe('respecting the visitor', () => {
  it('never while the visitor is typing in the chat: the bubble waits until the chat is closed', async () => {
    const ctx = await newContext();
    const page = await hostPage(ctx, '/quick-typing.html', '');
    await page.goto(`${server.url}/quick-typing.html`);
    await page.click(sel.launcher);
    await page.locator(sel.input).waitFor();
    await page.locator(sel.input).pressSequentially('I am typing a long question', { delay: 60 });
    await page.waitForTimeout(2500); // past the rule's two seconds
    expect(await page.locator(BUBBLE).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator(BUBBLE).waitFor({ timeout: 3000 });
    expect(await page.locator(`${BUBBLE} .pt`).textContent()).toBe('Hello from the quick page!');
  });

  it('moves in only for visitors who do not ask for reduced motion', async () => {
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const ctx = await newContext({ reducedMotion });
      const page = await hostPage(ctx, '/quick-motion.html', '');
      await page.goto(`${server.url}/quick-motion.html`);
      await page.locator(BUBBLE).waitFor({ timeout: 5000 });
      const animation = await page.locator(BUBBLE).evaluate((el) => getComputedStyle(el).animationName);
      expect(animation, reducedMotion).toBe(reducedMotion === 'reduce' ? 'none' : 'pb-in');
    }
  });

  it('a site with data-proactive="off" loads no evaluator and shows nothing', async () => {
    const ctx = await newContext();
    const page = await hostPage(ctx, '/quick-off.html', 'data-proactive="off"');
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${server.url}/quick-off.html`);
    await page.locator(sel.launcher).waitFor();
    await page.waitForTimeout(3500);
    expect(await page.locator(BUBBLE).count()).toBe(0);
    expect(requested.filter((u) => /\/widget\/proactive-/.test(u))).toEqual([]);
    // the same page without the switch does load it
    const on = await hostPage(ctx, '/quick-on.html', '');
    const loaded: string[] = [];
    on.on('request', (r) => loaded.push(r.url()));
    await on.goto(`${server.url}/quick-on.html`);
    await on.locator(BUBBLE).waitFor({ timeout: 5000 });
    expect(loaded.filter((u) => /\/widget\/proactive-/.test(u))).toHaveLength(1);
    expect(loaded.filter((u) => /\/widget\/app\.js/.test(u))).toEqual([]); // the chat app is not needed for that
  });
});
