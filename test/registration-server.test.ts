import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Nomination } from '../src/model/nomination.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import type { SaylauServer } from '../src/server/app.ts';
import {
  ballotsResponse,
  candidatesResponse,
  decisionsResponse,
  deputiesResponse,
  depositsResponse,
  nominationsImportResponse,
  nominationsResponse,
  nominationView,
} from '../src/server/registration-schemas.ts';
import { withReceipts } from '../src/server/route-registry.ts';
import type { Keyring } from '../src/store/keyring.ts';
import { signedInject } from './signing-fixture.ts';
import { PostgresStore } from '../src/store/postgres-store.ts';
import { decide } from '../src/services/decision-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { withdrawCandidate } from '../src/services/registration-service.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { type Account, bearer, testServer } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { cecSigner, deciderSigner, importerSigner } from './fixtures/test-keys.ts';

interface Refusal {
  error: {
    code: string;
    message: string;
    messages: { kk: string; ru: string; en: string };
    params: Record<string, unknown>;
    field: string | null;
  };
}

/**
 * The dataset's nominations with a personal number each: `nominationsFromElection` gives the
 * candidate id, whose slashes the personal number's pattern does not take (reported).
 */
function datasetNominations(): Nomination[] {
  let person = 0;
  return nominationsFromElection(tinyElection().dataset.election).map((nomination) => ({
    ...nomination,
    candidates: nomination.candidates.map((dossier) => ({ ...dossier, personId: `P-${++person}` })),
  }));
}

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'registration through the HTTP API on %s',
  (_name, engine) => {
    const { dataset } = tinyElection();
    const election = dataset.election;
    const contestId = 'KZ-35/maslikhat/smd-01';
    const commission = 'KZ-35/maslikhat/smd-01/dec';
    const station = election.stations.find((s) => s.contests.includes(contestId as never))!;
    const accounts: Account[] = [
      { username: 'admin', role: 'administrator', commission: null },
      { username: 'observer', role: 'observer', commission: null },
      { username: 'op', role: 'operator', commission },
      { username: 'chair', role: 'chair', commission },
      { username: 'rec-chair', role: 'chair', commission: 'KZ-35/rec' },
      { username: 'other-op', role: 'operator', commission: 'KZ-35/maslikhat/smd-02/dec' },
    ];
    const nominations = datasetNominations();
    // One district candidate of the dataset is left for the operator and the chair to nominate and register.
    const held = nominations.find((n) => n.contestId === contestId)!;
    let server: SaylauServer;
    let store: Store;
    let db: string;
    let keyring: Keyring;
    const auth: Record<string, string> = {};

    const call = async (method: 'GET' | 'POST', url: string, as: string | null, payload?: unknown) => {
      const headers: Record<string, string> = as === null ? {} : { authorization: auth[as] as string };
      // An act is signed in the client by the person's own key (docs/server.md, "Signing in the client").
      const key = as === null ? undefined : keyring.users.get(as);
      const response =
        method === 'POST' && key !== undefined && typeof payload === 'object' && payload !== null
          ? await signedInject(server, { method, url, headers, payload: payload as Record<string, unknown> }, key)
          : await server.app.inject({
              method,
              url,
              headers,
              ...(payload === undefined ? {} : { payload: payload as object }),
            });
      return {
        status: response.statusCode,
        body: response.body,
        headers: response.headers,
        json: <T>() => JSON.parse(response.body) as T,
      };
    };
    const code = (response: { status: number; json: <T>() => T }) => [
      response.status,
      response.json<Refusal>().error.code,
    ];
    const state = async () => ({
      head: await store.journalHead(),
      registry: (await store.storedText('registry')).size,
    });

    beforeAll(async () => {
      // Each registration answered at once, not at the results' next turn of five a second (test/live-results.test.ts).
      ({ server, store, db, keyring } = await testServer(engine, accounts, { resultsRefreshMs: 0 }));
      for (const account of accounts) auth[account.username] = await bearer(server, account.username);
      // The election's nominations through the API, in requests of 2,500, then registered in requests of 5,000.
      const rest = nominations.filter((n) => n !== held);
      for (let start = 0; start < rest.length; start += 2500) {
        const answer = nominationsImportResponse.parse(
          (
            await call('POST', '/api/nominations/import', 'admin', { nominations: rest.slice(start, start + 2500) })
          ).json(),
        );
        expect(answer.refusals).toEqual([]);
      }
      for (let start = 0; start < rest.length; start += 5000) {
        const decided = withReceipts(decisionsResponse).parse(
          (
            await call('POST', '/api/registrations', 'admin', {
              nominationIds: rest.map((n) => n.id).slice(start, start + 5000),
              decidedAt: '2023-02-15T10:00',
            })
          ).json(),
        );
        expect(decided.decisions.filter((d) => d.outcome !== 'registered')).toEqual([]);
      }
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    it('a nomination received by the operator, found pending and registered by the chair; ballots, candidates and intake follow', async () => {
      const before = candidatesResponse.parse((await call('GET', `/api/candidates/${contestId}`, null)).json());
      expect(before.candidates.map((c) => c.id)).not.toContain(held.candidates[0]!.id);
      expect(before.candidates.length).toBeGreaterThan(0);
      expect(before.candidates.every((c) => c.status === 'registered' && c.nominationId !== null)).toBe(true);
      // The file stays with the commission: no personal number in a public answer.
      expect(JSON.stringify(before)).not.toMatch(/personId|P-\d/);

      expect((await call('POST', '/api/nominations', 'op', { nomination: held })).json()).toEqual({
        id: held.id,
        status: 'submitted',
        // A server without a transparency log issues no receipts (docs/receipts.md).
        receipts: [],
      });
      const pending = nominationsResponse.parse(
        (
          await call('GET', `/api/nominations?status=submitted&commission=${encodeURIComponent(commission)}`, null)
        ).json(),
      );
      expect(pending.nominations.map((n) => n.id)).toEqual([held.id]);
      expect(pending.nominations[0]!.candidates[0]!.registered).toBeNull();
      // While it waits, the protocol of the station with the candidate's votes is refused: not on the ballot yet.
      const protocol = dataset.protocols.find(
        (p) => p.stationId === station.id && p.contestId === contestId,
      ) as Protocol;
      expect((await call('POST', '/api/protocols/import', 'admin', { protocols: [protocol] })).json()).toMatchObject({
        accepted: 0,
        refused: 1,
      });

      const decision = withReceipts(decisionsResponse).parse(
        (
          await call('POST', '/api/registrations', 'chair', { nominationIds: [held.id], decidedAt: '2023-02-16T11:00' })
        ).json(),
      );
      expect(decision.decisions).toEqual([
        { nominationId: held.id, outcome: 'registered', registered: [held.candidates[0]!.id], refusals: [] },
      ]);
      const after = candidatesResponse.parse((await call('GET', `/api/candidates/${contestId}`, null)).json());
      expect(after.candidates.map((c) => c.id)).toContain(held.candidates[0]!.id);
      expect(after.candidates.find((c) => c.id === held.candidates[0]!.id)).toMatchObject({
        nominationId: held.id,
        status: 'registered',
        nomination: held.nomination,
      });
      const record = nominationView.parse((await call('GET', `/api/nominations/${held.id}`, null)).json());
      expect(record).toMatchObject({ status: 'registered', decidedAt: '2023-02-16T11:00', refusals: [] });

      // The ballots carry the candidate, in Kazakh and Russian proofs with "against all" last.
      const ballots = ballotsResponse.parse((await call('GET', `/api/ballots/${station.id}`, null)).json());
      expect(ballots.ballots.map((b) => b.contestId)).toEqual(station.contests);
      expect(ballots.ballots.find((b) => b.contestId === contestId)!.options.map((o) => o.id)).toContain(
        held.candidates[0]!.id,
      );
      const kk = await call('GET', `/api/ballots/print/${station.id}?lang=kk`, null);
      const ru = await call('GET', `/api/ballots/print/${station.id}?lang=ru`, null);
      expect([kk.status, kk.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      expect(kk.body).toContain('Барлығына қарсы');
      expect(ru.body).toContain('Против всех');
      expect(ru.body).toContain(held.candidates[0]!.name.ru);
      expect(code(await call('GET', `/api/ballots/print/${station.id}?lang=en`, null))).toEqual([
        422,
        'INPUT_INVALID_VALUE',
      ]);
      // A nomination the commission refuses is a decision with the law's codes, not an HTTP error.
      const young = {
        ...held,
        id: `${contestId}/young/nomination`,
        candidates: [
          { ...held.candidates[0]!, id: `${contestId}/young`, personId: 'YOUNG-1', birthDate: '2010-01-01' },
        ],
      };
      expect((await call('POST', '/api/nominations', 'chair', { nomination: young })).status).toBe(200);
      const refusal = withReceipts(decisionsResponse).parse(
        (
          await call('POST', '/api/registrations', 'chair', {
            nominationIds: [young.id],
            decidedAt: '2023-02-16T11:00',
          })
        ).json(),
      ).decisions[0]!;
      expect(refusal.outcome).toBe('refused');
      expect(refusal.refusals.length).toBeGreaterThan(0);
      expect(refusal.refusals[0]!.messages.ru.length).toBeGreaterThan(5);
      expect(nominationView.parse((await call('GET', `/api/nominations/${young.id}`, null)).json()).status).toBe(
        'refused',
      );

      // The intake now takes that protocol; from then on the contest's ballot is fixed.
      expect((await call('POST', '/api/protocols/import', 'admin', { protocols: [protocol] })).json()).toMatchObject({
        accepted: 1,
      });
      const counting = await call('POST', '/api/withdrawals', 'chair', {
        candidateId: held.candidates[0]!.id,
        kind: 'withdrawn',
        at: '2023-03-01T10:00',
        reason: 'by the candidate',
      });
      expect(code(counting)).toEqual([409, 'CONTEST_COUNTING']);
      const another = {
        ...held,
        id: `${contestId}/late/nomination`,
        candidates: [{ ...held.candidates[0]!, id: `${contestId}/late`, personId: 'LATE-1' }],
      };
      expect(code(await call('POST', '/api/nominations', 'chair', { nomination: another }))).toEqual([
        409,
        'CONTEST_COUNTING',
      ]);

      // Withdrawn where nothing is counted yet: off the ballot, still listed with the status.
      const elsewhere = nominations.find((n) => n.contestId === 'KZ-35/maslikhat/smd-04')!;
      const leaving = elsewhere.candidates[0]!.id;
      const withdrawn = await call('POST', '/api/withdrawals', 'admin', {
        candidateId: leaving,
        kind: 'withdrawn',
        at: '2023-03-01T10:00',
        reason: 'by the candidate',
      });
      expect(withdrawn.json()).toEqual({ candidateId: leaving, status: 'withdrawn', postponed: null, receipts: [] });
      expect(
        candidatesResponse
          .parse((await call('GET', `/api/candidates/${elsewhere.contestId}`, null)).json())
          .candidates.find((c) => c.id === leaving)?.status,
      ).toBe('withdrawn');
      const stationElsewhere = dataset.election.stations.find((s) =>
        s.contests.includes(elsewhere.contestId as never),
      )!;
      expect(
        ballotsResponse
          .parse((await call('GET', `/api/ballots/${stationElsewhere.id}`, null)).json())
          .ballots.find((b) => b.contestId === elsewhere.contestId)!
          .options.map((o) => o.id),
      ).not.toContain(leaving);
    }, 120_000);

    it('requests the registry cannot take are coded refusals, in three languages, and change nothing', async () => {
      const before = await state();
      const registered = nominations.find((n) => n.contestId === 'KZ-35/maslikhat/smd-03')!;
      expect(code(await call('POST', '/api/nominations', 'admin', { nomination: registered }))).toEqual([
        409,
        'NOMINATION_DUPLICATE_ID',
      ]);
      expect(
        code(
          await call('POST', '/api/registrations', 'admin', {
            nominationIds: ['no/such/nomination'],
            decidedAt: '2023-02-16T11:00',
          }),
        ),
      ).toEqual([422, 'NOMINATION_UNKNOWN']);
      const decided = await call('POST', '/api/registrations', 'admin', {
        nominationIds: [registered.id],
        decidedAt: '2023-02-16T11:00',
      });
      expect(code(decided)).toEqual([409, 'NOMINATION_ALREADY_DECIDED']);
      expect(decided.json<Refusal>().error.messages.kk).toContain(registered.id);
      expect(
        code(
          await call('POST', '/api/registrations', 'admin', {
            nominationIds: [registered.id],
            decidedAt: '16.02.2023',
          }),
        ),
      ).toEqual([422, 'INPUT_INVALID_DATE']);
      const missing = await call('POST', '/api/nominations', 'admin', {
        nomination: { ...registered, submittedAt: undefined },
      });
      expect([...code(missing), missing.json<Refusal>().error.field]).toEqual([
        422,
        'INPUT_MISSING_FIELD',
        'nomination.submittedAt',
      ]);
      expect(
        code(
          await call('POST', '/api/nominations', 'admin', {
            nomination: { ...registered, id: 'x/1', contestId: 'majilis/list' },
          }),
        ),
      ).toEqual([422, 'NOMINATION_WRONG_KIND']);
      expect(
        code(
          await call('POST', '/api/withdrawals', 'admin', {
            candidateId: `${contestId}/c-99`,
            kind: 'withdrawn',
            at: '2023-03-01T10:00',
            reason: 'x',
          }),
        ),
      ).toEqual([422, 'CANDIDATE_NOT_REGISTERED']);
      expect(
        code(
          await call('POST', '/api/withdrawals', 'admin', {
            candidateId: registered.candidates[0]!.id,
            kind: 'withdrawn',
            at: '2023-03-19T09:00',
            reason: 'x',
          }),
        ),
      ).toEqual([422, 'WITHDRAWAL_TOO_LATE']);
      expect(
        code(
          await call('POST', '/api/deputies', 'admin', { bodyId: 'KZ-35/maslikhat', partyId: 'baitaq', chosen: [] }),
        ),
      ).toEqual([422, 'DEPUTIES_RESULTS_NOT_ESTABLISHED']);
      expect(
        code(
          await call('POST', '/api/mandates/fills', 'admin', {
            bodyId: 'KZ-35/maslikhat',
            partyId: 'amanat',
            candidateId: 'KZ-35/maslikhat/list/amanat-001',
          }),
        ),
      ).toEqual([422, 'MANDATE_NO_VACANCY']);
      expect(code(await call('GET', '/api/nominations/no/such', null))).toEqual([422, 'NOMINATION_UNKNOWN']);
      expect(code(await call('GET', '/api/candidates/no/such', null))).toEqual([422, 'DATASET_UNKNOWN_REFERENCE']);
      expect(code(await call('GET', '/api/ballots/KZ-35/PS-9999', null))).toEqual([422, 'DATASET_UNKNOWN_REFERENCE']);
      expect(await state()).toEqual(before);
    }, 60_000);

    it('who may: the staff of the commission concerned or an administrator; the public and observers write nothing', async () => {
      const before = await state();
      const other = nominations.find((n) => n.contestId === 'KZ-35/maslikhat/smd-02')!;
      const fresh = {
        ...held,
        id: `${contestId}/fresh/nomination`,
        candidates: [{ ...held.candidates[0]!, id: `${contestId}/fresh`, personId: 'FRESH-1' }],
      };
      const writes: [string, unknown][] = [
        ['/api/nominations', { nomination: fresh }],
        ['/api/nominations/import', { nominations: [fresh] }],
        ['/api/registrations', { nominationIds: [other.id], decidedAt: '2023-02-16T11:00' }],
        [
          '/api/withdrawals',
          { candidateId: other.candidates[0]!.id, kind: 'withdrawn', at: '2023-03-01T10:00', reason: 'x' },
        ],
        ['/api/deputies', { bodyId: 'KZ-35/maslikhat', partyId: 'amanat', chosen: [] }],
        [
          '/api/mandates/vacancies',
          { bodyId: 'KZ-35/maslikhat', candidateId: 'KZ-35/maslikhat/list/amanat-001', reason: 'x' },
        ],
        ['/api/mandates/fills', { bodyId: 'KZ-35/maslikhat', candidateId: 'KZ-35/maslikhat/list/amanat-001' }],
      ];
      for (const [url, payload] of writes) {
        expect(code(await call('POST', url, null, payload)), url).toEqual([401, 'AUTH_REQUIRED']);
        expect(code(await call('POST', url, 'observer', payload)), url).toEqual([403, 'AUTH_FORBIDDEN']);
      }
      // An operator receives nominations, and only for their own commission's contests; they decide nothing.
      expect(code(await call('POST', '/api/nominations', 'other-op', { nomination: fresh }))).toEqual([
        403,
        'AUTH_WRONG_COMMISSION',
      ]);
      expect(code(await call('POST', '/api/nominations/import', 'other-op', { nominations: [fresh] }))).toEqual([
        403,
        'AUTH_WRONG_COMMISSION',
      ]);
      for (const [url, payload] of writes.slice(2))
        expect(code(await call('POST', url, 'op', payload)), url).toEqual([403, 'AUTH_FORBIDDEN']);
      // A chair decides for their own commission's contests; deputies are the establishing commission's.
      expect(
        code(
          await call('POST', '/api/registrations', 'chair', {
            nominationIds: [other.id],
            decidedAt: '2023-02-16T11:00',
          }),
        ),
      ).toEqual([403, 'AUTH_WRONG_COMMISSION']);
      expect(code(await call('POST', '/api/withdrawals', 'chair', writes[3]![1]))).toEqual([
        403,
        'AUTH_WRONG_COMMISSION',
      ]);
      for (const [url, payload] of writes.slice(4))
        expect(code(await call('POST', url, 'chair', payload)), url).toEqual([403, 'AUTH_WRONG_COMMISSION']);
      expect(
        code(await call('POST', '/api/deputies', 'rec-chair', { bodyId: 'majilis', partyId: 'amanat', chosen: [] })),
      ).toEqual([403, 'AUTH_WRONG_COMMISSION']);
      // The regional commission's chair gets past the scope to the registry's own answer.
      expect(code(await call('POST', '/api/deputies', 'rec-chair', writes[4]![1]))).toEqual([
        422,
        'DEPUTIES_RESULTS_NOT_ESTABLISHED',
      ]);
      expect(await state()).toEqual(before);
    }, 60_000);

    it("deputies: seats from the count, the party's choice within its list and the quota, a vacancy filled; deposits", async () => {
      const body = 'KZ-35/maslikhat';
      await ingestProtocols({
        store,
        election: server.live.election,
        documents: dataset.protocols.filter((p) => p.contestId === `${body}/list`),
        signer: importerSigner(keyring),
      });
      await server.live.changed();
      const seats = deputiesResponse.parse((await call('GET', `/api/deputies/${body}`, null)).json());
      const won = seats.lists[0]!;
      expect(won.holders).toBeNull();
      expect(won.seats).toBeGreaterThan(0);
      const list = candidatesResponse
        .parse((await call('GET', `/api/candidates/${body}/list`, null)).json())
        .candidates.filter((c) => c.nominatedBy === won.partyId);
      // Men first: the 30 % quota is on Majilis mandates (docs/law.md §4); a maslikhat's choice is not held to it [U].
      const chosen = [...list]
        .sort((a, b) => Number(a.gender === 'female') - Number(b.gender === 'female'))
        .slice(0, won.seats)
        .map((c) => c.id);
      expect(
        code(await call('POST', '/api/deputies', 'rec-chair', { bodyId: body, partyId: won.partyId, chosen })),
      ).toEqual([422, 'DEPUTIES_RESULTS_NOT_ESTABLISHED']);
      expect(
        await decide({
          store,
          election: server.live.election,
          signer: deciderSigner(keyring, server.live.election, { kind: 'approve', contestId: `${body}/list` }),
          decision: { kind: 'approve', contestId: `${body}/list` },
        }),
      ).toEqual({ ok: true });
      await server.live.changed();
      const choice = await call('POST', '/api/deputies', 'rec-chair', { bodyId: body, partyId: won.partyId, chosen });
      expect(choice.status, choice.body).toBe(200);
      expect(
        code(await call('POST', '/api/deputies', 'rec-chair', { bodyId: body, partyId: won.partyId, chosen })),
      ).toEqual([409, 'DEPUTIES_ALREADY_CHOSEN']);
      expect(
        (
          await call('POST', '/api/mandates/vacancies', 'rec-chair', {
            bodyId: body,
            candidateId: chosen[0],
            reason: 'resigned',
          })
        ).json(),
      ).toMatchObject({ holders: chosen.slice(1), vacated: [{ candidateId: chosen[0], reason: 'resigned' }] });
      const next = list.find((c) => !chosen.includes(c.id));
      expect(next, 'the list has someone left to fill the vacancy').toBeDefined();
      expect(
        (await call('POST', '/api/mandates/fills', 'admin', { bodyId: body, candidateId: next!.id })).json(),
      ).toMatchObject({ holders: [...chosen.slice(1), next!.id] });
      expect(
        deputiesResponse.parse((await call('GET', `/api/deputies/${body}`, null)).json()).lists[0]!.holders,
      ).toContain(chosen[1]);
      const deposits = depositsResponse.parse((await call('GET', `/api/deposits/${body}`, null)).json());
      expect(deposits.deposits.find((d) => d.candidateId === chosen[1])).toMatchObject({ outcome: 'returned-elected' });
    }, 120_000);

    it('a registration written by another process (a CLI on the same database) reaches the ballots while the server runs', async () => {
      const contest = 'KZ-35/maslikhat/smd-02';
      const target = nominations.find((n) => n.contestId === contest)!.candidates[0]!.id;
      const at = election.stations.find((s) => s.contests.includes(contest as never))!;
      const onBallot = async () =>
        ballotsResponse
          .parse((await call('GET', `/api/ballots/${at.id}`, null)).json())
          .ballots.find((b) => b.contestId === contest)!
          .options.some((o) => o.id === target);
      expect(await onBallot()).toBe(true);
      const cli = engine.name === 'sqlite' ? new SqliteStore(db) : new PostgresStore(db);
      try {
        const outcome = await withdrawCandidate({
          store: cli,
          definition: election,
          signer: cecSigner(keyring),
          withdrawal: { candidateId: target, kind: 'deregistered', at: '2023-03-02T12:00', reason: 'court decision' },
        });
        expect(outcome.result.ok).toBe(true);
      } finally {
        await cli.close();
      }
      let seen = false;
      for (let i = 0; i < 100 && !seen; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = !(await onBallot());
      }
      expect(seen).toBe(true);
      expect(
        candidatesResponse
          .parse((await call('GET', `/api/candidates/${contest}`, null)).json())
          .candidates.find((c) => c.id === target),
      ).toMatchObject({ status: 'deregistered', statusReason: 'court decision' });
    }, 60_000);
  },
);
