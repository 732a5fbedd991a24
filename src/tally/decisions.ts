/**
 * Decisions the journal records besides protocols (docs/tabulation.md): drawn orders settling ties,
 * approvals of summaries that establish a result, certification of a body's results.
 */
export interface Decisions {
  /** contestId → the drawn order, earliest first. */
  readonly lots: ReadonlyMap<string, readonly string[]>;
  /** contestId → SHA-256 of the summary its establishing commission approved. */
  readonly approvals: ReadonlyMap<string, string>;
  /** Bodies whose results the CEC certified. */
  readonly certified: ReadonlySet<string>;
  /** `contestId@commissionId` → SHA-256 of a lower commission's approved summary of its part. */
  readonly partApprovals: ReadonlyMap<string, string>;
  /** fingerprint → the revocation of a signing key (docs/keys.md, "Revocation"). */
  readonly revoked: ReadonlyMap<string, Revocation>;
  /** `<station> <contest>` of every station result annulled by a decision on a complaint (docs/law.md §10.3). */
  readonly annulled: ReadonlySet<string>;
}

/**
 * A key revoked: every act it signs after `seq`, the revocation's place in the journal, is refused; `voidFrom` marks
 * the acts before it that are suspect (docs/keys.md, "Revocation").
 */
export interface Revocation {
  readonly voidFrom: string;
  readonly seq: number;
}

export const NO_DECISIONS: Decisions = {
  lots: new Map(),
  approvals: new Map(),
  certified: new Set(),
  partApprovals: new Map(),
  revoked: new Map(),
  annulled: new Set(),
};

/** The decision key of a summary approval: the contest, and the commission when it is not the establishing one. */
export function approvalKey(contestId: string, commissionId: string, establishing: string): string {
  return commissionId === establishing ? `approved:${contestId}` : `approved:${contestId}@${commissionId}`;
}

/** Decisions as stored in the `decisions` projection: one row per key. */
export function decisionsFromRows(rows: ReadonlyMap<string, string>): Decisions {
  const lots = new Map<string, string[]>();
  const approvals = new Map<string, string>();
  const certified = new Set<string>();
  const partApprovals = new Map<string, string>();
  const revoked = new Map<string, Revocation>();
  const annulled = new Set<string>();
  for (const [key, value] of rows) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'lots') lots.set(id, JSON.parse(value) as string[]);
    else if (kind === 'approved' && id.includes('@')) partApprovals.set(id, value);
    else if (kind === 'approved') approvals.set(id, value);
    else if (kind === 'certified') certified.add(id);
    else if (kind === 'revoked') revoked.set(id, JSON.parse(value) as Revocation);
    else if (kind === 'annulled') annulled.add(id);
  }
  return { lots, approvals, certified, partApprovals, revoked, annulled };
}
