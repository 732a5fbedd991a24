import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAJILIS_LIST_LENGTHS } from '../src/generate/parties-2023.ts';
import { CALENDAR_2023, MINIMUM_WAGE_2023 } from '../src/law/registration-rules.ts';
import type { Election } from '../src/model/election.ts';
import type { Nomination } from '../src/model/nomination.ts';
import { ballotsForStation } from '../src/registration/ballots.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import { deputiesOfBody, depositsReport } from '../src/registration/deputies.ts';
import { allRegistryKeys, registryRows } from '../src/registration/registry.ts';
import { decide } from '../src/services/decision-service.ts';
import { loadElection } from '../src/services/election-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';

import { rebuildProjections } from '../src/services/projection-service.ts';
import {
  changeMandate,
  chooseDeputies,
  readRegistry,
  registerNominations,
  submitNominations,
  withdrawCandidate,
} from '../src/services/registration-service.ts';
import { currentTally } from '../src/services/results-service.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { type FixtureElection, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { appendSigned, cecSigner, deciderSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

const sortedOptions = (election: Election, contestId: string): string[] =>
  (election.contests.find((contest) => contest.id === contestId)?.options.map((option) => option.id) ?? []).sort();

async function freshElection(
  engine: ReturnType<typeof engines>[number],
  { dataset, electionText }: FixtureElection = tinyElection(),
): Promise<{ store: Store; keyring: Keyring; definition: Election }> {
  const { store } = await engine.fresh();
  const keyring = createKeyring(dataset.election);
  await initWithKeyring({ store, electionText, keyring });
  return { store, keyring, definition: dataset.election };
}

describe.each(engines())('nomination and registration on $name', (engine) => {
  // That the national dataset's Majilis candidates register cleanly too is test/national-dataset.test.ts's part.
  it("registers the election's candidates cleanly; the ballots are then the registered options, and a replay rebuilds the registry", async () => {
    const { store, keyring, definition } = await freshElection(engine);
    try {
      const nominations = nominationsFromElection(definition);
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
      const registry = await readRegistry(store);
      // Every candidate the election names stands: the Majilis lists at their 2023 lengths (docs/dataset.md), and in
      // the six Majilis districts of the tiny election 19 candidates, seven of them self-nominated
      // (test/fixtures/tiny-election.ts: three or four a district, one or two without a party).
      const standing = [...registry.candidates.values()];
      expect([...registry.candidates.keys()].sort()).toEqual(
        definition.candidates.map((candidate) => candidate.id as string).sort(),
      );
      expect(standing.filter((record) => record.contestId === 'majilis/list')).toHaveLength(
        Object.values(MAJILIS_LIST_LENGTHS).reduce((a, b) => a + b, 0),
      );
      const majilisDistricts = standing.filter((record) => record.contestId.startsWith('majilis/smd-'));
      expect(majilisDistricts).toHaveLength(19);
      expect(majilisDistricts.filter((record) => record.nomination === 'self-nominated')).toHaveLength(7);

      const { election } = await loadElection(store);
      for (const contest of definition.contests)
        expect(sortedOptions(election, contest.id), contest.id).toEqual(sortedOptions(definition, contest.id));
      // Lists in the drawn order of 2023 (docs/registration.md, Ballots), each with its registered length.
      expect(election.contests.find((contest) => contest.id === 'majilis/list')?.options).toEqual(
        definition.contests.find((contest) => contest.id === 'majilis/list')?.options,
      );

      // Five ballots in a Karaganda district, four in Astana, one abroad (docs/law.md §2.1).
      const ballotsAt = (prefix: string) =>
        ballotsForStation(election, definition.stations.find((station) => station.id.startsWith(prefix))?.id ?? '') ??
        [];
      expect(ballotsAt('KZ-35/').map((ballot) => ballot.kind)).toEqual(['list', 'smd', 'list', 'smd', 'smd']);
      expect(ballotsAt('KZ-71/')).toHaveLength(4);
      expect(ballotsAt('ABROAD/').map((ballot) => ballot.contestId)).toEqual(['majilis/list']);
      expect(ballotsAt('KZ-35/')[0]?.options.map((option) => option.id)).toEqual([
        'amanat',
        'auyl',
        'respublica',
        'qhp',
        'baitaq',
        'ak-zhol',
        'osdp',
      ]);

      const before = registryRows(registry, allRegistryKeys(registry));
      await rebuildProjections({ store, election });
      const rebuilt = await readRegistry(store);
      expect(registryRows(rebuilt, allRegistryKeys(rebuilt))).toEqual(before);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('withdrawing every candidate of a district postpones it; late and repeated withdrawals are refused; verify retakes every decision', async () => {
    const { store, keyring, definition } = await freshElection(engine);
    try {
      const district = 'majilis/smd-09';
      const mine = nominationsFromElection(definition).filter(
        (nomination) => nomination.contestId === district || nomination.contestId === 'majilis/list',
      );
      await submitNominations({ store, definition, signer: cecSigner(keyring), documents: mine });
      await registerNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        nominationIds: null,
        decidedAt: '2023-02-15T12:00',
      });
      const candidates = mine
        .filter((nomination) => nomination.contestId === district)
        .flatMap((nomination) => nomination.candidates.map((candidate) => candidate.id));
      expect(candidates.length).toBeGreaterThan(1);

      const late = await withdrawCandidate({
        store,
        definition,
        signer: cecSigner(keyring),
        withdrawal: {
          candidateId: candidates[0] as never,
          kind: 'withdrawn',
          at: '2023-03-19T00:00',
          reason: 'too late',
        },
      });
      expect(late).toMatchObject({ result: { ok: false, error: { code: 'WITHDRAWAL_TOO_LATE' } } });
      const outcomes = [];
      for (const [index, candidateId] of candidates.entries()) {
        outcomes.push(
          await withdrawCandidate({
            store,
            definition,
            signer: cecSigner(keyring),
            withdrawal: {
              candidateId: candidateId,
              kind: index === 0 ? 'deregistered' : 'withdrawn',
              at: '2023-03-10T09:00',
              reason: 'statement of the candidate',
            },
          }),
        );
      }
      expect(
        outcomes.slice(0, -1).every((outcome) => outcome.result.ok && outcome.result.value.postponed === null),
      ).toBe(true);
      expect(outcomes.at(-1)).toEqual({ id: candidates.at(-1), result: { ok: true, value: { postponed: district } } });
      expect(
        await withdrawCandidate({
          store,
          definition,
          signer: cecSigner(keyring),
          withdrawal: {
            candidateId: candidates[1] as never,
            kind: 'withdrawn',
            at: '2023-03-11T09:00',
            reason: 'again',
          },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'CANDIDATE_NOT_STANDING' } } });

      const { election } = await loadElection(store);
      expect(election.contests.find((contest) => contest.id === district)?.options).toEqual([]);
      expect(election.stations.some((station) => station.contests.includes(district as never))).toBe(false);
      const tally = await currentTally({ store, election });
      const result = tally.contests.find((contest) => contest.contest.id === district);
      expect(result?.kind === 'smd' ? result.outcome.status : null).toBe('postponed');

      // A registration the law would not make, signed by the right commission, is named by verify.
      const bundle = join(mkdtempSync(join(tmpdir(), 'saylau-reg-bundle-')), 'bundle');
      await exportBundle({
        store,
        election,
        electionText: tinyElection().electionText,
        out: bundle,
        cec: keyring.cec,
      });
      const checks = await verifyBundle(bundle);
      expect(checks.filter((check) => !check.ok)).toEqual([]);
      expect(checks.find((check) => check.name === 'registration')?.detail).toContain(`${mine.length} decisions`);

      const young: Nomination = {
        ...(mine.find((nomination) => nomination.contestId === district) as Nomination),
        id: 'too-young',
        candidates: [
          {
            ...(mine.find((nomination) => nomination.contestId === district)
              ?.candidates[0] as Nomination['candidates'][number]),
            id: `${district}/too-young` as never,
            personId: 'too-young',
            birthDate: '2000-01-01',
          },
        ],
      };
      await store.write(async (writer) => {
        const key = keyring.commissions.get(`${district}/dec`) ?? keyring.cec;
        await appendSigned(
          writer,
          definition.event.id,
          [
            { payload: { type: 'nomination-submitted', nomination: young }, key },
            {
              payload: {
                type: 'registration-decided',
                nominationId: 'too-young',
                decidedAt: '2023-02-15T12:00',
                calendar: CALENDAR_2023,
                minimumWage: MINIMUM_WAGE_2023,
                registered: [`${district}/too-young`],
                refusals: [],
              },
              key,
            },
          ],
          '2026-01-01T00:00:00.000Z',
        );
      });
      const tampered = join(mkdtempSync(join(tmpdir(), 'saylau-reg-bundle-')), 'bundle');
      const reloaded = await loadElection(store);
      await exportBundle({
        store,
        election: reloaded.election,
        electionText: tinyElection().electionText,
        out: tampered,
        cec: keyring.cec,
      });
      const failed = (await verifyBundle(tampered)).find((check) => !check.ok);
      expect(failed?.name).toBe('registration');
      expect(failed?.detail).toMatch(/line \d+: registration-decided: the registration decision differs/);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("checks a party's deputies against its list and the 30 % quota, fills a vacancy from the list, and settles deposits", async () => {
    const { store, keyring, definition } = await freshElection(engine);
    try {
      const lists = nominationsFromElection(definition).filter((nomination) => nomination.contestId === 'majilis/list');
      await submitNominations({ store, definition, signer: cecSigner(keyring), documents: lists });
      await registerNominations({
        store,
        definition,
        signer: cecSigner(keyring),
        nominationIds: null,
        decidedAt: '2023-02-15T12:00',
      });
      const { dataset } = tinyElection();
      let { election } = await loadElection(store);
      await ingestProtocols({
        store,
        election,
        documents: dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list'),
        signer: importerSigner(keyring),
      });
      ({ election } = await loadElection(store));

      // Once a contest counts, its ballot is fixed: no nomination, no withdrawal, not even a death.
      const late = {
        ...(lists[0] as Nomination),
        id: 'late-list',
        nominatedBy: 'baitaq',
        candidates: [
          { ...(lists[0] as Nomination).candidates[0]!, id: 'majilis/list/late-1' as never, personId: 'late-1' },
        ],
      };
      expect(await submitNominations({ store, definition, signer: cecSigner(keyring), documents: [late] })).toEqual([
        {
          id: 'late-list',
          result: { ok: false, error: { code: 'CONTEST_COUNTING', params: { contest: 'majilis/list' } } },
        },
      ]);
      const listed = (lists[0] as Nomination).candidates[5]!.id;
      expect(
        await withdrawCandidate({
          store,
          definition,
          signer: cecSigner(keyring),
          withdrawal: { candidateId: listed, kind: 'died', at: '2023-03-25T10:00', reason: 'after the vote' },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'CONTEST_COUNTING' } } });

      const amanat = (lists.find((nomination) => nomination.nominatedBy === 'amanat') as Nomination).candidates;
      const counts = (person: Nomination['candidates'][number]): boolean =>
        person.gender === 'female' || person.disability || person.birthDate > '1994-03-19';
      const quota = amanat.filter(counts).map((person) => person.id as string);
      const others = amanat.filter((person) => !counts(person)).map((person) => person.id as string);
      // 40 seats: 30 % is 12 people. Eleven is one short.
      const short = [...quota.slice(0, 11), ...others.slice(0, 29)];
      // Seats are given only on an established result: counted everywhere and approved by the CEC.
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'amanat' as never, chosen: short as never[] },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'DEPUTIES_RESULTS_NOT_ESTABLISHED' } } });
      expect(
        await decide({
          store,
          election,
          signer: deciderSigner(keyring, election, { kind: 'approve', contestId: 'majilis/list' }),
          decision: { kind: 'approve', contestId: 'majilis/list' },
        }),
      ).toEqual({ ok: true });
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'amanat' as never, chosen: short as never[] },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_QUOTA_NOT_MET' } } });
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: {
            bodyId: 'majilis',
            partyId: 'amanat' as never,
            chosen: [...short, 'majilis/list/nobody'] as never[],
          },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_NOT_ON_LIST' } } });
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'amanat' as never, chosen: short.slice(0, 30) as never[] },
        }),
      ).toMatchObject({ result: { ok: false } });
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'nosuch' as never, chosen: [] },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'DEPUTIES_NO_SEATS' } } });
      const chosen = [...quota.slice(0, 12), ...others.slice(0, 28)];
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'amanat' as never, chosen: chosen as never[] },
        }),
      ).toEqual({ id: 'majilis amanat', result: { ok: true, value: {} } });
      expect(
        await chooseDeputies({
          store,
          definition,
          election,
          signer: cecSigner(keyring),
          choice: { bodyId: 'majilis', partyId: 'amanat' as never, chosen: chosen as never[] },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'DEPUTIES_ALREADY_CHOSEN' } } });

      const leaving = chosen[0] as string;
      const successor = others[28] as string;
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: { kind: 'fill', bodyId: 'majilis', partyId: 'amanat', candidateId: successor },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_NO_VACANCY' } } });
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: { kind: 'vacate', bodyId: 'majilis', partyId: 'amanat', candidateId: successor, reason: 'x' },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_NOT_HELD' } } });
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: {
            kind: 'vacate',
            bodyId: 'majilis',
            partyId: 'amanat',
            candidateId: leaving,
            reason: 'appointed minister',
          },
        }),
      ).toMatchObject({ result: { ok: true } });
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: { kind: 'fill', bodyId: 'majilis', partyId: 'amanat', candidateId: leaving },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_ALREADY_VACATED' } } });
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: { kind: 'fill', bodyId: 'majilis', partyId: 'amanat', candidateId: chosen[1] as string },
        }),
      ).toMatchObject({ result: { ok: false, error: { code: 'MANDATE_DUPLICATE' } } });
      expect(
        await changeMandate({
          store,
          definition,
          signer: cecSigner(keyring),
          change: { kind: 'fill', bodyId: 'majilis', partyId: 'amanat', candidateId: successor },
        }),
      ).toMatchObject({ result: { ok: true } });

      const registry = await readRegistry(store);
      const tally = await currentTally({ store, election });
      const deputies = deputiesOfBody({ bodyId: 'majilis', election, tally, registry });
      const amanatSeats = deputies?.lists.find((list) => list.partyId === 'amanat');
      expect(amanatSeats).toMatchObject({
        seats: 40,
        vacancies: 0,
        vacated: [{ candidateId: leaving, reason: 'appointed minister' }],
      });
      expect(amanatSeats?.holders).toContain(successor);
      expect(deputies?.lists.map((list) => [list.partyId, list.seats, list.holders])).toEqual([
        ['amanat', 40, amanatSeats?.holders],
        ['auyl', 8, null],
        ['respublica', 6, null],
        ['qhp', 5, null],
        ['ak-zhol', 6, null],
        ['osdp', 4, null],
      ]);

      // Deposits: the elected, and every list at or above 5 %, get theirs back; Baitaq (2.3 %) keeps none.
      const deposits = depositsReport({ election, tally, registry });
      expect(deposits.every((line) => line.final && line.paid === 1_050_000)).toBe(true);
      const outcomeOf = (id: string) => deposits.find((line) => line.candidateId === id)?.outcome;
      expect(outcomeOf(successor)).toBe('returned-elected');
      expect(outcomeOf(leaving)).toBe('returned-elected');
      expect(outcomeOf(others.at(-1) as string)).toBe('returned-five-percent');
      const baitaq = deposits.filter((line) => line.candidateId.startsWith('majilis/list/baitaq'));
      expect(baitaq.length).toBeGreaterThan(0);
      expect(baitaq.every((line) => line.outcome === 'kept')).toBe(true);

      // The whole story verifies; a postponement of a contest with 281 candidates standing, forged with the CEC's key,
      // does not.
      const bundle = join(mkdtempSync(join(tmpdir(), 'saylau-reg-bundle-')), 'bundle');
      await exportBundle({
        store,
        election,
        electionText: tinyElection().electionText,
        out: bundle,
        cec: keyring.cec,
      });
      expect((await verifyBundle(bundle)).filter((check) => !check.ok)).toEqual([]);
      await store.write(async (writer) => {
        await appendSigned(
          writer,
          definition.event.id,
          [
            {
              payload: {
                type: 'contest-postponed',
                contestId: 'majilis/list',
                at: '2023-03-25T10:00',
                reason: 'all-candidates-withdrawn',
              },
              key: keyring.cec,
            },
          ],
          '2026-01-01T00:00:00.000Z',
        );
      });
      const forged = join(mkdtempSync(join(tmpdir(), 'saylau-reg-bundle-')), 'bundle');
      await exportBundle({
        store,
        election: (await loadElection(store)).election,
        electionText: tinyElection().electionText,
        out: forged,
        cec: keyring.cec,
      });
      const failed = (await verifyBundle(forged)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'registration',
        expect.stringMatching(/: contest-postponed: CONTEST_COUNTING$/),
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
