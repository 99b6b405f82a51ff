// The agent console end to end: a real server, real Chromium, and a visitor speaking the
// /visitor protocol with socket.io-client (so this does not depend on the widget).
// Needs `npm run build` (at least `vite build --mode console`) first: the server serves dist/console.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentClientEvents, AgentServerEvents, ChatMessage, ConversationView, Locale, VisitorClientEvents, VisitorServerEvents,
} from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { until } from '../helpers/wait.ts';
import { addAgentViaApi, login as signIn } from '../helpers/clients.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  requireConsoleBuild();
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ---------------------------------------------------------------- a protocol-level visitor
interface TestVisitor {
  socket: Socket<VisitorServerEvents, VisitorClientEvents>;
  token: string;
  /** Messages of the current conversation that hello returned. */
  welcome: ChatMessage[];
  messages: ChatMessage[];
  conversations: ConversationView[];
  typing: boolean[];
  send(text: string): Promise<ChatMessage>;
  waitForMessage(pred: (m: ChatMessage) => boolean, what: string): Promise<ChatMessage>;
  close(): void;
}

async function connectVisitor(opts: { locale: Locale; url: string; title?: string; referrer?: string; token?: string; ua?: string }): Promise<TestVisitor> {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(server.url + '/visitor', {
    transports: ['websocket'],
    forceNew: true,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: { 'user-agent': opts.ua ?? ANDROID_UA },
  });
  const messages: ChatMessage[] = [];
  const conversations: ConversationView[] = [];
  const typing: boolean[] = [];
  socket.on('message', (m) => messages.push(m));
  socket.on('conversation', (c) => conversations.push(c));
  socket.on('typing', (ev) => typing.push(ev.typing));
  const hello = await socket.timeout(10_000).emitWithAck('hello', {
    locale: opts.locale,
    page: { url: opts.url, title: opts.title, referrer: opts.referrer },
    timeZone: 'Asia/Tehran',
  });
  if (!hello.ok) throw new Error('visitor hello failed: ' + hello.message);
  return {
    socket,
    token: hello.token,
    welcome: hello.messages,
    messages,
    conversations,
    typing,
    async send(text) {
      const res = await socket.timeout(10_000).emitWithAck('send', { clientId: randomUUID(), text });
      if (!res.ok) throw new Error('visitor send failed: ' + res.message);
      return res.message;
    },
    waitForMessage: (pred, what) => until(() => messages.find(pred), what),
    close: () => void socket.disconnect(),
  };
}

/** A visitor who asks the bot a question, then presses "talk to a person". */
async function queuedVisitor(question: string, page: { url: string; title?: string; referrer?: string }, locale: Locale = 'en') {
  const v = await connectVisitor({ locale, ...page });
  await v.send(question);
  await v.waitForMessage((m) => m.author === 'bot', 'the bot to answer');
  const res = await v.socket.timeout(10_000).emitWithAck('handoff', {});
  if (!res.ok) throw new Error('handoff failed: ' + res.message);
  expect(res.conversation.status).toBe('queued');
  return { visitor: v, conversationId: res.conversation.id };
}

/** Signs in over HTTP and returns the session cookie. */
const sessionCookie = (credentials: { email: string; password: string }) => signIn(server.url, credentials.email, credentials.password);

/** Adds a person through the admin API, as an admin would. */
const addAgent = (a: { email: string; name: string; role: 'agent' | 'editor' | 'admin'; password: string }) => addAgentViaApi(server, a);

// ---------------------------------------------------------------- the console
async function openConsole(init?: () => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-US', bypassCSP: true /* lets the test inject axe-core */ });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[console page error]', err));
  await page.goto(server.url + '/console/');
  return { context, page };
}

/** Sign in on the login form the page already shows. */
function login(page: Page): Promise<void> {
  return signInConsole(page, server.url, server.admin, false);
}

/** A second agent, working straight over the protocol. */
async function otherAgentSocket(): Promise<Socket<AgentServerEvents, AgentClientEvents>> {
  const credentials = { email: `sara-${randomUUID().slice(0, 8)}@example.com`, password: 'another long passphrase' };
  await addAgent({ ...credentials, name: 'Sara', role: 'agent' });
  const cookie = await sessionCookie(credentials);
  const socket: Socket<AgentServerEvents, AgentClientEvents> = io(server.url + '/agent', { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('agent console', () => {
  it('rejects a wrong password with a visible error, then signs in', async () => {
    const { context, page } = await openConsole();
    try {
      const email = page.getByLabel('Email');
      const password = page.getByLabel('Password');
      expect(await email.getAttribute('type')).toBe('email');
      expect(await password.getAttribute('type')).toBe('password');

      // The login form in Persian is right-to-left and labelled in Persian.
      await page.getByRole('button', { name: 'فارسی' }).click();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.getByLabel('ایمیل').fill('nobody@example.com');
      await page.getByLabel('گذرواژه').fill('wrong');
      await page.getByRole('button', { name: 'ورود' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('ایمیل یا گذرواژه نادرست است.');
      await page.screenshot({ path: artifact('console-login-fa.png') });
      await page.getByRole('button', { name: 'English' }).click();

      await email.fill(server.admin.email);
      await password.fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password');
      expect(await page.getByRole('heading', { name: 'Queue' }).count()).toBe(0);

      await login(page);
      await page.getByRole('heading', { name: /Queue/ }).waitFor();
      await expect.poll(() => page.locator('.topbar .me').textContent()).toBeTruthy();

      // The session survives a reload (cookie + GET /api/me), and logout ends it.
      await page.reload();
      await page.getByText('Connected').waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('works a handed-off conversation: queue, transcript, claim, reply, live reply, typing, close', async () => {
    const { context, page } = await openConsole();
    const { visitor, conversationId } = await queuedVisitor('How long does delivery take?', {
      url: 'https://shop.example/products/kettle?ref=home',
      title: 'Electric kettle — Shop',
      referrer: 'https://www.google.com/',
    });
    try {
      await login(page);

      // The queue row: first question, page URL, language, a live wait time, a Claim button.
      const row = page.locator(`.queue li[data-conversation-id="${conversationId}"]`);
      await row.waitFor();
      expect(await row.locator('.item-q').textContent()).toBe('How long does delivery take?');
      expect(await row.locator('.item-url').textContent()).toBe('https://shop.example/products/kettle?ref=home');
      expect(await row.locator('.lang').textContent()).toBe('English');
      const wait1 = await row.locator('.wait').textContent();
      expect(wait1).toMatch(/^waiting \d+:\d\d$/);
      await expect.poll(() => row.locator('.wait').textContent(), { timeout: 4000 }).not.toBe(wait1);
      await expect.poll(() => page.title()).toMatch(/^\(\d+\) Porsan console$/);

      // Open it: the whole transcript, bot turn rendered as elements, meta, handoff reason.
      await row.locator('.item-open').click();
      const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
      await pane.waitFor();
      const visitorMsg = pane.locator('.msg-visitor .bubble').first();
      expect(await visitorMsg.textContent()).toBe('How long does delivery take?');
      expect(await visitorMsg.getAttribute('dir')).toBe('ltr') // from its letters (common/dir.ts);
      const bot = pane.locator('.msg-bot').first();
      expect(await bot.locator('.bubble strong').first().textContent()).toBe('2 pm');
      expect(await bot.locator('.bubble li').count()).toBeGreaterThanOrEqual(3);
      expect(await bot.locator('.msg-meta').textContent()).toMatch(/Answered from the FAQ: shipping-time-en \(score \d\.\d\d\)/);
      await expect.poll(() => pane.locator('.msg-system').last().textContent()).toContain('Handed off: the visitor pressed “talk to a person”');
      expect(await pane.locator('textarea').count()).toBe(0); // not mine yet: no composer

      // Visitor context.
      const panel = page.locator('.visitor-panel');
      expect(await panel.getByText('https://shop.example/products/kettle?ref=home').count()).toBe(1);
      expect(await panel.getByText('Electric kettle — Shop').count()).toBe(1);
      expect(await panel.getByText('https://www.google.com/').count()).toBe(1);
      expect(await panel.getByText('Chrome 126 · Android 14').count()).toBe(1);
      expect(await panel.getByText('phone', { exact: true }).count()).toBe(1);

      await page.screenshot({ path: artifact('console-en-queued.png') });

      // Claim: it moves to "My conversations", the visitor hears who joined.
      await pane.getByRole('button', { name: 'Claim' }).click();
      await page.locator(`.mine li[data-conversation-id="${conversationId}"]`).waitFor();
      await expect.poll(() => page.locator(`.queue li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      await visitor.waitForMessage((m) => m.author === 'system' && m.meta?.type === 'assigned', 'the visitor to learn an agent joined');
      const composer = pane.getByLabel('Reply');

      // Typing is relayed to the visitor.
      await composer.pressSequentially('Hi! ');
      await until(() => visitor.typing.includes(true), 'the visitor to see the agent typing');

      // Shift+Enter adds a line; Enter sends; the visitor receives exactly that text.
      await composer.pressSequentially('Your kettle ships today.');
      await composer.press('Shift+Enter');
      await composer.pressSequentially('It arrives in **1–2 days**.');
      expect(await composer.inputValue()).toBe('Hi! Your kettle ships today.\nIt arrives in **1–2 days**.');
      await composer.press('Enter');
      expect(await composer.inputValue()).toBe('');
      const fromAgent = await visitor.waitForMessage((m) => m.author === 'agent', 'the agent message to reach the visitor');
      expect(fromAgent.text).toBe('Hi! Your kettle ships today.\nIt arrives in **1–2 days**.');
      expect(fromAgent.clientId).toBeTruthy();
      const agentBubble = pane.locator('.msg-agent[data-seq]').last();
      await agentBubble.waitFor();
      expect(await agentBubble.locator('.bubble strong').textContent()).toBe('1–2 days'); // rendered by the server
      expect(await pane.locator('.msg-agent').count()).toBe(1); // the optimistic bubble was replaced, not duplicated

      // The visitor types, then replies: both show up live.
      visitor.socket.emit('typing', { typing: true });
      await pane.getByText('Visitor is typing…').waitFor();
      await visitor.send('Great, thanks! Can I pay cash on delivery?');
      await pane.locator('.msg-visitor .bubble', { hasText: 'Can I pay cash on delivery?' }).waitFor();
      await expect.poll(() => pane.getByText('Visitor is typing…').count()).toBe(0);

      await page.screenshot({ path: artifact('console-en.png') });

      // Persian UI: RTL everywhere, the choice survives a reload, and the conversation still works.
      await page.getByRole('button', { name: 'فارسی' }).click();
      expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'fa']);
      await page.getByRole('heading', { name: /گفتگوهای من/ }).waitFor();
      await page.screenshot({ path: artifact('console-fa.png') });
      await page.reload();
      await page.getByText('متصل').waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const listsBox = await page.locator('.lists').boundingBox();
      const mainBox = await page.locator('.main').boundingBox();
      expect(listsBox!.x).toBeGreaterThan(mainBox!.x); // the lists column sits on the right in RTL
      await page.getByRole('button', { name: 'English' }).click();

      // Close: the visitor's conversation ends, the console shows it closed, the list drops it.
      await page.locator(`.mine li[data-conversation-id="${conversationId}"] .item-open`).click();
      await pane.getByRole('button', { name: 'Close conversation' }).click();
      await pane.getByRole('button', { name: 'Resolved', exact: true }).click();
      await pane.getByText('This conversation is closed (Resolved).').waitFor();
      await until(() => visitor.conversations.find((c) => c.status === 'closed'), 'the visitor to see the conversation closed');
      await expect.poll(() => page.locator(`.mine li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      expect(await pane.locator('textarea').count()).toBe(0);
    } finally {
      visitor.close();
      await context.close();
    }
  }, 90_000);

  it('says clearly when another agent won the claim', async () => {
    const { context, page } = await openConsole();
    const other = await otherAgentSocket();
    const { visitor, conversationId } = await queuedVisitor('Can you help me with my order?', { url: 'https://shop.example/orders' });
    try {
      await login(page);
      const claimButton = page.locator(`.queue li[data-conversation-id="${conversationId}"] .claim`);
      await claimButton.waitFor();
      // Freeze the console's main thread so it cannot process the queue update, let the other
      // agent claim meanwhile, then press Claim: the console's claim reaches the server second.
      const frozen = page.evaluate((id) => {
        const until = Date.now() + 1500;
        while (Date.now() < until) {
          // busy: socket events queue up behind this task
        }
        document.querySelector<HTMLButtonElement>(`.queue li[data-conversation-id="${id}"] .claim`)!.click();
      }, conversationId);
      await new Promise((r) => setTimeout(r, 200));
      const won = await other.timeout(5000).emitWithAck('claim', { conversationId });
      expect(won.ok).toBe(true);
      await frozen;
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Someone else already took this conversation.');
      await expect.poll(() => page.locator(`.queue li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      expect(await page.locator(`.mine li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      await page.screenshot({ path: artifact('console-en-taken.png') });
    } finally {
      visitor.close();
      other.disconnect();
      await context.close();
    }
  }, 60_000);

  it('notifies about new work: beep, browser notification, tab title count, unread badge', async () => {
    // Headless Chromium has no notification UI: record what the console asks the browser to show.
    const { context, page } = await openConsole(() => {
      const shown: { title: string; body: string | undefined }[] = [];
      (window as unknown as { __shown: typeof shown }).__shown = shown;
      class RecordingNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    });
    const shown = () => page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown);
    const first = await queuedVisitor('Do you sell gift cards?', { url: 'https://shop.example/' });
    try {
      await login(page);
      // Take the first conversation so new visitor messages in it count as "mine".
      await page.locator(`.queue li[data-conversation-id="${first.conversationId}"] .claim`).click();
      await page.locator(`.mine li[data-conversation-id="${first.conversationId}"]`).waitFor();
      // Other tests may have left conversations waiting: count from here.
      await expect.poll(() => page.locator(`.queue li[data-conversation-id="${first.conversationId}"]`).count()).toBe(0);
      const waiting = await page.locator('.queue li').count();
      const title = (n: number) => (n > 0 ? `(${n}) Porsan console` : 'Porsan console');
      await expect.poll(() => page.title()).toBe(title(waiting));
      const beeps = () => page.evaluate(() => window.__porsanBeeps ?? 0);
      const before = await beeps();

      // A new conversation joins the queue: beep and count.
      const second = await queuedVisitor('هزینه ارسال چقدر است؟', { url: 'https://shop.example/fa' }, 'fa');
      const row = page.locator(`.queue li[data-conversation-id="${second.conversationId}"]`);
      await row.waitFor();
      expect(await row.locator('.lang').textContent()).toBe('Persian');
      expect(await row.locator('.item-q').getAttribute('dir')).toBe('rtl'); // Persian: from its letters (common/dir.ts)
      await expect.poll(beeps).toBeGreaterThan(before);
      await expect.poll(shown).toContainEqual({ title: 'New conversation waiting', body: 'هزینه ارسال چقدر است؟' });
      await expect.poll(() => page.title()).toBe(title(waiting + 1));
      expect(await page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0); // already granted

      // A new message in my (not selected) conversation: beep, unread badge, count.
      await page.locator(`.queue li[data-conversation-id="${second.conversationId}"] .item-open`).click();
      const beforeMsg = await beeps();
      await first.visitor.send('Hello? Anyone there?');
      const mineRow = page.locator(`.mine li[data-conversation-id="${first.conversationId}"]`);
      await expect.poll(() => mineRow.locator('.unread').textContent()).toBe('1 new');
      await expect.poll(beeps).toBeGreaterThan(beforeMsg);
      await expect.poll(shown).toContainEqual({ title: 'New message from Visitor', body: 'Hello? Anyone there?' });
      await expect.poll(() => page.title()).toBe(title(waiting + 2));
      await mineRow.locator('.item-open').click();
      await expect.poll(() => mineRow.locator('.unread').count()).toBe(0);
      await expect.poll(() => page.title()).toBe(title(waiting + 1));
      second.visitor.close();
    } finally {
      first.visitor.close();
      await context.close();
    }
  }, 60_000);

  it('shows earlier conversations and no-answer turns, keeps the selection in the URL, and passes axe', async () => {
    // Conversation 1: answered by another agent and closed.
    const sara = await otherAgentSocket();
    const first = await queuedVisitor('When will my order arrive?', { url: 'https://shop.example/orders/42' });
    expect((await sara.timeout(5000).emitWithAck('claim', { conversationId: first.conversationId })).ok).toBe(true);
    expect((await sara.timeout(5000).emitWithAck('send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'Tomorrow morning.' })).ok).toBe(true);
    expect((await sara.timeout(5000).emitWithAck('close', { conversationId: first.conversationId })).ok).toBe(true);
    sara.disconnect();

    // Conversation 2: the bot cannot answer; the visitor asks for a person.
    const v = first.visitor;
    expect((await v.socket.timeout(5000).emitWithAck('restart', {})).ok).toBe(true);
    await v.send('Can you repair my spaceship engine?');
    const noAnswer = await v.waitForMessage((m) => m.author === 'bot' && m.meta?.type === 'no_answer', 'the bot to give up');
    const handoff = await v.socket.timeout(5000).emitWithAck('handoff', {});
    if (!handoff.ok) throw new Error(handoff.message);
    const conversationId = handoff.conversation.id;
    expect(conversationId).not.toBe(first.conversationId);

    const { context, page } = await openConsole();
    try {
      await login(page);
      await page.locator(`.queue li[data-conversation-id="${conversationId}"] .item-open`).click();
      const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
      const meta = pane.locator('.msg-bot .msg-meta');
      await meta.waitFor();
      const suggestions = noAnswer.meta?.type === 'no_answer' ? noAnswer.meta.suggestions : [];
      const metaText = await meta.textContent();
      expect(metaText).toMatch(/^No answer/);
      for (const sug of suggestions) expect(metaText).toContain(sug.title);

      // The earlier conversation, with its whole transcript one click away.
      const earlier = page.locator('.visitor-panel .earlier > li');
      await expect.poll(() => earlier.count()).toBe(1);
      expect(await earlier.locator('.earlier-q').textContent()).toBe('When will my order arrive?');
      await earlier.locator('summary').click();
      await earlier.getByText('Tomorrow morning.').waitFor();
      expect(await earlier.locator('.msg-system', { hasText: 'Sara joined the conversation' }).count()).toBe(1);
      await page.screenshot({ path: artifact('console-en-earlier.png') });

      // The selection is in the URL: a reload comes back to the same conversation.
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/c/${conversationId}`);
      await page.reload();
      await pane.locator('.msg-bot .msg-meta').waitFor();

      // No serious accessibility problems, in English and in Persian.
      await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
      const serious = () =>
        page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
          const { violations } = await axe.run(document);
          return violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${JSON.stringify(x.nodes.map((n) => n.target))}`);
        });
      expect(await serious()).toEqual([]);
      await page.getByRole('button', { name: 'فارسی' }).click();
      expect(await serious()).toEqual([]);
      await page.screenshot({ path: artifact('console-fa-earlier.png') });
    } finally {
      v.close();
      await context.close();
    }
  }, 60_000);

  it('fits a narrow window, in English and in Persian', async () => {
    const { visitor, conversationId } = await queuedVisitor('Do you deliver on Fridays?', { url: 'https://shop.example/very/long/path/to/a/product/page?with=query&and=more' });
    const { context, page } = await openConsole();
    try {
      await login(page);
      await page.locator(`.queue li[data-conversation-id="${conversationId}"] .claim`).click();
      await page.locator(`.conversation[data-conversation-id="${conversationId}"] textarea`).waitFor();
      for (const width of [1024, 820, 400]) {
        await page.setViewportSize({ width, height: 800 });
        for (const lang of ['en', 'fa'] as const) {
          if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.locator('.lang-switch').click();
          await page.screenshot({ path: artifact(`console-${lang}-${width}.png`) });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `horizontal overflow at ${width}px in ${lang}`).toBeLessThanOrEqual(0);
          if (width > 640) {
            // The conversation keeps the window's full height: the composer is on screen.
            const composer = await page.locator('.composer').boundingBox();
            expect(composer!.y + composer!.height, `composer visible at ${width}px in ${lang}`).toBeLessThanOrEqual(800);
          }
        }
      }
    } finally {
      visitor.close();
      await context.close();
    }
  }, 60_000);

  it('survives a server restart: shows the connection state, keeps an unsent reply, reconnects, says hello and re-opens', async () => {
    const { context, page } = await openConsole();
    const { visitor, conversationId } = await queuedVisitor('Where is my parcel?', { url: 'https://shop.example/track' });
    try {
      await login(page);
      await page.locator(`.queue li[data-conversation-id="${conversationId}"] .claim`).click();
      const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
      const composer = pane.getByLabel('Reply');
      await composer.waitFor();
      visitor.close();

      // The server goes away: the console says so, and a reply written now waits as "Sending…".
      const { dataDir } = server.config;
      const port = server.port;
      await server.close();
      await page.getByText('Connection lost — reconnecting…').waitFor();
      await composer.fill('Are you still there?');
      await composer.press('Enter');
      const pending = pane.locator('.msg[data-state="sending"]');
      await pending.waitFor();
      expect(await pending.textContent()).toContain('Sending…');

      // Back on the same data and port: the console reconnects by itself and the reply goes out once.
      server = await startTestServer({ dataDir, port });
      await page.getByText('Connected').waitFor({ timeout: 20_000 });
      await pane.locator('.msg-agent[data-seq]', { hasText: 'Are you still there?' }).waitFor();
      await expect.poll(() => pane.locator('.msg[data-state]').count()).toBe(0);
      expect(await pane.locator('.msg-agent', { hasText: 'Are you still there?' }).count()).toBe(1);

      // The visitor comes back with the same token and finds the reply, once. The console gets the
      // visitor's next message live, which only works if it said hello and re-opened the conversation.
      const back = await connectVisitor({ locale: 'en', url: 'https://shop.example/track', token: visitor.token });
      expect(back.welcome.filter((m) => m.author === 'agent' && m.text === 'Are you still there?')).toHaveLength(1);
      await back.send('Yes! Still here after the restart.');
      await pane.locator('.msg-visitor .bubble', { hasText: 'Yes! Still here after the restart.' }).waitFor();
      await composer.fill('Great, your parcel ships today.');
      await composer.press('Enter');
      await back.waitForMessage((m) => m.author === 'agent' && m.text === 'Great, your parcel ships today.', 'the reply after the restart');
      back.close();
    } finally {
      visitor.close();
      await context.close();
    }
  }, 90_000);
});
