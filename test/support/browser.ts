import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); nothing here downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with a fresh profile (Playwright gives every launch its own temporary
 * --user-data-dir) and nothing that reaches out to the network on its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the console and signs in with `key`; resolves once the signed-in shell is shown. */
export async function openConsole(browser: Browser, baseUrl: string, key: string, path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
  if (path !== '/') await page.goto(`${baseUrl}/#${path}`);
  return page;
}
