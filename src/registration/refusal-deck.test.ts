import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2023, MINIMUM_WAGE_2023 } from '../law/registration-rules.ts';
import { electionSchema } from '../model/election.ts';
import { nominationSchema } from '../model/nomination.ts';
import { checkSubmission, decideRegistration } from './decide.ts';
import { applyRegistrationEvent, emptyRegistry, type Registry } from './registry.ts';

/** A number as letters (12 → "BC"): a person's name holds no digits (src/model/person-name.ts). */
const spelled = (n: number): string => [...String(n)].map((digit) => 'ABCDEFGHIJ'[Number(digit)]).join('');

/**
 * The refusal deck (docs/registration.md, What is checked): one case per rule and per legal edge,
 * each a file in refusal-deck/ with its nomination written compactly beside the expected decision.
 */
const DECK = new URL('./refusal-deck/', import.meta.url);
const election = electionSchema.parse(JSON.parse(readFileSync(new URL('election.json', DECK), 'utf8')));

interface CandidateOverrides {
  readonly [field: string]: unknown;
}
interface NominationSpec {
  readonly id?: string;
  readonly contest: string;
  readonly nomination: string;
  readonly nominatedBy: string | null;
  readonly submittedAt?: string;
  readonly refused?: boolean;
  readonly candidates:
    | readonly CandidateOverrides[]
    | { readonly people: number; readonly quota: number; readonly with?: Readonly<Record<string, CandidateOverrides>> };
}
interface DeckCase {
  readonly description: string;
  readonly before?: readonly NominationSpec[];
  readonly nomination: NominationSpec;
  readonly decidedAt?: string;
  readonly expected: {
    readonly submission: string | null;
    readonly registered?: number;
    readonly refusals?: readonly { readonly code: string; readonly candidates: readonly number[] }[];
  };
}

/** The full nomination a compact spec stands for: clean files by default, the overrides on top. */
function expand(spec: NominationSpec, caseNumber: string, tag: string): unknown {
  const people: readonly CandidateOverrides[] = Array.isArray(spec.candidates)
    ? (spec.candidates as readonly CandidateOverrides[])
    : Array.from({ length: (spec.candidates as { people: number }).people }, (_, index) => {
        const { quota, with: overrides = {} } = spec.candidates as {
          quota: number;
          with?: Record<string, CandidateOverrides>;
        };
        // The first `quota` people are women; the rest men of 43 on election day.
        return { gender: index < quota ? 'female' : 'male', ...(overrides[String(index)] ?? {}) };
      });
  const body = spec.contest.startsWith('majilis') ? 'majilis' : 'maslikhat';
  const organisation = spec.nomination !== 'self-nominated';
  return {
    id: spec.id ?? `deck-${caseNumber}-${tag}`,
    contestId: spec.contest,
    nomination: spec.nomination,
    nominatedBy: spec.nominatedBy,
    submittedAt: spec.submittedAt ?? '2023-02-01T10:00',
    candidates: people.map((overrides, index) => ({
      id: `${spec.contest}/deck-${caseNumber}-${tag}-${index + 1}`,
      personId: `deck-${caseNumber}-p${index + 1}`,
      name: {
        kk: `Кандидат ${spelled(index + 1)}`,
        ru: `Кандидат ${spelled(index + 1)}`,
        latin: `Candidate ${spelled(index + 1)}`,
      },
      birthDate: '1980-01-15',
      gender: 'male',
      disability: false,
      citizen: true,
      residenceYears: 30,
      residesInRegion: true,
      criminalRecord: false,
      corruptionOffence: false,
      legallyIncapable: false,
      partyMember: spec.nomination === 'list' || spec.nomination === 'party' ? spec.nominatedBy : null,
      depositPaid: body === 'majilis' ? 15 * MINIMUM_WAGE_2023 : 5 * MINIMUM_WAGE_2023,
      documents: organisation ? ['consent', 'declaration', 'nominating-decision'] : ['consent', 'declaration'],
      ...overrides,
    })),
  };
}

/** Receives a nomination and decides it, as the store does, returning what happened. */
function submitAndDecide(registry: Registry, document: unknown, decidedAt: string) {
  const nomination = nominationSchema.parse(document);
  const receivable = checkSubmission({ nomination, election, registry });
  if (!receivable.ok) return { submission: receivable.error.code, nomination } as const;
  applyRegistrationEvent(registry, { type: 'nomination-submitted', nomination });
  const decision = decideRegistration({
    nominationId: nomination.id,
    election,
    registry,
    calendar: CALENDAR_2023,
    decidedAt,
    minimumWage: MINIMUM_WAGE_2023,
  });
  if (!decision.ok) throw new Error(decision.error.code);
  applyRegistrationEvent(registry, {
    type: 'registration-decided',
    nominationId: nomination.id,
    decidedAt,
    calendar: CALENDAR_2023,
    minimumWage: MINIMUM_WAGE_2023,
    ...decision.value,
  });
  return { submission: null, nomination, decision: decision.value } as const;
}

const files = readdirSync(DECK)
  .filter((name) => /^\d\d-.*\.json$/.test(name))
  .sort();

describe('registration refusal deck (docs/registration.md)', () => {
  it('has a case for every refusal code and legal edge', () => {
    expect(files.length).toBeGreaterThanOrEqual(45);
    const codes = new Set(
      files.flatMap((name) => {
        const deckCase = JSON.parse(readFileSync(new URL(name, DECK), 'utf8')) as DeckCase;
        return [deckCase.expected.submission, ...(deckCase.expected.refusals ?? []).map((refusal) => refusal.code)];
      }),
    );
    for (const code of [
      'ELIGIBILITY_UNDER_AGE',
      'ELIGIBILITY_RESIDENCE_TOO_SHORT',
      'ELIGIBILITY_NOT_RESIDENT_IN_REGION',
      'ELIGIBILITY_CRIMINAL_RECORD',
      'ELIGIBILITY_CORRUPTION_OFFENCE',
      'ELIGIBILITY_LEGALLY_INCAPABLE',
      'ELIGIBILITY_NOT_CITIZEN',
      'LIST_TOO_LONG',
      'LIST_QUOTA_NOT_MET',
      'LIST_NOT_PARTY_MEMBER',
      'LIST_DUPLICATE_PERSON',
      'NOMINATION_TWO_MASLIKHATS',
      'NOMINATION_ALREADY_CANDIDATE',
      'NOMINATION_TOO_LATE',
      'NOMINATION_TOO_EARLY',
      'REGISTRATION_TOO_LATE',
      'NOMINATION_DEPOSIT_NOT_PAID',
      'NOMINATION_DOCUMENTS_MISSING',
      'NOMINATION_SECOND_LIST',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  for (const name of files) {
    const deckCase = JSON.parse(readFileSync(new URL(name, DECK), 'utf8')) as DeckCase;
    const caseNumber = name.slice(0, 2);
    it(`${name}: ${deckCase.description}`, () => {
      const registry = emptyRegistry();
      (deckCase.before ?? []).forEach((spec, index) => {
        const earlier = submitAndDecide(registry, expand(spec, caseNumber, `b${index}`), '2023-02-10T12:00');
        expect(earlier.submission).toBeNull();
        expect(earlier.decision?.registered.length, `before[${index}]`).toBe(
          spec.refused === true ? 0 : earlier.nomination.candidates.length,
        );
      });
      const outcome = submitAndDecide(
        registry,
        expand(deckCase.nomination, caseNumber, 'n'),
        deckCase.decidedAt ?? '2023-02-15T12:00',
      );
      expect(outcome.submission).toBe(deckCase.expected.submission);
      if (outcome.decision === undefined) return;
      const ids: string[] = outcome.nomination.candidates.map((candidate) => candidate.id);
      expect(outcome.decision.registered.length).toBe(deckCase.expected.registered);
      expect(
        outcome.decision.refusals.map((refusal) => ({
          code: refusal.code,
          candidates: refusal.candidateIds.map((id) => ids.indexOf(id)),
        })),
      ).toEqual(deckCase.expected.refusals);
      // What was registered is on the registry; what was refused is not.
      for (const id of ids) expect(registry.candidates.has(id)).toBe(outcome.decision.registered.includes(id));
    });
  }
});
