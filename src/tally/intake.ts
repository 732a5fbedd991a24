import { canonicalJson } from '../model/canonical-json.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { Contest, Election, Station } from '../model/election.ts';
import { fieldPath } from '../model/input-error.ts';
import { type Protocol, protocolSchema } from '../model/protocol.ts';
import { checkProtocol } from './protocol-checks.ts';
import { assertDefined } from '../law/assert.ts';

export type IntakeDecision =
  | {
      readonly kind: 'accept';
      readonly protocol: Protocol;
      readonly acknowledged: readonly string[];
      readonly reason: string | null;
    }
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'refuse';
      readonly code: MessageCode;
      readonly params: Readonly<Record<string, string | number>>;
      readonly stationId?: string;
      readonly contestId?: string;
    };

export interface ElectionIndex {
  readonly stations: ReadonlyMap<string, Station>;
  readonly contests: ReadonlyMap<string, Contest>;
}

/**
 * What `checkOffered` needs of the election: each station's contests and each contest's options. An `ElectionIndex` is
 * one; the thread that checks an import's protocols rebuilds one from `compactOfferIndex` (intake-preparation.ts).
 */
export interface OfferIndex {
  readonly stations: ReadonlyMap<string, { readonly id: string; readonly contests: readonly string[] }>;
  readonly contests: ReadonlyMap<string, { readonly id: string; readonly options: readonly { readonly id: string }[] }>;
}

/** An `OfferIndex` as plain arrays, to be posted to a worker thread without the rest of the definition. */
export interface CompactOfferIndex {
  readonly stations: readonly (readonly [string, readonly string[]])[];
  readonly contests: readonly (readonly [string, readonly string[]])[];
}

export function compactOfferIndex(index: OfferIndex): CompactOfferIndex {
  return {
    stations: [...index.stations.values()].map((station) => [station.id, station.contests]),
    contests: [...index.contests.values()].map((contest) => [contest.id, contest.options.map((option) => option.id)]),
  };
}

export function offerIndexOf(compact: CompactOfferIndex): OfferIndex {
  return {
    stations: new Map(compact.stations.map(([id, contests]) => [id, { id, contests }])),
    contests: new Map(compact.contests.map(([id, options]) => [id, { id, options: options.map((o) => ({ id: o })) }])),
  };
}

const indexes = new WeakMap<Election, ElectionIndex>();

/**
 * The election's stations and contests by id, made once per election object: a loaded definition never changes, and
 * on the national election the maps cost milliseconds that one protocol's intake or entry would otherwise pay again.
 */
export function indexElection(election: Election): ElectionIndex {
  let index = indexes.get(election);
  if (index === undefined) {
    index = {
      stations: new Map(election.stations.map((s) => [s.id as string, s])),
      contests: new Map(election.contests.map((c) => [c.id as string, c])),
    };
    indexes.set(election, index);
  }
  return index;
}

export type IntakeRefusal = Extract<IntakeDecision, { kind: 'refuse' }>;

/** A protocol that passed every check of `checkOffered`, with the warnings its acceptance acknowledges. */
export interface CheckedProtocol {
  readonly kind: 'checked';
  readonly protocol: Protocol;
  readonly warnings: readonly string[];
}

/**
 * What every protocol offered must pass, whoever offers it (docs/tabulation.md, "Intake"):
 * schema, references and every control relation (errors refuse; warnings are returned to be
 * acknowledged). Versions are the caller's: an import compares with the accepted protocol, double entry with its own
 * state.
 */
export function checkOffered(document: unknown, index: OfferIndex): IntakeRefusal | CheckedProtocol {
  const parsed = protocolSchema.safeParse(document);
  if (!parsed.success) {
    const issue = assertDefined(parsed.error.issues[0]);
    const raw = document as { stationId?: unknown; contestId?: unknown } | null;
    return {
      kind: 'refuse',
      code: 'PROTOCOL_MALFORMED',
      params: { detail: `${fieldPath(issue.path)}: ${issue.message}` },
      ...(typeof raw?.stationId === 'string' ? { stationId: raw.stationId } : {}),
      ...(typeof raw?.contestId === 'string' ? { contestId: raw.contestId } : {}),
    };
  }
  const protocol = parsed.data;
  const where = { stationId: protocol.stationId, contestId: protocol.contestId };
  const station = index.stations.get(protocol.stationId);
  const contest = index.contests.get(protocol.contestId);
  if (station === undefined)
    return { kind: 'refuse', code: 'DATASET_UNKNOWN_REFERENCE', params: { id: protocol.stationId }, ...where };
  if (contest === undefined)
    return { kind: 'refuse', code: 'DATASET_UNKNOWN_REFERENCE', params: { id: protocol.contestId }, ...where };
  if (!station.contests.includes(contest.id))
    return {
      kind: 'refuse',
      code: 'DATASET_CONTEST_NOT_AT_STATION',
      params: { station: station.id, contest: contest.id },
      ...where,
    };
  const findings = checkProtocol({
    lines: protocol.lines,
    votes: protocol.votes,
    options: contest.options.map((option) => option.id),
  });
  const error = findings.find((finding) => finding.severity === 'error');
  if (error !== undefined)
    return {
      kind: 'refuse',
      code: error.code,
      params: { option: error.optionId ?? '', lines: error.lines.join(', ') },
      ...where,
    };
  return { kind: 'checked', protocol, warnings: findings.map((finding) => finding.code) };
}

/**
 * Whether a protocol offered for import is accepted, already there, or refused and why
 * (docs/tabulation.md, "Intake"): the checks of `checkOffered`, then versions — the same version again is harmless, an
 * older one or the same version with other content is refused, and a new one must follow double
 * entry's rule (docs/tabulation.md, "Versions"): version 1 first, then exactly one more than the
 * accepted one, so that no import can jump to a version after which nothing could correct it.
 */
export function decideIntake(
  document: unknown,
  index: OfferIndex,
  current: { readonly version: number; readonly content: string } | undefined,
): IntakeDecision {
  return decideVersion(checkOffered(document, index), current);
}

/** The second half of `decideIntake`: a protocol already checked (or refused) against the version accepted now. */
export function decideVersion(
  checked: IntakeRefusal | CheckedProtocol,
  current: { readonly version: number; readonly content: string } | undefined,
): IntakeDecision {
  if (checked.kind === 'refuse') return checked;
  const { protocol } = checked;
  const where = { stationId: protocol.stationId, contestId: protocol.contestId };
  if (current !== undefined && protocol.version === current.version) {
    return canonicalJson(protocol) === current.content
      ? { kind: 'unchanged' }
      : { kind: 'refuse', code: 'PROTOCOL_VERSION_CONFLICT', params: { version: protocol.version }, ...where };
  }
  const expected = (current?.version ?? 0) + 1;
  if (current !== undefined && protocol.version < current.version)
    return {
      kind: 'refuse',
      code: 'PROTOCOL_STALE_VERSION',
      params: { version: protocol.version, current: current.version },
      ...where,
    };
  if (protocol.version !== expected)
    return {
      kind: 'refuse',
      code: 'ENTRY_WRONG_VERSION',
      params: { version: protocol.version, current: current?.version ?? 0, expected },
      ...where,
    };
  return {
    kind: 'accept',
    protocol,
    acknowledged: checked.warnings,
    reason: current === undefined ? null : `version ${protocol.version} replaces ${current.version} (import)`,
  };
}
