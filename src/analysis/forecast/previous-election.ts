import { z } from 'zod';
import type { Election } from '../../model/election.ts';
import type { Totals } from '../../tally/aggregate.ts';
import { holderOf } from '../../tally/tally-election.ts';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * What the forecast needs of a previous Majilis election: the national list vote (the base of
 * the swing and the turnout) and every district's candidates with their votes.
 */
export const previousElectionSchema = z.object({
  kind: z.literal('saylau-previous-election/1'),
  source: z.string(),
  note: z.string().default(''),
  /** List ids in registration (ballot) order: it breaks ties in the law engine. */
  listOrder: z.array(z.string().min(1)).min(1),
  listVotes: z.record(z.string(), count),
  againstAll: count,
  districts: z
    .array(
      z.object({
        number: z.number().int().positive(),
        contestId: z.string().min(1),
        region: z.string().min(1),
        againstAll: count,
        candidates: z
          .array(
            z.object({
              id: z.string().min(1),
              name: z.string().optional(),
              /** A list id, or `self-nominated`, or `public-association`. */
              nomination: z.string().min(1),
              votes: count,
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type PreviousElection = z.output<typeof previousElectionSchema>;

/** The previous election from an election definition and its exact contest totals (a dataset or a database). */
export function previousFromTotals(
  election: Election,
  totals: ReadonlyMap<string, Totals>,
  source: string,
): PreviousElection {
  const list = election.contests.find((contest) => contest.kind === 'list' && contest.bodyId === 'majilis');
  if (list === undefined) throw new TypeError('The election has no Majilis list contest');
  const listTotals = totals.get(list.id);
  const votes = (option: string, of: Totals | undefined): number => Number(of?.votes[option] ?? 0n);
  const candidates = new Map(election.candidates.map((candidate) => [candidate.id as string, candidate]));
  const regionOf = new Map(
    election.stations.map((station) => [station.id as string, station.regionId as string | null]),
  );
  const districts = election.contests
    .filter((contest) => contest.kind === 'smd' && contest.bodyId === 'majilis')
    .map((contest) => {
      const of = totals.get(contest.id);
      const station = election.stations.find((s) => s.contests.includes(contest.id));
      return {
        number: contest.kind === 'smd' ? contest.number : 0,
        contestId: contest.id,
        region: (station === undefined ? null : regionOf.get(station.id)) ?? 'unknown',
        againstAll: Number(of?.lines.againstAll ?? 0n),
        candidates: contest.options.map((option) => {
          const candidate = candidates.get(option.id);
          return {
            id: option.id,
            ...(candidate === undefined ? {} : { name: candidate.name.latin }),
            nomination: candidate === undefined ? 'self-nominated' : holderOf(candidate),
            votes: votes(option.id, of),
          };
        }),
      };
    })
    .sort((a, b) => a.number - b.number);
  return {
    kind: 'saylau-previous-election/1',
    source,
    note: '',
    listOrder: list.options.map((option) => option.id as string),
    listVotes: Object.fromEntries(list.options.map((option) => [option.id, votes(option.id, listTotals)])),
    againstAll: Number(listTotals?.lines.againstAll ?? 0n),
    districts,
  };
}
