import type { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/language.ts';
import { formatMessage, isMessageCode } from '../i18n/messages.ts';
import type { Election } from '../model/election.ts';
import type { CandidateRecord, NominationRecord, Refusal, Registry } from '../registration/registry.ts';
import type { candidateView, nominationView } from './registration-schemas.ts';
import { assertDefined } from '../law/assert.ts';

/**
 * The registry as the public reads it. A candidate's file (personal number, residence, record,
 * documents, deposit) is the commission's to judge and stays out of every answer; what is left is
 * what a commission publishes — name, date of birth, who nominated them, what became of them.
 */
export function candidateOf(record: CandidateRecord): z.infer<typeof candidateView> {
  const { dossier } = record;
  return {
    id: dossier.id,
    contestId: record.contestId,
    name: dossier.name,
    birthDate: dossier.birthDate,
    gender: dossier.gender,
    nominationId: record.nominationId,
    nomination: record.nomination,
    nominatedBy: record.nominatedBy,
    listPosition: record.listPosition,
    status: record.status,
    statusAt: record.statusAt,
    statusReason: record.statusReason,
  };
}

/** A refusal with its message in every language, so that any reader (or a log) has it. */
export function refusalOf(refusal: Refusal): {
  code: string;
  candidateIds: string[];
  params: Record<string, string | number>;
  messages: Record<Language, string>;
} {
  const messages = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      isMessageCode(refusal.code) ? formatMessage(refusal.code, language, refusal.params) : refusal.code,
    ]),
  ) as Record<Language, string>;
  return { code: refusal.code, candidateIds: [...refusal.candidateIds], params: { ...refusal.params }, messages };
}

export function nominationOf(record: NominationRecord, registry: Registry): z.infer<typeof nominationView> {
  const { nomination } = record;
  return {
    id: nomination.id,
    contestId: nomination.contestId,
    nomination: nomination.nomination,
    nominatedBy: nomination.nominatedBy,
    submittedAt: nomination.submittedAt,
    status: record.status,
    decidedAt: record.decidedAt,
    refusals: record.refusals.map(refusalOf),
    candidates: nomination.candidates.map((dossier) => ({
      id: dossier.id,
      name: dossier.name,
      birthDate: dossier.birthDate,
      gender: dossier.gender,
      registered:
        record.status === 'submitted' ? null : registry.candidates.get(dossier.id)?.nominationId === nomination.id,
    })),
  };
}

/**
 * A candidate of an election never registered through the journal (a generated dataset whose
 * definition lists its candidates): the same view, without a nomination record.
 */
export function definedCandidateOf(candidate: Election['candidates'][number]): z.infer<typeof candidateView> {
  return {
    id: candidate.id,
    contestId: candidate.contestId,
    name: candidate.name,
    birthDate: candidate.birthDate,
    gender: candidate.gender,
    nominationId: null,
    nomination: candidate.nomination,
    nominatedBy: candidate.nominatedBy,
    listPosition: candidate.listPosition,
    status: candidate.status,
    statusAt: null,
    statusReason: null,
  };
}

/**
 * A contest's candidates in ballot order: lists by the drawn party order and then list position,
 * district candidates as the ballot has them, those no longer on it after the rest.
 */
export function candidatesOfContest(registry: Registry, election: Election, contestId: string): CandidateRecord[] {
  const records = [...(registry.index.candidatesOfContest.get(contestId) ?? [])].map((id) =>
    assertDefined(registry.candidates.get(id)),
  );
  const ballot = new Map(
    (election.contests.find((contest) => contest.id === contestId)?.options ?? []).map((option, index) => [
      option.id as string,
      index,
    ]),
  );
  const partyOrder = new Map(election.parties.map((party) => [party.id as string, party.ballotOrder]));
  const place = (record: CandidateRecord): [number, number, string] =>
    record.nomination === 'list'
      ? [
          partyOrder.get(record.nominatedBy ?? '') ?? Number.MAX_SAFE_INTEGER,
          record.listPosition ?? 0,
          record.dossier.id,
        ]
      : [ballot.get(record.dossier.id) ?? Number.MAX_SAFE_INTEGER, 0, record.dossier.id];
  return records.sort((a, b) => {
    const [x, y] = [place(a), place(b)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
}
