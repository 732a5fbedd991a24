import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';

import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { acceptCosignature, registerWitness } from '../src/services/witness-service.ts';
import type { Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { parseNote } from '../src/tlog/index.ts';
import { cosignLine } from '../src/witness/follow.ts';
import { generateWitnessKey, parseWitnessKey } from '../src/witness/witness-key.ts';
import { DESKTOP, PHONE, type SiteUnderTest, startSite } from './browser-harness.ts';
import { fixture, LANGUAGES, registerAndCount, settled } from './browser-pages.ts';
import { appendSigned } from './fixtures/test-keys.ts';
import { tinyElection } from './fixtures/tiny-election.ts';

// The site's "Witnesses" block (docs/witness.md, "What the site shows") on the Majilis page: who cosigned the
// log, how far behind each is. Photographs in kk, ru and en at desktop and phone width go to
// SAYLAU_WITNESS_SHOTS (a folder outside docs/) when it is set.

const SHOTS = process.env.SAYLAU_WITNESS_SHOTS;

/** Three witnesses: one cosigns the latest checkpoint, one an earlier one, one never. */
async function witnessed({ store, keyring }: { store: Store; keyring: Keyring }): Promise<void> {
  const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/browser-test')), 'memory'));
  await store.write(async (writer) => {
    await appendSigned(
      writer,
      tinyElection().dataset.election.event.id,
      [{ payload: { type: 'log-key-registered', origin: key.origin, verifierKey: key.verifierKey }, key: keyring.cec }],
      new Date().toISOString(),
    );
  });
  const log = new TransparencyLog(key);
  log.attach(store);
  await log.open(store);
  const keys = ['osce.example/odihr', 'monitor.example/w1', 'proxies.example/amanat'].map((name) =>
    okValue(parseWitnessKey(generateWitnessKey(name).signerKeyText)),
  );
  const organisations = ['OSCE/ODIHR', 'Domestic monitor', 'Party proxies'];
  for (const [index, witness] of keys.entries())
    okValue(
      await registerWitness({
        store,
        cec: keyring.cec,
        organisation: organisations[index]!,
        verifierKey: witness.verifierKey,
      }),
    );
  const early = (await store.latestCheckpoint())!;
  await registerAndCount({ store, keyring });
  const latest = (await store.latestCheckpoint())!;
  const cosign = async (witness: (typeof keys)[number], note: string): Promise<void> => {
    const text = okValue(parseNote(note)).text;
    const { line } = cosignLine(witness, text, () => Math.floor(Date.now() / 1000) - 120);
    okValue(await acceptCosignature({ store, checkpoint: note, cosignature: line }));
  };
  await cosign(keys[0]!, latest.note);
  await cosign(keys[1]!, early.note);
}

describe('the witnesses block', () => {
  let site: SiteUnderTest;
  beforeAll(async () => {
    site = await startSite({ fixture, prepare: witnessed });
  }, 120_000);
  afterAll(async () => site?.close());

  for (const lang of LANGUAGES)
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`shows who cosigned and how far behind each is (${lang}, ${width})`, async () => {
        const page = await site.open(`/?lang=${lang}#/`, viewport);
        await settled(page);
        await page.waitForSelector('.witnesses tbody tr');
        const rows = await page.$$eval('.witnesses tbody tr', (trs) =>
          trs.map((tr) => ({ witness: tr.getAttribute('data-witness'), behind: tr.getAttribute('data-behind') })),
        );
        expect(rows.map((row) => row.witness)).toEqual([
          'osce.example/odihr',
          'monitor.example/w1',
          'proxies.example/amanat',
        ]);
        expect(rows[0]?.behind).toBe('0');
        expect(Number(rows[1]?.behind)).toBeGreaterThan(0);
        expect(rows[2]?.behind).toBe('');
        const text = await page.$eval('.witnesses', (section) => section.textContent ?? '');
        expect(text).toContain({ kk: 'Куәгерлер', ru: 'Свидетели', en: 'Witnesses' }[lang]);
        expect(page.errors).toEqual([]);
        if (SHOTS !== undefined) {
          mkdirSync(SHOTS, { recursive: true });
          await page.locator('.witnesses').scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SHOTS, `witnesses-${lang}-${width}.png`) });
        }
        await page.close();
      });
});
