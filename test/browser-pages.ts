/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { ingestTurnout } from '../src/services/turnout-service.ts';
import { registerNominations, submitNominations } from '../src/services/registration-service.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import type { Nomination } from '../src/model/nomination.ts';
import type { Store } from '../src/store/store.ts';
import type { Keyring } from '../src/store/keyring.ts';
import type { SiteUnderTest } from './browser-harness.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { addPerson, cecSigner, importerSigner } from './fixtures/test-keys.ts';
import { accreditObservers, enterCopies, reportIrregularities } from '../src/services/observer-service.ts';
import { keySigner } from '../src/journal/act.ts';
import { decideComplaints, fileComplaints, recordViolations } from '../src/services/complaint-service.ts';
import { assertDefined } from '../src/law/assert.ts';

/**
 * Every page of the site, for the checks that hold on all of them (browser-words, browser-a11y):
 * the tiny election with its candidates registered and every protocol counted.
 */
export const fixture = tinyElection();
const { election } = fixture.dataset;

export const CHAIR = { username: 'chair', role: 'chair', commission: TINY.regionalCommission } as const;

export async function registerAndCount({ store, keyring }: { store: Store; keyring: Keyring }): Promise<void> {
  // A personal number each: the dataset gives the candidate id, whose slashes the pattern refuses.
  let person = 0;
  const nominations = nominationsFromElection(election).map((n): Nomination => ({
    ...n,
    candidates: n.candidates.map((d) => ({ ...d, personId: `P-${++person}` })),
  }));
  await submitNominations({ store, definition: election, signer: cecSigner(keyring), documents: nominations });
  await registerNominations({
    store,
    definition: election,
    signer: cecSigner(keyring),
    nominationIds: null,
    decidedAt: '2023-02-15T10:00',
  });
  await ingestProtocols({ store, election, documents: fixture.dataset.protocols, signer: importerSigner(keyring) });
  // The day's turnout, so that the national page shows it (docs/law.md §10.1).
  await ingestTurnout({ store, election, documents: fixture.dataset.turnout, signer: importerSigner(keyring) });
  await enterObserverCopies({ store, keyring });
  await fileRegister({ store, keyring });
}

/** The register's fixture: a voter's complaint rejected, a party's still waiting (overdue by now), one case. */
export const VOTER = 'Айгерім Сапарқызы Әбенова';

async function fileRegister({ store, keyring }: { store: Store; keyring: Keyring }): Promise<void> {
  const station = assertDefined(election.stations.find((candidate) => candidate.id === TINY.cityStations[0]));
  const date = election.event.date;
  const signer = cecSigner(keyring, () => `${date}T18:00:00.000Z`);
  const against = { commissionId: station.commissionId, stationId: station.id };
  const party = assertDefined(election.parties[0]).id;
  const steps = [
    await fileComplaints({
      store,
      election,
      signer,
      documents: [
        {
          id: 'c-1',
          complainant: { kind: 'voter', name: VOTER, ref: null },
          against,
          subject: 'Кезектегі сайлаушыларды 20:00-де кіргізбеді',
          filedAt: `${date}T14:00:00Z`,
        },
        {
          id: 'c-2',
          complainant: { kind: 'party', name: assertDefined(election.parties[0]).name.kk, ref: party },
          against,
          subject: 'Бақылаушыны санау кезінде шығарып жіберді',
          filedAt: `${date}T15:00:00Z`,
        },
      ],
    }),
    await decideComplaints({
      store,
      election,
      signer,
      documents: [{ complaintId: 'c-1', outcome: 'rejected', reason: 'Бейнежазба растамады', consequences: [] }],
    }),
    await recordViolations({
      store,
      election,
      signer,
      documents: [
        {
          id: 'v-1',
          authority: 'Қарағанды облысының прокуратурасы',
          article: '102',
          type: 'illegal-campaigning',
          regionId: TINY.region,
          outcome: 'fine',
          recordedAt: `${date}T09:00:00Z`,
        },
      ],
    }),
  ];
  const refused = steps.find((summary) => summary.refused > 0);
  if (refused !== undefined) throw new Error(`the fixture's register was refused: ${refused.refusals[0]?.code}`);
}

/**
 * An observer accredited by the CEC for the country, with a copy of every Majilis party-list protocol; the first
 * city station's copy has 3 votes of its leading list moved to the invalid ballots: two figures differ (docs/law.md
 * §10.2).
 */
export const COPY_DIFFERENCES = 2;

/** The observer's one report of an irregularity, shown as signed (docs/law.md §10.2). */
export const IRREGULARITY = {
  accreditation: 'clean-vote',
  stationId: TINY.capitalStation,
  category: 'protocol-copy-refused',
  observedAt: `${election.event.date}T15:10:00Z`,
  text: 'Хаттама көшірмесін бермеді <b>бірден</b>',
} as const;

async function enterObserverCopies({ store, keyring }: { store: Store; keyring: Keyring }): Promise<void> {
  const { key } = await addPerson({ store, election, keyring, id: 'observer', role: 'observer', commission: null });
  const date = election.event.date;
  const accredited = await accreditObservers({
    store,
    election,
    documents: [
      {
        id: 'clean-vote',
        person: 'Айгерім Әбенова',
        organisation: 'Таза сайлау',
        sender: 'public-association',
        senderId: null,
        scope: { kind: 'country' },
        from: date,
        until: date,
        key: key.fingerprint,
      },
    ],
    signer: cecSigner(keyring, () => `${date}T06:00:00.000Z`),
  });
  if (accredited.refused > 0) throw new Error(`the fixture's observer was refused: ${accredited.refusals[0]?.code}`);
  const copies = fixture.dataset.protocols
    .filter((protocol) => protocol.contestId === TINY.majilisList)
    .map(({ stationId, contestId, lines, votes }) => {
      // The list with the most votes: it has 3 to lose.
      const [first] = Object.entries(votes).sort((a, b) => b[1] - a[1])[0] ?? [];
      const moved = stationId === TINY.cityStations[0] && first !== undefined ? 3 : 0;
      return {
        accreditation: 'clean-vote',
        protocol: {
          stationId,
          contestId,
          lines: { ...lines, invalid: lines.invalid + moved },
          votes: first === undefined ? votes : { ...votes, [first]: (votes[first] ?? 0) - moved },
        },
      };
    });
  const entered = await enterCopies({
    store,
    election,
    documents: copies,
    signer: keySigner(key, () => `${date}T16:00:00.000Z`),
  });
  if (entered.refused > 0) throw new Error(`the fixture's copies were refused: ${JSON.stringify(entered.refusals[0])}`);
  const reported = await reportIrregularities({
    store,
    election,
    documents: [IRREGULARITY],
    signer: keySigner(key, () => `${date}T16:00:00.000Z`),
  });
  if (reported.refused > 0) throw new Error(`the fixture's report was refused: ${reported.refusals[0]?.code}`);
}

/** Name, hash route and whether it needs a logged-in person. */
export const PAGES: readonly { name: string; route: string; login?: boolean }[] = [
  { name: 'national', route: '#/' },
  { name: 'map', route: '#/map' },
  { name: 'maslikhats', route: '#/maslikhats' },
  { name: 'body', route: `#/body/${TINY.regionalBody}` },
  { name: 'contest', route: `#/contest/${TINY.majilisList}` },
  { name: 'district', route: `#/contest/${TINY.majilisDistrict}` },
  { name: 'region', route: `#/region/${TINY.region}` },
  { name: 'station', route: `#/station/${TINY.cityStations[0]}` },
  { name: 'candidates', route: `#/candidates/${TINY.majilisDistrict}` },
  { name: 'ballots', route: `#/ballots/${TINY.cityStations[0]}` },
  { name: 'analysis', route: '#/analysis' },
  { name: 'whatif', route: '#/whatif' },
  { name: 'forecast', route: '#/forecast' },
  { name: 'forensics', route: '#/forensics' },
  { name: 'observers', route: '#/observers' },
  { name: 'register', route: '#/register' },
  { name: 'journal', route: '#/journal', login: true },
  { name: 'console', route: '#/console' },
  { name: 'not-found', route: '#/no-such-page' },
  { name: 'unknown-station', route: '#/station/KZ-35/PS-9999' },
];

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** Waits until the page has drawn what it loads: its heading, with nothing still loading, and the footer's key. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.getElementById('main');
    return (
      main?.querySelector('h1') !== null &&
      main?.querySelector('h1') !== undefined &&
      document.getElementById('cec-fingerprint')?.textContent !== '…'
    );
  });
}

/**
 * Visits every page of `pages` in `lang` within ONE document: the site renders each address in place on a hash
 * change, so the bundle (and whatever a check injects, such as axe-core) loads once per language. The pages that need
 * a logged-in person come last, after the chair logs in.
 */
export async function visitEach(
  site: SiteUnderTest,
  lang: string,
  pages: typeof PAGES,
  visit: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const page = await site.open(`/?lang=${lang}`);
  await settled(page);
  const ordered = [...pages.filter((p) => p.login !== true), ...pages.filter((p) => p.login === true)];
  let loggedIn = false;
  for (const { name, route, login } of ordered) {
    if (login === true && !loggedIn) {
      await site.login(page, CHAIR.username);
      loggedIn = true;
    }
    await page.evaluate((hash) => {
      location.hash = hash;
    }, route);
    await page.waitForFunction((hash) => document.getElementById('main')?.dataset.rendered === hash, route);
    await settled(page);
    if (name === 'journal') await page.waitForSelector('.journal tbody tr');
    await visit(page, name);
  }
  await page.close();
}
