import type { GeneratedDataset } from '../../generate/generate.ts';
import { addProtocol, emptyTotals, type Totals } from '../../tally/aggregate.ts';
import { type PreviousElection, previousFromTotals } from './previous-election.ts';

export const PREVIOUS_2023_SOURCE = 'saylau generate --seed 2023: the generated national dataset of 19 March 2023';
export const PREVIOUS_2023_NOTE =
  "National list votes and the winners by nomination (Amanat 22, self-nominated 7) are the official 2023 figures; every district candidate's vote is synthetic (docs/dataset.md), so district-level forecasts show the method, not real local strength.";

/** The Majilis contests of a generated dataset summed into the forecast's previous election. */
export function previousFromDataset(
  dataset: Pick<GeneratedDataset, 'election' | 'protocols'>,
  source = PREVIOUS_2023_SOURCE,
  note = PREVIOUS_2023_NOTE,
): PreviousElection {
  const majilis = dataset.election.contests.filter((contest) => contest.bodyId === 'majilis');
  const totals = new Map<string, Totals>(
    majilis.map((contest) => [contest.id as string, emptyTotals(contest.options.map((option) => option.id))]),
  );
  for (const protocol of dataset.protocols) {
    const of = totals.get(protocol.contestId);
    if (of !== undefined) addProtocol(of, protocol);
  }
  return { ...previousFromTotals(dataset.election, totals, source), note };
}
