// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.ts';

export const CHROMIUM = process.env.PORSAN_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** Path for a screenshot under test/artifacts/ (git-ignored). */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Console browser tests run against the built console: fail early, with the fix, when it is missing. */
export function requireConsoleBuild(): void {
  if (!existsSync(join(ROOT, 'dist/console/index.html'))) throw new Error('Run `npm run build` first: dist/console is missing.');
}

/**
 * Signs in on the console as a person would (opening /console/ first unless `navigate` is false)
 * and waits until the console says it is connected.
 */
export async function signInConsole(page: Page, baseUrl: string, who: { email: string; password: string }, navigate = true): Promise<void> {
  if (navigate) await page.goto(baseUrl + '/console/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected').waitFor();
}
