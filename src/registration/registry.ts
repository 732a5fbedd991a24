import { canonicalJson } from '../model/canonical-json.ts';
import type { CandidateDossier, Nomination, Withdrawal } from '../model/nomination.ts';
import type { RegistrationPayload, Refusal } from './registration-events.ts';

export { REGISTRATION_EVENT_TYPES, type RegistrationPayload, type Refusal } from './registration-events.ts';

export interface NominationRecord {
  readonly nomination: Nomination;
  readonly status: 'submitted' | 'registered' | 'refused';
  readonly refusals: readonly Refusal[];
  readonly decidedAt: string | null;
}

export type CandidateStatus = 'registered' | Withdrawal['kind'];

/** A registered candidate and what became of them (docs/registration.md). */
export interface CandidateRecord {
  readonly dossier: CandidateDossier;
  readonly contestId: string;
  readonly nominationId: string;
  readonly nomination: Nomination['nomination'];
  readonly nominatedBy: string | null;
  /** Place on the party's list as submitted; null for SMD candidates. */
  readonly listPosition: number | null;
  readonly status: CandidateStatus;
  readonly statusAt: string | null;
  readonly statusReason: string | null;
}

/**
 * A party's list mandates in one body after the vote (docs/registration.md, Deputies and
 * vacancies): who holds them, and the empty ones.
 */
export interface MandateRecord {
  readonly bodyId: string;
  readonly partyId: string;
  readonly seats: number;
  readonly holders: readonly string[];
  readonly vacated: readonly { readonly candidateId: string; readonly reason: string }[];
}

/** The registry: a projection of the registration events, kept as rows of one table. */
export interface Registry {
  readonly nominations: Map<string, NominationRecord>;
  readonly candidates: Map<string, CandidateRecord>;
  readonly postponed: Map<string, { readonly at: string; readonly reason: string }>;
  readonly mandates: Map<string, MandateRecord>;
  /** Row keys changed since the registry was read, so that a write touches only those. */
  readonly changed: Set<string>;
  /** Derived lookups, kept by `applyRegistrationEvent`, so that registering thousands stays linear. */
  readonly index: RegistryIndex;
}

export interface RegistryIndex {
  /** Candidate ids of nominations awaiting a decision and of registered candidates. */
  readonly usedCandidateIds: Set<string>;
  /** `contest party` → the list nomination not refused. */
  readonly openLists: Map<string, string>;
  /** Person → their registered candidacies. */
  readonly candidaciesOfPerson: Map<string, Set<string>>;
  /** Contest → its registered candidates, whatever their status now. */
  readonly candidatesOfContest: Map<string, Set<string>>;
}

export function emptyRegistry(): Registry {
  return {
    nominations: new Map(),
    candidates: new Map(),
    postponed: new Map(),
    mandates: new Map(),
    changed: new Set(),
    index: {
      usedCandidateIds: new Set(),
      openLists: new Map(),
      candidaciesOfPerson: new Map(),
      candidatesOfContest: new Map(),
    },
  };
}

export const listKey = (contestId: string, partyId: string | null): string => `${contestId} ${partyId ?? ''}`;

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function indexNomination(index: RegistryIndex, record: NominationRecord): void {
  const { nomination } = record;
  if (record.status === 'submitted')
    for (const dossier of nomination.candidates) index.usedCandidateIds.add(dossier.id);
  if (nomination.nomination === 'list' && record.status !== 'refused')
    index.openLists.set(listKey(nomination.contestId, nomination.nominatedBy), nomination.id);
}

function indexCandidate(index: RegistryIndex, record: CandidateRecord): void {
  index.usedCandidateIds.add(record.dossier.id);
  addTo(index.candidaciesOfPerson, record.dossier.personId, record.dossier.id);
  addTo(index.candidatesOfContest, record.contestId, record.dossier.id);
}

export const mandateKey = (bodyId: string, partyId: string): string => `${bodyId} ${partyId}`;

/** Applies one registration event. Checks happen before an event is written; this only records it. */
export function applyRegistrationEvent(registry: Registry, payload: RegistrationPayload): void {
  switch (payload.type) {
    case 'nomination-submitted': {
      const record: NominationRecord = {
        nomination: payload.nomination,
        status: 'submitted',
        refusals: [],
        decidedAt: null,
      };
      registry.nominations.set(payload.nomination.id, record);
      indexNomination(registry.index, record);
      registry.changed.add(`nomination:${payload.nomination.id}`);
      return;
    }
    case 'registration-decided': {
      const record = registry.nominations.get(payload.nominationId);
      if (record === undefined) return;
      const decided: NominationRecord = {
        ...record,
        status: payload.registered.length > 0 ? 'registered' : 'refused',
        refusals: payload.refusals,
        decidedAt: payload.decidedAt,
      };
      registry.nominations.set(payload.nominationId, decided);
      registry.changed.add(`nomination:${payload.nominationId}`);
      const registered = new Set(payload.registered);
      // Ids of people refused are free again; a refused list may be submitted anew.
      for (const dossier of record.nomination.candidates)
        if (!registered.has(dossier.id)) registry.index.usedCandidateIds.delete(dossier.id);
      if (decided.status === 'refused' && record.nomination.nomination === 'list')
        registry.index.openLists.delete(listKey(record.nomination.contestId, record.nomination.nominatedBy));
      record.nomination.candidates.forEach((dossier, index) => {
        if (!registered.has(dossier.id)) return;
        const { nomination } = record;
        const candidate: CandidateRecord = {
          dossier,
          contestId: nomination.contestId,
          nominationId: nomination.id,
          nomination: nomination.nomination,
          nominatedBy: nomination.nominatedBy,
          listPosition: nomination.nomination === 'list' ? index + 1 : null,
          status: 'registered',
          statusAt: null,
          statusReason: null,
        };
        registry.candidates.set(dossier.id, candidate);
        indexCandidate(registry.index, candidate);
        registry.changed.add(`candidate:${dossier.id}`);
      });
      return;
    }
    case 'candidate-withdrawn': {
      const { withdrawal } = payload;
      const record = registry.candidates.get(withdrawal.candidateId);
      if (record === undefined) return;
      registry.candidates.set(withdrawal.candidateId, {
        ...record,
        status: withdrawal.kind,
        statusAt: withdrawal.at,
        statusReason: withdrawal.reason,
      });
      registry.changed.add(`candidate:${withdrawal.candidateId}`);
      return;
    }
    case 'contest-postponed':
      registry.postponed.set(payload.contestId, { at: payload.at, reason: payload.reason });
      registry.changed.add(`postponed:${payload.contestId}`);
      return;
    case 'deputies-chosen':
      setMandates(registry, {
        bodyId: payload.bodyId,
        partyId: payload.partyId,
        seats: payload.seats,
        holders: [...payload.chosen],
        vacated: [],
      });
      return;
    case 'mandate-vacated': {
      const record = registry.mandates.get(mandateKey(payload.bodyId, payload.partyId));
      if (record === undefined) return;
      setMandates(registry, {
        ...record,
        holders: record.holders.filter((id) => id !== payload.candidateId),
        vacated: [...record.vacated, { candidateId: payload.candidateId, reason: payload.reason }],
      });
      return;
    }
    case 'mandate-filled': {
      const record = registry.mandates.get(mandateKey(payload.bodyId, payload.partyId));
      if (record === undefined) return;
      setMandates(registry, { ...record, holders: [...record.holders, payload.candidateId] });
      return;
    }
  }
}

function setMandates(registry: Registry, record: MandateRecord): void {
  const key = mandateKey(record.bodyId, record.partyId);
  registry.mandates.set(key, record);
  registry.changed.add(`mandates:${key}`);
}

/** The rows a set of changed keys stand for, as JSON text (null: no longer there). */
export function registryRows(registry: Registry, keys: Iterable<string> = registry.changed): Map<string, string> {
  const rows = new Map<string, string>();
  for (const key of keys) {
    const [kind, id] = splitKey(key);
    const value =
      kind === 'nomination'
        ? registry.nominations.get(id)
        : kind === 'candidate'
          ? registry.candidates.get(id)
          : kind === 'postponed'
            ? registry.postponed.get(id)
            : registry.mandates.get(id);
    // Canonical, so that a live write and a replay (which reads payloads back from canonical JSON) store the same
    // bytes.
    if (value !== undefined) rows.set(key, canonicalJson(value));
  }
  return rows;
}

export function allRegistryKeys(registry: Registry): string[] {
  return [
    ...[...registry.nominations.keys()].map((id) => `nomination:${id}`),
    ...[...registry.candidates.keys()].map((id) => `candidate:${id}`),
    ...[...registry.postponed.keys()].map((id) => `postponed:${id}`),
    ...[...registry.mandates.keys()].map((id) => `mandates:${id}`),
  ];
}

export function registryFromRows(rows: ReadonlyMap<string, string>): Registry {
  const registry = emptyRegistry();
  for (const [key, text] of rows) {
    const [kind, id] = splitKey(key);
    switch (kind) {
      case 'nomination':
        registry.nominations.set(id, JSON.parse(text) as NominationRecord);
        break;
      case 'candidate':
        registry.candidates.set(id, JSON.parse(text) as CandidateRecord);
        break;
      case 'postponed':
        registry.postponed.set(id, JSON.parse(text) as { at: string; reason: string });
        break;
      case 'mandates':
        registry.mandates.set(id, JSON.parse(text) as MandateRecord);
        break;
      default:
        // Rows of a later version's kinds are not this version's to read.
        break;
    }
  }
  for (const record of registry.nominations.values()) indexNomination(registry.index, record);
  for (const record of registry.candidates.values()) indexCandidate(registry.index, record);
  return registry;
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon), key.slice(colon + 1)];
}
