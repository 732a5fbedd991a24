/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/model/protocol.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { assertDefined } from '../src/law/assert.ts';
import { PHONE, type SiteUnderTest, startSite, type WatchedPage } from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { importerSigner } from './fixtures/test-keys.ts';

/**
 * The result pages in Chromium, on the tiny election with one station still to count: every figure expected
 * below is summed here from the protocols imported, never read from the server.
 */
const fixture = tinyElection();
const { election, protocols } = fixture.dataset;
const held = TINY.districtStations[1];
const counted = protocols.filter((protocol) => protocol.stationId !== held);
const stationsById = new Map(election.stations.map((station) => [station.id as string, station]));
const majilis = assertDefined(election.bodies.find((body) => body.id === 'majilis'));

function sums(where: (protocol: Protocol) => boolean) {
  let voters = 0;
  let issued = 0;
  let cast = 0;
  const votes: Record<string, number> = {};
  let againstAll = 0;
  for (const protocol of counted.filter(where)) {
    voters += protocol.lines.votersOnList;
    issued += protocol.lines.issuedInPremises + protocol.lines.issuedOutside;
    cast += protocol.lines.foundStationary + protocol.lines.foundMobile;
    againstAll += protocol.lines.againstAll;
    for (const [option, count] of Object.entries(protocol.votes)) votes[option] = (votes[option] ?? 0) + count;
  }
  return { voters, issued, cast, votes, againstAll };
}

const digits = (text: string): string => text.replace(/\D/g, '');
/** A percentage as shown, read back as a number whatever the language's decimal sign. */
const percentOf = (text: string): number => Number(text.replace(/[^\d,.]/g, '').replace(',', '.'));
const stationNumber = (id: string) => `№ ${Number(/\d+$/.exec(id)?.[0])}`;

let site: SiteUnderTest;
beforeAll(async () => {
  site = await startSite({
    fixture,
    prepare: ({ store, keyring }) =>
      ingestProtocols({ store, election, documents: counted, signer: importerSigner(keyring) }).then(() => undefined),
  });
  await site.server.live.changed();
}, 120_000);
afterAll(() => site?.close());

const open = async (path: string, viewport?: { width: number; height: number }): Promise<WatchedPage> => {
  const page = await site.open(`/?lang=en${path.replace(/^\//, '')}`, viewport);
  await page.waitForSelector('main h1');
  return page;
};

/** The figures block of a page (or of one part of it), by name. */
async function figure(page: WatchedPage, name: string, within = 'main'): Promise<string> {
  return page.locator(`${within} .figures [data-figure="${name}"] dd`).first().innerText();
}

async function expectFigures(
  page: WatchedPage,
  expected: { voters: number; issued: number; cast: number },
  within = 'main',
): Promise<void> {
  expect(digits(await figure(page, 'voters', within))).toBe(String(expected.voters));
  expect(digits(await figure(page, 'issued', within))).toBe(String(expected.issued));
  expect(digits(await figure(page, 'cast', within))).toBe(String(expected.cast));
  const turnout = await figure(page, 'turnout', within);
  expect(turnout).toContain('%');
  expect(Math.abs(percentOf(turnout) - (100 * expected.issued) / expected.voters)).toBeLessThan(0.1);
}

describe('result pages', () => {
  it('the national page: turnout, voters, ballots, the majority and two-thirds lines, and the count as provisional', async () => {
    const page = await open('/#/');
    await page.waitForSelector('svg.hemicycle');
    await expectFigures(
      page,
      sums((p) => p.contestId === TINY.majilisList),
    );
    const majority = Math.floor(majilis.seats / 2) + 1;
    const twoThirds = Math.ceil((2 * majilis.seats) / 3);
    expect(
      await page
        .locator('svg.hemicycle [data-line]')
        .evaluateAll((lines) => lines.map((g) => g.getAttribute('data-seats'))),
    ).toEqual([String(majority), String(twoThirds)]);
    expect(await page.locator('svg.hemicycle [data-line="majority"] text').textContent()).toBe(String(majority));
    const banner = page.locator('.provisional-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.getAttribute('role')).toBe('status');
    const all = election.stations.filter((s) => s.contests.includes(TINY.majilisList as never)).length;
    expect(await banner.innerText()).toContain(`${all - 1} of ${all}`);
    expect(await page.locator('figure.chamber.provisional').count()).toBe(1);
    // A district with a station still to count has a leader, not yet someone elected.
    const heldDistrict = assertDefined(
      election.contests.find(
        (c) => c.bodyId === 'majilis' && c.kind === 'smd' && stationsById.get(held)?.contests.includes(c.id),
      ),
    );
    expect(
      await page.locator(`#smd-table tr:has(a[href="#/contest/${heldDistrict.id}"]) .winner-mark`).innerText(),
    ).toMatch(/leading/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a region: its party results by votes, turnout, its council and territories', async () => {
    const page = await open(`/#/region/${TINY.region}`);
    await page.waitForSelector('table.list-vote');
    const inRegion = (p: Protocol) =>
      p.contestId === TINY.majilisList && stationsById.get(p.stationId)?.regionId === TINY.region;
    const expected = sums(inRegion);
    await expectFigures(page, expected);
    const rows = await page
      .locator('table.list-vote tbody tr[data-party]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-party'), tr.querySelector('td')?.textContent ?? '']),
      );
    expect(rows.map(([party, votes]) => [party, digits(votes ?? '')])).toEqual(
      Object.entries(expected.votes)
        .sort((a, b) => b[1] - a[1])
        .map(([party, votes]) => [party, String(votes)]),
    );
    expect(await page.locator(`main a[href="#/body/${TINY.regionalBody}"]`).count()).toBe(1);
    await page.close();
  });

  it('a district of a region: results, turnout, its region, and its stations by number', async () => {
    const page = await open(`/#/region/${TINY.region}/${TINY.districtTerritory}`);
    await page.waitForSelector('table.list-vote');
    await expectFigures(
      page,
      sums(
        (p) =>
          p.contestId === TINY.majilisList && stationsById.get(p.stationId)?.territoryId === TINY.districtTerritory,
      ),
    );
    expect(await page.locator(`.place a[href="#/region/${TINY.region}"]`).count()).toBe(1);
    expect(await page.locator('table.stations tbody th').allInnerTexts()).toEqual(
      TINY.districtStations.map(stationNumber),
    );
    expect(await page.locator('main').innerText()).not.toContain(TINY.districtStations[0]);
    await page.close();
  });

  it('a single-member district: candidates by votes with shares, the winner marked, turnout and region', async () => {
    const page = await open(`/#/contest/${TINY.majilisDistrict}`);
    await page.waitForSelector('#smd-result');
    const expected = sums((p) => p.contestId === TINY.majilisDistrict);
    await expectFigures(page, expected);
    const valid = Object.values(expected.votes).reduce((a, b) => a + b, 0) + expected.againstAll;
    const rows = await page
      .locator('#smd-result tbody tr[data-candidate]')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-candidate') ?? '',
          [...tr.querySelectorAll('td.num')].map((td) => td.textContent ?? ''),
        ]),
      );
    const ranked = Object.entries(expected.votes).sort((a, b) => b[1] - a[1]);
    expect(rows.map(([id]) => id)).toEqual(ranked.map(([id]) => id));
    for (const [id, [votes, share]] of rows as [string, string[]][]) {
      expect(digits(votes ?? '')).toBe(String(expected.votes[id]));
      expect(Math.abs(percentOf(share ?? '') - (100 * (expected.votes[id] ?? 0)) / valid)).toBeLessThan(0.01);
    }
    expect(await page.locator('#smd-result tr.winner .winner-mark').count()).toBe(1);
    expect(await page.locator('#smd-result tr.winner').getAttribute('data-candidate')).toBe(ranked[0]?.[0]);
    expect(await page.locator('#smd-result thead th').first().innerText()).not.toMatch(/winner/i);
    expect(await page.locator(`.place a[href="#/region/${TINY.region}"]`).count()).toBe(1);
    await page.close();
  });

  it('a station: its number, city or district and region, lines in ballot order and numbered, turnout', async () => {
    const stationId = TINY.districtStations[0];
    const station = assertDefined(stationsById.get(stationId));
    const page = await open(`/#/station/${stationId}`);
    await page.waitForSelector('section.protocol table');
    expect(await page.locator('main h1').innerText()).toContain(stationNumber(stationId));
    expect(await page.locator(`.place a[href="#/region/${TINY.region}"]`).count()).toBe(1);
    expect(await page.locator(`.place a[href="#/region/${TINY.region}/${station.territoryId}"]`).count()).toBe(1);
    const list = `section.protocol[data-contest="${TINY.majilisList}"]`;
    await expectFigures(
      page,
      sums((p) => p.stationId === stationId && p.contestId === TINY.majilisList),
      list,
    );
    const contest = assertDefined(election.contests.find((c) => c.id === TINY.majilisList));
    const optionRows = await page
      .locator(`${list} tr[data-line^="option:"]`)
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-line'), tr.querySelector('td')?.textContent]));
    expect(optionRows).toEqual(contest.options.map((option, i) => [`option:${option.id}`, String(10 + i)]));
    const numbers = await page.locator(`${list} tbody tr td:first-child`).allInnerTexts();
    expect(numbers.filter((n) => /[A-Z]/.test(n))).toEqual([]);
    await page.close();
  });

  it('the map: shaded by turnout with a scale, by a party on request, and named tiles on a phone', async () => {
    const page = await open('/#/map', PHONE);
    await page.waitForSelector('.tile');
    const shades = async () =>
      page
        .locator('.tile')
        .evaluateAll((tiles) => tiles.map((tile) => getComputedStyle(tile).getPropertyValue('--tile')));
    const byTurnout = await shades();
    expect(new Set(byTurnout).size).toBeGreaterThan(1);
    expect(await page.locator('.map-legend li').count()).toBeGreaterThan(2);
    const names = await page.locator('.tile-name').evaluateAll((spans) =>
      spans.map((span) => {
        const box = span.getBoundingClientRect();
        return {
          text: span.textContent,
          visible: box.width > 0 && box.height > 0 && getComputedStyle(span).display !== 'none',
        };
      }),
    );
    expect(names).toEqual(
      election.regions
        .map((region) => region.name.en)
        .sort((a, b) => a.localeCompare(b, 'en'))
        .map((text) => ({ text, visible: true })),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.selectOption('#map-shading', 'amanat');
    expect(await shades()).not.toEqual(byTurnout);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a regional maslikhat: lists by votes with the 5 % line, against all, and a headed composition', async () => {
    const page = await open('/#/body/KZ-10/maslikhat');
    await page.waitForSelector('table.list-vote');
    const expected = sums((p) => p.contestId === 'KZ-10/maslikhat/list');
    const valid = Object.values(expected.votes).reduce((a, b) => a + b, 0) + expected.againstAll;
    const rows = await page
      .locator('table.list-vote tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-party') ?? tr.getAttribute('class')));
    const ranked = Object.entries(expected.votes).sort((a, b) => b[1] - a[1]);
    const above = ranked.filter(([, votes]) => votes * 100 >= valid * 5).map(([id]) => id);
    const below = ranked.filter(([, votes]) => votes * 100 < valid * 5).map(([id]) => id);
    expect(below.length).toBeGreaterThan(0);
    expect(rows).toEqual([...above, 'threshold', ...below, 'against', 'invalid']);
    expect(digits(await page.locator('table.list-vote tr.against td').first().innerText())).toBe(
      String(expected.againstAll),
    );
    expect(await page.locator('table.composition thead th').count()).toBe(2);
    await page.close();
  });

  it('once every station is in, the provisional state is gone', async () => {
    await ingestProtocols({
      store: site.store,
      election,
      documents: protocols.filter((protocol) => protocol.stationId === held),
      signer: importerSigner(site.keyring),
    });
    await site.server.live.changed();
    const page = await open('/#/');
    await page.waitForSelector('svg.hemicycle');
    expect(await page.locator('.provisional-banner').count()).toBe(0);
    expect(await page.locator('#smd-table .winner-mark.leading').count()).toBe(0);
    expect(await page.locator('figure.chamber.provisional').count()).toBe(0);
    expect(digits(await figure(page, 'voters'))).toBe(
      String(
        protocols.filter((p) => p.contestId === TINY.majilisList).reduce((sum, p) => sum + p.lines.votersOnList, 0),
      ),
    );
    await page.close();
  });
});
