import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDefined } from '../src/law/assert.ts';
import type { Complaint, ComplaintDecision } from '../src/model/complaint.ts';
import { commissionIdSchema, contestIdSchema, stationIdSchema } from '../src/model/ids.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { decideComplaints, fileComplaints, recordViolations } from '../src/services/complaint-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { complaintRegister, complaintsCsv } from '../src/services/complaint-register.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { addProtocol, emptyTotals, totalsToText } from '../src/tally/aggregate.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { appendSigned, cecSigner, commissionSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

// Complaints and their consequences (docs/law.md §10.3): an annulment removes exactly the named station from exactly
// the named contests, and verify recomputes the results without it; a recount changes nothing until the new version
// of the protocol; refusals are coded and write nothing.

const { dataset, electionText } = tinyElection();
const { election } = dataset;
const STATION = TINY.cityStations[0];
const station = assertDefined(election.stations.find((candidate) => candidate.id === STATION));
const precinct = station.commissionId;
const deciding: string = assertDefined(
  election.commissions.find((commission) => commission.id === precinct)?.parentId ?? undefined,
);
const at = () => `${election.event.date}T18:00:00.000Z`;

const complaint: Complaint = {
  id: 'c-1',
  complainant: { kind: 'voter', name: 'Айгерім Сапарқызы Әбенова', ref: null },
  against: { commissionId: commissionIdSchema.parse(precinct), stationId: stationIdSchema.parse(STATION) },
  subject: 'Ballots were added to the box after the close',
  filedAt: `${election.event.date}T17:00:00Z`,
};
const annulment = (contestIds: readonly string[]): ComplaintDecision => ({
  complaintId: 'c-1',
  outcome: 'upheld',
  reason: 'Ballot stuffing established',
  consequences: [
    {
      kind: 'annulment',
      stationId: stationIdSchema.parse(STATION),
      contestIds: contestIds.map((id) => contestIdSchema.parse(id)),
    },
  ],
});

/** The totals text of a contest summed from the dataset's protocols of every station but the ones left out. */
function expectedTotals(contestId: string, without: readonly string[]): string {
  const contest = assertDefined(election.contests.find((candidate) => candidate.id === contestId));
  const totals = emptyTotals(contest.options.map((option) => option.id));
  for (const protocol of dataset.protocols)
    if (protocol.contestId === contestId && !without.includes(protocol.stationId)) addProtocol(totals, protocol);
  return totalsToText(totals);
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('complaints on %s', (_name, engine) => {
  const setUp = async () => {
    const { store } = await engine.fresh();
    const keyring = createKeyring(election);
    await initWithKeyring({ store, electionText, keyring });
    await ingestProtocols({ store, election, documents: dataset.protocols, signer: importerSigner(keyring) });
    const filed = await fileComplaints({
      store,
      election,
      documents: [complaint],
      signer: commissionSigner(keyring, deciding, at),
    });
    expect(filed).toMatchObject({ taken: 1, refused: 0 });
    return { store, keyring };
  };
  const bundleChecks = async (store: Store, keyring: ReturnType<typeof createKeyring>) => {
    const out = join(mkdtempSync(join(tmpdir(), 'saylau-complaints-')), 'bundle');
    await exportBundle({ store, election, electionText, out, cec: keyring.cec });
    return verifyBundle(out, { trust: keyring.cec.fingerprint });
  };

  it('an annulment removes exactly the named station from exactly the named contests; verify recomputes it', async () => {
    const { store, keyring } = await setUp();
    try {
      const otherContests = station.contests.filter((id) => id !== TINY.majilisList);
      expect(otherContests.length).toBeGreaterThan(0);
      const totalsBefore = await store.storedText('contest_totals');
      const decided = await decideComplaints({
        store,
        election,
        documents: [annulment([TINY.majilisList])],
        signer: commissionSigner(keyring, deciding, at),
      });
      expect(decided).toMatchObject({ taken: 1, refused: 0 });
      const protocols = await store.allProtocols();
      const keys = new Set(protocols.map((row) => `${row.stationId} ${row.contestId}`));
      expect(keys.has(`${STATION} ${TINY.majilisList}`)).toBe(false);
      for (const contestId of otherContests) expect(keys.has(`${STATION} ${contestId}`)).toBe(true);
      expect(protocols).toHaveLength(dataset.protocols.length - 1);
      const totalsAfter = await store.storedText('contest_totals');
      expect(totalsAfter.get(TINY.majilisList)).toBe(expectedTotals(TINY.majilisList, [STATION]));
      for (const [contestId, text] of totalsBefore)
        if (contestId !== TINY.majilisList) expect(totalsAfter.get(contestId)).toBe(text);
      // The integrity check replays the annulment; a rebuild makes the same rows.
      const head = await store.journalHead();
      expect(await checkIntegrity({ store, definition: election, full: true })).toMatchObject({ head });
      const rows = await store.storedText('contest_totals');
      await rebuildProjections({ store, election });
      expect(await store.storedText('contest_totals')).toEqual(rows);
      // verify recomputes every result from the journal, the annulment included.
      expect((await bundleChecks(store, keyring)).filter((check) => !check.ok)).toEqual([]);
      // No protocol of the station is taken again for that contest, by import or otherwise; nothing written.
      const official = assertDefined(
        dataset.protocols.find((p) => p.stationId === STATION && p.contestId === TINY.majilisList),
      );
      const again = await ingestProtocols({
        store,
        election,
        documents: [{ ...official, version: 1 }],
        signer: importerSigner(keyring),
      });
      expect(again.refusals.map((refusal) => refusal.code)).toEqual(['PROTOCOL_STATION_ANNULLED']);
      expect(await store.journalHead()).toEqual(head);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a recount changes nothing by itself: the result moves only with the new version of the protocol', async () => {
    const { store, keyring } = await setUp();
    try {
      const totalsBefore = await store.storedText('contest_totals');
      const recount: ComplaintDecision = {
        ...annulment([]),
        consequences: [
          {
            kind: 'recount',
            stationId: stationIdSchema.parse(STATION),
            contestIds: [contestIdSchema.parse(TINY.majilisList)],
          },
          { kind: 'referral', to: 'prosecutor' },
        ],
      };
      expect(
        await decideComplaints({
          store,
          election,
          documents: [recount],
          signer: commissionSigner(keyring, deciding, at),
        }),
      ).toMatchObject({ taken: 1 });
      expect(await store.storedText('contest_totals')).toEqual(totalsBefore);
      const official = assertDefined(
        dataset.protocols.find((p) => p.stationId === STATION && p.contestId === TINY.majilisList),
      );
      const recounted: Protocol = {
        ...official,
        version: 2,
        lines: { ...official.lines, invalid: official.lines.invalid + 1, againstAll: official.lines.againstAll - 1 },
      };
      const ingested = await ingestProtocols({
        store,
        election,
        documents: [{ ...recounted, reason: 'recount ordered on complaint c-1' }],
        signer: importerSigner(keyring),
      });
      expect(ingested.refused).toBe(0);
      const after = await store.storedText('contest_totals');
      expect(after.get(TINY.majilisList)).not.toBe(totalsBefore.get(TINY.majilisList));
      expect((await bundleChecks(store, keyring)).filter((check) => !check.ok)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refusals are coded and write nothing', async () => {
    const { store, keyring } = await setUp();
    try {
      const head = await store.journalHead();
      const codes = async (run: Promise<{ refusals: readonly { code: string }[] }>) =>
        (await run).refusals.map((refusal) => refusal.code);
      // A commission beside the deciding one does not decide; the importer registers no complaint.
      expect(
        await codes(
          decideComplaints({
            store,
            election,
            documents: [annulment([TINY.majilisList])],
            signer: commissionSigner(keyring, TINY.districtCommission, at),
          }),
        ),
      ).toEqual(['COMPLAINT_NOT_DECIDER']);
      expect(
        await codes(
          fileComplaints({
            store,
            election,
            documents: [{ ...complaint, id: 'c-2' }],
            signer: importerSigner(keyring, at),
          }),
        ),
      ).toEqual(['COMPLAINT_NOT_RECEIVER']);
      expect(
        await codes(
          decideComplaints({
            store,
            election,
            documents: [
              { ...annulment([TINY.majilisList]), outcome: 'rejected' },
              { ...annulment([TINY.regionalList.replace('35', '10')]), complaintId: 'c-1' },
              { ...annulment([TINY.majilisList]), complaintId: 'nope' },
            ],
            signer: commissionSigner(keyring, deciding, at),
          }),
        ),
      ).toEqual(['COMPLAINT_REJECTED_WITH_CONSEQUENCES', 'DATASET_UNKNOWN_REFERENCE', 'COMPLAINT_UNKNOWN']);
      expect(
        await codes(
          fileComplaints({
            store,
            election,
            documents: [
              { ...complaint, id: 'c-3', against: { commissionId: commissionIdSchema.parse('cec'), stationId: null } },
            ],
            signer: cecSigner(keyring, at),
          }),
        ),
      ).toEqual(['COMPLAINT_NO_DECIDING_COMMISSION']);
      expect(
        await codes(
          recordViolations({
            store,
            election,
            documents: [
              {
                id: 'v-1',
                authority: 'Prosecutor',
                article: '102',
                type: 'illegal-campaigning',
                regionId: null,
                outcome: 'fine',
                recordedAt: `${election.event.date}T10:00:00Z`,
              },
            ],
            signer: commissionSigner(keyring, deciding, at),
          }),
        ),
      ).toEqual(['VIOLATION_NOT_CEC']);
      // Filed after the act that registers it: a backdating the other way round.
      expect(
        await codes(
          fileComplaints({
            store,
            election,
            documents: [{ ...complaint, id: 'c-4', filedAt: `${election.event.date}T19:00:00Z` }],
            signer: commissionSigner(keyring, deciding, at),
          }),
        ),
      ).toEqual(['COMPLAINT_FILED_AFTER_RECORDED']);
      expect(await store.journalHead()).toEqual(head);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('the register shows who complains from the election and the accreditation, never a filed name', async () => {
    const { store, keyring } = await setUp();
    try {
      const party = assertDefined(election.parties[0]);
      await fileComplaints({
        store,
        election,
        documents: [
          { ...complaint, id: 'c-5', complainant: { kind: 'party', name: 'Private Person Name', ref: party.id } },
        ],
        signer: commissionSigner(keyring, deciding, at),
      });
      const register = complaintRegister(await store.storedText('election_day'), election, at());
      expect(register.complaints.map((row) => [row.id, row.complainant.kk])).toEqual(
        [
          ['c-1', 'А. С. Ә.'],
          ['c-5', party.name.kk],
        ].sort((a, b) => (a[0] === 'c-1' ? 1 : b[0] === 'c-1' ? -1 : 0)),
      );
      expect(complaintsCsv(register)).not.toContain('Private Person Name');
      expect(complaintsCsv(register)).not.toContain('Айгерім');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a protocol written past the service after an annulment, with a valid signature, fails verify', async () => {
    const { store, keyring } = await setUp();
    try {
      await decideComplaints({
        store,
        election,
        documents: [annulment([TINY.majilisList])],
        signer: commissionSigner(keyring, deciding, at),
      });
      const official = assertDefined(
        dataset.protocols.find((p) => p.stationId === STATION && p.contestId === TINY.majilisList),
      );
      const importer = assertDefined(keyring.users.get('importer'));
      // Past every service: signed by its author, journaled without the rules' check.
      const [written] = await store.write((writer) =>
        appendSigned(
          writer,
          election.event.id,
          [
            {
              payload: {
                type: 'protocol-accepted',
                protocol: { ...official, version: 2 },
                acknowledged: [],
                via: 'import',
                reason: 'again',
              },
              key: importer,
            },
          ],
          at(),
        ),
      );
      const seq = assertDefined(written).seq;
      const failed = (await bundleChecks(store, keyring)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'authority',
        expect.stringMatching(new RegExp(`${seq}.*annulled`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
