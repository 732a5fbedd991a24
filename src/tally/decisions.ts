/**
 * Decisions the journal records besides protocols (SPEC §2.2, §2.4, §2.8): drawn orders settling
 * ties, approvals of summaries that establish a result, certification of a body's results.
 */
export interface Decisions {
  /** contestId → the drawn order, earliest first. */
  readonly lots: ReadonlyMap<string, readonly string[]>;
  /** contestId → SHA-256 of the summary its establishing commission approved. */
  readonly approvals: ReadonlyMap<string, string>;
  /** Bodies whose results the CEC certified. */
  readonly certified: ReadonlySet<string>;
}

export const NO_DECISIONS: Decisions = { lots: new Map(), approvals: new Map(), certified: new Set() };

/** Decisions as stored in the `decisions` projection: one row per key. */
export function decisionsFromRows(rows: ReadonlyMap<string, string>): Decisions {
  const lots = new Map<string, string[]>();
  const approvals = new Map<string, string>();
  const certified = new Set<string>();
  for (const [key, value] of rows) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'lots') lots.set(id, JSON.parse(value) as string[]);
    else if (kind === 'approved') approvals.set(id, value);
    else if (kind === 'certified') certified.add(id);
  }
  return { lots, approvals, certified };
}
