/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { eventLine } from '../src/journal/event.ts';
import { assertDefined } from '../src/law/assert.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { okValue } from '../src/model/result.ts';

import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { parseTlogProof } from '../src/tlog/index.ts';
import {
  bringToFront,
  DESKTOP,
  photographs,
  PHONE,
  type SiteUnderTest,
  startSite,
  type WatchedPage,
} from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { appendSigned } from './fixtures/test-keys.ts';
import { PASSWORD } from './server-harness.ts';

/**
 * The receipt in the console (docs/receipts.md): after each accepted act the console shows the event's index, its
 * leaf hash with a QR code and the checkpoint; Save downloads the .tlog-proof that `saylau receipt check` accepts;
 * Print opens the printable receipt. Photographs in kk, ru and en at desktop and phone width go to
 * the folder SAYLAU_RECEIPT_SHOTS names, to look at.
 */
const photo = photographs('SAYLAU_RECEIPT_SHOTS');
const fixture = tinyElection();
const { election } = fixture.dataset;
const logKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/browser-receipts')), 'memory'));
const commissionOf = (stationId: string) =>
  assertDefined(
    election.commissions.find((c) => c.id === election.stations.find((s) => s.id === stationId)?.commissionId),
  ).parentId!;
const commission = commissionOf(TINY.cityStations[0]);
const protocolOf = (stationId: string, contestId: string): Protocol =>
  assertDefined(fixture.dataset.protocols.find((p) => p.stationId === stationId && p.contestId === contestId));
/** One protocol per language: its own station or contest, so that each language's acts start afresh. */
const contestsAt = (stationId: string) =>
  [...new Set(fixture.dataset.protocols.filter((p) => p.stationId === stationId).map((p) => p.contestId))].sort();
const [stationA, stationB] = TINY.cityStations;
const acts = {
  en: protocolOf(stationA, TINY.majilisList),
  ru: protocolOf(stationB, TINY.majilisList),
  kk: protocolOf(stationA, assertDefined(contestsAt(stationA).find((c) => c !== TINY.majilisList))),
} as const;

let site: SiteUnderTest;

beforeAll(async () => {
  expect(commissionOf(stationB)).toBe(commission);
  site = await startSite({
    fixture,
    accounts: [
      { username: 'op-1', role: 'operator', commission },
      { username: 'op-2', role: 'operator', commission },
      { username: 'tor', role: 'chair', commission },
    ],
    // The CEC registers the log's key, as init does for a new election.
    prepare: async ({ store, keyring }) => {
      await store.write(async (writer) =>
        appendSigned(
          writer,
          tinyElection().dataset.election.event.id,
          [
            {
              payload: { type: 'log-key-registered', origin: logKey.origin, verifierKey: logKey.verifierKey },
              key: keyring.cec,
            },
          ],
          new Date().toISOString(),
        ),
      );
    },
    log: new TransparencyLog(logKey),
  });
}, 120_000);

afterAll(async () => {
  await site?.close();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
  return { code: await runCli(args, io, { LANG: 'en_US.UTF-8' }), stdout, stderr };
}

/**
 * Logs `username` in on the console in `language`: the page is loaded first and whoever is logged in logs out,
 * so that no check races the page's first drawing.
 */
const loginIn = async (page: WatchedPage, username: string, language: string) => {
  await bringToFront(page);
  await page.goto(`${site.address}/?lang=${language}#/console`);
  await page.waitForSelector('form.login, .whoami');
  if ((await page.locator('.whoami').count()) > 0) {
    await page.click('.whoami button');
    await page.waitForSelector('form.login');
  }
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('form.login button');
  await page.waitForSelector('.whoami');
  await site.ensureKey(page, username);
};

const openProtocol = async (page: WatchedPage, protocol: Protocol) => {
  await page.fill('#station-id', protocol.stationId);
  await page.click('form.finder button');
  await page.waitForSelector('#contest');
  await page.selectOption('#contest', protocol.contestId);
  await page.waitForSelector(`.protocol-form[data-contest="${protocol.contestId}"] .entry-state`);
};
const enter = async (page: WatchedPage, protocol: Protocol) => {
  await openProtocol(page, protocol);
  for (const [line, value] of Object.entries(protocol.lines))
    await page.fill(`[id="field-line-${line}"]`, String(value));
  for (const [option, value] of Object.entries(protocol.votes))
    await page.fill(`[id="field-vote-${option}"]`, String(value));
  await page.click('#do-enter');
  await page.waitForSelector('#outcome [data-decision="entered"]');
};

/** The receipt the panel shows: its index, the leaf hash it computed, the file Save downloads. */
async function shownReceipt(
  page: WatchedPage,
): Promise<{ index: number; leafHash: string; file: string; text: string }> {
  const card = page.locator('.receipts article.receipt').last();
  await card.locator('svg.qr').waitFor();
  const index = Number(await card.getAttribute('data-index'));
  const leafHash = (await card.getAttribute('data-leaf-hash')) ?? '';
  expect(leafHash).toMatch(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button.save-receipt').click()]);
  const file = assertDefined(await download.path());
  expect(download.suggestedFilename()).toBe(`saylau_browser-receipts-${index}.tlog-proof`);
  return { index, leafHash, file, text: readFileSync(file, 'utf8') };
}

/** What the log holds at `index`, from the journal itself: the line and SHA-256(0x00 ‖ line), written out here. */
async function journalLeaf(index: number): Promise<{ line: string; hash: string; type: string }> {
  const event = assertDefined((await site.store.eventsAfter(index, 1))[0]);
  const line = eventLine(event);
  const hash = createHash('sha256')
    .update(Buffer.concat([Buffer.from([0]), Buffer.from(line)]))
    .digest('hex');
  return { line, hash, type: event.type };
}

/** The last card's printable receipt: the full hash in groups of eight, the station, the contest, the log, a QR. */
async function checkPrinted(page: WatchedPage, protocol: Protocol, receipt: { index: number; leafHash: string }) {
  await page.locator('.receipts button.print-receipt').last().click();
  const sheet = page.locator('.receipt-sheet');
  await sheet.locator('.leaf-hash-full').waitFor();
  expect((await sheet.locator('.leaf-hash-full').innerText()).replace(/\s/g, '')).toBe(receipt.leafHash);
  const printed = await sheet.innerText();
  for (const words of [protocol.stationId, protocol.contestId, logKey.origin, String(receipt.index)])
    expect(printed).toContain(words);
  expect(await sheet.locator('svg.qr').count()).toBe(1);
}

describe('the receipt in the console', () => {
  // The whole flow — two entries, one on a phone, and the chair's acceptance — in English, and in every language when
  // photographs are asked for; in Kazakh and Russian otherwise one entry with its receipt, its check and its printed
  // page: the flow does not depend on the language, the words do.
  for (const language of ['en', 'ru', 'kk'] as const) {
    const wholeFlow = language === 'en' || photo.taking;
    const acted = wholeFlow ? 'after each accepted act' : 'after an entry';
    it(`${acted} (${language}): index, leaf hash, QR; the saved file passes receipt check; print`, async () => {
      const protocol = acts[language];
      // The first entry, on a desktop.
      const desk = await site.open(`/?lang=${language}#/console`, DESKTOP);
      await loginIn(desk, 'op-1', language);
      await enter(desk, protocol);
      expect(await desk.evaluate(() => document.documentElement.lang)).toBe(language);
      const first = await shownReceipt(desk);
      const firstLeaf = await journalLeaf(first.index);
      expect(firstLeaf.type).toBe('protocol-entered');
      expect(first.leafHash).toBe(firstLeaf.hash);
      expect(await desk.locator('.receipts .leaf-hash').last().getAttribute('title')).toBe(firstLeaf.hash);
      expect(await desk.locator('.receipts .receipt-index').last().innerText()).toMatch(String(first.index));
      expect(Buffer.from(okValue(parseTlogProof(first.text)).extra!).toString('utf8')).toBe(firstLeaf.line);
      const held = await cli(['receipt', 'check', first.file, '--log', site.address, '--log-key', logKey.verifierKey]);
      expect([held.code, held.stderr]).toEqual([0, '']);
      expect(held.stdout).toContain(
        `entry ${first.index} of the log saylau/browser-receipts (leaf hash ${firstLeaf.hash})`,
      );
      await photo.part(desk.locator('.receipts'), `${language}-desktop-entry`);
      if (!wholeFlow) {
        await checkPrinted(desk, protocol, { index: first.index, leafHash: firstLeaf.hash });
        expect(desk.errors).toEqual([]);
        await desk.close();
        return;
      }

      // The second entry, on a phone.
      const phone = await site.open(`/?lang=${language}#/console`, PHONE);
      await loginIn(phone, 'op-2', language);
      await enter(phone, protocol);
      const second = await shownReceipt(phone);
      expect(second.index).toBeGreaterThan(first.index);
      expect(second.leafHash).toBe((await journalLeaf(second.index)).hash);
      await photo.page(phone, `${language}-phone-entry`, { fullPage: false });
      await photo.part(phone.locator('.receipts'), `${language}-phone-receipt`);
      await phone.locator('.receipts button.print-receipt').last().click();
      await phone.waitForSelector('.receipt-sheet .leaf-hash-full');
      await photo.page(phone, `${language}-phone-print`);
      expect(phone.errors).toEqual([]);

      // The chair's acceptance, on the desktop: its receipt, and the printable page.
      await loginIn(desk, 'tor', language);
      await openProtocol(desk, protocol);
      await desk.click('#do-accept');
      await desk.waitForSelector('#outcome [data-decision="accepted"]');
      const accepted = await shownReceipt(desk);
      const acceptedLeaf = await journalLeaf(accepted.index);
      expect([acceptedLeaf.type, accepted.leafHash]).toEqual(['protocol-accepted', acceptedLeaf.hash]);
      expect((await cli(['receipt', 'check', accepted.file, '--log', site.address])).code).toBe(0);
      await photo.page(desk, `${language}-desktop-accepted`, { fullPage: false });
      await checkPrinted(desk, protocol, { index: accepted.index, leafHash: acceptedLeaf.hash });
      const sheet = desk.locator('.receipt-sheet');
      await photo.page(desk, `${language}-desktop-print`);
      await desk.emulateMedia({ media: 'print' });
      await photo.page(desk, `${language}-desktop-printed`, { fullPage: true });
      await desk.emulateMedia({ media: 'screen' });
      await sheet.locator('.close-sheet').click();
      expect(await desk.locator('.receipt-sheet').count()).toBe(0);
      expect(desk.errors).toEqual([]);
      await desk.close();
      await phone.close();
    }, 120_000);
  }
});
