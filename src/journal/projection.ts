import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { addProtocol, emptyTotals, subtractProtocol, type Totals } from '../tally/aggregate.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { type JournalEvent, payloadOf } from './events.ts';
import { approvalKey } from '../tally/decisions.ts';
import { annulledKey, complaintDecisionKey, complaintKey, violationKey } from '../tally/complaints.ts';
import { turnoutKey, turnoutRecordText } from '../tally/turnout-day.ts';
import {
  accreditationKey,
  accreditationKeyOfKey,
  copyKey,
  irregularityKey,
  observerRecordText,
  sampleKey,
} from '../tally/observers.ts';
import { type EntryEvent, evolve, fromRecord, type PendingEntry, toRecord } from '../tally/double-entry.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import { applyRegistrationEvent, emptyRegistry, type Registry } from '../registration/registry.ts';
import type { ProtocolMap } from './protocol-table.ts';

export interface ProjectedProtocol {
  readonly stationId: string;
  readonly contestId: string;
  readonly version: number;
  readonly content: string;
  readonly eventSeq: number;
}

export interface ProjectedKey {
  readonly fingerprint: string;
  readonly holder: string;
  readonly role: string;
  readonly publicKey: string;
  readonly commission: string | null;
}

/** The projections a journal determines: current protocols, totals per contest, registered keys. */
export interface ProjectionState {
  readonly protocols: ProtocolMap;
  readonly totals: Map<string, Totals>;
  readonly keys: Map<string, ProjectedKey>;
  /** Double entries waiting for the chair; undefined once the protocol is accepted. */
  readonly entries: Map<string, PendingEntry | undefined>;
  /** Decision rows: `lots:<contest>`, `approved:<contest>`, `certified:<body>` (src/tally/decisions.ts). */
  readonly decisions: Map<string, string>;
  /** Nominations, candidates, postponements and mandates (src/registration). */
  readonly registry: Registry;
  /**
   * The records of election day and after by key, as canonical JSON text: turnout reports (src/tally/turnout-day.ts);
   * observers' accreditations, copies, samples and reports (src/tally/observers.ts); complaints, their decisions and
   * administrative cases (src/tally/complaints.ts).
   */
  readonly dayRecords: Map<string, string>;
  /** The election as registration has made it so far; recomputed after a registration event. */
  registeredElection: Election | undefined;
  /** What this application changed, so that a live write touches only those rows. */
  readonly changedProtocols: Set<string>;
  readonly changedContests: Set<string>;
  readonly changedEntries: Set<string>;
  readonly changedDecisions: Set<string>;
  readonly changedDayRecords: Set<string>;
}

/**
 * `protocols` is a Map unless the caller holds a whole country's: verify's replay and the live results pass a
 * `ProtocolTable` (src/journal/protocol-table.ts), a tenth of the memory.
 */
export function emptyProjection(protocols: ProtocolMap = new Map()): ProjectionState {
  return {
    protocols,
    totals: new Map(),
    keys: new Map(),
    entries: new Map(),
    decisions: new Map(),
    registry: emptyRegistry(),
    dayRecords: new Map(),
    registeredElection: undefined,
    changedProtocols: new Set(),
    changedContests: new Set(),
    changedEntries: new Set(),
    changedDecisions: new Set(),
    changedDayRecords: new Set(),
  };
}

/**
 * A station's result annulled in one contest (docs/law.md §10.3): its protocol leaves the current protocols and the
 * contest's totals, so that every sum, seat and winner made from them follows; the journal keeps the protocol, and the
 * decision row refuses any later one.
 */
function annul(state: ProjectionState, stationId: string, contestId: string, seq: number): void {
  const key = protocolKeyOf(stationId, contestId);
  const current = state.protocols.get(key);
  if (current !== undefined) {
    const totals = state.totals.get(contestId);
    if (totals !== undefined) subtractProtocol(totals, JSON.parse(current.content) as Protocol);
    state.protocols.delete(key);
    state.changedProtocols.add(key);
    state.changedContests.add(contestId);
  }
  if (!state.decisions.has(annulledKey(stationId, contestId)))
    setDecision(state, annulledKey(stationId, contestId), String(seq));
}

/** A record of election day set once: an observer's accreditation or copy is never replaced (docs/law.md §10.2). */
function setDayRecord(state: ProjectionState, key: string, text: string): void {
  if (state.dayRecords.has(key)) return;
  state.dayRecords.set(key, text);
  state.changedDayRecords.add(key);
}

export const protocolKeyOf = (stationId: string, contestId: string): string => `${stationId} ${contestId}`;

/**
 * Applies one event. The same function serves a live write and a replay, which is why a replay
 * rebuilds the projections identically.
 */
export function applyEvent(state: ProjectionState, event: JournalEvent, election: Election): void {
  const payload = payloadOf(event);
  switch (payload.type) {
    case 'key-registered':
      // A key is what it was first registered as; a later registration cannot change its role.
      if (state.keys.has(payload.fingerprint)) return;
      state.keys.set(payload.fingerprint, {
        fingerprint: payload.fingerprint,
        holder: payload.holder,
        role: payload.role,
        publicKey: payload.publicKey,
        commission: payload.commission ?? null,
      });
      return;
    case 'election-defined':
    case 'log-key-registered':
      // The log key is read from the journal where it is needed (src/services/transparency-log.ts), not projected.
      return;
    case 'witness-registered':
    case 'witness-deregistered':
      // Read from the journal where needed (the cosignatures route, verify); no projection of its own.
      return;
    case 'key-revoked':
      // The first revocation of a key stands; a second cannot move its voidFrom (docs/keys.md, "Revocation").
      if (!state.decisions.has(`revoked:${payload.fingerprint}`))
        setDecision(
          state,
          `revoked:${payload.fingerprint}`,
          canonicalJson({ voidFrom: payload.voidFrom, seq: event.seq }),
        );
      return;
    case 'account-disabled':
    case 'account-enabled':
      // Accounts are the server's, not a projection: the journal only records who disabled whom.
      return;
    case 'nomination-submitted':
    case 'registration-decided':
    case 'candidate-withdrawn':
    case 'contest-postponed':
    case 'deputies-chosen':
    case 'mandate-vacated':
    case 'mandate-filled':
      applyRegistrationEvent(state.registry, payload);
      state.registeredElection = undefined;
      return;
    case 'turnout-reported': {
      // The latest report of a station at an hour stands; a correction is a later event, never an edit.
      const key = turnoutKey(payload.report.stationId, payload.report.hour);
      state.dayRecords.set(key, turnoutRecordText(payload.report, event.seq));
      state.changedDayRecords.add(key);
      return;
    }
    case 'observer-accredited': {
      // An accreditation is never changed: the first under an id stands, and so does the first for a key.
      const { accreditation } = payload;
      setDayRecord(state, accreditationKey(accreditation.id), observerRecordText(accreditation, event.seq));
      setDayRecord(state, accreditationKeyOfKey(accreditation.key), observerRecordText(accreditation.id, event.seq));
      return;
    }
    case 'protocol-copy-entered': {
      const { copy } = payload;
      setDayRecord(
        state,
        copyKey(copy.protocol.stationId, copy.protocol.contestId, copy.accreditation),
        observerRecordText(copy, event.seq),
      );
      return;
    }
    case 'copy-sample-drawn': {
      const { sample } = payload;
      setDayRecord(state, sampleKey(sample.accreditation, sample.contestId), observerRecordText(sample, event.seq));
      return;
    }
    case 'irregularity-reported':
      setDayRecord(state, irregularityKey(payload.report), observerRecordText(payload.report, event.seq));
      return;
    case 'complaint-filed':
      setDayRecord(state, complaintKey(payload.complaint.id), observerRecordText(payload.complaint, event.seq));
      return;
    case 'complaint-decided': {
      const { decision } = payload;
      setDayRecord(state, complaintDecisionKey(decision.complaintId), observerRecordText(decision, event.seq));
      if (decision.outcome === 'upheld')
        for (const consequence of decision.consequences)
          if (consequence.kind === 'annulment')
            for (const contestId of consequence.contestIds) annul(state, consequence.stationId, contestId, event.seq);
      return;
    }
    case 'violation-recorded': {
      // A case recorded again is its new state: the latest stands, the journal keeps every one.
      const key = violationKey(payload.violation.id);
      state.dayRecords.set(key, observerRecordText(payload.violation, event.seq));
      state.changedDayRecords.add(key);
      return;
    }
    case 'lots-drawn':
      setDecision(state, `lots:${payload.contestId}`, JSON.stringify(payload.order));
      return;
    case 'summary-approved':
      setDecision(
        state,
        approvalKey(payload.contestId, payload.commissionId, establishingCommission(election, payload.contestId)),
        payload.summarySha256,
      );
      return;
    case 'results-certified':
      setDecision(state, `certified:${payload.bodyId}`, '1');
      return;
    case 'protocol-entered':
    case 'protocol-resolved': {
      const key = protocolKeyOf(payload.protocol.stationId, payload.protocol.contestId);
      const step: EntryEvent =
        payload.type === 'protocol-entered'
          ? {
              kind: 'entered',
              operator: event.actor,
              protocol: payload.protocol,
              entry: payload.entry,
              reason: payload.reason,
            }
          : { kind: 'resolved', protocol: payload.protocol };
      const before = fromRecord(state.entries.get(key), state.protocols.get(key));
      state.entries.set(key, toRecord(evolve(before, step)));
      state.changedEntries.add(key);
      return;
    }
    case 'protocol-accepted': {
      const protocol = payload.protocol;
      const key = protocolKeyOf(protocol.stationId, protocol.contestId);
      const totals =
        state.totals.get(protocol.contestId) ??
        emptyTotals(optionsOf(ballotElection(state, election), protocol.contestId));
      const previous = state.protocols.get(key);
      if (previous !== undefined) subtractProtocol(totals, JSON.parse(previous.content) as Protocol);
      addProtocol(totals, protocol);
      state.totals.set(protocol.contestId, totals);
      state.protocols.set(key, {
        stationId: protocol.stationId,
        contestId: protocol.contestId,
        version: protocol.version,
        // A live write has its text remembered from hashing its act; a replay keeps its events, and would keep every
        // protocol's text with them (src/model/canonical-json.ts).
        content: canonicalJson(protocol, false),
        eventSeq: event.seq,
      });
      state.changedProtocols.add(key);
      state.changedContests.add(protocol.contestId);
      // Acceptance ends the double entry of this protocol, whichever way it came.
      if (state.entries.get(key) !== undefined) {
        state.entries.set(key, undefined);
        state.changedEntries.add(key);
      }
      return;
    }
  }
}

/**
 * The election whose ballots protocols count: the definition as registration in this journal has
 * made it. A live write passes that election already and starts from an empty registry; a replay
 * passes the definition and builds the registry as it goes — both give the same options.
 */
function ballotElection(state: ProjectionState, election: Election): Election {
  if (state.registry.nominations.size === 0) return election;
  state.registeredElection ??= electionWithRegistry(election, state.registry);
  return state.registeredElection;
}

function setDecision(state: ProjectionState, key: string, value: string): void {
  state.decisions.set(key, value);
  state.changedDecisions.add(key);
}

const contestsById = new WeakMap<Election, ReadonlyMap<string, Election['contests'][number]>>();

/** A contest by id, from an index made once per election: a replay meets each of 31,000 contests (docs/scale.md). */
function contestOf(election: Election, contestId: string): Election['contests'][number] | undefined {
  let index = contestsById.get(election);
  if (index === undefined) {
    index = new Map(election.contests.map((contest) => [contest.id as string, contest]));
    contestsById.set(election, index);
  }
  return index.get(contestId);
}

function establishingCommission(election: Election, contestId: string): string {
  return contestOf(election, contestId)?.commissionId ?? '';
}

function optionsOf(election: Election, contestId: string): string[] {
  return contestOf(election, contestId)?.options.map((option) => option.id) ?? [];
}
