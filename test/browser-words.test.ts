/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_POLL } from '../src/analysis/forecast-data.ts';
import { TINY } from './fixtures/tiny-election.ts';
import { readPreviousTurnout } from '../src/cli/previous-turnout-file.ts';
import { okValue } from '../src/model/result.ts';
import { formatShare } from '../src/i18n/format.ts';
import { packagePath } from '../src/package-root.ts';
import { PHONE, type SiteUnderTest, startSite } from './browser-harness.ts';
import {
  CHAIR,
  COPY_DIFFERENCES,
  fixture,
  IRREGULARITY,
  VOTER,
  LANGUAGES,
  PAGES,
  registerAndCount,
  settled,
  visitEach,
} from './browser-pages.ts';

/**
 * Kazakh and Russian pages in their own words: no Latin-script word outside names that are Latin in
 * every language, what the journal says of each event, the CEC key the verify command pins, and the
 * pages for addresses the site does not have.
 */
let site: SiteUnderTest;

beforeAll(async () => {
  site = await startSite({
    fixture,
    accounts: [CHAIR],
    prepare: registerAndCount,
    // The CEC's bulletins of 2023, drawn beside the fixture's day (docs/site.md, "Turnout through the day").
    previousTurnout: okValue(readPreviousTurnout(packagePath('data', 'turnout-2023-hourly.json'))),
  });
}, 180_000);

afterAll(async () => {
  await site?.close();
});

/** Words allowed in Latin letters on a kk or ru page: party names so registered, file formats, the brand. */
const LATIN_ALLOWED = /^(saylau|AMANAT|Respublica|JSON|CSV|NIST|ERR|SHA|tar|[A-Za-z]-?)$/;

/**
 * The Latin-script words a reader sees or hears: text and the labels read aloud (aria-label, title,
 * placeholder), outside code samples, what is marked translate="no" (logins, fingerprints) and
 * what is marked as another language (the language buttons), with addresses (/api/…) taken out.
 */
function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const exempt = (element: Element | null): boolean =>
      element === null ||
      element.closest('code, pre, kbd, samp, script, style, [translate="no"]') !== null ||
      (element.closest('[lang]')?.getAttribute('lang') ?? lang) !== lang;
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!exempt(node.parentElement)) texts.push(node.textContent ?? '');
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]'))
      if (!exempt(element))
        for (const name of ['aria-label', 'title', 'placeholder']) texts.push(element.getAttribute(name) ?? '');
    // Addresses and ids (majilis/list, KZ-35/PS-0001, KZ-35) are codes, not words: other checks own them.
    const codes = /[\w-]*\/[\w./-]+|\bKZ-\d+\b/g;
    return texts.flatMap((text) => text.replace(codes, ' ').match(/[A-Za-z][A-Za-z'’-]*/g) ?? []);
  });
}

async function openIn(
  lang: string,
  route: string,
  login = false,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const page = await site.open(`/?lang=${lang}`, viewport);
  if (login) await site.login(page, CHAIR.username);
  await page.goto(`${site.address}/?lang=${lang}${route}`);
  await settled(page);
  return page;
}

describe('kk and ru pages in their own words', () => {
  for (const lang of ['kk', 'ru'] as const)
    it(`no page in ${lang} shows a Latin-script word outside the allowed names`, async () => {
      const found: Record<string, string[]> = {};
      await visitEach(site, lang, PAGES, async (page, name) => {
        const words = (await latinWords(page)).filter((word) => !LATIN_ALLOWED.test(word));
        if (words.length > 0) found[name] = [...new Set(words)];
      });
      expect(found).toEqual({});
    }, 120_000);
});

describe('turnout through the day', () => {
  for (const lang of LANGUAGES)
    for (const [width, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const)
      it(`the national page shows the day's line and every region's hours (${lang}, ${width})`, async () => {
        const page = await openIn(lang, '#/', false, viewport);
        try {
          const section = page.locator('#turnout-day');
          await section.waitFor();
          // One point an hour, each labelled with its share in the reader's number format.
          expect(await section.locator('svg.turnout-chart .point').count()).toBe(6);
          // The previous election's line beside it, one point an hour, and the legend saying whose it is.
          expect(await section.locator('svg.turnout-chart .previous circle').count()).toBe(6);
          expect(await section.locator('.turnout-legend').textContent()).toContain(
            { kk: '2023 жылғы 19 наурыз', ru: '19 марта 2023', en: '19 March 2023' }[lang],
          );
          const national = await section.locator('tr.national td').allTextContents();
          expect(national).toHaveLength(6);
          const share = lang === 'en' ? /^\d+\.\d\d\s?%$/u : /^\d+,\d\d\s?%$/u;
          for (const cell of national) expect(cell).toMatch(share);
          // The fixture's regions by name; the chart and the table fit the screen (the table scrolls inside it).
          expect(await section.locator('tbody tr[data-region]').count()).toBe(5);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        } finally {
          await page.close();
        }
      }, 60_000);
});

describe('the map shaded by turnout at an hour of the day', () => {
  for (const lang of LANGUAGES)
    it(`offers each reported hour, and each tile then says its region's share at that hour (${lang})`, async () => {
      const page = await openIn(lang, '#/map', false);
      try {
        await page.locator('#map-shading').waitFor();
        const values = await page
          .locator('#map-shading option')
          .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
        expect(values.filter((value) => value.startsWith('turnout@'))).toEqual(
          ['10:00', '12:00', '14:00', '16:00', '18:00', '20:00'].map((hour) => `turnout@${hour}`),
        );
        await page.selectOption('#map-shading', 'turnout@14:00');
        const tile = page.locator(`li.tile[data-region="${TINY.region}"] .tile-value`);
        const stations = new Set(
          fixture.dataset.election.stations.filter((s) => s.regionId === TINY.region).map((s) => s.id as string),
        );
        const reports = fixture.dataset.turnout.filter((r) => r.hour === '14:00' && stations.has(r.stationId));
        const received = reports.reduce((sum, r) => sum + BigInt(r.received), 0n);
        const list = reports.reduce((sum, r) => sum + BigInt(r.votersOnList), 0n);
        expect(await tile.textContent()).toBe(formatShare(received, list, lang));
        expect(await page.locator(`li.tile[data-region="${TINY.region}"]`).getAttribute('data-band')).not.toBe('');
      } finally {
        await page.close();
      }
    }, 60_000);
});

describe('the discrepancy list of observers’ copies', () => {
  for (const lang of LANGUAGES)
    for (const [width, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const)
      it(`counts copies by region and lists each differing figure with its station (${lang}, ${width})`, async () => {
        const page = await openIn(lang, '#/observers', false, viewport);
        try {
          const differences = page.locator('#copies-discrepancies tbody tr');
          await differences.first().waitFor();
          expect(await differences.count()).toBe(COPY_DIFFERENCES);
          const station = TINY.cityStations[0];
          for (const href of await differences
            .locator('a')
            .evaluateAll((links) => links.map((link) => link.getAttribute('href'))))
            expect(href).toBe(`#/station/${station}`);
          // The country's row: every Majilis list protocol has a copy; one differs.
          const copies = fixture.dataset.protocols.filter((protocol) => protocol.contestId === TINY.majilisList).length;
          const country = await page.locator('#copies-by-region tfoot td').allTextContents();
          expect(country.map((cell) => cell.replace(/\s/gu, ''))).toEqual([
            `${copies}`,
            `${copies - 1}`,
            '1',
            '1',
            '0',
          ]);
          expect(await page.locator('a[href="/api/site/copies.csv"]').count()).toBe(1);
          // The observer's report, in their words as text (markup stays text), its category in the reader's language.
          const report = page.locator('#irregularities tbody tr');
          expect(await report.count()).toBe(1);
          expect(await report.locator('.irregularity-text').textContent()).toBe(IRREGULARITY.text);
          expect(await report.locator('b').count()).toBe(0);
          expect(await report.locator('strong').textContent()).toBe(
            { kk: 'Хаттама көшірмесі берілмеді', ru: 'Не выдали копию протокола', en: 'Protocol copy refused' }[lang],
          );
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        } finally {
          await page.close();
        }
      }, 60_000);
});

describe('a station whose observer’s copy differs', () => {
  for (const lang of LANGUAGES)
    it(`says so beside the protocol, figure by figure, and nowhere else (${lang})`, async () => {
      const page = await openIn(lang, `#/station/${TINY.cityStations[0]}`, false);
      try {
        const note = page.locator(`section[data-contest="${TINY.majilisList}"] .copy-differs`);
        await note.waitFor();
        expect(await note.count()).toBe(1);
        // Two figures differ (COPY_DIFFERENCES), joined by "; "; the other contests' protocols carry no such note.
        expect((await note.textContent())?.split(';')).toHaveLength(COPY_DIFFERENCES);
        expect(await page.locator('.copy-differs').count()).toBe(1);
      } finally {
        await page.close();
      }
    }, 60_000);
});

describe('the register of complaints and violations', () => {
  for (const lang of LANGUAGES)
    for (const [width, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const)
      it(`lists complaints with their status, a private person by initials, and filters them (${lang}, ${width})`, async () => {
        const page = await openIn(lang, '#/register', false, viewport);
        try {
          const rows = page.locator('#register-complaints tbody tr');
          await rows.first().waitFor();
          expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-status')))).toEqual([
            'overdue',
            'rejected',
          ]);
          // The voter by initials only; the full name is nowhere on the page.
          expect(await page.locator('tr[data-id="c-1"] .complainant').textContent()).toBe('А. С. Ә.');
          expect(await page.locator('main').textContent()).not.toContain(VOTER.split(' ')[0]);
          expect(await page.locator('#register-violations tbody tr').count()).toBe(1);
          await page.selectOption('#register-status', 'rejected');
          expect(await rows.count()).toBe(1);
          await page.selectOption('#register-region', 'KZ-10');
          expect(await rows.count()).toBe(0);
          expect(await page.locator('#register-violations tbody tr').count()).toBe(0);
          expect(await page.locator('a[href="/api/site/register.csv"]').count()).toBe(1);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        } finally {
          await page.close();
        }
      }, 60_000);
});

describe('the journal', () => {
  it('names the station, the contest and the person of each protocol event, not a key fingerprint', async () => {
    const page = await openIn('kk', '#/journal', true);
    await page.waitForSelector('.journal tbody tr[data-type="protocol-accepted"]');
    const rows = await page.locator('.journal tbody tr[data-type="protocol-accepted"]').evaluateAll((elements) =>
      elements.map((row) => ({
        station: row.querySelector('.journal-concerns a')?.getAttribute('href') ?? '',
        concerns: row.querySelector('.journal-concerns')?.textContent ?? '',
        actor: row.querySelector('.journal-actor')?.textContent ?? '',
        type: row.children[1]?.textContent ?? '',
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
    const stations = new Set(fixture.dataset.election.stations.map((station) => `#/station/${station.id}`));
    const contestNames = new Set(fixture.dataset.election.contests.map((contest) => contest.name.kk));
    for (const row of rows) {
      expect(stations.has(row.station), row.station).toBe(true);
      expect(
        [...contestNames].some((name) => row.concerns.includes(name)),
        row.concerns,
      ).toBe(true);
      expect(row.actor).not.toMatch(/[0-9a-f]{12}/);
      expect(row.actor.trim()).not.toBe('');
      expect(row.type).not.toContain('protocol-accepted');
    }
    await page.close();
  }, 60_000);
});

describe('the journal on a phone', () => {
  it('shows each event as a card of named values, in the width of the screen, in every language', async () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const page = await openIn(lang, '#/journal', true, PHONE);
      await page.waitForSelector('.journal tbody tr[data-type="protocol-accepted"]');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(PHONE.width);
      const card = await page
        .locator('.journal tbody tr[data-type="protocol-accepted"]')
        .first()
        .evaluate((row) =>
          [...row.querySelectorAll('td')].map((cell) => ({
            label: cell.getAttribute('data-label'),
            shown: getComputedStyle(cell, '::before').content,
            block: getComputedStyle(cell).display,
          })),
        );
      expect(card).toHaveLength(5);
      for (const { label, shown, block } of card) {
        expect(label, lang).toBeTruthy();
        expect(shown).toBe(`"${label}: "`);
        expect(block).toBe('block');
      }
      await page.close();
    }
  }, 60_000);
});

describe('the forecast', () => {
  it('marks the poll figures that are assumed, says where district favourites come from, states its assumptions in kk', async () => {
    const poll = JSON.parse(readFileSync(SHIPPED_POLL, 'utf8')) as {
      polls: { assumed: string[] }[];
      translations: { kk: { assumptions: string[] } };
    };
    const page = await openIn('kk', '#/forecast');
    await page.waitForSelector('.forecast-table');
    const assumed = await page
      .locator('.forecast-table tr:has(td[data-assumed])')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-holder')));
    expect(assumed.sort()).toEqual([...new Set(poll.polls.flatMap((p) => p.assumed))].sort());
    expect(await page.locator('.forecast-assumed-note').count()).toBe(1);
    expect(await page.locator('.forecast-districts-note').count()).toBe(1);
    expect(await page.locator('.forecast-assumptions li').allTextContents()).toEqual(poll.translations.kk.assumptions);
    await page.close();
  }, 60_000);
});

describe("the CEC key's fingerprint", () => {
  it('is on every page where verify is explained, and is the key the journal begins with', async () => {
    const cec = site.keyring.cec.fingerprint;
    const [root] = await site.store.eventsAfter(0, 1);
    expect(root?.actor).toBe(cec);
    for (const lang of LANGUAGES) {
      const page = await openIn(lang, '#/');
      expect(await page.locator('#cec-fingerprint').textContent()).toBe(cec);
      expect(await page.locator('.verify-command').textContent()).toContain(`--trust ${cec}`);
      await page.close();
    }
  }, 60_000);
});

describe('addresses the site does not have', () => {
  it('an unknown page and an unknown station say so in the reader’s language, with the way back', async () => {
    const routes = ['#/no-such-page', `#/station/${TINY.region}/PS-9999`, '#/region/KZ-00', '#/body/nowhere'];
    const headings = new Map(routes.map((route) => [route, new Set<string>()]));
    for (const lang of LANGUAGES) {
      // The first address is opened as a link from outside would open it, the others as the site's own links do.
      const page = await openIn(lang, routes[0]!);
      for (const route of routes) {
        await page.evaluate((hash) => {
          location.hash = hash;
        }, route);
        await page.waitForFunction((hash) => document.getElementById('main')?.dataset.rendered === hash, route);
        await page.waitForSelector('[data-not-found]');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const text = await page.locator('#main').innerText();
        expect(text, route).not.toMatch(/DATASET_|API_NOT_FOUND|Error|404/);
        expect(await page.locator('#main a[href="#/"]').count(), route).toBe(1);
        headings.get(route)!.add((await page.locator('#main h1').textContent()) ?? '');
      }
      await page.close();
    }
    for (const [route, seen] of headings) expect(seen.size, route).toBe(3);
  }, 60_000);

  it('the server answers a path it has no file for with a page in the reader’s language and a link home', async () => {
    const pages = new Map<string, string>();
    for (const lang of LANGUAGES) {
      const response = await fetch(`${site.address}/no-such-file?lang=${lang}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<a href="/?lang=${lang}">`);
      expect(html).toContain('/no-such-file');
      pages.set(lang, html);
    }
    expect(new Set(pages.values()).size).toBe(3);
    // A program asking for JSON still gets the coded refusal.
    const api = await fetch(`${site.address}/no-such-file`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('SITE_PAGE_NOT_FOUND');
  });
});
