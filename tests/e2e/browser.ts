/**
 * The browser side of the e2e suite: Debian's chromium driven by playwright-core (never a
 * downloaded browser), with the flags this machine's closed network needs, and screenshots saved
 * under tests/artifacts/ (ignored by git).
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Signs in through the admin's own login form and waits for the home page. */
export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
  // Strapi's own "new Media Library" banner covers the top of every page: close it when shown.
  const banner = page.getByRole('button', { name: /close/i }).first();
  if (await banner.isVisible().catch(() => false)) await banner.click().catch(() => undefined);
}

/**
 * Picks an option of a design-system select found by its label within `scope` (the page, or a
 * part of it such as the drawer); the options open in a portal at the page's level.
 */
export async function choose(
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
  scope: Page | Locator = page
) {
  await scope.getByRole('combobox', { name: label }).first().click();
  await page.getByRole('option', { name: option }).first().click();
}
