// The console's admin and editor pages: people and team settings (admins), the knowledge base
// (editors): try a question, see what the bot could not answer. Real server, real Chromium.
// Needs `npm run build` (at least `vite build --mode console`) first.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStatus, TeamSettings, VisitorClientEvents, VisitorServerEvents } from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

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

function signIn(page: Page, email: string, password: string): Promise<void> {
  return signInConsole(page, server.url, { email, password });
}

/** The page's own session, for checking what the server stored. */
async function api<T>(page: Page, path: string): Promise<T> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(server.url + path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('console pages for admins and editors', () => {
  it('an admin adds an editor and changes team settings', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[console page error]', err));
    try {
      await signIn(page, server.admin.email, server.admin.password);
      await page.getByRole('button', { name: 'Team & settings' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/console/admin');
      const people = page.locator('.agents-table');
      await people.getByText(server.admin.email).waitFor();

      // Add a person.
      const form = page.locator('form.new-agent');
      await form.getByLabel('Name').fill('Eve Editor');
      await form.getByLabel('Email').fill('eve@example.com');
      await form.getByLabel('Role').selectOption('editor');
      await form.getByLabel('Password (10+ characters)').fill('eve has a long password');
      await form.getByRole('button', { name: 'Add a person' }).click();
      await page.getByText('Eve Editor can now sign in.').waitFor();
      const eveRow = people.locator('tr', { hasText: 'eve@example.com' });
      await eveRow.waitFor();
      expect(await eveRow.getByLabel('Role of Eve Editor').inputValue()).toBe('editor');
      const stored = await api<{ agents: AgentStatus[] }>(page, '/api/agents');
      expect(stored.agents.find((a) => a.email === 'eve@example.com')?.role).toBe('editor');

      // A per-person limit.
      await eveRow.getByLabel('Conversation limit of Eve Editor').fill('3');
      await eveRow.getByLabel('Conversation limit of Eve Editor').press('Enter');
      await expect.poll(async () => (await api<{ agents: AgentStatus[] }>(page, '/api/agents')).agents.find((a) => a.email === 'eve@example.com')?.limit).toBe(3);

      // Team settings: invalid hours are refused before saving; valid ones are stored.
      const settings = page.locator('form.settings');
      await settings.getByLabel(/^Automatic/).check();
      const sunday = settings.getByLabel('Sunday');
      await sunday.fill('9 to 5');
      await settings.getByRole('alert').waitFor();
      expect(await settings.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
      await sunday.fill('09:00-13:00, 14:00-17:30');
      await settings.getByLabel('Default limit of open conversations per agent').fill('4');
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      const saved = await api<TeamSettings>(page, '/api/settings');
      expect(saved.routing).toBe('auto');
      expect(saved.defaultLimit).toBe(4);
      expect(saved.hours.days['0']).toEqual(['09:00-13:00', '14:00-17:30']);
      await page.locator('.page').evaluate((el) => el.scrollTo(0, 0));
      await page.screenshot({ path: artifact('console-en-admin.png') });

      await page.getByRole('button', { name: 'فارسی' }).click();
      await page.getByRole('heading', { name: 'همکاران و تنظیمات' }).waitFor();
      await page.locator('.page').evaluate((el) => el.scrollTo(0, 400));
      await page.screenshot({ path: artifact('console-fa-admin.png') });
      await page.getByRole('button', { name: 'English' }).click();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an editor gets the knowledge base: tries questions and sees unanswered ones', async () => {
    // A visitor asks something the knowledge base does not cover.
    const visitor: Socket<VisitorServerEvents, VisitorClientEvents> = io(server.url + '/visitor', { transports: ['websocket'], forceNew: true });
    const hello = await visitor.timeout(5000).emitWithAck('hello', { locale: 'en', page: { url: 'https://shop.example/' } });
    expect(hello.ok).toBe(true);
    const asked = await visitor.timeout(5000).emitWithAck('send', { clientId: randomUUID(), text: 'Do you sell second-hand spaceships?' });
    expect(asked.ok).toBe(true);
    visitor.disconnect();

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[console page error]', err));
    try {
      await signIn(page, 'eve@example.com', 'eve has a long password');
      // Editors land on the knowledge base; there are no conversation lists for them.
      await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/console/kb');
      expect(await page.getByRole('heading', { name: /Queue/ }).count()).toBe(0);
      expect(await page.getByLabel('My status').count()).toBe(0);

      // Try a question.
      await page.locator('form.kb-try').getByLabel('Question').fill('How long does delivery take?');
      await page.getByRole('button', { name: 'Try', exact: true }).first().click();
      const result = page.locator('.kb-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('The bot answers');
      expect(await result.textContent()).toContain('shipping-time-en');

      // What visitors asked that the bot could not answer, one click from trying it again.
      const gap = page.locator('.gaps-table tr', { hasText: 'Do you sell second-hand spaceships?' });
      await gap.waitFor();
      await gap.getByRole('button', { name: 'Try', exact: true }).click();
      await expect.poll(() => page.locator('form.kb-try').getByLabel('Question').inputValue()).toBe('Do you sell second-hand spaceships?');
      await expect.poll(() => result.textContent()).not.toContain('shipping-time-en');
      expect(await page.locator('.kb-counts').textContent()).toMatch(/English: \d+/);
      await page.screenshot({ path: artifact('console-en-kb.png') });
    } finally {
      await context.close();
    }
  }, 60_000);
});
