/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildServer, type SaylauServer } from '../src/server/app.ts';
import type { TransparencyLog } from '../src/services/transparency-log.ts';
import type { Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import type { FixtureElection } from './fixtures/tiny-election.ts';
import { type Account, PASSWORD, preparedDatabase } from './server-harness.ts';
import { engines } from './store-engines.ts';

/**
 * The site in Debian's Chromium (never a downloaded browser), driven by playwright-core, against a server on the
 * tiny election (test/fixtures/tiny-election.ts) unless a test file asks for another: one server and one browser per
 * test file. scripts/test.sh builds the site first.
 */
export const SITE = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Where `SAYLAU_SCREENSHOTS=1` puts the photographs of the pages (docs/screenshots), or null when not asked. */
export const SCREENSHOTS =
  process.env.SAYLAU_SCREENSHOTS === '1' ? fileURLToPath(new URL('../docs/screenshots', import.meta.url)) : null;

/** A page that records what went wrong on it: uncaught errors, and what the Content-Security-Policy refused. */
export type WatchedPage = Page & { readonly errors: string[] };

export interface SiteUnderTest {
  readonly address: string;
  readonly browser: Browser;
  readonly server: SaylauServer;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly keysPath: string;
  /** Opens `path` (e.g. `/#/map`) in a fresh page of the given size. */
  open(path: string, viewport?: { width: number; height: number }): Promise<WatchedPage>;
  /** Logs `username` in on the console (logging out whoever was there). */
  login(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1100, height: 900 } as const;
export const PHONE = { width: 360, height: 780 } as const;

/**
 * Starts a server with the site over a fresh database of `fixture` (SQLite; the store suites cover PostgreSQL),
 * with `accounts` (all with PASSWORD), after `prepare` has registered or imported what the test file needs.
 */
export async function startSite({
  fixture,
  accounts = [],
  prepare,
  log = null,
}: {
  fixture: FixtureElection;
  accounts?: readonly Account[];
  prepare?: (prepared: { store: Store; keyring: Keyring }) => Promise<void>;
  /** The transparency log the server signs and serves, when the test needs one (its key registered by `prepare`). */
  log?: TransparencyLog | null;
}): Promise<SiteUnderTest> {
  expect(existsSync(join(SITE, 'index.html')), 'web/dist: run npm run build:web').toBe(true);
  expect(existsSync('/usr/bin/chromium'), "Debian's chromium: apt-get install chromium").toBe(true);
  const [engine] = engines();
  const prepared = await preparedDatabase(engine!, accounts, fixture);
  await prepare?.(prepared);
  const server = await buildServer({
    store: prepared.store,
    election: fixture.dataset.election,
    definition: fixture.dataset.election,
    keysPath: prepared.keysPath,
    siteDirectory: SITE,
    // Exports and analyses on the main thread: a worker started from the sources costs a second of CPU per job, and
    // the worker threads are tested in server.test.ts and offload-server.test.ts.
    jobsOnMainThread: true,
    log,
  });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();

  const open = async (path: string, viewport: { width: number; height: number } = DESKTOP) => {
    const page = (await browser.newPage({ viewport })) as WatchedPage;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // What the Content-Security-Policy refuses is reported on the console, not thrown.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    Object.assign(page, { errors });
    await page.goto(`${address}${path}`);
    return page;
  };

  const login = async (page: Page, username: string) => {
    await page.goto(`${address}/#/console`);
    if ((await page.locator('.whoami button').count()) > 0) {
      await page.click('.whoami button');
      await page.waitForSelector('form.login');
    }
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('form.login button');
    await page.waitForSelector('.whoami');
  };

  return {
    address,
    browser,
    server,
    store: prepared.store,
    keyring: prepared.keyring,
    keysPath: prepared.keysPath,
    open,
    login,
    async close() {
      await browser.close();
      await server.close();
      await prepared.store.close();
    },
  };
}

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Playwright gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
  });
}

/** Photographs the page into docs/screenshots when SAYLAU_SCREENSHOTS=1; otherwise does nothing. */
export async function shot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS === null) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
