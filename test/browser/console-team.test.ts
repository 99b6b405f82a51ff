// The console's team features (issue 5): presence, tags, internal notes, FAQ answers as canned
// replies, transfer to a colleague, return to the queue, left messages. Real server, real Chromium,
// visitors and a second agent speaking the protocol with socket.io-client.
// Needs `npm run build` (at least `vite build --mode console`) first.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentClientEvents, AgentServerEvents, AgentStatus, ChatMessage, ConversationSummary, ConversationView, VisitorClientEvents, VisitorServerEvents,
} from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { until } from '../helpers/wait.ts';
import { addAgentViaApi, login as signIn } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let sara: { socket: Socket<AgentServerEvents, AgentClientEvents>; id: string; team: AgentStatus[][]; conversations: ConversationSummary[] };

/** Signs in over HTTP and returns the session cookie. */
const sessionCookie = (credentials: { email: string; password: string }) => signIn(server.url, credentials.email, credentials.password);

/** Adds a person through the admin API, as an admin would. */
const addAgent = (a: { email: string; name: string; role: 'agent' | 'editor' | 'admin'; password: string }) => addAgentViaApi(server, a);

beforeAll(async () => {
  requireConsoleBuild();
  server = await startTestServer();
  browser = await launchBrowser();
  // A colleague, online through the protocol for the whole file.
  const creds = { email: 'sara@example.com', password: 'another long passphrase' };
  const row = await addAgent({ ...creds, name: 'Sara', role: 'agent' });
  const cookie = await sessionCookie(creds);
  const socket: Socket<AgentServerEvents, AgentClientEvents> = io(server.url + '/agent', { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  sara = { socket, id: row.id, team: [], conversations: [] };
  socket.on('agents', (team) => sara.team.push(team));
  socket.on('conversation', (c) => sara.conversations.push(c));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
});

afterAll(async () => {
  sara?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

interface TestVisitor {
  socket: Socket<VisitorServerEvents, VisitorClientEvents>;
  messages: ChatMessage[];
  conversations: ConversationView[];
  waitForMessage(pred: (m: ChatMessage) => boolean, what: string): Promise<ChatMessage>;
}

async function connectVisitor(url: string): Promise<TestVisitor> {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(server.url + '/visitor', { transports: ['websocket'], forceNew: true });
  const messages: ChatMessage[] = [];
  const conversations: ConversationView[] = [];
  socket.on('message', (m) => messages.push(m));
  socket.on('conversation', (c) => conversations.push(c));
  const hello = await socket.timeout(10_000).emitWithAck('hello', { locale: 'en', page: { url }, timeZone: 'Europe/Berlin' });
  if (!hello.ok) throw new Error(hello.message);
  return { socket, messages, conversations, waitForMessage: (pred, what) => until(() => messages.find(pred), what) };
}

async function queuedVisitor(question: string, url: string) {
  const v = await connectVisitor(url);
  const sent = await v.socket.timeout(10_000).emitWithAck('send', { clientId: randomUUID(), text: question });
  if (!sent.ok) throw new Error(sent.message);
  await v.waitForMessage((m) => m.author === 'bot', 'the bot');
  const res = await v.socket.timeout(10_000).emitWithAck('handoff', {});
  if (!res.ok) throw new Error(res.message);
  return { visitor: v, conversationId: res.conversation.id };
}

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[console page error]', err));
  await signInConsole(page, server.url, server.admin);
  return { context, page };
}

describe('console team features', () => {
  it('presence, tags, internal notes, FAQ answers and transfer to a colleague', async () => {
    const { visitor, conversationId } = await queuedVisitor('How long does delivery take?', 'https://shop.example/cart');
    const { context, page } = await signedIn();
    try {
      await page.locator(`.queue li[data-conversation-id="${conversationId}"] .claim`).click();
      const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
      const composer = pane.locator('textarea');
      await composer.waitFor();

      // Presence: the team sees me go away and come back.
      const team = page.locator('.team');
      await team.getByText('Sara').waitFor();
      const status = page.getByLabel('My status');
      expect(await status.inputValue()).toBe('online');
      await status.selectOption('away');
      await until(() => sara.team.some((t) => t.find((a) => a.email === server.admin.email)?.presence === 'away'), 'Sara to see the admin away');
      await status.selectOption('online');
      await until(() => sara.team.at(-1)?.find((a) => a.email === server.admin.email)?.presence === 'online', 'Sara to see the admin online');

      // Tags: added in the console, stored on the server.
      await pane.getByLabel('Add tag').fill('Shipping');
      await pane.getByLabel('Add tag').press('Enter');
      await pane.locator('.tag', { hasText: 'shipping' }).waitFor();
      const opened = await sara.socket.timeout(5000).emitWithAck('open', { conversationId });
      expect(opened.ok && opened.conversation.tags).toEqual(['shipping']);

      // An internal note: shown to agents as a note, never to the visitor.
      await pane.getByRole('radio', { name: 'Internal note' }).click();
      await composer.fill('VIP customer, be quick');
      await composer.press('Enter');
      const note = pane.locator('.msg-note[data-seq]', { hasText: 'VIP customer, be quick' });
      await note.waitFor();
      expect(await note.locator('.msg-meta').textContent()).toContain('Internal note');
      await pane.getByRole('radio', { name: 'Reply' }).click();

      // FAQ answers as canned replies: search, insert into the composer, send.
      await pane.getByRole('button', { name: 'FAQ answers' }).click();
      await pane.getByLabel('Search FAQ answers').fill('How long does delivery take');
      const hits = await sara.socket.timeout(5000).emitWithAck('kbSearch', { query: 'How long does delivery take', locale: 'en' });
      if (!hits.ok || hits.hits.length === 0) throw new Error('expected FAQ hits for "How long does delivery take"');
      const firstHit = hits.hits[0];
      await pane.getByRole('button', { name: `Insert the answer “${firstHit.title}”` }).click();
      expect(await composer.inputValue()).toBe(firstHit.answer);
      await page.screenshot({ path: artifact('console-en-team.png') });
      await composer.press('Enter');
      const canned = await visitor.waitForMessage((m) => m.author === 'agent', 'the canned reply');
      expect(canned.text).toBe(firstHit.answer.trim());
      expect(visitor.messages.some((m) => m.text.includes('VIP customer'))).toBe(false);

      // Transfer to Sara: she gets it, it leaves my list, the pane says who has it.
      await pane.getByRole('button', { name: 'Transfer…' }).click();
      await pane.getByLabel('Transfer to').selectOption({ label: 'Sara (0/5)' });
      await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
      await until(() => sara.conversations.find((c) => c.id === conversationId && c.agentId === sara.id), 'Sara to receive the conversation');
      await expect.poll(() => page.locator(`.mine li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      await pane.getByText('Sara is handling this conversation.').waitFor();
      await pane.locator('.msg-system', { hasText: 'Transferred to Sara' }).waitFor();
      expect(await pane.locator('textarea').count()).toBe(0);
    } finally {
      visitor.socket.disconnect();
      await context.close();
    }
  }, 90_000);

  it('returns a conversation to the queue, and answers a left message', async () => {
    const { visitor, conversationId } = await queuedVisitor('Can I change my delivery address?', 'https://shop.example/account');
    const { context, page } = await signedIn();
    try {
      // Return to queue.
      await page.locator(`.queue li[data-conversation-id="${conversationId}"] .claim`).click();
      const pane = page.locator(`.conversation[data-conversation-id="${conversationId}"]`);
      await pane.getByRole('button', { name: 'Return to queue' }).click();
      await page.locator(`.queue li[data-conversation-id="${conversationId}"]`).waitFor();
      await expect.poll(() => page.locator(`.mine li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
      await pane.getByText('The visitor is waiting in the queue. Claim the conversation to reply.').waitFor();
      await until(() => visitor.conversations.at(-1)?.status === 'queued', 'the visitor to be back in the queue');

      // A left message shows up live, with its tracking code; claiming it lets the agent reply.
      const writer = await connectVisitor('https://shop.example/contact');
      const left = await writer.socket.timeout(5000).emitWithAck('leaveMessage', { name: 'Maryam', email: 'maryam@example.com', text: 'Please email me the invoice for order 1234.' });
      if (!left.ok) throw new Error(left.message);
      const ticketRow = page.locator(`.tickets li[data-conversation-id="${left.conversation.id}"]`);
      await ticketRow.waitFor();
      expect(await ticketRow.textContent()).toContain(left.trackingCode);
      expect(await ticketRow.textContent()).toContain('Maryam');
      await ticketRow.locator('.item-open').click();
      const ticketPane = page.locator(`.conversation[data-conversation-id="${left.conversation.id}"]`);
      await ticketPane.getByText(`The visitor left a message (tracking code ${left.trackingCode}). Claim it to reply.`).waitFor();
      expect(await page.locator('.visitor-panel').getByText('maryam@example.com').count()).toBe(1);
      await page.screenshot({ path: artifact('console-en-ticket.png') });
      await ticketPane.getByRole('button', { name: 'Claim' }).click();
      await ticketPane.locator('textarea').fill('Sent it to your inbox just now.');
      await ticketPane.locator('textarea').press('Enter');
      await writer.waitForMessage((m) => m.author === 'agent' && m.text === 'Sent it to your inbox just now.', 'the reply to the left message');
      await expect.poll(() => ticketRow.count()).toBe(0);
      writer.socket.disconnect();
    } finally {
      visitor.socket.disconnect();
      await context.close();
    }
  }, 90_000);
});
