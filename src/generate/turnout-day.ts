import { assertDefined } from '../law/assert.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { TURNOUT_HOURS, type TurnoutReport } from '../model/turnout-report.ts';
import { finalTurnoutOf, TURNOUT_CONTEST } from '../tally/turnout-day.ts';
import type { Prng } from './prng.ts';

// Hourly turnout reports of every station (docs/dataset.md, "Turnout through the day"): synthetic shapes that end
// exactly at each station's final protocol, so that the day's last report and lines 3 + 4 agree wherever nothing
// was injected.

type Setting = Election['stations'][number]['setting'];

/**
 * The share of the day's ballots received by each hour (10:00 … 20:00), by setting. The national curve of 19 March
 * 2023 (14.21 %, 30.65 %, 46.84 %, 51.98 %, 53.11 % and 54.09 % of 54.19 %: 0.26, 0.57, 0.86, 0.96, 0.98, 1.0) lies
 * between the urban and the rural one; villages vote early, cities later, and stations abroad through the day.
 */
const SHAPES: Readonly<Record<Setting, readonly number[]>> = {
  rural: [0.31, 0.64, 0.9, 0.97, 0.985, 1],
  urban: [0.25, 0.545, 0.855, 0.955, 0.978, 1],
  abroad: [0.12, 0.3, 0.55, 0.75, 0.9, 1],
};
/** How much the list grows through the day (voters added at the station), as a share of the final list: 2023's. */
const LIST_GROWTH = 0.00025;

/**
 * Six reports per station that issues a Majilis party-list ballot, each hour's figures from the station's shape with
 * noise, never decreasing, never above the list of that hour, and at 20:00 exactly the protocol's lines 1 and 3 + 4.
 */
export function buildTurnoutDay(election: Election, protocols: readonly Protocol[], random: Prng): TurnoutReport[] {
  const settingOf = new Map(election.stations.map((station) => [station.id as string, station.setting]));
  const reports: TurnoutReport[] = [];
  for (const protocol of protocols) {
    if (protocol.contestId !== TURNOUT_CONTEST) continue;
    const final = finalTurnoutOf(protocol);
    const shape = SHAPES[assertDefined(settingOf.get(protocol.stationId))];
    // Rounded at random, up with the probability of the fraction: small lists gain a voter now and then, and the
    // national growth is what LIST_GROWTH says.
    const added = Math.floor(final.votersOnList * LIST_GROWTH * random.between(0, 2) + random.next());
    let received = 0;
    TURNOUT_HOURS.forEach((hour, index) => {
      const share = assertDefined(shape[index]);
      const last = index === TURNOUT_HOURS.length - 1;
      const noisy = last ? 1 : Math.min(1, share * (1 + 0.08 * random.normal()));
      received = last
        ? final.ballotsIssued
        : Math.max(received, Math.min(final.ballotsIssued, Math.floor(noisy * final.ballotsIssued)));
      const list = Math.max(received, final.votersOnList - Math.round(added * (1 - share)));
      reports.push({ stationId: protocol.stationId, hour, votersOnList: list, received });
    });
  }
  return reports;
}
