import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANOMALIES_FILE, datasetTexts, TURNOUT_FILE, writeDataset } from '../src/dataset/files.ts';
import { assertDefined } from '../src/law/assert.ts';
import { sumTurnout } from '../src/tally/turnout-day.ts';
import { EXPECTED_DETECTION, injectAnomalies, parseAnomalySpec, type AnomalySpec } from '../src/generate/anomalies.ts';
import { validateDataset } from '../src/dataset/validate.ts';
import { generateDataset, type GeneratedDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { checkEligibility } from '../src/law/candidate-eligibility.ts';
import { parseCalendarDate } from '../src/law/calendar-date.ts';
import { checkPartyList } from '../src/law/party-list-check.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { tallyElection } from '../src/tally/tally-election.ts';
import { tallyToJson } from '../src/tally/tally-json.ts';
import { summaryProtocols } from '../src/tally/summaries.ts';
import { summaryProtocolSchema } from '../src/model/protocol.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';

import { readRegistry, registerNominations, submitNominations } from '../src/services/registration-service.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { engines } from './store-engines.ts';
import { cecSigner, initWithKeyring } from './fixtures/test-keys.ts';

const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
const SEED = 2023;
let dataset: GeneratedDataset;
let directory: string;

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);
const protocolsOf = (contestId: string): Protocol[] => dataset.protocols.filter((p) => p.contestId === contestId);
const issued = (p: Protocol): number => p.lines.issuedInPremises + p.lines.issuedOutside;

beforeAll(() => {
  dataset = generateDataset({ data, names, seed: SEED });
  directory = mkdtempSync(join(tmpdir(), 'saylau-dataset-'));
  writeDataset(
    directory,
    dataset.election,
    dataset.protocols,
    { name: 'saylau', version: 'test', seed: SEED },
    dataset.notes,
    { [TURNOUT_FILE]: dataset.turnout.map((report) => `${JSON.stringify(report)}\n`).join('') },
  );
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the generated national dataset of 19 March 2023', () => {
  it('has the real structure', () => {
    const { election } = dataset;
    expect(election.regions).toHaveLength(20);
    expect(election.stations.filter((s) => s.setting !== 'abroad')).toHaveLength(10_146);
    expect(election.stations.filter((s) => s.setting === 'abroad')).toHaveLength(77);
    const maslikhats = election.bodies.filter((b) => b.kind !== 'majilis');
    expect(maslikhats).toHaveLength(223);
    expect(maslikhats.filter((b) => b.kind === 'city-maslikhat')).toHaveLength(37);
    expect(maslikhats.filter((b) => b.kind === 'district-maslikhat')).toHaveLength(166);
    expect(sum(maslikhats.map((b) => b.seats))).toBe(3415);
    expect(sum(maslikhats.filter((b) => b.kind === 'regional-maslikhat').map((b) => b.listSeats))).toBe(334);
    for (const body of maslikhats)
      expect(body.seats).toBeLessThanOrEqual(
        { 'regional-maslikhat': 50, 'city-maslikhat': 30, 'district-maslikhat': 25, majilis: 98 }[body.kind],
      );
    expect(election.contests.filter((c) => c.bodyId === 'majilis' && c.kind === 'smd').map((c) => c.id)).toHaveLength(
      29,
    );
    // Five ballots at home, four in the three cities, the Majilis list abroad.
    for (const station of election.stations) {
      const expected =
        station.setting === 'abroad' ? 1 : ['KZ-71', 'KZ-75', 'KZ-79'].includes(station.regionId ?? '') ? 4 : 5;
      expect(station.contests).toHaveLength(expected);
    }
  });

  it('has the 2023 candidates: list lengths, 435 district candidates with 359 self-nominated, lawful lists', () => {
    const { election } = dataset;
    const majilisList = election.contests.find((c) => c.id === 'majilis/list');
    expect(majilisList?.options.map((o) => (o.kind === 'list' ? [o.id, o.listSize] : []))).toEqual([
      ['amanat', 90],
      ['auyl', 25],
      ['respublica', 23],
      ['qhp', 52],
      ['baitaq', 18],
      ['ak-zhol', 54],
      ['osdp', 19],
    ]);
    const smdCandidates = election.candidates.filter((c) => c.contestId.startsWith('majilis/smd'));
    expect(smdCandidates).toHaveLength(435);
    expect(smdCandidates.filter((c) => c.nomination === 'self-nominated')).toHaveLength(359);
    const electionDate = parseCalendarDate('2023-03-19')!;
    for (const contest of election.contests) {
      if (contest.kind !== 'list') continue;
      for (const option of contest.options) {
        const list = election.candidates.filter((c) => c.contestId === contest.id && c.nominatedBy === option.id);
        expect(list).toHaveLength(option.listSize);
        const check = checkPartyList({
          seats: contest.seats,
          electionDate,
          list: list.map((c) => ({
            id: c.id,
            gender: c.gender,
            birthDate: parseCalendarDate(c.birthDate)!,
            disability: c.disability,
            partyMember: c.partyMember === option.id,
          })),
        });
        expect(check.reasons, `${contest.id} ${option.id}`).toEqual([]);
      }
    }
    for (const candidate of election.candidates) {
      const body = candidate.contestId.startsWith('majilis') ? 'majilis' : 'maslikhat';
      const outcome = checkEligibility({
        body,
        electionDate,
        candidate: {
          id: candidate.id,
          birthDate: parseCalendarDate(candidate.birthDate)!,
          citizen: true,
          residenceYears: 20,
          residesInRegion: true,
          criminalRecord: false,
          corruptionOffence: false,
          legallyIncapable: false,
        },
      });
      expect(outcome.reasons, candidate.id).toEqual([]);
    }
  });

  // The Majilis candidates through the registration service, on SQLite, as the CEC would receive them: those of the
  // maslikhats are lawful by the checks above, and the service itself, on both engines, is
  // test/registration.test.ts's part, on the tiny election.
  it('registers the Majilis candidates with no refusal: 281 on the lists and 435 in the districts, 359 self-nominated', async () => {
    const { store } = await engines()[0]!.fresh();
    try {
      const definition = dataset.election;
      const keyring = createKeyring(definition);
      await initWithKeyring({ store, electionText: datasetTexts(definition, []).election, keyring });
      const nominations = nominationsFromElection(definition).filter((n) => n.contestId.startsWith('majilis/'));
      const received = await submitNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        documents: nominations,
      });
      expect(received.filter((outcome) => !outcome.result.ok)).toEqual([]);
      const decided = await registerNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        nominationIds: null,
        decidedAt: '2023-02-15T12:00',
      });
      expect(decided).toHaveLength(nominations.length);
      expect(
        decided.flatMap((outcome): unknown[] =>
          outcome.result.ok ? [...(outcome.result.value.refusals ?? [])] : [outcome],
        ),
      ).toEqual([]);
      const standing = [...(await readRegistry(store)).candidates.values()];
      expect(standing).toHaveLength(definition.candidates.filter((c) => c.contestId.startsWith('majilis/')).length);
      // docs/dataset.md §4.2: 281 list candidates and 435 Majilis district candidates, 359 self-nominated.
      expect(standing.filter((record) => record.contestId === 'majilis/list')).toHaveLength(281);
      const majilisDistricts = standing.filter((record) => record.contestId.startsWith('majilis/smd-'));
      expect(majilisDistricts).toHaveLength(435);
      expect(majilisDistricts.filter((record) => record.nomination === 'self-nominated')).toHaveLength(359);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('reproduces every official national figure of the Majilis list exactly', () => {
    const majilis = protocolsOf('majilis/list');
    const official = data.results.majilisList!;
    for (const [party, votes] of Object.entries(official.votes))
      expect(sum(majilis.map((p) => p.votes[party] ?? 0)), party).toBe(votes);
    expect(sum(majilis.map((p) => p.lines.againstAll))).toBe(248_291);
    expect(sum(majilis.map(issued))).toBe(6_521_860);
    expect(sum(majilis.map((p) => p.lines.votersOnList))).toBe(12_035_578);
  });

  it("reproduces each region's published turnout within 0.1 point", () => {
    for (const region of data.regions) {
      const inRegion = protocolsOf('majilis/list').filter((p) => p.stationId.startsWith(`${region.iso}/`));
      const turnout = (sum(inRegion.map(issued)) * 100) / sum(inRegion.map((p) => p.lines.votersOnList));
      expect(Math.abs(turnout - region.turnoutPercent), region.iso).toBeLessThanOrEqual(0.1);
    }
  });

  it('reproduces the published regional maslikhat list votes of Kostanay and Karaganda', () => {
    for (const iso of ['KZ-39', 'KZ-35']) {
      const published = data.results[iso]!;
      const protocols = protocolsOf(`${iso}/maslikhat/list`);
      for (const [party, votes] of Object.entries(published.votes))
        expect(sum(protocols.map((p) => p.votes[party] ?? 0)), `${iso} ${party}`).toBe(votes);
      if (published.againstAll !== null)
        expect(sum(protocols.map((p) => p.lines.againstAll))).toBe(published.againstAll);
      if (published.participants !== null) expect(sum(protocols.map(issued))).toBe(published.participants);
    }
  });

  it('has "against all" in every regional maslikhat list like the published share (Karaganda 1.98 %), not next to nothing', () => {
    const shares = new Map<string, { againstAll: number; valid: number }>();
    for (const protocol of dataset.protocols) {
      if (!/^KZ-\d+\/maslikhat\/list$/.test(protocol.contestId)) continue;
      const share = shares.get(protocol.contestId) ?? { againstAll: 0, valid: 0 };
      share.againstAll += protocol.lines.againstAll;
      share.valid += sum(Object.values(protocol.votes)) + protocol.lines.againstAll;
      shares.set(protocol.contestId, share);
    }
    expect(shares.size).toBe(20);
    const outside = [...shares]
      .map(([contestId, { againstAll, valid }]) => [contestId, (100 * againstAll) / valid] as const)
      .filter(([, percent]) => percent < 1 || percent > 8);
    expect(outside).toEqual([]);
  });

  it('varies by setting rather than uniformly: Auyl does better in villages, Respublica in cities', () => {
    const share = (setting: string, party: string): number => {
      const stations = new Set(
        dataset.election.stations.filter((s) => s.setting === setting).map((s) => s.id as string),
      );
      const protocols = protocolsOf('majilis/list').filter((p) => stations.has(p.stationId));
      return sum(protocols.map((p) => p.votes[party] ?? 0)) / sum(protocols.map((p) => sum(Object.values(p.votes))));
    };
    expect(share('rural', 'auyl')).toBeGreaterThan(1.5 * share('urban', 'auyl'));
    expect(share('urban', 'respublica')).toBeGreaterThan(1.3 * share('rural', 'respublica'));
  });

  it('validates with no error and no warning, its turnout reports too', () => {
    const report = validateDataset(directory);
    expect(report.problems.slice(0, 5)).toEqual([]);
    expect(report.protocols).toBe(dataset.protocols.length);
    expect(report.turnoutReports).toBe(6 * 10_223);
  });

  it('turns out through the day as the CEC’s bulletins of 19 March 2023 said, and at the close exactly as its protocols', () => {
    const published = JSON.parse(
      readFileSync(new URL('../data/turnout-2023-hourly.json', import.meta.url), 'utf8'),
    ) as {
      national: Record<string, { percent: number }>;
    };
    const national = assertDefined(sumTurnout(dataset.turnout, () => undefined).get(''));
    for (const { hour, received, votersOnList, stationsReported } of national) {
      expect(stationsReported).toBe(10_223);
      const percent = Number((received * 10_000n) / votersOnList) / 100;
      // Within a point of each bulletin; the 20:00 bulletin (54.09 %) came before every station had reported.
      if (hour !== '20:00')
        expect(Math.abs(percent - assertDefined(published.national[hour]).percent), hour).toBeLessThan(1);
    }
    // Lines 3 + 4 of the Majilis list protocols on the evening: 6,521,860 of 12,035,578.
    expect(national.at(-1)).toMatchObject({ received: 6_521_860n, votersOnList: 12_035_578n });
  });

  it('is deterministic: the same seed gives byte-identical files, another seed others', () => {
    const again = datasetTexts(
      ...(() => {
        const d = generateDataset({ data, names, seed: SEED });
        return [d.election, d.protocols] as const;
      })(),
    );
    expect(again.protocols).toBe(readFileSync(join(directory, 'protocols.ndjson'), 'utf8'));
    expect(again.election).toBe(readFileSync(join(directory, 'election.json'), 'utf8'));
    const other = generateDataset({ data, names, seed: SEED + 1 });
    expect(other.protocols[0]).not.toEqual(dataset.protocols[0]);
  }, 60_000);

  it('tallies to the official seats: lists 40/8/6/6/5/4/0, Amanat 62 of 98, 7 self-nominated', () => {
    const tally = tallyToJson(tallyElection({ election: dataset.election, protocols: dataset.protocols })) as {
      contests: Record<string, { status: string; seats?: Record<string, number> }>;
      bodies: Record<string, { seats: Record<string, number> }>;
    };
    expect(tally.contests['majilis/list']).toMatchObject({
      status: 'complete',
      seats: { amanat: 40, auyl: 8, respublica: 6, 'ak-zhol': 6, qhp: 5, osdp: 4, baitaq: 0 },
    });
    expect(tally.bodies.majilis?.seats).toEqual({
      'ak-zhol': 6,
      amanat: 62,
      auyl: 8,
      osdp: 4,
      qhp: 5,
      respublica: 6,
      'self-nominated': 7,
    });
    expect(tally.contests['KZ-39/maslikhat/list']?.seats).toEqual({
      amanat: 9,
      'ak-zhol': 3,
      auyl: 2,
      qhp: 1,
      respublica: 1,
    });
    const seats = Object.entries(tally.bodies)
      .filter(([id]) => id !== 'majilis')
      .reduce((total, [, body]) => total + sum(Object.values(body.seats)), 0);
    expect(seats).toBe(3415);
  });
});

describe('summary protocols (docs/law.md §2.1)', () => {
  it('each level is the exact sum of the level below, up to the official national figures at the CEC', () => {
    const summaries = summaryProtocols({ election: dataset.election, protocols: dataset.protocols });
    for (const summary of summaries.slice(0, 500)) expect(summaryProtocolSchema.safeParse(summary).success).toBe(true);
    const find = (commissionId: string, contestId: string) =>
      summaries.find((s) => s.commissionId === commissionId && s.contestId === contestId)!;
    const national = find('cec', 'majilis/list');
    expect(national).toMatchObject({
      stationsCounted: 10_223,
      stationsExpected: 10_223,
      votes: data.results.majilisList!.votes,
      lines: { againstAll: 248_291 },
    });
    // The CEC's sum is the sum of the regions' sums plus the stations abroad, which report to it directly.
    const regions = dataset.election.regions.map((region) => find(`${region.id}/rec`, 'majilis/list'));
    const abroad = protocolsOf('majilis/list').filter((p) => p.stationId.startsWith('ABROAD/'));
    expect(sum(regions.map((r) => r.votes.amanat as number)) + sum(abroad.map((p) => p.votes.amanat ?? 0))).toBe(
      3_431_510,
    );
    const karaganda = find('KZ-35/rec', 'KZ-35/maslikhat/list');
    expect(karaganda.lines.againstAll).toBe(8_905);
    const territories = dataset.election.territories
      .filter((t) => t.regionId === 'KZ-35')
      .map((t) => find(`${t.id}/tec`, 'KZ-35/maslikhat/list'));
    expect(sum(territories.map((t) => t.votes.amanat as number))).toBe(karaganda.votes.amanat);
  });
});

describe('saylau validate finds what is wrong, with codes and places', () => {
  it('a tampered protocol, a duplicate, an unknown station and a stale hash', () => {
    const broken = mkdtempSync(join(tmpdir(), 'saylau-broken-'));
    try {
      writeDataset(
        broken,
        dataset.election,
        dataset.protocols.slice(0, 200),
        { name: 'saylau', version: 'test', seed: SEED },
        [],
      );
      const lines = readFileSync(join(broken, 'protocols.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const first = JSON.parse(lines[0]!) as Protocol;
      lines[0] = JSON.stringify({ ...first, lines: { ...first.lines, invalid: first.lines.invalid + 5 } });
      lines.push(lines[1]!);
      lines.push(JSON.stringify({ ...first, stationId: 'KZ-10/PS-9999' }));
      lines.push('{ not json');
      writeFileSync(join(broken, 'protocols.ndjson'), `${lines.join('\n')}\n`);
      const report = validateDataset(broken);
      const found = report.problems.map((p) => [p.code, p.line ?? null]);
      expect(found).toContainEqual(['DATASET_HASH_MISMATCH', null]);
      expect(found).toContainEqual(['PROTOCOL_VOTE_BALANCE', 1]);
      expect(found).toContainEqual(['DATASET_DUPLICATE_PROTOCOL', 201]);
      expect(found).toContainEqual(['DATASET_UNKNOWN_REFERENCE', 202]);
      expect(found).toContainEqual(['DATASET_SCHEMA', 203]);
      expect(report.problems.find((p) => p.code === 'PROTOCOL_VOTE_BALANCE')?.protocolLines).toEqual([
        '7',
        '8',
        '9',
        '10…',
        'A',
      ]);
      expect(report.problems.filter((p) => p.code === 'DATASET_MISSING_PROTOCOL').length).toBeGreaterThan(1000);
      expect(report.errors).toBeGreaterThanOrEqual(5);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('injected irregularities', () => {
  it('each is caught by validate with its code, or is one that only forensics can see', () => {
    const spec = parseAnomalySpec('stuffing:0.002,turnout:0.002,round:0.002,copy:0.002,typo:0.002') as AnomalySpec;
    const { protocols, labels } = injectAnomalies(dataset.protocols, spec, SEED);
    expect(new Set(labels.map((label) => label.kind))).toEqual(
      new Set(['stuffing', 'turnout', 'round', 'copy', 'typo']),
    );
    const dir = mkdtempSync(join(tmpdir(), 'saylau-anomalies-'));
    try {
      writeDataset(dir, dataset.election, protocols, { name: 'saylau', version: 'test', seed: SEED }, [], {
        [ANOMALIES_FILE]: JSON.stringify(labels),
      });
      const report = validateDataset(dir);
      expect(report.problems.filter((p) => p.code === 'DATASET_HASH_MISMATCH')).toEqual([]);
      for (const label of labels) {
        const expected = EXPECTED_DETECTION[label.kind];
        const atStation = report.problems.filter(
          (p) => p.stationId === label.stationId || p.params?.other === label.stationId,
        );
        if (expected === null)
          expect(
            atStation.filter((p) => p.severity === 'error'),
            `${label.kind} ${label.stationId}`,
          ).toEqual([]);
        else
          expect(
            atStation.map((p) => p.code),
            `${label.kind} ${label.stationId}`,
          ).toContain(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed specification', () => {
    expect(parseAnomalySpec('stuffing:2')).toEqual({ error: 'stuffing:2' });
    expect(parseAnomalySpec('magic:0.1')).toEqual({ error: 'magic:0.1' });
  });
});
