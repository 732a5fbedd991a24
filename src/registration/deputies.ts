import { depositOutcome, type DepositOutcome } from '../law/registration-rules.ts';
import type { Election } from '../model/election.ts';
import type { ElectionTally } from '../tally/tally-election.ts';
import { mandateKey, type Registry } from './registry.ts';

export interface ListMandates {
  readonly partyId: string;
  readonly seats: number;
  /** Null until the party has chosen (docs/law.md §4: within 10 days, EL Art. 97-1). */
  readonly holders: readonly string[] | null;
  readonly vacancies: number;
  readonly vacated: readonly { readonly candidateId: string; readonly reason: string }[];
}

export interface DistrictSeat {
  readonly contestId: string;
  readonly number: number;
  readonly status: string;
  readonly winner: string | null;
}

export interface BodyDeputies {
  readonly bodyId: string;
  readonly seats: number;
  readonly lists: readonly ListMandates[];
  readonly districts: readonly DistrictSeat[];
}

/** Who holds a body's seats: list mandates as the parties gave them, district seats as the votes did. */
export function deputiesOfBody({
  bodyId,
  election,
  tally,
  registry,
}: {
  bodyId: string;
  election: Election;
  tally: ElectionTally;
  registry: Registry;
}): BodyDeputies | null {
  const body = election.bodies.find((b) => b.id === bodyId);
  if (body === undefined) return null;
  const lists: ListMandates[] = [];
  const districts: DistrictSeat[] = [];
  for (const result of tally.contests) {
    if (result.contest.bodyId !== bodyId) continue;
    if (result.kind === 'list') {
      const seats = result.allocation.status === 'complete' ? result.allocation.seats : {};
      for (const option of result.contest.options) {
        const won = seats[option.id] ?? 0;
        if (won === 0) continue;
        const record = registry.mandates.get(mandateKey(bodyId, option.id));
        lists.push({
          partyId: option.id,
          seats: won,
          holders: record?.holders ?? null,
          vacancies: record === undefined ? won : won - record.holders.length,
          vacated: record?.vacated ?? [],
        });
      }
    } else {
      districts.push({
        contestId: result.contest.id,
        number: result.contest.number,
        status: result.outcome.status,
        winner: result.outcome.status === 'winner' ? result.outcome.winner : null,
      });
    }
  }
  return { bodyId, seats: body.seats, lists, districts };
}

export interface DepositLine {
  readonly candidateId: string;
  readonly contestId: string;
  readonly paid: number;
  readonly outcome: DepositOutcome;
  /** Whether the outcome can no longer change: the candidate withdrew, or the contest has counted. */
  readonly final: boolean;
}

/**
 * Each registered candidate's deposit (docs/law.md §6, EL Art. 88): returned if elected, with ≥ 5 %
 * of the votes (an SMD candidate's own, a list candidate's list's, of the contest's valid votes),
 * or on death.
 */
export function depositsReport({
  election,
  tally,
  registry,
}: {
  election: Election;
  tally: ElectionTally;
  registry: Registry;
}): DepositLine[] {
  const results = new Map(tally.contests.map((result) => [result.contest.id as string, result]));
  const holders = new Set([...registry.mandates.values()].flatMap((record) => record.holders));
  const bodyOf = new Map(election.contests.map((contest) => [contest.id as string, contest.bodyId as string]));
  return [...registry.candidates.values()]
    .sort((a, b) => (a.dossier.id < b.dossier.id ? -1 : a.dossier.id > b.dossier.id ? 1 : 0))
    .map((record): DepositLine => {
      const result = results.get(record.contestId);
      const totals = result?.totals;
      const base =
        totals === undefined
          ? 0n
          : Object.values(totals.votes).reduce((sum, votes) => sum + votes, totals.lines.againstAll);
      const optionId = record.nomination === 'list' ? (record.nominatedBy ?? '') : record.dossier.id;
      const votes = totals?.votes[optionId] ?? 0n;
      const wonDistrict =
        result?.kind === 'smd' && result.outcome.status === 'winner' && result.outcome.winner === record.dossier.id;
      const elected =
        wonDistrict ||
        holders.has(record.dossier.id) ||
        [...registry.mandates.values()].some(
          (m) =>
            m.bodyId === bodyOf.get(record.contestId) && m.vacated.some((v) => v.candidateId === record.dossier.id),
        );
      return {
        candidateId: record.dossier.id,
        contestId: record.contestId,
        paid: record.dossier.depositPaid,
        outcome: depositOutcome({
          elected,
          votes: record.status === 'registered' ? votes : 0n,
          base,
          died: record.status === 'died',
        }),
        // Settled for anyone no longer standing; for the rest once their contest has counted, and a
        // postponed contest has not voted yet.
        final:
          record.status !== 'registered' ||
          (result !== undefined &&
            !registry.postponed.has(record.contestId) &&
            result.totals.stations >= result.stationsExpected),
      };
    });
}
