/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDefined } from '../src/law/assert.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { PHONE, type SiteUnderTest, startSite } from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { importerSigner } from './fixtures/test-keys.ts';

/**
 * Numbers, percentages and dates on the site in Debian's Chromium, which has no Kazakh locale data: the page must
 * write them as docs/formatting.md says, not as the browser's Intl would (`3,430,707`, `2026 M12 2`).
 */
const fixture = tinyElection();
const { election } = fixture.dataset;
const protocols = fixture.dataset.protocols;
const listProtocols = protocols.filter((p) => p.contestId === TINY.majilisList);

// What the Majilis table must show, from the protocols and written here without the formatting module.
const votes = new Map<string, bigint>();
let againstAll = 0n;
for (const protocol of listProtocols) {
  for (const [party, count] of Object.entries(protocol.votes))
    votes.set(party, (votes.get(party) ?? 0n) + BigInt(count));
  againstAll += BigInt(protocol.lines.againstAll);
}
const valid = [...votes.values()].reduce((sum, count) => sum + count, 0n) + againstAll;
const grouped = (value: bigint, separator: string): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
/** Two decimals, half up, of votes/valid × 100 (the CEC's rule); the threshold rule never fires on these. */
const percent = (count: bigint, mark: string): string => {
  const hundredths = (count * 20_000n + valid) / (2n * valid);
  return `${hundredths / 100n}${mark}${String(hundredths % 100n).padStart(2, '0')}\u00A0%`;
};

let site: SiteUnderTest;

beforeAll(async () => {
  site = await startSite({
    fixture,
    prepare: async ({ store, keyring }) => {
      await ingestProtocols({ store, election, documents: protocols, signer: importerSigner(keyring) });
    },
  });
}, 180_000);

afterAll(async () => {
  await site?.close();
});

async function partyRows(language: string, viewport = { width: 1100, height: 900 }) {
  const page = await site.open(`/?lang=${language}#/`, viewport);
  await page.waitForSelector('tr[data-party="amanat"]');
  const rows = await page.locator('tr[data-party]').evaluateAll((elements) =>
    elements.map((row) => ({
      party: row.getAttribute('data-party') ?? '',
      cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''),
    })),
  );
  const updated = (await page.locator('#updated').textContent()) ?? '';
  return { page, rows, updated };
}

describe('numbers on the site in Chromium', () => {
  it.each([
    ['kk', '\u00A0', ','],
    ['ru', '\u00A0', ','],
    ['en', ',', '.'],
  ] as const)(
    '%s: votes grouped as the language writes them, shares with its decimal mark',
    async (language, group, mark) => {
      const { page, rows, updated } = await partyRows(language);
      expect(rows.map((row) => row.party).sort()).toEqual([...votes.keys()].sort());
      const amanat = assertDefined(votes.get('amanat'));
      expect(amanat).toBeGreaterThanOrEqual(1000n);
      for (const { party, cells } of rows) {
        const count = assertDefined(votes.get(party));
        expect(cells).toContain(grouped(count, group));
        expect(cells).toContain(percent(count, mark));
      }
      // The updated stamp: a month in words of the language, never Chromium's fallback `2026 M12 3`.
      const months = {
        kk: /жылғы \d{1,2} (қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан), \d\d:\d\d:\d\d/,
        ru: /\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\., \d\d:\d\d:\d\d/,
        en: /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d\d:\d\d:\d\d/,
      };
      expect(updated).toMatch(months[language]);
      expect(updated).not.toMatch(/M\d{1,2}/);
      expect(page.errors).toEqual([]);
      await page.close();
    },
  );

  it('keeps a grouped number whole on a 360-pixel phone', async () => {
    const { page } = await partyRows('kk', PHONE);
    const amanat = grouped(assertDefined(votes.get('amanat')), '\u00A0');
    const lines = await page.locator('tr[data-party="amanat"] td', { hasText: amanat }).evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    await page.close();
  });

  it('writes the forensics page in Kazakh without an English comma, point or exponent', async () => {
    const page = await site.open('/?lang=kk#/forensics');
    await page.waitForSelector('main table');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/\d,\d/);
    expect(text).not.toMatch(/\d\.\d/);
    expect(text).not.toMatch(/\de-\d/);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
