import type { JsonValue } from '../law/json-form.ts';
import { Rational } from '../law/rational.ts';
import type { ElectionTally } from './tally-election.ts';
import { tallyToJson } from './tally-json.ts';

/** Stage of a result (SPEC §2.8): partial until every station is in, then preliminary; established and certified follow approvals. */
export type Stage = 'partial' | 'preliminary' | 'established' | 'certified';

/**
 * The JSON of `saylau results`: `saylau tally`'s document with, on every contest, its `stage` and
 * the share of stations counted ("num/den"), and on every body the least advanced of its contests.
 */
export function resultsToJson(tally: ElectionTally): JsonValue {
  const document = tallyToJson(tally) as { contests: Record<string, Record<string, JsonValue>>; bodies: Record<string, Record<string, JsonValue>> };
  const partialBodies = new Set<string>();
  for (const result of tally.contests) {
    const counted = result.totals.stations;
    const stage: Stage = counted < result.stationsExpected ? 'partial' : 'preliminary';
    const entry = document.contests[result.contest.id] as Record<string, JsonValue>;
    entry.stage = stage;
    entry.counted = Rational.of(BigInt(counted), BigInt(Math.max(1, result.stationsExpected))).toString();
    if (stage === 'partial') partialBodies.add(result.contest.bodyId);
  }
  for (const [bodyId, entry] of Object.entries(document.bodies)) entry.stage = partialBodies.has(bodyId) ? 'partial' : 'preliminary';
  return document;
}
