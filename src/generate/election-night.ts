import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { Prng } from './prng.ts';

/** In 2023 the west of Kazakhstan kept UTC+5, an hour behind the rest (UTC+6). */
export const WESTERN_REGIONS: ReadonlySet<string> = new Set(['KZ-15', 'KZ-23', 'KZ-27', 'KZ-43', 'KZ-47']);
const BIG_CITIES: ReadonlySet<string> = new Set(['KZ-71', 'KZ-75', 'KZ-79']);

/**
 * When each protocol reaches the CEC on election night, as a fraction of the night (0 to 1):
 * polls close an hour later in the west; small rural stations count fastest, towns later, the
 * three big cities last, the stations abroad with the last of them. Seeded: the same seed gives
 * the same night.
 */
export function electionNight({
  election,
  protocols,
  seed,
}: {
  readonly election: Election;
  readonly protocols: readonly Protocol[];
  readonly seed: number;
}): { readonly protocol: Protocol; readonly at: number }[] {
  const prng = new Prng(seed);
  // One time per station: its protocols (five ballots) leave together.
  const times = new Map<string, number>();
  for (const station of election.stations) {
    const region = station.regionId ?? 'abroad';
    const zone = WESTERN_REGIONS.has(region) ? 0.25 : 0;
    const setting =
      station.setting === 'rural' ? 0 : BIG_CITIES.has(region) ? 0.35 : station.setting === 'abroad' ? 0.4 : 0.15;
    times.set(station.id, Math.min(1, zone + setting + prng.next() * 0.35));
  }
  return protocols
    .map((protocol) => ({ protocol, at: times.get(protocol.stationId) ?? 1 }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        (a.protocol.stationId < b.protocol.stationId
          ? -1
          : a.protocol.stationId > b.protocol.stationId
            ? 1
            : a.protocol.contestId < b.protocol.contestId
              ? -1
              : 1),
    );
}
