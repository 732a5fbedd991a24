import type { JsonValue } from '../law/json-form.ts';
import { Rational } from '../law/rational.ts';
import { summaryHash } from './aggregate.ts';
import { type Decisions, NO_DECISIONS } from './decisions.ts';
import type { ElectionTally } from './tally-election.ts';
import { tallyToJson } from './tally-json.ts';
import { assertDefined } from '../law/assert.ts';

/**
 * Stage of a result (docs/tally.md §2.6): partial until every station is in; preliminary;
 * established once the establishing commission approved the summary as it stands; certified by the
 * CEC.
 */
export type Stage = 'partial' | 'preliminary' | 'established' | 'certified';

/**
 * The JSON of `saylau results`: `saylau tally`'s document with, on every contest, its `stage` and
 * the share of stations counted ("num/den"), and on every body the least advanced of its contests.
 */
export function resultsToJson(tally: ElectionTally, decisions: Decisions = NO_DECISIONS): JsonValue {
  const document = tallyToJson(tally) as {
    contests: Record<string, Record<string, JsonValue>>;
    bodies: Record<string, Record<string, JsonValue>>;
  };
  const bodyStages = new Map<string, Stage[]>();
  for (const result of tally.contests) {
    const counted = result.totals.stations;
    const established = decisions.approvals.get(result.contest.id) === summaryHash(result.totals);
    const stage: Stage =
      counted < result.stationsExpected
        ? 'partial'
        : !established
          ? 'preliminary'
          : decisions.certified.has(result.contest.bodyId)
            ? 'certified'
            : 'established';
    const entry = assertDefined(document.contests[result.contest.id]);
    entry.stage = stage;
    entry.counted = Rational.of(BigInt(counted), BigInt(Math.max(1, result.stationsExpected))).toString();
    bodyStages.set(result.contest.bodyId, [...(bodyStages.get(result.contest.bodyId) ?? []), stage]);
  }
  // A body is as far as its least advanced contest.
  const order: readonly Stage[] = ['partial', 'preliminary', 'established', 'certified'];
  for (const [bodyId, entry] of Object.entries(document.bodies))
    entry.stage = assertDefined(
      order[Math.min(...(bodyStages.get(bodyId) ?? ['partial']).map((stage) => order.indexOf(stage)))],
    );
  return document;
}
