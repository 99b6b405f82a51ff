// The Reports page in a real browser, in English and in Persian (Persian calendar, right to left):
// the figures the reporting module computes for a seeded database are the ones shown, the chart
// library loads only with this page, every section downloads as CSV; supervisors see reports but
// not settings; admins make API tokens and webhooks and read the delivery log.
// Needs `npm run build` (at least `vite build --mode console`) first.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../server/reports/index.ts';
import { addDays, today } from '../../server/reports/calendar.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { TEST_AGENT_PASSWORD, connectVisitor, ok } from '../helpers/clients.ts';
import { seedReports } from '../helpers/report-seed.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';
import { hashPassword } from '../../server/auth.ts';
import { until } from '../helpers/wait.ts';

const TZ = 'Asia/Tehran';
let server: TestServer;
let browser: Browser;
let receiver: Receiver;

beforeAll(async () => {
  requireConsoleBuild();
  receiver = await startReceiver();
  server = await startTestServer({ env: { PORSAN_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  // The seeded days (1–3 March 2026 in Tehran) moved to the day before yesterday … today.
  const shiftDays = Math.round((Date.parse(addDays(today(TZ), -2)) - Date.parse('2026-03-01')) / 86_400_000);
  await seedReports(server.porsan.store, { shiftDays });
  await server.porsan.store.agents.create({ email: 'sup@example.com', name: 'Sima Supervisor', role: 'supervisor', passwordHash: await hashPassword(TEST_AGENT_PASSWORD) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, timezoneId: TZ, locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[console page error]', err));
  return page;
}

/** The page scrolls inside the console's frame: a tall window shows all of it at once. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => (document.querySelector('.page-body')?.scrollHeight ?? 900) + 120);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: artifact(name) });
  await page.setViewportSize(size);
}

const figure = (page: Page, id: string) => page.locator(`[data-figure="${id}"] .figure-value`);

describe('the Reports page', () => {
  it('shows the module’s figures with a chart and CSV files, in English and in Persian', async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await signInConsole(page, server.url, server.admin);
    expect(scripts.some((s) => s.includes('ReportsPage'))).toBe(false); // the chart library is not loaded until the page is opened

    await page.getByRole('button', { name: 'Reports', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/reports');
    const to = today(TZ);
    const expected = await buildReport(server.porsan.store.reports, TZ, { from: addDays(to, -6), to });
    expect(expected.summary.conversations).toBe(10); // c1–c5, c7, c8, c10–c12 of the seed
    await expect.poll(() => figure(page, 'conversations').textContent()).toBe(String(expected.summary.conversations));
    expect(scripts.some((s) => s.includes('ReportsPage'))).toBe(true);
    expect(await figure(page, 'handoffs').textContent()).toBe(String(expected.summary.handoffs));
    expect(await figure(page, 'botResolved').textContent()).toBe(`${Math.round(expected.summary.botResolutionRate! * 1000) / 10}%`);
    expect(await figure(page, 'frt').textContent()).toBe('3 min'); // median of 60, 180, 360 s
    expect(await figure(page, 'csat').textContent()).toBe('4');
    // NPS beside CSAT: 10, 9, 6, 8, 9 in these days → (3 − 1) / 5 = +40, and per day in its own section.
    expect(expected.summary.nps).toEqual({ count: 5, promoters: 3, passives: 1, detractors: 1, score: 40 });
    expect(await figure(page, 'nps').textContent()).toBe('+40');
    const npsRows = page.locator('.nps-trend tbody tr');
    await expect.poll(() => npsRows.count()).toBe(7);
    expect(await npsRows.locator('.nps-score').allTextContents()).toEqual(expected.days.map((d) => (d.npsResponses ? `${Math.round(((d.npsPromoters - d.npsDetractors) / d.npsResponses) * 100) > 0 ? '+' : ''}${Math.round(((d.npsPromoters - d.npsDetractors) / d.npsResponses) * 100)}`.replace('-', '−') : '—')));
    await page.locator('.report-nps .nps-comments').getByText('would tell my sister').waitFor();
    await page.locator('.report-nps').screenshot({ path: artifact('reports-nps-en.png') });
    const [npsCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download “NPS over time” as CSV' }).click()]);
    const npsLines = readFileSync((await npsCsv.path())!, 'utf8').trimEnd().split('\r\n');
    expect(npsLines[0]).toBe('\uFEFFFrom,To,Answers,Promoters,Passives,Detractors,NPS');
    expect(npsLines.slice(1).reduce((s, l) => s + Number(l.split(',')[2]), 0)).toBe(5);
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.chart .u-legend').textContent()).toContain('Conversations');
    await expect.poll(() => page.locator('.agents-report tbody tr').count()).toBe(2);
    expect(await page.locator('.heatmap tbody tr').count()).toBe(7);
    await page.getByText('great help').waitFor();
    await page.getByText('Where is my parcel', { exact: false }).first().waitFor().catch(() => page.getByText('where is my parcel?').first().waitFor());
    await shoot(page, 'reports-en.png');

    // CSV: per day, as the chart shows it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download “Conversations per day” as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`porsan-days-${addDays(to, -6)}-${to}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFDay,Conversations,Bot only,Resolved by the bot,Asked for a person\r\n')).toBe(true);
    const rows = csv.trim().split('\r\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(expected.days.map((d) => d.date));
    expect(rows.map((r) => Number(r[1]))).toEqual(expected.days.map((d) => d.conversations));
    for (const name of ['At a glance', 'Why visitors asked for a person', 'Satisfaction', 'Per agent', 'Busiest hours', 'Comments', 'Questions the bot could not answer']) {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download “${name}” as CSV` }).click()]);
      expect(readFileSync((await d.path())!, 'utf8').split('\r\n').length, name).toBeGreaterThan(2);
    }

    // Persian: right to left, Persian digits, the Persian calendar.
    await page.locator('.lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { name: 'گزارش‌ها' }).waitFor();
    await expect.poll(() => figure(page, 'conversations').textContent()).toBe('۱۰');
    expect(await figure(page, 'frt').textContent()).toBe('۳ دقیقه');
    expect(await figure(page, 'nps').textContent()).toBe('+۴۰');
    await page.locator('.report-nps').screenshot({ path: artifact('reports-nps-fa.png') });
    const month = page.getByLabel('از: ماه');
    await month.waitFor();
    const persianMonths = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
    expect(persianMonths).toContain((await month.locator('option:checked').textContent())!.trim());
    expect(await page.locator('.range-text').textContent()).toMatch(/[۰-۹]/);
    await shoot(page, 'reports-fa.png');

    // A range picked in the Persian calendar: only the last seeded day (today).
    await page.getByRole('button', { name: 'ماه گذشته' }).waitFor();
    const day = page.getByLabel('از: روز');
    const todayPersian = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { day: 'numeric', timeZone: TZ }).format(new Date());
    await day.selectOption(todayPersian.replace(/\D/g, ''));
    const one = await buildReport(server.porsan.store.reports, TZ, { from: to, to });
    await expect.poll(() => figure(page, 'conversations').textContent()).toBe(one.summary.conversations.toLocaleString('fa-IR'));
    const [faCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'بارگیری «گفتگوها در هر روز» به صورت CSV' }).click()]);
    const faRows = readFileSync((await faCsv.path())!, 'utf8').trimEnd().split('\r\n');
    expect(faRows[0]).toBe('\uFEFFروز,گفتگوها,فقط ربات,حل‌شده به دست ربات,درخواست پشتیبان');
    expect(faRows[1]).toMatch(/^14\d\d\/\d\d\/\d\d,/); // the Persian calendar's day
    await page.context().close();
  }, 60_000);

  it('lets a supervisor read reports, but not settings or integrations', async () => {
    const page = await newPage();
    await signInConsole(page, server.url, { email: 'sup@example.com', password: TEST_AGENT_PASSWORD });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect.poll(async () => (await nav.getByRole('button').allTextContents()).sort()).toEqual(['Archive', 'Conversations', 'Reports', 'Saved replies']);
    await nav.getByRole('button', { name: 'Reports' }).click();
    await expect.poll(() => figure(page, 'conversations').textContent()).toBe('10');
    // Not a link to the knowledge base they cannot open.
    expect(await page.getByRole('link', { name: 'Open the knowledge base' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the Integrations page', () => {
  it('makes an API token and a webhook, and shows the delivery log', async () => {
    const page = await newPage();
    await signInConsole(page, server.url, server.admin);
    await page.getByRole('button', { name: 'Integrations' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/integrations');

    const tokenForm = page.locator('form.new-token');
    await tokenForm.getByLabel('Name').fill('CRM sync');
    await tokenForm.getByLabel('Answer and close conversations').check();
    await tokenForm.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('.secret-once code').first().textContent())!;
    expect(token).toMatch(/^porsan_[\w-]{43}$/);
    const api = await fetch(`${server.url}/api/v1/conversations?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    await page.locator('.tokens-table').getByText('CRM sync').waitFor();

    const hookForm = page.locator('form.new-webhook');
    await hookForm.getByLabel('URL').fill(receiver.url);
    await hookForm.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('The signing secret — copy it now').waitFor();
    expect(await page.locator('.secret-once code').last().textContent()).toMatch(/^whsec_/);
    await page.locator('.webhook-url', { hasText: receiver.url }).waitFor();

    const v = await connectVisitor(server.url);
    await ok(v.socket, 'send', { clientId: 'i1', text: 'When will my order arrive?' });
    v.socket.disconnect();
    await until(() => receiver.received.length >= 3, 'deliveries'); // created, the question, the answer
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await expect.poll(() => page.locator('.deliveries tbody tr[data-status="delivered"]').count()).toBeGreaterThanOrEqual(3);
    await shoot(page, 'integrations-en.png');

    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: 'اتصال‌ها' }).waitFor();
    await shoot(page, 'integrations-fa.png');
    await page.context().close();
  });
});

describe('the console’s build', () => {
  it('keeps the chart library out of the first load', () => {
    const dir = join(ROOT, 'dist/console/assets');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const main = files.find((f) => f.startsWith('index-'))!;
    expect(readFileSync(join(dir, main), 'utf8')).not.toContain('u-legend');
    expect(files.some((f) => f.startsWith('ReportsPage-') && readFileSync(join(dir, f), 'utf8').includes('u-legend'))).toBe(true);
  });
});
