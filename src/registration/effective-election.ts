import { compareKazakh } from '../law/registration-rules.ts';
import type { Candidate, Contest, Election } from '../model/election.ts';
import type { ContestId } from '../model/ids.ts';
import type { CandidateRecord, Registry } from './registry.ts';
import { assertDefined } from '../law/assert.ts';

/**
 * The options each ballot carries once registration has run: the lists and candidates registered
 * and still standing, lists in the drawn party order (docs/registration.md, Ballots), SMD
 * candidates by surname in the Kazakh alphabet. Every contest at once, grouping the registry a
 * single time.
 */
function registeredOptionsByContest(registry: Registry, election: Election): Map<string, Contest['options']> {
  const standing = new Map<string, CandidateRecord[]>();
  for (const record of registry.candidates.values()) {
    if (record.status !== 'registered') continue;
    const group = standing.get(record.contestId);
    if (group === undefined) standing.set(record.contestId, [record]);
    else group.push(record);
  }
  const partiesInOrder = [...election.parties].sort((a, b) => a.ballotOrder - b.ballotOrder);
  const options = new Map<string, Contest['options']>();
  for (const contest of election.contests) {
    const records = standing.get(contest.id) ?? [];
    if (contest.kind === 'list') {
      const sizes = new Map<string, number>();
      for (const record of records)
        if (record.nominatedBy !== null) sizes.set(record.nominatedBy, (sizes.get(record.nominatedBy) ?? 0) + 1);
      options.set(
        contest.id,
        partiesInOrder
          .filter((party) => sizes.has(party.id))
          .map((party) => ({ kind: 'list' as const, id: party.id, listSize: assertDefined(sizes.get(party.id)) })),
      );
    } else {
      options.set(
        contest.id,
        records.sort(byBallotName).map((record) => ({ kind: 'candidate' as const, id: record.dossier.id })),
      );
    }
  }
  return options;
}

function byBallotName(a: CandidateRecord, b: CandidateRecord): number {
  return (
    compareKazakh(a.dossier.name.kk, b.dossier.name.kk) ||
    (a.dossier.id < b.dossier.id ? -1 : a.dossier.id > b.dossier.id ? 1 : 0)
  );
}

/** Whether a contest's ballot comes from the registry: a candidacy registered there, or the contest postponed. */
export function takesBallotFromRegistry(registry: Registry, contestId: string): boolean {
  return registry.index.candidatesOfContest.has(contestId) || registry.postponed.has(contestId);
}

/**
 * The election as registration has made it. A contest in which a candidacy has been registered
 * takes its options from the registry: the lists and candidates registered and still standing. A
 * contest postponed because all its candidates withdrew (docs/law.md §5, EL Art. 93-2) is left with
 * no options and taken off every station's ballots of this election day — the tally then reports it
 * postponed. A contest with no registered candidacy keeps the definition's options and candidates
 * (an imported or historical election, or one whose registration has not reached that contest yet):
 * a nomination received, pending or refused changes no ballot. The definition itself is never
 * changed: this is computed from it and the journal, so a replay gives the same.
 */
export function electionWithRegistry(definition: Election, registry: Registry): Election {
  if (registry.nominations.size === 0) return definition;
  const postponed = new Set<string>(registry.postponed.keys());
  const options = registeredOptionsByContest(registry, definition);
  const contests = definition.contests.map((contest) => {
    if (postponed.has(contest.id)) return { ...contest, options: [] };
    return takesBallotFromRegistry(registry, contest.id)
      ? ({ ...contest, options: options.get(contest.id) ?? [] } as Contest)
      : contest;
  });
  const registered: Candidate[] = [...registry.candidates.values()]
    .sort((a, b) => (a.dossier.id < b.dossier.id ? -1 : a.dossier.id > b.dossier.id ? 1 : 0))
    .map((record) => ({
      id: record.dossier.id,
      contestId: record.contestId as ContestId,
      name: record.dossier.name,
      birthDate: record.dossier.birthDate,
      gender: record.dossier.gender,
      disability: record.dossier.disability,
      partyMember: record.dossier.partyMember,
      nomination: record.nomination,
      nominatedBy: record.nominatedBy,
      listPosition: record.listPosition,
      // A deceased candidate is off the ballot like a withdrawn one; the registry keeps the difference.
      status:
        record.status === 'registered' ? 'registered' : record.status === 'deregistered' ? 'deregistered' : 'withdrawn',
    }));
  const candidates = [
    ...definition.candidates.filter((candidate) => !takesBallotFromRegistry(registry, candidate.contestId)),
    ...registered,
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const stations =
    postponed.size === 0
      ? definition.stations
      : definition.stations.map((station) => ({
          ...station,
          contests: station.contests.filter((id) => !postponed.has(id)),
        }));
  return { ...definition, contests, candidates, stations };
}
