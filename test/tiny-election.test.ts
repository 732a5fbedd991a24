import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDataset } from '../src/dataset/files.ts';
import { validateDataset } from '../src/dataset/validate.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import { ballotsForStation } from '../src/registration/ballots.ts';
import { createKeyring } from '../src/store/keyring.ts';

import { registerNominations, submitNominations } from '../src/services/registration-service.ts';
import { tallyElection } from '../src/tally/tally-election.ts';
import { tallyToJson } from '../src/tally/tally-json.ts';
import { buildTinyElection, TINY, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { cecSigner, initWithKeyring } from './fixtures/test-keys.ts';

// The fixture the store, service and server tests run on: if it stopped being a lawful, clean election with every kind
// of contest, those tests would pass for the wrong reason.
describe('the tiny election of the tests', () => {
  const { dataset } = tinyElection();
  const { election } = dataset;

  it('has every kind of body and contest, and the ballots of docs/law.md §2.1: five in an oblast, four in a city, one abroad', () => {
    expect(new Set(election.bodies.map((body) => body.kind))).toEqual(
      new Set(['majilis', 'regional-maslikhat', 'city-maslikhat', 'district-maslikhat']),
    );
    const kinds = new Set(
      election.contests.map(
        (contest) => `${election.bodies.find((body) => body.id === contest.bodyId)?.kind} ${contest.kind}`,
      ),
    );
    expect(kinds).toEqual(
      new Set([
        'majilis list',
        'majilis smd',
        'regional-maslikhat list',
        'regional-maslikhat smd',
        'city-maslikhat smd',
        'district-maslikhat smd',
      ]),
    );
    const ballots = (station: string) => ballotsForStation(election, station)?.map((ballot) => ballot.contestId);
    expect(ballots(TINY.cityStations[0])).toEqual([
      TINY.majilisList,
      TINY.majilisDistrict,
      TINY.regionalList,
      TINY.regionalDistrict,
      TINY.cityCouncilDistrict,
    ]);
    expect(ballots(TINY.districtStations[0])).toContain(TINY.districtCouncilDistrict);
    expect(ballots(TINY.capitalStation)).toHaveLength(4);
    expect(ballots(TINY.abroadStation)).toEqual([TINY.majilisList]);
    for (const id of [
      TINY.regionalCommission,
      TINY.otherRegionalCommission,
      TINY.cityCommission,
      TINY.districtCommission,
    ])
      expect(election.commissions.map((commission) => commission.id)).toContain(id);
    expect(election.stations.length).toBeLessThan(20);
  });

  it('validates with no error and no warning, one protocol per station and contest', () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-tiny-'));
    writeDataset(directory, election, dataset.protocols, { name: 'saylau', version: 'test', seed: 14 }, []);
    const report = validateDataset(directory);
    expect({ errors: report.errors, warnings: report.warnings, problems: report.problems }).toEqual({
      errors: 0,
      warnings: 0,
      problems: [],
    });
    expect(report.protocols).toBe(election.stations.reduce((sum, station) => sum + station.contests.length, 0));
  });

  it('elects someone in every contest: lists pass the threshold, every district has a winner', () => {
    const tally = tallyToJson(tallyElection({ election, protocols: dataset.protocols })) as {
      contests: Record<string, { status: string }>;
    };
    expect(Object.keys(tally.contests)).toHaveLength(election.contests.length);
    for (const [id, contest] of Object.entries(tally.contests))
      expect([id, contest.status]).toEqual([id, expect.stringMatching(/^(complete|winner)$/)]);
  });

  it('is the same every time it is built', () => {
    expect(JSON.stringify(buildTinyElection())).toBe(JSON.stringify(dataset));
  });
});

describe.each(engines())('the tiny election on $name', (engine) => {
  it('registers every nomination it implies without a refusal', async () => {
    const { dataset, electionText } = tinyElection();
    const { store } = await engine.fresh();
    try {
      const keyring = createKeyring(dataset.election);
      await initWithKeyring({ store, electionText, keyring });
      const definition = dataset.election;
      const received = await submitNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        documents: nominationsFromElection(definition),
      });
      expect(received.filter((outcome) => !outcome.result.ok)).toEqual([]);
      const decided = await registerNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        nominationIds: null,
        decidedAt: '2023-02-15T12:00',
      });
      expect(
        decided.flatMap((outcome): unknown[] =>
          outcome.result.ok ? [...(outcome.result.value.refusals ?? [])] : [outcome],
        ),
      ).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
