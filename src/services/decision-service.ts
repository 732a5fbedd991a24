import type { JournalPayload } from '../journal/events.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { addProtocol, emptyTotals, summaryHash } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { ElectionTally } from '../tally/tally-election.ts';
import { commissionCovers, commissionParents } from '../tally/entry-authority.ts';
import type { ActSigner } from '../journal/act.ts';
import { authorOf, notAuthorised } from './act-author.ts';
import { actsForCommission, approvesFor, speaksForCec } from '../journal/key-authority.ts';
import { writeChanges } from '../store/projection-writes.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append } from './journal-append.ts';
import { currentTallyIn } from './results-service.ts';

export type DecisionOutcome = Result<void, CodedRefusal>;

export type Decision =
  | { readonly kind: 'lots'; readonly contestId: string; readonly order: readonly string[] }
  | { readonly kind: 'approve'; readonly contestId: string; readonly commissionId?: string | undefined }
  | { readonly kind: 'certify'; readonly bodyId: string };

/** What a decision journals, and the commission whose key signs it. */
type Planned = Result<{ readonly payload: JournalPayload; readonly signer: string }, CodedRefusal>;

/**
 * A decision by a commission (docs/tabulation.md): a drawn order for a tie, the approval that
 * establishes a contest, the CEC's certification of a body. Checked against the committed state
 * (the chain head locked first), journaled with the commission's signature, or refused.
 */
export async function decide({
  store,
  election,
  signer,
  decision,
}: {
  store: Store;
  election: Election;
  /** The deciding commission's signer (or the CEC's, which may draw lots for any contest). */
  signer: ActSigner;
  decision: Decision;
}): Promise<DecisionOutcome> {
  return store.write(async (writer): Promise<DecisionOutcome> => {
    // `append` locks the chain head first thing; the decision is made under that lock.
    await writer.head();
    const tally = await currentTallyIn(writer, election);
    const planned =
      decision.kind === 'lots'
        ? drawnLots(tally, decision)
        : decision.kind === 'approve'
          ? await approval(writer, election, tally, decision)
          : certification(tally, await writer.decisions(), decision);
    if (!planned.ok) return planned;
    const { payload, signer: commission } = planned.value;
    const author = await authorOf(writer, signer);
    if (!author.ok) return author;
    // The same rule `verify` applies (src/verify/verify-bundle.ts, authority): an approval is its commission's own.
    const entitled =
      payload.type === 'summary-approved'
        ? approvesFor(author.value, commission)
        : payload.type === 'results-certified'
          ? speaksForCec(author.value)
          : actsForCommission(author.value, commission);
    if (!entitled) return { ok: false, error: notAuthorised(author.value, payload.type) };
    const appended = await append(writer, election.event.id, [{ payload, signer }]);
    if (!appended.ok) return appended;
    const state = emptyProjection();
    for (const event of appended.value) applyEvent(state, event, election);
    await writeChanges(writer, state);
    return ok(undefined);
  });
}

/** An order drawn by lot, complete, for a contest that is tied. */
function drawnLots(tally: ElectionTally, decision: Extract<Decision, { kind: 'lots' }>): Planned {
  const result = tally.contests.find((c) => c.contest.id === decision.contestId);
  if (result === undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: decision.contestId });
  const tied =
    result.kind === 'list'
      ? result.allocation.status === 'lots-required'
        ? result.allocation.tied
        : []
      : result.outcome.status === 'tie'
        ? result.outcome.tied
        : [];
  if (tied.length === 0) return refuse('LOTS_NOT_REQUIRED', { contest: decision.contestId });
  if (!tied.every((id) => decision.order.includes(id))) return refuse('LOTS_INCOMPLETE', { tied: tied.join(', ') });
  return ok({
    payload: { type: 'lots-drawn', contestId: decision.contestId, order: decision.order },
    signer: result.contest.commissionId,
  });
}

/** The approval of a complete summary: the contest's, or (by a lower commission) that of its part. */
async function approval(
  writer: StoreWriter,
  election: Election,
  tally: ElectionTally,
  decision: Extract<Decision, { kind: 'approve' }>,
): Promise<Planned> {
  const result = tally.contests.find((c) => c.contest.id === decision.contestId);
  if (result === undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: decision.contestId });
  const approver = decision.commissionId ?? result.contest.commissionId;
  // A lower commission approves the summary of its part: the stations below it.
  const part =
    approver === result.contest.commissionId
      ? { totals: result.totals, expected: result.stationsExpected }
      : await partSummary(writer, election, decision.contestId, approver);
  if (part === null) return refuse('DATASET_UNKNOWN_REFERENCE', { id: approver });
  if (part.totals.stations < part.expected)
    return refuse('SUMMARY_INCOMPLETE', { counted: part.totals.stations, expected: part.expected });
  return ok({
    payload: {
      type: 'summary-approved',
      commissionId: approver,
      contestId: decision.contestId,
      summarySha256: summaryHash(part.totals),
      stationsCounted: part.totals.stations,
    },
    signer: approver,
  });
}

/** The CEC's certification of a body whose every contest is established by an approval of its present totals. */
function certification(
  tally: ElectionTally,
  decisions: Decisions,
  decision: Extract<Decision, { kind: 'certify' }>,
): Planned {
  const contests = tally.contests.filter((c) => c.contest.bodyId === decision.bodyId);
  if (contests.length === 0) return refuse('DATASET_UNKNOWN_REFERENCE', { id: decision.bodyId });
  const pending = contests.filter((c) => decisions.approvals.get(c.contest.id) !== summaryHash(c.totals));
  if (pending.length > 0)
    return refuse('BODY_NOT_ESTABLISHED', {
      contests: pending
        .slice(0, 5)
        .map((c) => c.contest.id)
        .join(', '),
    });
  return ok({ payload: { type: 'results-certified', bodyId: decision.bodyId }, signer: 'cec' });
}

/**
 * The exact sum of a contest's protocols below one commission, and how many stations are expected there; null if none
 * is below it.
 */
async function partSummary(
  writer: StoreWriter,
  election: Election,
  contestId: string,
  commissionId: string,
): Promise<{ totals: ReturnType<typeof emptyTotals>; expected: number } | null> {
  const parents = commissionParents(election);
  // Above the station's precinct commission: the same walk that decides whose a station is.
  const below = (stationCommission: string): boolean =>
    commissionCovers(commissionId, parents.get(stationCommission) ?? '', parents);
  const stations = new Set(
    election.stations
      .filter((s) => s.contests.includes(contestId as never) && below(s.commissionId))
      .map((s) => s.id as string),
  );
  if (stations.size === 0) return null;
  const contest = election.contests.find((c) => c.id === contestId);
  const totals = emptyTotals(contest?.options.map((option) => option.id) ?? []);
  for (const row of await writer.protocolsOfContest(contestId))
    if (stations.has(row.stationId)) addProtocol(totals, JSON.parse(row.content) as Protocol);
  return { totals, expected: stations.size };
}
