import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetTexts } from '../src/dataset/files.ts';
import type { GeneratedDataset } from '../src/generate/generate.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { decide } from '../src/services/decision-service.ts';

import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { currentDecisions, currentTally } from '../src/services/results-service.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { resultsToJson } from '../src/tally/results-json.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { deciderSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

let dataset: GeneratedDataset;

beforeAll(() => {
  dataset = tinyElection().dataset;
});

/** The protocols of one district with its two strongest candidates made level at every station. */
function levelled(contestId: string): { protocols: Protocol[]; tied: [string, string] } {
  const protocols = dataset.protocols.filter((p) => p.contestId === contestId);
  const totals = new Map<string, number>();
  for (const p of protocols)
    for (const [id, votes] of Object.entries(p.votes)) totals.set(id, (totals.get(id) ?? 0) + votes);
  const [a, b] = [...totals].sort((x, y) => y[1] - x[1]).map(([id]) => id) as [string, string];
  return {
    tied: [a, b],
    protocols: protocols.map((p) => {
      const level = Math.min(p.votes[a] ?? 0, p.votes[b] ?? 0);
      const moved = Object.values(p.votes).reduce((sum, v) => sum + v, 0) - 2 * level;
      const votes = Object.fromEntries(Object.keys(p.votes).map((id) => [id, id === a || id === b ? level : 0]));
      return { ...p, votes, lines: { ...p.lines, againstAll: p.lines.againstAll + moved } };
    }),
  };
}

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'decisions on %s (docs/tabulation.md)',
  (_name, engine) => {
    it('lots settle a tie; approval establishes a result until a protocol changes; the CEC certifies; the bundle verifies', async () => {
      const { store } = await engine.fresh();
      try {
        const keyring = createKeyring(dataset.election);
        const electionText = datasetTexts(dataset.election, []).election;
        await initWithKeyring({ store, electionText, keyring });
        const contest = dataset.election.contests.find(
          (c) =>
            c.kind === 'smd' &&
            c.id.includes('/D') &&
            dataset.protocols.filter((p) => p.contestId === c.id).length >= 2,
        )!;
        const body = contest.bodyId;
        const { protocols, tied } = levelled(contest.id);
        const run = (decision: Parameters<typeof decide>[0]['decision']) =>
          decide({
            store,
            election: dataset.election,
            signer: deciderSigner(keyring, dataset.election, decision),
            decision,
          });

        await ingestProtocols({
          store,
          election: dataset.election,
          documents: protocols.slice(1),
          signer: importerSigner(keyring),
        });
        expect(await run({ kind: 'approve', contestId: contest.id })).toMatchObject({
          ok: false,
          error: { code: 'SUMMARY_INCOMPLETE' },
        });
        await ingestProtocols({
          store,
          election: dataset.election,
          documents: protocols.slice(0, 1),
          signer: importerSigner(keyring),
        });

        const result = (await currentTally({ store, election: dataset.election })).contests.find(
          (c) => c.contest.id === contest.id,
        )!;
        expect(result.kind === 'smd' && result.outcome).toMatchObject({ status: 'tie', tied });
        expect(await run({ kind: 'lots', contestId: contest.id, order: [tied[1]] })).toMatchObject({
          ok: false,
          error: { code: 'LOTS_INCOMPLETE' },
        });
        expect(await run({ kind: 'lots', contestId: 'majilis/list', order: [] })).toMatchObject({
          ok: false,
          error: { code: 'LOTS_NOT_REQUIRED' },
        });
        expect(await run({ kind: 'lots', contestId: contest.id, order: [tied[1], tied[0]] })).toEqual({ ok: true });
        const decided = (await currentTally({ store, election: dataset.election })).contests.find(
          (c) => c.contest.id === contest.id,
        )!;
        expect(decided.kind === 'smd' && decided.outcome).toMatchObject({
          status: 'winner',
          winner: tied[1],
          decidedByLots: true,
        });

        expect(await run({ kind: 'certify', bodyId: body })).toMatchObject({
          ok: false,
          error: { code: 'BODY_NOT_ESTABLISHED' },
        });
        // Summaries at each level: the territorial and regional commissions approve their parts.
        const station = dataset.election.stations.find((s) => s.id === protocols[0]?.stationId)!;
        const territorial = dataset.election.commissions.find((c) => c.id === station.commissionId)!.parentId!;
        const regional = dataset.election.commissions.find((c) => c.id === territorial)!.parentId!;
        expect(await run({ kind: 'approve', contestId: contest.id, commissionId: territorial })).toEqual({ ok: true });
        expect(await run({ kind: 'approve', contestId: contest.id, commissionId: regional })).toEqual({ ok: true });
        expect(await run({ kind: 'approve', contestId: contest.id, commissionId: 'KZ-75/rec' })).toMatchObject({
          ok: false,
          error: { code: 'DATASET_UNKNOWN_REFERENCE' },
        });
        expect((await currentDecisions(store)).partApprovals.size).toBe(2);
        expect(await run({ kind: 'approve', contestId: contest.id })).toEqual({ ok: true });
        const stageOf = async () =>
          (
            resultsToJson(await currentTally({ store, election: dataset.election }), await currentDecisions(store)) as {
              contests: Record<string, { stage: string }>;
            }
          ).contests[contest.id]?.stage;
        expect(await stageOf()).toBe('established');

        // A new version after approval: the approval no longer matches, the result is preliminary again.
        const first = protocols[0] as Protocol;
        await ingestProtocols({
          store,
          election: dataset.election,
          documents: [
            {
              ...first,
              version: 2,
              lines: { ...first.lines, invalid: first.lines.invalid + 1, againstAll: first.lines.againstAll - 1 },
            },
          ],
          signer: importerSigner(keyring),
        });
        expect(await stageOf()).toBe('preliminary');
        expect(await run({ kind: 'approve', contestId: contest.id })).toEqual({ ok: true });

        const out = join(mkdtempSync(join(tmpdir(), 'saylau-decisions-')), 'bundle');
        await exportBundle({ store, election: dataset.election, electionText, out, cec: keyring.cec });
        const checks = await verifyBundle(out, { trust: keyring.cec.fingerprint });
        expect(checks.filter((check) => !check.ok)).toEqual([]);
      } finally {
        await store.close();
      }
    }, 120_000);
  },
);
