import { canonicalJson } from '../model/canonical-json.ts';
import type { Protocol } from '../model/protocol.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { type Actor, authorityRefusal, type StepPlace } from './entry-authority.ts';

// The double entry of one protocol as a state machine (docs/tabulation.md, "Double entry"): each
// state carries its own data, each transition is a pure function returning the next state and the
// event to journal, or a refusal, which changes nothing.

/** One person's entry of the paper form: who (their key's fingerprint) and what (the protocol as canonical JSON). */
export interface Entry {
  readonly operator: string;
  readonly content: string;
}

/** The protocol as last accepted, by double entry or by an import. */
export interface AcceptedProtocol {
  readonly version: number;
  readonly content: string;
}

/**
 * What a round of two entries produces: the first version of a protocol, or a correction — a new
 * version of the accepted one, with the reason for it.
 */
export type Round =
  | { readonly kind: 'first-version'; readonly version: number; readonly reason: string | null }
  | {
      readonly kind: 'correction';
      readonly version: number;
      readonly reason: string | null;
      readonly corrects: AcceptedProtocol;
    };

interface TwoEntries {
  readonly round: Round;
  readonly first: Entry;
  readonly second: Entry;
}

export type DoubleEntry =
  /** Nothing entered, nothing accepted. */
  | { readonly status: 'empty' }
  /** A protocol accepted and no round under way: the next entry starts a correction. */
  | { readonly status: 'accepted'; readonly accepted: AcceptedProtocol }
  /** One operator has entered the form; another must enter it again. */
  | { readonly status: 'first-entered'; readonly round: Round; readonly first: Entry }
  /** Two operators entered the same protocol: the chair may accept it. */
  | ({ readonly status: 'entries-match' } & TwoEntries)
  /** The two entries differ in `differences` (paths such as `lines.invalid`): the chair resolves. */
  | ({ readonly status: 'entries-differ'; readonly differences: readonly string[] } & TwoEntries)
  /** The chair resolved the differences: `resolution` (canonical JSON) is what the paper says. */
  | ({
      readonly status: 'resolved';
      readonly differences: readonly string[];
      readonly resolution: string;
    } & TwoEntries);

/** The states with a round under way. */
export type PendingState = Extract<DoubleEntry, { readonly round: Round }>;

/** The state as the API and the refusals name it: the round's, or `none` when no round is under way. */
export type EntryState = 'none' | PendingState['status'];

export function entryState(state: DoubleEntry): EntryState {
  return state.status === 'empty' || state.status === 'accepted' ? 'none' : state.status;
}

/** What a transition journals (src/journal/events.ts: protocol-entered, protocol-resolved, protocol-accepted). */
export type EntryEvent =
  | {
      readonly kind: 'entered';
      readonly operator: string;
      readonly protocol: Protocol;
      readonly entry: 1 | 2;
      readonly reason: string | null;
    }
  | { readonly kind: 'resolved'; readonly protocol: Protocol }
  | {
      readonly kind: 'accepted';
      readonly protocol: Protocol;
      readonly acknowledged: readonly string[];
      readonly reason: string | null;
    };

/**
 * The next state and the event that leads there, or the coded refusal, which changes nothing: the one shape of a
 * refusal (docs/architecture.md, "Errors").
 */
export type Transition = Result<{ readonly next: DoubleEntry; readonly event: EntryEvent }, CodedRefusal>;

const taken = (state: DoubleEntry, event: EntryEvent): Transition => ok({ next: evolve(state, event), event });

/** The version last accepted: 0 before any. */
export function acceptedVersion(state: DoubleEntry): number {
  switch (state.status) {
    case 'empty':
      return 0;
    case 'accepted':
      return state.accepted.version;
    case 'first-entered':
    case 'entries-match':
    case 'entries-differ':
    case 'resolved':
      return state.round.kind === 'correction' ? state.round.corrects.version : 0;
  }
}

/** An entry, and a resolution, are of the version after the accepted one; an older one is stale. */
function versionRefusal(state: DoubleEntry, protocol: Protocol): Transition | null {
  const current = acceptedVersion(state);
  const expected = current + 1;
  if (protocol.version === expected) return null;
  return refuse(protocol.version < expected ? 'PROTOCOL_STALE_VERSION' : 'ENTRY_WRONG_VERSION', {
    version: protocol.version,
    current,
    expected,
  });
}

/**
 * An operator's (or the chair's) entry of a protocol that has passed the intake's checks: the
 * first of a round — a correction needs a reason — or the second, by someone else.
 */
export function enter(
  state: DoubleEntry,
  command: { readonly actor: Actor; readonly protocol: Protocol; readonly reason: string | null },
  place: StepPlace,
): Transition {
  const { actor, protocol, reason } = command;
  const unauthorised = authorityRefusal('enter', actor, place);
  if (unauthorised !== null) return err(unauthorised);
  const wrongVersion = versionRefusal(state, protocol);
  if (wrongVersion !== null) return wrongVersion;
  switch (state.status) {
    case 'empty':
    case 'accepted':
      if (state.status === 'accepted' && (reason === null || reason.trim() === ''))
        return refuse('ENTRY_REASON_REQUIRED', { version: protocol.version });
      return taken(state, { kind: 'entered', operator: actor.fingerprint, protocol, entry: 1, reason });
    case 'first-entered':
      if (state.first.operator === actor.fingerprint) return refuse('ENTRY_SAME_OPERATOR');
      return taken(state, {
        kind: 'entered',
        operator: actor.fingerprint,
        protocol,
        entry: 2,
        reason: state.round.reason ?? reason,
      });
    case 'entries-match':
    case 'entries-differ':
    case 'resolved':
      return refuse('ENTRY_ALREADY_DOUBLE', { state: state.status });
  }
}

/** The chair's resolution of two entries that differ: the protocol as the paper says (again, if resolved before). */
export function resolve(
  state: DoubleEntry,
  command: { readonly actor: Actor; readonly protocol: Protocol },
  place: StepPlace,
): Transition {
  const unauthorised = authorityRefusal('resolve', command.actor, place);
  if (unauthorised !== null) return err(unauthorised);
  const wrongVersion = versionRefusal(state, command.protocol);
  if (wrongVersion !== null) return wrongVersion;
  if (state.status !== 'entries-differ' && state.status !== 'resolved')
    return refuse('ENTRY_NOTHING_TO_RESOLVE', { state: entryState(state) });
  return taken(state, { kind: 'resolved', protocol: command.protocol });
}

/**
 * The chair's acceptance of what two operators agreed, or of the chair's resolution, acknowledging
 * every warning `warningsOf` finds in it.
 */
export function accept(
  state: DoubleEntry,
  command: { readonly actor: Actor; readonly acknowledged: readonly string[] },
  place: StepPlace,
  warningsOf: (agreed: Protocol) => readonly string[],
): Transition {
  const unauthorised = authorityRefusal('accept', command.actor, place);
  if (unauthorised !== null) return err(unauthorised);
  switch (state.status) {
    case 'empty':
    case 'accepted':
    case 'first-entered':
      return refuse('ENTRY_NOT_DOUBLE', { state: entryState(state) });
    case 'entries-differ':
      return refuse('ENTRY_DIFFERENCES_UNRESOLVED', { fields: state.differences.join(', ') });
    case 'entries-match':
    case 'resolved': {
      const agreed = JSON.parse(state.status === 'resolved' ? state.resolution : state.first.content) as Protocol;
      const warnings = warningsOf(agreed);
      const missing = warnings.filter((code) => !command.acknowledged.includes(code));
      if (missing.length > 0) return refuse('WARNINGS_NOT_ACKNOWLEDGED', { codes: missing.join(', ') });
      return taken(state, { kind: 'accepted', protocol: agreed, acknowledged: warnings, reason: state.round.reason });
    }
  }
}

/**
 * The state after a journaled event, unchecked: how a projection replays what was decided. An
 * acceptance — by the chair, or by an import — ends any round. An event that does not fit the
 * state (which no transition makes, and `verify` refuses) leaves it as it was.
 */
export function evolve(state: DoubleEntry, event: EntryEvent): DoubleEntry {
  switch (event.kind) {
    case 'entered': {
      const entry = { operator: event.operator, content: canonicalJson(event.protocol) };
      if (event.entry === 1 && (state.status === 'empty' || state.status === 'accepted')) {
        const { version } = event.protocol;
        const round: Round =
          state.status === 'accepted'
            ? { kind: 'correction', version, reason: event.reason, corrects: state.accepted }
            : { kind: 'first-version', version, reason: event.reason };
        return { status: 'first-entered', round, first: entry };
      }
      if (event.entry === 2 && state.status === 'first-entered') return withSecond(state.round, state.first, entry);
      return state;
    }
    case 'resolved':
      return state.status === 'entries-differ' || state.status === 'resolved'
        ? { ...state, status: 'resolved', resolution: canonicalJson(event.protocol) }
        : state;
    case 'accepted':
      return {
        status: 'accepted',
        accepted: { version: event.protocol.version, content: canonicalJson(event.protocol) },
      };
  }
}

function withSecond(round: Round, first: Entry, second: Entry): DoubleEntry {
  if (first.content === second.content) return { status: 'entries-match', round, first, second };
  return {
    status: 'entries-differ',
    round,
    first,
    second,
    differences: entryDifferences(first.content, second.content),
  };
}

/** Field-by-field comparison of two entries: the paths that differ, such as `lines.invalid` or `votes.amanat`. */
export function entryDifferences(first: string, second: string): string[] {
  const a = JSON.parse(first) as Protocol;
  const b = JSON.parse(second) as Protocol;
  const fields = new Set([...Object.keys(a.lines), ...Object.keys(b.lines)].map((line) => `lines.${line}`));
  for (const option of [...Object.keys(a.votes), ...Object.keys(b.votes)]) fields.add(`votes.${option}`);
  const value = (p: Protocol, path: string): unknown => {
    const [group, key] = path.split('.') as ['lines' | 'votes', string];
    return (p[group] as Record<string, unknown>)[key];
  };
  return [...fields].filter((path) => value(a, path) !== value(b, path)).sort();
}

/**
 * A round as the store keeps it (the JSON `state` of a `protocol_entries` row) and the journal's
 * replay rebuilds it: its status follows from which fields are set. Its form never changes, so
 * that rows written by an earlier saylau still compare equal to a replay (docs/tabulation.md,
 * "Integrity on open").
 */
export interface PendingEntry {
  readonly version: number;
  readonly reason: string | null;
  readonly first: Entry;
  readonly second: Entry | null;
  /** The chair's resolution, when the two entries differ. */
  readonly resolved: string | null;
}

/** The state of one protocol from its stored round (if any) and its accepted protocol (if any). */
export function fromRecord(pending: PendingEntry | undefined, accepted: AcceptedProtocol | undefined): DoubleEntry {
  const settled: AcceptedProtocol | undefined =
    accepted === undefined ? undefined : { version: accepted.version, content: accepted.content };
  if (pending === undefined)
    return settled === undefined ? { status: 'empty' } : { status: 'accepted', accepted: settled };
  const round: Round =
    settled === undefined
      ? { kind: 'first-version', version: pending.version, reason: pending.reason }
      : { kind: 'correction', version: pending.version, reason: pending.reason, corrects: settled };
  if (pending.second === null) return { status: 'first-entered', round, first: pending.first };
  const two = withSecond(round, pending.first, pending.second);
  return two.status === 'entries-differ' && pending.resolved !== null
    ? { ...two, status: 'resolved', resolution: pending.resolved }
    : two;
}

/** The stored round of a state; undefined when none is under way. */
export function toRecord(state: DoubleEntry): PendingEntry | undefined {
  switch (state.status) {
    case 'empty':
    case 'accepted':
      return undefined;
    case 'first-entered':
      return { ...roundRecord(state.round), first: state.first, second: null, resolved: null };
    case 'entries-match':
    case 'entries-differ':
      return { ...roundRecord(state.round), first: state.first, second: state.second, resolved: null };
    case 'resolved':
      return { ...roundRecord(state.round), first: state.first, second: state.second, resolved: state.resolution };
  }
}

const roundRecord = (round: Round): { version: number; reason: string | null } => ({
  version: round.version,
  reason: round.reason,
});
