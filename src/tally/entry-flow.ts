import type { MessageCode } from '../i18n/messages.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { Protocol } from '../model/protocol.ts';
import { checkOffered, type ElectionIndex } from './intake.ts';
import { checkProtocol } from './protocol-checks.ts';

/** Entries of one protocol waiting for acceptance (docs/tabulation.md): the explicit state of double entry. */
export interface PendingEntry {
  readonly version: number;
  readonly reason: string | null;
  readonly first: { readonly operator: string; readonly content: string };
  readonly second: { readonly operator: string; readonly content: string } | null;
  /** The chair's resolution, when the two entries differ. */
  readonly resolved: string | null;
}

export type EntryState = 'none' | 'first-entered' | 'entries-match' | 'entries-differ' | 'resolved';

export function entryState(pending: PendingEntry | undefined): EntryState {
  if (pending === undefined) return 'none';
  if (pending.second === null) return 'first-entered';
  if (pending.second.content === pending.first.content) return 'entries-match';
  return pending.resolved === null ? 'entries-differ' : 'resolved';
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

export interface Actor {
  readonly fingerprint: string;
  readonly role: string;
  /** The commission the user acts for. */
  readonly commission: string | null;
}

export type EntryAction =
  | { readonly kind: 'enter'; readonly document: unknown; readonly actor: Actor; readonly reason: string | null }
  | { readonly kind: 'resolve'; readonly document: unknown; readonly actor: Actor }
  | {
      readonly kind: 'accept';
      readonly stationId: string;
      readonly contestId: string;
      readonly actor: Actor;
      readonly acknowledged: readonly string[];
    };

export type EntryDecision =
  | { readonly kind: 'entered'; readonly protocol: Protocol; readonly entry: 1 | 2; readonly reason: string | null }
  | { readonly kind: 'resolved'; readonly protocol: Protocol }
  | {
      readonly kind: 'accepted';
      readonly protocol: Protocol;
      readonly acknowledged: readonly string[];
      readonly reason: string | null;
    }
  | {
      readonly kind: 'refused';
      readonly code: MessageCode;
      readonly params: Readonly<Record<string, string | number>>;
    };

export interface EntryContext {
  readonly index: ElectionIndex;
  /** Commission id → its parent, to decide whose a station is. */
  readonly parents: ReadonlyMap<string, string | null>;
  readonly current: { readonly version: number; readonly content: string } | undefined;
  readonly pending: PendingEntry | undefined;
}

const refuse = (code: MessageCode, params: Record<string, string | number> = {}): EntryDecision => ({
  kind: 'refused',
  code,
  params,
});

/** Whether a user's commission is above (or is) the station's precinct commission. */
export function inScope(actor: Actor, stationCommission: string, parents: ReadonlyMap<string, string | null>): boolean {
  for (let id: string | null | undefined = stationCommission; id !== null && id !== undefined; id = parents.get(id))
    if (id === actor.commission) return true;
  return false;
}

/**
 * The life of a protocol (docs/tabulation.md) as decisions: two entries by different operators of the
 * station's commission, compared field by field; the chair resolves differences and accepts,
 * acknowledging every warning; a correction is a new version with a reason. Pure: the store
 * supplies the current state, and a refusal changes nothing.
 */
export function decideEntry(action: EntryAction, context: EntryContext): EntryDecision {
  const { index, parents, current, pending } = context;
  switch (action.kind) {
    case 'enter':
    case 'resolve': {
      // Schema, references and control relations are the intake's; versions are checked here.
      const decision = checkOffered(action.document, index);
      if (decision.kind === 'refuse') return refuse(decision.code, decision.params);
      const protocol = decision.protocol;
      const station = index.stations.get(protocol.stationId);
      if (station === undefined || !inScope(action.actor, station.commissionId, parents))
        return refuse('ENTRY_OUT_OF_SCOPE', { station: protocol.stationId, commission: action.actor.commission ?? '' });
      const expected = (current?.version ?? 0) + 1;
      if (protocol.version !== expected)
        return refuse(protocol.version < expected ? 'PROTOCOL_STALE_VERSION' : 'ENTRY_WRONG_VERSION', {
          version: protocol.version,
          current: current?.version ?? 0,
          expected,
        });
      if (action.kind === 'resolve') {
        if (action.actor.role !== 'chair') return refuse('ENTRY_NOT_CHAIR');
        if (entryState(pending) !== 'entries-differ' && entryState(pending) !== 'resolved')
          return refuse('ENTRY_NOTHING_TO_RESOLVE', { state: entryState(pending) });
        return { kind: 'resolved', protocol };
      }
      if (action.actor.role !== 'operator' && action.actor.role !== 'chair') return refuse('ENTRY_NOT_OPERATOR');
      if (expected > 1 && (action.reason === null || action.reason.trim() === '') && pending === undefined)
        return refuse('ENTRY_REASON_REQUIRED', { version: expected });
      switch (entryState(pending)) {
        case 'none':
          return { kind: 'entered', protocol, entry: 1, reason: action.reason };
        case 'first-entered':
          if (pending?.first.operator === action.actor.fingerprint) return refuse('ENTRY_SAME_OPERATOR');
          return { kind: 'entered', protocol, entry: 2, reason: pending?.reason ?? action.reason };
        case 'entries-match':
        case 'entries-differ':
        case 'resolved':
          return refuse('ENTRY_ALREADY_DOUBLE', { state: entryState(pending) });
      }
      break;
    }
    case 'accept': {
      if (action.actor.role !== 'chair') return refuse('ENTRY_NOT_CHAIR');
      const station = index.stations.get(action.stationId);
      const contest = index.contests.get(action.contestId);
      if (station === undefined || contest === undefined)
        return refuse('DATASET_UNKNOWN_REFERENCE', { id: station === undefined ? action.stationId : action.contestId });
      if (!inScope(action.actor, station.commissionId, parents))
        return refuse('ENTRY_OUT_OF_SCOPE', { station: station.id, commission: action.actor.commission ?? '' });
      const state = entryState(pending);
      if (pending === undefined || state === 'first-entered') return refuse('ENTRY_NOT_DOUBLE', { state });
      if (state === 'entries-differ')
        return refuse('ENTRY_DIFFERENCES_UNRESOLVED', {
          fields: entryDifferences(pending.first.content, (pending.second as { content: string }).content).join(', '),
        });
      const agreed = JSON.parse(
        state === 'resolved' ? (pending.resolved as string) : pending.first.content,
      ) as Protocol;
      const warnings = checkProtocol({
        lines: agreed.lines,
        votes: agreed.votes,
        options: contest.options.map((option) => option.id),
      }).map((finding) => finding.code);
      const missing = warnings.filter((code) => !action.acknowledged.includes(code));
      if (missing.length > 0) return refuse('WARNINGS_NOT_ACKNOWLEDGED', { codes: missing.join(', ') });
      return { kind: 'accepted', protocol: agreed, acknowledged: warnings, reason: pending.reason };
    }
  }
}

/** The pending entry after an entry or a resolution: the state machine's transition. */
export function nextPending(
  pending: PendingEntry | undefined,
  decision: EntryDecision,
  operator: string,
): PendingEntry | undefined {
  switch (decision.kind) {
    case 'entered': {
      const entry = { operator, content: canonicalJson(decision.protocol) };
      return decision.entry === 1
        ? { version: decision.protocol.version, reason: decision.reason, first: entry, second: null, resolved: null }
        : { ...(pending as PendingEntry), second: entry };
    }
    case 'resolved':
      return { ...(pending as PendingEntry), resolved: canonicalJson(decision.protocol) };
    case 'accepted':
      return undefined;
    case 'refused':
      return pending;
  }
}
