import type { CalendarDate } from './calendar-date.ts';
import { countsTowardQuota, meetsShare, type QuotaPerson } from './quota-groups.ts';

export interface ListCandidate extends QuotaPerson {
  readonly partyMember: boolean;
}

export type ListReason =
  'LIST_EMPTY' | 'LIST_TOO_LONG' | 'LIST_QUOTA_NOT_MET' | 'LIST_NOT_PARTY_MEMBER' | 'LIST_DUPLICATE_PERSON';

export interface ListFinding {
  readonly code: ListReason;
  /** The candidates concerned, where the finding is about particular people. */
  readonly candidateIds: readonly string[];
}

export interface ListCheckInput {
  readonly seats: number;
  readonly electionDate: CalendarDate;
  readonly list: readonly ListCandidate[];
}

export interface ListCheckOutcome {
  readonly ok: boolean;
  readonly maximumLength: number;
  readonly quotaCount: number;
  readonly reasons: readonly ListReason[];
  readonly findings: readonly ListFinding[];
}

/** At most ceil(seats × 1.3) names (docs/law.md §4, EL Art. 89 [V]: 90 for the Majilis's 69). */
export function maximumListLength(seats: number): number {
  return Math.ceil((seats * 13) / 10);
}

/**
 * docs/law.md §4 (EL Art. 89): one list per party of its own members, no person twice, no longer
 * than ceil(seats × 1.3), and at least 30 % women / under 29 / with a disability, each person once.
 */
export function checkPartyList({ seats, electionDate, list }: ListCheckInput): ListCheckOutcome {
  const findings: ListFinding[] = [];
  const maximumLength = maximumListLength(seats);
  const people = new Map<string, ListCandidate>();
  const repeated = new Set<string>();
  for (const person of list) {
    if (people.has(person.id)) repeated.add(person.id);
    else people.set(person.id, person);
  }
  const unique = [...people.values()];
  const quotaCount = unique.filter((person) => countsTowardQuota(person, electionDate)).length;

  if (list.length === 0) findings.push({ code: 'LIST_EMPTY', candidateIds: [] });
  if (list.length > maximumLength) findings.push({ code: 'LIST_TOO_LONG', candidateIds: [] });
  if (list.length > 0 && !meetsShare(quotaCount, unique.length, 3, 10))
    findings.push({ code: 'LIST_QUOTA_NOT_MET', candidateIds: [] });
  // Every entry is checked, so a second entry of the same person cannot hide behind the first.
  const nonMembers = [...new Set(list.filter((person) => !person.partyMember).map((person) => person.id))];
  if (nonMembers.length > 0) findings.push({ code: 'LIST_NOT_PARTY_MEMBER', candidateIds: nonMembers });
  if (repeated.size > 0) findings.push({ code: 'LIST_DUPLICATE_PERSON', candidateIds: [...repeated] });
  return { ok: findings.length === 0, maximumLength, quotaCount, reasons: findings.map((f) => f.code), findings };
}
