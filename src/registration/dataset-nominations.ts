import {
  depositRequired,
  REQUIRED_CANDIDATE_DOCUMENTS,
  REQUIRED_NOMINATOR_DOCUMENTS,
} from '../law/registration-rules.ts';
import type { Candidate, Election } from '../model/election.ts';
import type { CandidateDossier, Nomination } from '../model/nomination.ts';

/**
 * The nominations that would have put a dataset's candidates on its ballots: one list per party
 * and list contest (in list order), one nomination per SMD candidate. A dataset records who stood,
 * not the facts of their files, so each file is taken as complete and clean — a citizen resident
 * for 20 years and in the region, no record, the deposit paid, every document handed in, received
 * on 1 February 2023 — and each candidate as a different person. What registration then checks
 * for real is what the dataset does say: ages on election day, list lengths, the quota,
 * party membership, one list per party.
 */
export function nominationsFromElection(election: Election, submittedAt = '2023-02-01T10:00'): Nomination[] {
  const bodyKind = new Map(
    election.bodies.map((body) => [
      body.id as string,
      body.kind === 'majilis' ? ('majilis' as const) : ('maslikhat' as const),
    ]),
  );
  const contests = new Map(election.contests.map((contest) => [contest.id as string, contest]));
  const lists = new Map<string, Candidate[]>();
  const nominations: Nomination[] = [];
  const dossier = (candidate: Candidate, organisation: boolean): CandidateDossier => {
    const contest = contests.get(candidate.contestId);
    return {
      id: candidate.id,
      personId: candidate.id,
      name: candidate.name,
      birthDate: candidate.birthDate,
      gender: candidate.gender,
      disability: candidate.disability,
      citizen: true,
      residenceYears: 20,
      residesInRegion: true,
      criminalRecord: false,
      corruptionOffence: false,
      legallyIncapable: false,
      partyMember: candidate.partyMember,
      depositPaid: depositRequired(bodyKind.get(contest?.bodyId ?? '') ?? 'maslikhat'),
      documents: organisation
        ? [...REQUIRED_CANDIDATE_DOCUMENTS, ...REQUIRED_NOMINATOR_DOCUMENTS]
        : [...REQUIRED_CANDIDATE_DOCUMENTS],
    };
  };
  for (const candidate of election.candidates) {
    if (candidate.nomination === 'list') {
      const key = `${candidate.contestId} ${candidate.nominatedBy ?? ''}`;
      lists.set(key, [...(lists.get(key) ?? []), candidate]);
      continue;
    }
    nominations.push({
      id: `${candidate.id}/nomination`,
      contestId: candidate.contestId,
      nomination: candidate.nomination,
      nominatedBy: candidate.nomination === 'self-nominated' ? null : (candidate.nominatedBy ?? 'Public association'),
      submittedAt,
      candidates: [dossier(candidate, candidate.nomination !== 'self-nominated')],
    });
  }
  for (const [key, members] of [...lists].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [contestId, party] = key.split(' ') as [string, string];
    members.sort((a, b) => (a.listPosition ?? 0) - (b.listPosition ?? 0));
    nominations.push({
      id: `${contestId}/${party}/list`,
      contestId: contestId as Nomination['contestId'],
      nomination: 'list',
      nominatedBy: party,
      submittedAt,
      candidates: members.map((member) => dossier(member, true)),
    });
  }
  return nominations;
}
