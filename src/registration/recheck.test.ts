import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2023, MINIMUM_WAGE_2023 } from '../law/registration-rules.ts';
import { electionSchema } from '../model/election.ts';
import { nominationSchema } from '../model/nomination.ts';
import { registrationEventProblem, type RecheckContext } from './recheck.ts';
import { applyRegistrationEvent, emptyRegistry, type RegistrationPayload } from './registry.ts';
import { assertDefined } from '../law/assert.ts';

/** A number as letters (12 → "BC"): a person's name holds no digits (src/model/person-name.ts). */
const spelled = (n: number): string => [...String(n)].map((digit) => 'ABCDEFGHIJ'[Number(digit)]).join('');

const election = electionSchema.parse(
  JSON.parse(readFileSync(new URL('./refusal-deck/election.json', import.meta.url), 'utf8')),
);
const district = 'majilis/smd-09';
const dossier = (n: number) => ({
  id: `${district}/r-${n}`,
  personId: `R${n}`,
  name: { kk: `Кандидат ${spelled(n)}`, ru: `Кандидат ${spelled(n)}`, latin: `Candidate ${spelled(n)}` },
  birthDate: '1980-01-01',
  gender: 'male',
  disability: false,
  citizen: true,
  residenceYears: 30,
  residesInRegion: true,
  criminalRecord: false,
  corruptionOffence: false,
  legallyIncapable: false,
  partyMember: null,
  depositPaid: 1_050_000,
  documents: ['consent', 'declaration'],
});
const nomination = (n: number) =>
  nominationSchema.parse({
    id: `r-${n}`,
    contestId: district,
    nomination: 'self-nominated',
    nominatedBy: null,
    submittedAt: '2023-02-01T10:00',
    candidates: [dossier(n)],
  });

/** A replay in miniature: each event checked against what came before it, then applied. */
function replay(events: readonly RegistrationPayload[], context: Partial<RecheckContext> = {}): (string | null)[] {
  const registry = emptyRegistry();
  return events.map((payload) => {
    const problem = registrationEventProblem(payload, {
      definition: election,
      registry,
      counting: new Set(),
      listSeats: () => null,
      ...context,
    });
    applyRegistrationEvent(registry, payload);
    return problem;
  });
}

const registered = (n: number): RegistrationPayload[] => [
  { type: 'nomination-submitted', nomination: nomination(n) },
  {
    type: 'registration-decided',
    nominationId: `r-${n}`,
    decidedAt: '2023-02-15T12:00',
    calendar: CALENDAR_2023,
    minimumWage: MINIMUM_WAGE_2023,
    registered: [`${district}/r-${n}`],
    refusals: [],
  },
];
const withdrawal = (n: number, at = '2023-03-10T09:00'): RegistrationPayload => ({
  type: 'candidate-withdrawn',
  withdrawal: { candidateId: `${district}/r-${n}` as never, kind: 'withdrawn', at, reason: 'statement' },
  calendar: CALENDAR_2023,
});
const postponed: RegistrationPayload = {
  type: 'contest-postponed',
  contestId: district,
  at: '2023-03-10T09:00',
  reason: 'all-candidates-withdrawn',
};

describe('registration events taken again (verify)', () => {
  it('passes the events the store writes: nominations, decisions, withdrawals, the postponement when nobody is left', () => {
    expect(replay([...registered(1), ...registered(2), withdrawal(1), withdrawal(2), postponed])).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('names a postponement with candidates standing, a second one, a late withdrawal, a repeated nomination and a decision the law would not take', () => {
    expect(replay([...registered(1), postponed]).at(-1)).toBe('CONTEST_NOT_EMPTY');
    expect(replay([...registered(1), withdrawal(1), postponed, postponed]).at(-1)).toBe('CONTEST_POSTPONED');
    expect(replay([...registered(1), withdrawal(1, '2023-03-19T08:00')]).at(-1)).toBe('WITHDRAWAL_TOO_LATE');
    expect(replay([...registered(1), { type: 'nomination-submitted', nomination: nomination(1) }]).at(-1)).toBe(
      'NOMINATION_DUPLICATE_ID',
    );
    const young: RegistrationPayload = {
      type: 'nomination-submitted',
      nomination: nominationSchema.parse({
        ...nomination(3),
        candidates: [{ ...dossier(3), birthDate: '2000-01-01' }],
      }),
    };
    expect(replay([young, assertDefined(registered(3)[1])]).at(-1)).toBe(
      "the registration decision differs from the law's",
    );
  });

  it('names any change to a contest that is already counting', () => {
    expect(replay([assertDefined(registered(1)[0])], { counting: new Set([district]) })).toEqual(['CONTEST_COUNTING']);
  });

  it('names deputies whose seats are not the count, not established, or a vacancy that is not one', () => {
    const choice: RegistrationPayload = {
      type: 'deputies-chosen',
      bodyId: 'majilis',
      partyId: 'amanat',
      seats: 3,
      chosen: [],
    };
    expect(replay([choice], { listSeats: () => ({ seats: { amanat: 4 }, established: true }) })).toEqual([
      'records 3 seats where the count gives 4',
    ]);
    expect(replay([choice], { listSeats: () => ({ seats: { amanat: 3 }, established: false }) })).toEqual([
      'DEPUTIES_RESULTS_NOT_ESTABLISHED',
    ]);
    expect(
      replay([
        { type: 'mandate-vacated', bodyId: 'majilis', partyId: 'amanat', candidateId: 'majilis/list/x', reason: 'r' },
      ]),
    ).toEqual(['MANDATE_NOT_HELD']);
    expect(
      replay([{ type: 'mandate-filled', bodyId: 'majilis', partyId: 'amanat', candidateId: 'majilis/list/x' }]),
    ).toEqual(['MANDATE_NO_VACANCY']);
  });
});
