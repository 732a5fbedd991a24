import type { Protocol } from '../model/protocol.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import { accept, type DoubleEntry, enter, type EntryEvent, resolve, type Transition } from './double-entry.ts';
import type { Actor, StepPlace } from './entry-authority.ts';
import { checkOffered, type ElectionIndex } from './intake.ts';
import { checkProtocol } from './protocol-checks.ts';

// A person's request about one protocol, as it arrives (a document not yet checked, a station and
// contest by id), decided against the protocol's double entry (double-entry.ts).

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

/** What became of a request: the event journaled, or the coded refusal. */
export type EntryDecision = Result<EntryEvent, CodedRefusal>;

export interface EntryContext {
  readonly index: ElectionIndex;
  /** Commission id → its parent, to decide whose a station is. */
  readonly parents: ReadonlyMap<string, string | null>;
  /** The double entry of the protocol the action is about. */
  readonly state: DoubleEntry;
}

/** The station and contest an action is about, as far as it names them: the key of the state it needs. */
export function actionTarget(action: EntryAction): { readonly stationId: string; readonly contestId: string } {
  const target =
    action.kind === 'accept'
      ? { stationId: action.stationId, contestId: action.contestId }
      : (action.document as { stationId?: unknown; contestId?: unknown } | null);
  return {
    stationId: typeof target?.stationId === 'string' ? target.stationId : '',
    contestId: typeof target?.contestId === 'string' ? target.contestId : '',
  };
}

/**
 * The decision on a request: the document first passes the intake's checks (schema, references,
 * control relations; docs/tabulation.md, "Intake") or the station and contest must exist, then
 * the double entry machine decides. Pure: the caller supplies the state, and a refusal changes nothing.
 */
export function decideEntry(action: EntryAction, context: EntryContext): Transition {
  const { index, parents, state } = context;
  const place = (stationId: string): StepPlace => ({
    stationId,
    stationCommission: index.stations.get(stationId)?.commissionId,
    parents,
  });
  if (action.kind === 'accept') {
    const station = index.stations.get(action.stationId);
    const contest = index.contests.get(action.contestId);
    if (station === undefined || contest === undefined)
      return refuse('DATASET_UNKNOWN_REFERENCE', { id: station === undefined ? action.stationId : action.contestId });
    const options = contest.options.map((option) => option.id as string);
    return accept(state, action, place(station.id), (agreed: Protocol) =>
      checkProtocol({ lines: agreed.lines, votes: agreed.votes, options }).map((finding) => finding.code),
    );
  }
  const checked = checkOffered(action.document, index);
  if (checked.kind === 'refuse') return refuse(checked.code, checked.params);
  const { protocol } = checked;
  return action.kind === 'enter'
    ? enter(state, { actor: action.actor, protocol, reason: action.reason }, place(protocol.stationId))
    : resolve(state, { actor: action.actor, protocol }, place(protocol.stationId));
}
