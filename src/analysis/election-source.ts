import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Totals } from '../tally/aggregate.ts';

/**
 * What the analyses read of a recorded election, whatever keeps it. The analyses never open a
 * database themselves: the CLI hands them one through an adapter (src/cli/store-election-source.ts),
 * a test a literal object (docs/forecast.md, docs/forensics.md).
 */
export interface ElectionSource {
  /** The election as registration has made it (its contests' options are the registered ones). */
  election(): Promise<Election>;
  /** The exact totals of every contest counted so far, by contest id. */
  contestTotals(): Promise<ReadonlyMap<string, Totals>>;
  /** The current (latest accepted) protocols of one contest. */
  protocolsOf(contestId: string): Promise<readonly Protocol[]>;
}
