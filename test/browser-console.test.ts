/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/model/protocol.ts';
import { protocolRows } from '../src/model/protocol-rows.ts';
import { assertDefined } from '../src/law/assert.ts';
import { DESKTOP, PHONE, type SiteUnderTest, startSite, type WatchedPage } from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';

/**
 * The commission console as its people use it (docs/server.md, "The commission console"): two operators enter a
 * protocol, the chair compares and resolves it side by side and accepts what will be signed.
 */
const fixture = tinyElection();
const { election } = fixture.dataset;
const [resolvedStation, phoneStation, typingStation] = [
  TINY.cityStations[0],
  TINY.cityStations[1],
  TINY.districtStations[0],
];
const protocolOf = (stationId: string): Protocol =>
  assertDefined(fixture.dataset.protocols.find((p) => p.stationId === stationId && p.contestId === TINY.majilisList));
const contest = assertDefined(election.contests.find((c) => c.id === TINY.majilisList));
const options = contest.options.map((option) => option.id);
const rows = protocolRows(options);
const numberOf = (field: string) => assertDefined(rows.find((row) => row.field === field)).number;
const commissionOf = (stationId: string) =>
  assertDefined(
    election.commissions.find((c) => c.id === election.stations.find((s) => s.id === stationId)?.commissionId),
  ).parentId!;
const commission = commissionOf(resolvedStation);

let site: SiteUnderTest;

beforeAll(async () => {
  expect(commissionOf(phoneStation)).toBe(commission);
  site = await startSite({
    fixture,
    accounts: [
      { username: 'op-1', role: 'operator', commission },
      { username: 'op-2', role: 'operator', commission },
      { username: 'tor', role: 'chair', commission },
      { username: 'op-3', role: 'operator', commission: commissionOf(typingStation) },
    ],
  });
}, 120_000);

afterAll(async () => {
  await site?.close();
});

const openStation = async (page: WatchedPage, stationId: string) => {
  await page.fill('#station-id', stationId);
  await page.click('form.finder button');
  await page.waitForSelector('#contest');
  await page.selectOption('#contest', TINY.majilisList);
  await page.waitForSelector(`.protocol-form[data-contest="${TINY.majilisList}"] .entry-state`);
};
const fill = async (page: WatchedPage, protocol: Protocol) => {
  for (const [line, value] of Object.entries(protocol.lines)) await page.fill(`#field-line-${line}`, String(value));
  for (const [option, value] of Object.entries(protocol.votes)) await page.fill(`#field-vote-${option}`, String(value));
};
const digits = (text: string) => text.replace(/[^\d-−]/g, '').replace('−', '-');

/** Two entries of the paper protocol `truth`, each with its own slips that still add up. */
function twoEntries(truth: Protocol): { first: Protocol; second: Protocol } {
  const option = assertDefined(options[0]);
  const first = {
    ...truth,
    lines: { ...truth.lines, invalid: truth.lines.invalid + 1, againstAll: truth.lines.againstAll - 1 },
  };
  const second = {
    ...truth,
    lines: { ...truth.lines, againstAll: truth.lines.againstAll + 1 },
    votes: { ...truth.votes, [option]: assertDefined(truth.votes[option]) - 1 },
  };
  return { first, second };
}

describe('the commission console in Chromium', () => {
  it('the chair sees both entries side by side, takes a value per row or types a third, and accepts what is signed', async () => {
    const truth = protocolOf(resolvedStation);
    const { first, second } = twoEntries(truth);
    const page = await site.open('/?lang=en#/console', DESKTOP);
    for (const [operator, entry] of [
      ['op-1', first],
      ['op-2', second],
    ] as const) {
      await site.login(page, operator);
      await openStation(page, resolvedStation);
      await fill(page, entry);
      await page.click('#do-enter');
      await page.waitForSelector('#outcome [data-decision="entered"]');
    }

    await site.login(page, 'tor');
    await openStation(page, resolvedStation);
    await page.waitForSelector('table.comparison');
    const option = assertDefined(options[0]);
    // The rows that differ, marked with the numbers printed on the form: 9, the first party's row 10, and A.
    const differing = ['lines.invalid', `votes.${option}`, 'lines.againstAll'];
    expect(
      await page.locator('tr.differs').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-field'))),
    ).toEqual(rows.filter((row) => differing.includes(row.field)).map((row) => row.field));
    expect(await page.locator('.differences').innerText()).toContain(
      rows
        .filter((row) => differing.includes(row.field))
        .map((row) => row.number)
        .join(', '),
    );
    expect(await page.locator('tr.differs td.line-number').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('9'),
        expect.stringContaining('10'),
        expect.stringContaining('A'),
      ]),
    );
    // Both operators' figures, side by side.
    const invalidRow = page.locator('tr[data-field="lines.invalid"]');
    expect(digits(await invalidRow.locator('td').nth(1).innerText())).toBe(String(first.lines.invalid));
    expect(digits(await invalidRow.locator('td').nth(2).innerText())).toBe(String(second.lines.invalid));

    // Row 9 from the second entry, row 10 from the first, row A neither: the paper says a third value.
    await page.click('tr[data-field="lines.invalid"] button.take[data-entry="2"]');
    await page.click(`tr[data-field="votes.${option}"] button.take[data-entry="1"]`);
    await page.fill('#field-line-againstAll', String(truth.lines.againstAll));
    await page.waitForSelector('#checks .ok');
    await page.click('#do-resolve');
    await page.waitForSelector('#outcome [data-decision="resolved"]');

    // What acceptance will sign: every row of the form, each the paper's value.
    await page.waitForSelector('#to-sign');
    const signed = await page
      .locator('#to-sign tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-field'), tr.lastElementChild?.textContent ?? '']));
    expect(signed.map(([field]) => field)).toEqual(rows.map((row) => row.field));
    for (const [field, value] of signed) {
      const [group, key] = field!.split('.') as ['lines' | 'votes', string];
      expect(digits(value!), field!).toBe(String((truth[group] as Record<string, number>)[key]));
    }
    await page.click('#do-accept');
    await page.waitForSelector('#outcome [data-decision="accepted"]');
    // Accepted: a correction is the next version, and only it asks for a reason.
    await page.click('#start-correction');
    expect(await page.locator('#reason').count()).toBe(1);
    // The public pages follow the journal a moment later (live-results.ts): asked until they do.
    const published = async () => {
      const station = (await (await fetch(`${site.address}/api/site/stations/${resolvedStation}`)).json()) as {
        protocols: Protocol[];
      };
      return station.protocols.find((p) => p.contestId === TINY.majilisList);
    };
    await expect.poll(published, { timeout: 10_000 }).toEqual(truth);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a broken relation names its rows, both sums and the difference, marks its fields and stays in view', async () => {
    const truth = protocolOf(typingStation);
    const page = await site.open('/?lang=en#/console', PHONE);
    await site.login(page, 'op-3');
    await openStation(page, typingStation);
    await fill(page, { ...truth, lines: { ...truth.lines, invalid: truth.lines.invalid + 1 } });
    // Back at the top of a form taller than the window: the message is still on screen.
    await page.focus('#field-line-votersOnList');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(PHONE.height);
    const finding = page.locator('#checks li[data-code="PROTOCOL_VOTE_BALANCE"]');
    await finding.waitFor();
    const text = (await finding.innerText()).replace(/[\s,.\u00a0\u202f]/g, '');
    const found = truth.lines.foundStationary + truth.lines.foundMobile;
    const optionRows = `${numberOf(`votes.${options[0]}`)}–${numberOf(`votes.${options.at(-1)}`)}`;
    expect(text).toContain(`7+8=${found}`);
    expect(text).toContain(`9+${optionRows}+A=${found + 1}`);
    expect(text).toMatch(/[-−]1$/);
    expect(text).not.toContain('10…');
    const box = await page.locator('#checks').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    // The fields the relation ties, and only those, are marked.
    const marked = await page
      .locator('input.involved[aria-invalid="true"]')
      .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('data-field')));
    expect(marked.sort()).toEqual(
      [
        'lines.foundStationary',
        'lines.foundMobile',
        'lines.invalid',
        'lines.againstAll',
        ...options.map((o) => `votes.${o}`),
      ].sort(),
    );
    await page.close();
  }, 120_000);

  it('an operator sees a blank form and nothing else: no registration, no version or reason on a first entry', async () => {
    const page = await site.open('/?lang=kk#/console', PHONE);
    await site.login(page, 'op-3');
    await page.fill('#station-id', typingStation);
    await page.click('form.finder button');
    await page.waitForSelector('#field-line-votersOnList');
    expect(await page.locator('section.registration').count()).toBe(0);
    expect(await page.locator('#version, #reason').count()).toBe(0);
    expect(await page.locator('#field-line-votersOnList').inputValue()).toBe('');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  }, 120_000);

  it('on a phone, in Kazakh and Russian, the chair comparing two entries reads words, not codes, within 360 px', async () => {
    const truth = protocolOf(phoneStation);
    const { first, second } = twoEntries(truth);
    // Each operator enters and signs in the console, with the key their browser holds (docs/server.md).
    const desk = await site.open('/?lang=en#/console', DESKTOP);
    for (const [operator, protocol] of [
      ['op-1', first],
      ['op-2', second],
    ] as const) {
      await site.login(desk, operator);
      await openStation(desk, phoneStation);
      await fill(desk, protocol);
      await desk.click('#do-enter');
      await desk.waitForSelector('#outcome [data-decision="entered"]');
    }
    await desk.close();
    for (const lang of ['kk', 'ru']) {
      const page = await site.open(`/?lang=${lang}#/console`, PHONE);
      await site.login(page, 'tor');
      await openStation(page, phoneStation);
      await page.waitForSelector('table.comparison');
      expect(await page.locator('tr.differs').count()).toBe(3);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/\b(none|first-entered|entries-match|entries-differ|resolved|entered|accepted)\b/);
      expect(text).not.toMatch(/\b(lines|votes)\.\w+/);
      expect(text).not.toMatch(/\b(operator|chair)\b/);
      expect(text).not.toMatch(/[A-Z]+_[A-Z_]+/);
      await page.close();
    }
  }, 120_000);
});
