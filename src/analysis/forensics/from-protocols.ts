import type { Election } from '../../model/election.ts';
import type { Protocol } from '../../model/protocol.ts';
import { checkProtocol } from '../../tally/protocol-checks.ts';
import type { StationRecord } from './station-record.ts';

/** The contest forensics looks at unless told otherwise: the Majilis party lists, every station's ballot. */
export const DEFAULT_FORENSICS_CONTEST = 'majilis/list';

/**
 * A saylau election's protocols of one contest as station records, grouped by territory (the
 * station's district or city; abroad stations form one group), with every control relation of
 * `checkProtocol` — the same findings `validate` and intake report.
 */
export function recordsFromProtocols(
  election: Election,
  protocols: Iterable<Protocol>,
  contestId: string,
): { stations: StationRecord[]; options: string[] } | null {
  const contest = election.contests.find((candidate) => candidate.id === contestId);
  if (contest === undefined) return null;
  const options = contest.options.map((option) => option.id as string);
  const districtOf = new Map(
    election.stations.map((station) => [
      station.id as string,
      (station.territoryId ?? station.regionId ?? 'abroad') as string,
    ]),
  );
  const stations: StationRecord[] = [];
  for (const protocol of protocols) {
    if (protocol.contestId !== contestId) continue;
    const { lines } = protocol;
    stations.push({
      id: protocol.stationId,
      district: districtOf.get(protocol.stationId) ?? 'unknown',
      votersOnList: lines.votersOnList,
      issued: lines.issuedInPremises + lines.issuedOutside,
      found: lines.foundStationary + lines.foundMobile,
      invalid: lines.invalid,
      votes: protocol.votes,
      againstAll: lines.againstAll,
      findings: checkProtocol({ lines, votes: protocol.votes, options }).map(({ code, severity }) => ({
        code,
        severity,
      })),
    });
  }
  return { stations, options };
}
