/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
export { launchChromium };
import { expect } from 'vitest';
import { keySigner } from '../src/journal/act.ts';
import { okValue } from '../src/model/result.ts';
import { buildServer, type SaylauServer } from '../src/server/app.ts';
import type { PreviousTurnout } from '../src/model/previous-turnout.ts';
import { hashPassword } from '../src/server/auth.ts';
import { addAccountAwaitingKey, registerPendingKey } from '../src/services/key-enrolment-service.ts';
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
  /** Logs `username` in on the console (logging out whoever was there), with a registered key in this browser. */
  login(page: Page, username: string): Promise<void>;
  /**
   * After `username` has logged in on `page`: the key the console made at the first login in this browser, registered
   * by the CEC (this harness plays it, holding its key) as the person's authority would after comparing the
   * fingerprint (docs/server.md, "Signing in the client"); a key already registered is left as it is.
   */
  ensureKey(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1100, height: 900 } as const;
export const PHONE = { width: 360, height: 780 } as const;

/**
 * Starts a server with the site over a fresh database of `fixture` (SQLite; the store suites cover PostgreSQL),
 * with `accounts` (all with PASSWORD), after `prepare` has registered or imported what the test file needs. The
 * accounts have no key yet: each person's browser makes theirs at the first login (`login`, `ensureKey`). Every page
 * is opened in one browser profile — one commission computer — whose IndexedDB keeps each person's key.
 */
export async function startSite({
  fixture,
  accounts = [],
  prepare,
  log = null,
  previousTurnout = null,
}: {
  fixture: FixtureElection;
  /** A previous election's turnout through the day, for the national page to draw beside this one's. */
  previousTurnout?: PreviousTurnout | null;
  accounts?: readonly Account[];
  prepare?: (prepared: { store: Store; keyring: Keyring }) => Promise<void>;
  /** The transparency log the server signs and serves, when the test needs one (its key registered by `prepare`). */
  log?: TransparencyLog | null;
}): Promise<SiteUnderTest> {
  expect(existsSync(join(SITE, 'index.html')), 'web/dist: run npm run build:web').toBe(true);
  expect(existsSync('/usr/bin/chromium'), "Debian's chromium: apt-get install chromium").toBe(true);
  const [engine] = engines();
  const prepared = await preparedDatabase(engine!, [], fixture);
  const passwordHash = await hashPassword(PASSWORD);
  for (const account of accounts)
    okValue(
      await addAccountAwaitingKey({
        store: prepared.store,
        election: fixture.dataset.election,
        id: account.username,
        role: account.role,
        commission: account.commission,
        passwordHash,
      }),
    );
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
    previousTurnout,
  });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  const computer: BrowserContext = await browser.newContext({ viewport: DESKTOP });

  const open = async (path: string, viewport: { width: number; height: number } = DESKTOP) => {
    const page = (await computer.newPage()) as WatchedPage;
    await page.setViewportSize(viewport);
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
    await bringToFront(page);
    await page.goto(`${address}/#/console`);
    if ((await page.locator('.whoami button').count()) > 0) {
      await page.click('.whoami button');
      await page.waitForSelector('form.login');
    }
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('form.login button');
    await page.waitForSelector('.whoami');
    await ensureKey(page, username);
  };

  const ensureKey = async (page: Page, username: string) => {
    await page.waitForSelector('.whoami');
    // Observers make no acts and have no key panel; the rest have one as soon as the console is drawn.
    if ((await page.locator('#key-panel').count()) === 0) return;
    const panel = page.locator('#key-panel[data-key-state]');
    await panel.waitFor();
    const state = await panel.getAttribute('data-key-state');
    if (state === 'registered') return;
    expect(state, (await panel.textContent()) ?? '').toBe('pending');
    const fingerprint = (await page.getAttribute('#key-panel [data-fingerprint]', 'data-fingerprint')) ?? '';
    okValue(
      await registerPendingKey({
        store: prepared.store,
        election: fixture.dataset.election,
        username,
        fingerprint,
        signer: keySigner(prepared.keyring.cec),
      }),
    );
    // The waiting console asks every few seconds and redraws itself once its key is registered; browser-signing.test.ts
    // watches it do so. Everywhere else a reload shows the registered key at once, instead of waiting for the next ask.
    await page.reload();
    await page.waitForSelector('#key-panel[data-key-state="registered"]', { timeout: 15_000 });
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
    ensureKey,
    async close() {
      await browser.close();
      await server.close();
      await prepared.store.close();
    },
  };
}

/**
 * Makes `page` the browser's active tab before a test works in it again after another page. Chromium gives a tab
 * that was in the background when it navigated about one animation frame a second, though it says it is visible;
 * Playwright waits for two still frames before each click, so every click there took about two seconds.
 */
export async function bringToFront(page: Page): Promise<void> {
  await page.bringToFront();
}

/**
 * Where a test's photographs go: the folder named by the environment variable `variable`, or nowhere when it is not
 * set. Taking them costs a quarter of some browser files' time, so a run of the suite takes none unless asked
 * (`SAYLAU_SIGNING_SHOTS=/tmp/signing npx vitest run test/browser-signing.test.ts`, then open the PNGs).
 */
export function photographs(variable: string): {
  /** Whether photographs are taken in this run: a test can skip what only they need (another width, say). */
  readonly taking: boolean;
  page(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  part(part: Locator, name: string): Promise<void>;
} {
  const folder = process.env[variable];
  if (folder !== undefined) mkdirSync(folder, { recursive: true });
  return {
    taking: folder !== undefined,
    async page(page, name, options = {}) {
      if (folder !== undefined) await page.screenshot({ path: join(folder, `${name}.png`), ...options });
    },
    async part(part, name) {
      if (folder !== undefined) await part.screenshot({ path: join(folder, `${name}.png`) });
    },
  };
}

/** Photographs the page into docs/screenshots when SAYLAU_SCREENSHOTS=1; otherwise does nothing. */
export async function shot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS === null) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
