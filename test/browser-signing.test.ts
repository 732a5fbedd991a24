/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actDigest, keySigner } from '../src/journal/act.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { publicKeyObject, verifyDigest, type SigningKey } from '../src/journal/keys.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { okValue } from '../src/model/result.ts';
import { buildServer, type SaylauServer } from '../src/server/app.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { pendingKeys, registerPendingKey } from '../src/services/key-enrolment-service.ts';
import { revokeKey } from '../src/services/key-service.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { bringToFront, DESKTOP, launchChromium, PHONE, photographs, SITE } from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { PASSWORD } from './server-harness.ts';
import { signingDatabase } from './signing-fixture.ts';
import { engines } from './store-engines.ts';

// Keys made in the browser and acts signed there (docs/server.md, "Signing in the client"), in Debian's Chromium.
// Photographs of the key panels in every state, language and width: SAYLAU_SIGNING_SHOTS=<folder>.
const photo = photographs('SAYLAU_SIGNING_SHOTS');
const LANGUAGES = ['kk', 'ru', 'en'] as const;
const fixture = tinyElection();
const election = fixture.dataset.election;
const station = TINY.cityStations[1];
const protocol = fixture.dataset.protocols.find((p) => p.stationId === station && p.contestId === TINY.majilisList)!;

let server: SaylauServer;
let store: Store;
let cec: SigningKey;
let browser: Browser;
let address: string;
const work = mkdtempSync(join(tmpdir(), 'saylau-browser-signing-'));

beforeAll(async () => {
  const [engine] = engines();
  ({ store, cec } = await signingDatabase(
    engine!,
    [
      { username: 'admin', role: 'administrator', commission: null, withKey: false },
      { username: 'op-1', role: 'operator', commission: TINY.cityCommission, withKey: false },
      { username: 'op-2', role: 'operator', commission: TINY.cityCommission, withKey: false },
    ],
    fixture,
  ));
  server = await buildServer({
    store,
    election,
    definition: election,
    keysPath: join(work, 'absent.json'),
    siteDirectory: SITE,
    jobsOnMainThread: true,
  });
  address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  rmSync(work, { recursive: true, force: true });
});

/** One person's computer: a browser profile of its own, whose IndexedDB keeps their key between pages. */
async function computer(): Promise<BrowserContext> {
  return browser.newContext({ viewport: DESKTOP });
}

async function logIn(context: BrowserContext, username: string, lang = 'en', viewport = DESKTOP): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  Object.assign(page, { errors });
  await page.goto(`${address}/?lang=${lang}#/console`);
  if ((await page.locator('.whoami').count()) === 0) {
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('form.login button');
  }
  await page.waitForSelector('#key-panel[data-key-state]');
  return page;
}

const keyState = (page: Page) => page.getAttribute('#key-panel', 'data-key-state');
const shownFingerprint = async (page: Page) =>
  (await page.getAttribute('#key-panel [data-fingerprint]', 'data-fingerprint')) ?? '';
const shot = (page: Page, name: string) => photo.page(page, name, { fullPage: true });

/**
 * Checks the console of a logged-in `page` in every language, in the same tab (its session) and profile (its key):
 * its language, its Latin-script words and axe-core's WCAG checks, none of which depends on the width. When asked for
 * photographs it takes them at both widths. Leaves the page in English at desktop width; `ready` waits for what the
 * check is of.
 */
async function everyLanguage(page: Page, name: string, ready = '#key-panel[data-key-state]'): Promise<void> {
  const widths = photo.taking
    ? ([
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const)
    : ([['desktop', DESKTOP]] as const);
  for (const lang of LANGUAGES)
    for (const [width, viewport] of widths) {
      await page.setViewportSize(viewport);
      await showConsole(page, lang);
      await page.waitForSelector(ready);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      if (width === 'desktop') {
        if (lang !== 'en') expect(await latinWords(page), `${name} ${lang}`).toEqual([]);
        expect(await axeViolations(page), `${name} ${lang}`).toEqual([]);
      }
      await shot(page, `${name}-${lang}-${width}`);
      // The panels alone, to read at their size: the person's key, and an administrator's waiting keys.
      for (const panel of ['#key-panel', '#pending-keys'])
        if (photo.taking && (await page.locator(panel).count()) > 0)
          await photo.part(page.locator(panel), `${name}-${lang}-${width}-${panel.slice(1)}`);
    }
  await page.setViewportSize(DESKTOP);
  await showConsole(page, 'en');
  await page.waitForSelector(ready);
}

/** Loads the console afresh in `lang`: a new address loads the page, the same one (another width) needs a reload. */
async function showConsole(page: Page, lang: string): Promise<void> {
  const url = `${address}/?lang=${lang}#/console`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
}

/** axe-core, as test/browser-a11y.test.ts runs it (through the debugging protocol, which the CSP does not govern). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA violations in each state of the key panels (browser-a11y sees only a registered one). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.map(
      (found) => `${found.id}: ${found.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  });
}

/**
 * The Latin-script words a Kazakh or Russian reader of the key panels sees (as test/browser-words.test.ts counts them
 * on every page): text outside code, logins and fingerprints (translate="no") and ids with a slash.
 */
function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    for (const root of document.querySelectorAll('#key-panel, #pending-keys, .signing-refused')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (parent?.closest('code, [translate="no"]') === null) texts.push(walker.currentNode.textContent ?? '');
      }
    }
    return texts.flatMap((text) => text.replace(/[\w-]*\/[\w./-]+/g, ' ').match(/[A-Za-z][A-Za-z'’-]*/g) ?? []);
  });
}

const head = async () => (await store.journalHead()).seq;

describe('keys made in the browser, acts signed there', () => {
  let admin: BrowserContext;
  let operator: BrowserContext;
  let adminPage: Page;
  let operatorPage: Page;
  let operatorFingerprint = '';

  it('the first login makes a key that waits, with its fingerprint to compare; the CEC registers the administrator’s', async () => {
    admin = await computer();
    const login = await admin.newPage();
    await login.goto(`${address}/?lang=kk#/console`);
    await login.waitForSelector('form.login');
    for (const lang of LANGUAGES) {
      await login.goto(`${address}/?lang=${lang}#/console`);
      await login.waitForSelector('form.login');
      await shot(login, `login-${lang}-desktop`);
    }
    adminPage = await logIn(admin, 'admin');
    expect(await keyState(adminPage)).toBe('pending');
    const fingerprint = await shownFingerprint(adminPage);
    // What the page shows is the key that waits on the server: only the public half travelled.
    expect((await pendingKeys(store)).map((key) => [key.username, key.fingerprint])).toEqual([['admin', fingerprint]]);
    await everyLanguage(adminPage, 'pending-admin');

    // The CEC (here the test, as the demo does with its key file) compares the fingerprint and registers the key.
    okValue(await registerPendingKey({ store, election, username: 'admin', fingerprint, signer: keySigner(cec) }));
    await adminPage.reload();
    await adminPage.waitForSelector('#key-panel[data-key-state="registered"]');
    expect(await shownFingerprint(adminPage)).toBe(fingerprint);
  }, 120_000);

  it('the private key cannot be exported, even by the page itself', async () => {
    const outcome = await adminPage.evaluate(async () => {
      const record = await new Promise<{ keyPair: CryptoKeyPair }>((resolve, reject) => {
        const open = indexedDB.open('saylau-keys');
        open.onsuccess = () => {
          const get = open.result.transaction('keys').objectStore('keys').get('admin');
          get.onsuccess = () => resolve(get.result as { keyPair: CryptoKeyPair });
          get.onerror = () => reject(get.error ?? new Error('IndexedDB'));
        };
        open.onerror = () => reject(open.error ?? new Error('IndexedDB'));
      });
      const tries: string[] = [];
      for (const format of ['pkcs8', 'jwk', 'raw'] as const)
        try {
          await crypto.subtle.exportKey(format, record.keyPair.privateKey);
          tries.push(`${format}: exported`);
        } catch (error) {
          tries.push(`${format}: ${(error as Error).name}`);
        }
      return {
        extractable: record.keyPair.privateKey.extractable,
        algorithm: record.keyPair.privateKey.algorithm.name,
        tries,
      };
    });
    expect(outcome.extractable).toBe(false);
    expect(outcome.algorithm).toBe('Ed25519');
    for (const attempt of outcome.tries) expect(attempt).not.toMatch(/exported/);
  });

  it('an operator’s key waits; the administrator registers it with an act signed by the administrator’s own key', async () => {
    operator = await computer();
    operatorPage = await logIn(operator, 'op-1');
    expect(await keyState(operatorPage)).toBe('pending');
    operatorFingerprint = await shownFingerprint(operatorPage);
    await everyLanguage(operatorPage, 'pending-operator');
    // Waiting, the console signs nothing and says why, in words, before anything is sent.
    const waitingTyped = fixture.dataset.protocols.find(
      (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
    )!;
    const sent: string[] = [];
    const watch = (request: { url(): string; method(): string }) => {
      if (request.method() === 'POST' && request.url().includes('/api/protocols/')) sent.push(request.url());
    };
    operatorPage.on('request', watch);
    await openStation(operatorPage, waitingTyped.stationId);
    await fill(operatorPage, waitingTyped);
    const headBefore = await head();
    await operatorPage.click('#do-enter');
    const told = operatorPage.locator('#outcome .refusal.signing-refused');
    await told.waitFor();
    expect(await told.textContent()).toMatch(/your key is not registered yet/);
    await shot(operatorPage, 'waiting-cannot-sign-en-desktop');
    expect(sent).toEqual([]);
    expect(await head()).toBe(headBefore);
    operatorPage.off('request', watch);

    await bringToFront(adminPage);
    await adminPage.reload();
    const row = adminPage.locator('#pending-keys tr[data-username="op-1"]');
    await row.waitFor();
    // The administrator reads the fingerprint aloud in the same groups the operator's screen shows.
    expect((await row.locator('code').textContent())?.replace(/\s/g, '')).toBe(operatorFingerprint);
    await everyLanguage(adminPage, 'register', '#pending-keys tr[data-username="op-1"]');
    const before = await head();
    // A server that proposes to register the operator's key as an administrator's (or for another commission) gets
    // no signature: the administrator registers what the list showed, or nothing.
    const signedSent: string[] = [];
    const listen = (request: { postData(): string | null; url(): string }) => {
      if (request.postData()?.includes('"signed"')) signedSent.push(request.url());
    };
    adminPage.on('request', listen);
    for (const escalate of [{ role: 'administrator' }, { commission: null }, { holder: 'op-2' }]) {
      await adminPage.route('**/api/keys/registrations', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as {
          toSign?: { election: string; type: string; actor: string; at: string; payload: object; digest: string }[];
        };
        if (body.toSign === undefined) return route.fulfill({ response });
        const changed = body.toSign.map((act) => ({ ...act, payload: { ...act.payload, ...escalate } }));
        const json = { toSign: changed.map((act) => ({ ...act, digest: actDigest(act, act) })) };
        return route.fulfill({ response, json });
      });
      await adminPage.reload();
      await adminPage.locator('#pending-keys tr[data-username="op-1"] button.register-key').click();
      const refused = adminPage.locator('#pending-keys .refusal.signing-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/registers another key or person than the one shown/);
      await adminPage.unroute('**/api/keys/registrations');
    }
    expect(signedSent).toEqual([]);
    expect(await head()).toBe(before);
    adminPage.off('request', listen);
    await adminPage.reload();
    await row.locator('button.register-key').click();
    await adminPage.waitForSelector('#pending-keys p.ok');
    await shot(adminPage, 'registered-en-desktop');
    expect(await head()).toBe(before + 1);
    const [event] = await store.eventsAfter(before, 1);
    const adminKey = (await store.keys()).find((key) => key.holder === 'admin')!;
    expect(event).toMatchObject({ type: 'key-registered', actor: adminKey.fingerprint });
    expect(event!.payload).toMatchObject({ holder: 'op-1', fingerprint: operatorFingerprint });
    // Signed in the browser by the administrator's key, over the act digest.
    const digest = actDigest(await journalActScope(store, election.event.id), event!);
    expect(verifyDigest(digest, event!.signature, publicKeyObject(adminKey.publicKey))).toBe(true);
  }, 180_000);

  it('the operator enters a protocol, signed in the browser; a replay of the signed request is refused', async () => {
    const signedRequests: string[] = [];
    await bringToFront(operatorPage);
    operatorPage.on('request', (request) => {
      const body = request.postData();
      if (request.url().endsWith('/api/protocols/entries') && body?.includes('"signed"')) signedRequests.push(body);
    });
    await operatorPage.reload();
    await operatorPage.waitForSelector('#key-panel[data-key-state="registered"]');
    await everyLanguage(operatorPage, 'registered-operator', '#key-panel[data-key-state="registered"]');
    await openStation(operatorPage);
    await fill(operatorPage, protocol);
    const before = await head();
    await operatorPage.click('#do-enter');
    await operatorPage.waitForSelector('#outcome [data-decision="entered"]');
    await shot(operatorPage, 'signed-entry-en-desktop');
    expect(await head()).toBe(before + 1);
    const [event] = await store.eventsAfter(before, 1);
    expect(event).toMatchObject({ type: 'protocol-entered', actor: operatorFingerprint });
    const operatorKey = (await store.keys()).find((key) => key.holder === 'op-1')!;
    expect(
      verifyDigest(
        actDigest(await journalActScope(store, election.event.id), event!),
        event!.signature,
        publicKeyObject(operatorKey.publicKey),
      ),
    ).toBe(true);

    expect(signedRequests).toHaveLength(1);
    const replay = await operatorPage.evaluate(async (body) => {
      const response = await fetch('/api/protocols/entries', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${sessionStorage.getItem('saylau.token')}`,
        },
        body,
      });
      return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
    }, signedRequests[0]!);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
    expect(await head()).toBe(before + 1);
  }, 120_000);

  it('the console refuses to sign an act that does not say what was typed, and says why', async () => {
    const otherStation = TINY.cityStations[0];
    const typed = fixture.dataset.protocols.find(
      (p) => p.stationId === otherStation && p.contestId === TINY.majilisList,
    )!;
    // A server (or anything between) that plans another figure than the one typed, with a digest that fits it.
    await operatorPage.route('**/api/protocols/entries', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        toSign?: {
          election: string;
          type: string;
          actor: string;
          at: string;
          payload: { protocol: Protocol };
          digest: string;
        }[];
      };
      if (body.toSign === undefined) return route.fulfill({ response });
      for (const act of body.toSign) {
        act.payload.protocol.lines.invalid += 1;
        act.digest = actDigest(act, act);
      }
      return route.fulfill({ response, json: body });
    });
    await operatorPage.reload();
    await operatorPage.waitForSelector('#key-panel[data-key-state="registered"]');
    await openStation(operatorPage, otherStation);
    await fill(operatorPage, typed);
    const before = await head();
    await operatorPage.click('#do-enter');
    const refusal = operatorPage.locator('#outcome .refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Not signed: in the act, row 9 is \d+, but you typed \d+/);
    await shot(operatorPage, 'refused-to-sign-en-desktop');
    expect(await head()).toBe(before);
    await operatorPage.unroute('**/api/protocols/entries');
  }, 120_000);

  /** One act of a phase-1 answer, as act-signing.ts gives it. */
  type Planned = {
    election: string;
    journal?: string;
    type: string;
    actor: string;
    at: string;
    payload: unknown;
    digest: string;
  };
  const tamperings: readonly { name: string; change: (acts: Planned[]) => Planned[]; says: RegExp }[] = [
    {
      name: 'another election',
      change: (acts) => acts.map((act) => ({ ...act, election: 'another-election-2027' })),
      says: /another election \(another-election-2027\)/,
    },
    {
      // A rehearsal's journal, say: the election and everything else the same.
      name: 'another journal of this election',
      change: (acts) => acts.map((act) => ({ ...act, journal: 'ab'.repeat(16) })),
      says: /made for another journal of this election/,
    },
    {
      // A journal made before journal ids, as a server would say to sign under the older format.
      name: 'no journal at all',
      change: (acts) => acts.map(({ journal: _journal, ...act }) => act),
      says: /made for another journal of this election/,
    },
    {
      name: 'another author (the administrator’s key)',
      change: (acts) => acts.map((act) => ({ ...act, actor: adminFingerprint })),
      says: /in the name of another key/,
    },
    {
      name: 'a time ten minutes before the clock (before a revocation, say)',
      change: (acts) => acts.map((act) => ({ ...act, at: new Date(Date.parse(act.at) - 10 * 60_000).toISOString() })),
      says: /more than 5 minutes from this computer's clock/,
    },
    {
      name: 'a second act besides the one asked for',
      change: (acts) => [
        ...acts,
        ...acts.map((act) => ({ ...act, payload: { ...(act.payload as object), entry: 2 } })),
      ],
      says: /asks for 2 acts to be signed, but what you did makes 1/,
    },
    {
      name: 'a reason the operator did not type',
      change: (acts) => acts.map((act) => ({ ...act, payload: { ...(act.payload as object), reason: 'recount' } })),
      says: /does not say the decision you chose/,
    },
    {
      name: 'a field besides those of an entry',
      change: (acts) => acts.map((act) => ({ ...act, payload: { ...(act.payload as object), note: 'x' } })),
      says: /something other than an act this console can check/,
    },
    {
      name: 'a digest that is not the act’s (not recomputed)',
      change: (acts) => acts.map((act) => ({ ...act, digest: 'f'.repeat(64) })),
      says: /digest the server gave does not match/,
    },
  ];
  let adminFingerprint = '';

  it('a browser key keeps the journal it first signed in, and signs in no other (a rehearsal’s key on the night)', async () => {
    const kept = await operatorPage.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('saylau-keys', 1);
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const read = open.result.transaction('keys').objectStore('keys').get('op-1');
            read.onsuccess = () => resolve((read.result as { journal?: string } | undefined)?.journal);
            read.onerror = () => reject(new Error(String(read.error)));
          };
        }),
    );
    // The operator's key has signed an entry above: the journal it signed in is kept with it, as the server named it.
    const scope = await journalActScope(store, fixture.dataset.election.event.id);
    expect(scope.journal).toMatch(/^[0-9a-f]{32}$/);
    expect(kept).toBe(scope.journal);
  });

  for (const { name, change, says } of tamperings)
    it(`a server that proposes ${name} is refused, loudly, and no signature leaves the page`, async () => {
      adminFingerprint = (await store.keys()).find((key) => key.holder === 'admin')!.fingerprint;
      const typed = fixture.dataset.protocols.find(
        (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
      )!;
      const signedSent: string[] = [];
      const listen = (request: { postData(): string | null; url(): string }) => {
        if (request.postData()?.includes('"signed"')) signedSent.push(request.url());
      };
      operatorPage.on('request', listen);
      await operatorPage.route('**/api/protocols/entries', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const response = await route.fetch();
        const body = (await response.json()) as { toSign?: Planned[] };
        if (body.toSign === undefined) return route.fulfill({ response });
        // The digest fits the changed act, as a hostile server would make it — except where the digest is the point.
        const recomputed = change(body.toSign).map((act) =>
          name.includes('digest') ? act : { ...act, digest: actDigest(act, act) },
        );
        return route.fulfill({ response, json: { toSign: recomputed } });
      });
      await operatorPage.reload();
      await operatorPage.waitForSelector('#key-panel[data-key-state="registered"]');
      await openStation(operatorPage, typed.stationId);
      await fill(operatorPage, typed);
      const before = await head();
      await operatorPage.click('#do-enter');
      const refusal = operatorPage.locator('#outcome .refusal.signing-refused[data-code="SIGNING_REFUSED_IN_BROWSER"]');
      await refusal.waitFor();
      expect(await refusal.getAttribute('role')).toBe('alert');
      expect(await refusal.textContent()).toMatch(says);
      expect(signedSent).toEqual([]);
      expect(await head()).toBe(before);
      operatorPage.off('request', listen);
      await operatorPage.unroute('**/api/protocols/entries');
    }, 60_000);

  it('a key signs for the election it was made in only, whatever election a server’s overview names later', async () => {
    const other = 'another-election-2027';
    const typed = fixture.dataset.protocols.find(
      (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
    )!;
    const signedSent: string[] = [];
    const listen = (request: { postData(): string | null; url(): string }) => {
      if (request.postData()?.includes('"signed"')) signedSent.push(request.url());
    };
    operatorPage.on('request', listen);
    // The page and the act agree on the other election: only the key's own record of its election tells.
    await operatorPage.route('**/api/site/overview', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { event: { id: string } };
      return route.fulfill({ response, json: { ...body, event: { ...body.event, id: other } } });
    });
    await operatorPage.route('**/api/protocols/entries', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const response = await route.fetch();
      const body = (await response.json()) as { toSign?: Planned[] };
      if (body.toSign === undefined) return route.fulfill({ response });
      const moved = body.toSign.map((act) => ({ ...act, election: other }));
      return route.fulfill({
        response,
        json: { toSign: moved.map((act) => ({ ...act, digest: actDigest(act, act) })) },
      });
    });
    await operatorPage.reload();
    await operatorPage.waitForSelector('#key-panel[data-key-state="registered"]');
    await openStation(operatorPage, typed.stationId);
    await fill(operatorPage, typed);
    const before = await head();
    await operatorPage.click('#do-enter');
    const refusal = operatorPage.locator('#outcome .refusal.signing-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/another election/);
    expect(signedSent).toEqual([]);
    expect(await head()).toBe(before);
    operatorPage.off('request', listen);
    await operatorPage.unroute('**/api/site/overview');
    await operatorPage.unroute('**/api/protocols/entries');
  }, 60_000);

  it('a caller without a registered key is refused, whatever it sends', async () => {
    const hostile = await computer();
    const page = await logIn(hostile, 'op-2');
    expect(await keyState(page)).toBe('pending');
    const before = await head();
    const outcome = await page.evaluate(async (document) => {
      const call = async (body: unknown) => {
        const response = await fetch('/api/protocols/entries', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${sessionStorage.getItem('saylau.token')}`,
          },
          body: JSON.stringify(body),
        });
        return `${response.status} ${((await response.json()) as { error?: { code: string } }).error?.code}`;
      };
      // Signed with the key it holds, which no authority registered.
      const keys = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
      const signature = new Uint8Array(
        await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, new Uint8Array(32)),
      );
      const text = btoa(String.fromCharCode(...signature))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      return [
        await call({ protocol: document }),
        await call({ protocol: document, signed: { at: new Date().toISOString(), signatures: [text] } }),
      ];
    }, protocol);
    expect(outcome).toEqual(['403 KEY_NONE_REGISTERED', '403 KEY_NONE_REGISTERED']);
    expect(await head()).toBe(before);
    await hostile.close();
  }, 60_000);

  it('a key kept for another journal (a rehearsal’s) is no key of this one: the console says so', async () => {
    const page = operatorPage;
    await bringToFront(page);
    const setJournal = (journal: string) =>
      page.evaluate(
        (journal) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('saylau-keys', 1);
            open.onerror = () => reject(new Error(String(open.error)));
            open.onsuccess = () => {
              const keys = open.result.transaction('keys', 'readwrite').objectStore('keys');
              const read = keys.get('op-1');
              read.onsuccess = () => {
                const written = keys.put({ ...(read.result as object), journal });
                written.onsuccess = () => resolve();
                written.onerror = () => reject(new Error(String(written.error)));
              };
            };
          }),
        journal,
      );
    const real = (await journalActScope(store, election.event.id)).journal!;
    await setJournal('ab'.repeat(16));
    await page.reload();
    await page.waitForSelector('#key-panel[data-key-state]');
    expect(await keyState(page)).toBe('lost');
    expect(await page.locator('#key-panel [role="alert"]').textContent()).toMatch(/another journal of this election/);
    await everyLanguage(page, 'other-journal', '#key-panel[data-key-state="lost"]');
    // The same key, kept for this journal: ready again.
    await setJournal(real);
    await showConsole(page, 'en');
    await page.waitForSelector('#key-panel[data-key-state="registered"]');
  }, 180_000);

  it('a lost browser key: the console says so and makes a new one, which waits until the old is revoked', async () => {
    const page = operatorPage;
    await bringToFront(page);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase('saylau-keys');
          deleting.onsuccess = () => resolve();
          deleting.onerror = () => reject(deleting.error ?? new Error('IndexedDB'));
        }),
    );
    await page.reload();
    await page.waitForSelector('#key-panel[data-key-state]');
    expect(await keyState(page), (await page.locator('#key-panel').textContent()) ?? '').toBe('lost');
    await everyLanguage(page, 'lost', '#key-panel[data-key-state="lost"]');
    await page.click('#make-key');
    await page.waitForSelector('#key-panel[data-key-state="pending"]');
    const replacement = await shownFingerprint(page);
    expect(replacement).not.toBe(operatorFingerprint);
    // Registering it now is refused: the old key may be in someone else's hands until its authority revokes it.
    await bringToFront(adminPage);
    await adminPage.reload();
    await adminPage.locator('#pending-keys tr[data-username="op-1"] button.register-key').click();
    await adminPage.waitForSelector('#pending-keys .refusal[data-code="KEY_REPLACEMENT_NEEDS_REVOCATION"]');
    await shot(adminPage, 'replacement-refused-en-desktop');
  }, 180_000);

  it('a revoked key: the console says so, signs nothing, never sends it again, and a new key waits', async () => {
    const page = operatorPage;
    await bringToFront(page);
    // The old key revoked by its authority (here the CEC), the replacement registered: the operator signs again.
    okValue(
      await revokeKey({
        store,
        election,
        signer: keySigner(cec),
        fingerprint: operatorFingerprint,
        reason: 'browser storage cleared',
        voidFrom: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    const replacement = await shownFingerprint(page);
    okValue(
      await registerPendingKey({ store, election, username: 'op-1', fingerprint: replacement, signer: keySigner(cec) }),
    );
    await page.reload();
    await page.waitForSelector('#key-panel[data-key-state="registered"]');
    // Then that key is reported stolen and revoked in its turn.
    okValue(
      await revokeKey({
        store,
        election,
        signer: keySigner(cec),
        fingerprint: replacement,
        reason: 'laptop stolen',
        voidFrom: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    await page.reload();
    await page.waitForSelector('#key-panel[data-key-state="revoked"]');
    expect(await shownFingerprint(page)).toBe(replacement);
    // Never sent to wait again: nothing waits for op-1.
    expect((await pendingKeys(store)).filter((key) => key.username === 'op-1')).toEqual([]);
    await everyLanguage(page, 'revoked', '#key-panel[data-key-state="revoked"]');
    const typed = fixture.dataset.protocols.find(
      (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
    )!;
    await openStation(page, typed.stationId);
    await fill(page, typed);
    const before = await head();
    await page.click('#do-enter');
    const told = page.locator('#outcome .refusal.signing-refused');
    await told.waitFor();
    expect(await told.textContent()).toMatch(/your key has been revoked/);
    expect(await head()).toBe(before);
    await page.click('#make-key');
    await page.waitForSelector('#key-panel[data-key-state="pending"]');
    const third = await shownFingerprint(page);
    expect([third === replacement, third === operatorFingerprint]).toEqual([false, false]);
    expect((await pendingKeys(store)).find((key) => key.username === 'op-1')?.fingerprint).toBe(third);
  }, 180_000);

  it('`verify` of the exported bundle passes: every act checked against its author’s registered key', async () => {
    const out = join(work, 'bundle');
    await exportBundle({ store, election, electionText: fixture.electionText, out, cec });
    const checks = await verifyBundle(out, { trust: cec.fingerprint });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.length).toBeGreaterThan(3);
  }, 120_000);
});

async function openStation(page: Page, stationId: string = station, contest: string = TINY.majilisList): Promise<void> {
  await page.fill('#station-id', stationId);
  await page.click('form.finder button');
  await page.waitForSelector('#contest');
  await page.selectOption('#contest', contest);
  await page.waitForSelector(`.protocol-form[data-contest="${contest}"] .entry-state`);
}

async function fill(page: Page, document: Protocol): Promise<void> {
  for (const [line, value] of Object.entries(document.lines)) await page.fill(`#field-line-${line}`, String(value));
  for (const [option, value] of Object.entries(document.votes)) await page.fill(`#field-vote-${option}`, String(value));
}
