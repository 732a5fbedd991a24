import { createHash } from 'node:crypto';
import type { SealedEvent } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { emptyProjection, type ProjectedKey, type ProjectionState } from '../journal/projection.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import { contestTotalsTable, type KeyText, protocolEntriesTable, registryTable } from './rows.ts';
import { PROJECTION_TABLES, type RegisteredKey, type StoredProtocol } from './store.ts';

// The comparisons of the integrity check on open (docs/tabulation.md, "Integrity on open"),
// apart from any reading or writing: what the journal and the projections must look like.

export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

/** Each projection table as key → one text per row: the form that is compared, digested and kept in a checkpoint. */
export type ProjectionRows = Record<ProjectionTable, Map<string, string>>;

/** The first entry of the journal that is not what was signed, or not in its place. */
export interface JournalFinding {
  readonly seq: number;
  readonly problem: string;
}

/** The first row of a projection that is not what replaying the journal gives. */
export interface ProjectionFinding {
  readonly table: ProjectionTable;
  readonly key: string;
}

/**
 * Why an event read back from the store is not the next link of the chain: a gap (a deleted row),
 * a `prev` that is not the hash before it, or content that no longer hashes to its `hash`
 * (`recomputed`, from the stored text: src/journal/event.ts). The signature is checked apart, in
 * bulk (src/journal/verify-signatures.ts).
 */
export function chainProblem(
  event: SealedEvent,
  expected: { readonly seq: number; readonly prev: string },
  recomputed: string,
): JournalFinding | null {
  if (event.seq !== expected.seq)
    return { seq: expected.seq, problem: event.seq > expected.seq ? 'missing from the journal' : 'out of order' };
  if (event.prev !== expected.prev) return { seq: event.seq, problem: 'prev is not the hash of the entry before' };
  return recomputed === event.hash ? null : { seq: event.seq, problem: 'content does not match its hash' };
}

/**
 * The public key an event's signature must verify against: the key registered for its actor
 * before it — or, for the first entry only, the CEC key that entry registers (the trust root).
 */
export function signerKey(event: JournalEvent, keys: ReadonlyMap<string, ProjectedKey>): string | undefined {
  const registered = keys.get(event.actor)?.publicKey;
  if (registered !== undefined || event.seq !== 1 || event.type !== 'key-registered') return registered;
  return event.payload.fingerprint === event.actor ? event.payload.publicKey : undefined;
}

/**
 * JSON text in canonical form, so that key order never counts as a difference; text that is not JSON stays unlike any
 * JSON.
 */
function canonicalText(text: string): string {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return `!${text}`;
  }
}

const protocolText = (row: { version: number; eventSeq: number; content: string }): string =>
  `${row.version}\t${row.eventSeq}\t${row.content}`;
const keyText = (row: { holder: string; role: string; publicKey: string; commission: string | null }): string =>
  canonicalJson({ holder: row.holder, role: row.role, publicKey: row.publicKey, commission: row.commission });

/** What replaying the journal gives, as the rows `replaceProjections` would write. */
export function rowsOfState(state: ProjectionState): ProjectionRows {
  const registry = registryTable.texts(state.registry, 'all');
  return {
    signing_keys: new Map([...state.keys.values()].map((key) => [key.fingerprint, keyText(key)])),
    protocols: new Map([...state.protocols].map(([key, row]) => [key, protocolText(row)])),
    contest_totals: new Map(
      [...state.totals].map(([id, totals]) => [id, canonicalText(contestTotalsTable.text(totals))]),
    ),
    protocol_entries: new Map(
      [...state.entries]
        .filter((entry): entry is [string, PendingEntry] => entry[1] !== undefined)
        .map(([key, pending]) => [key, canonicalText(protocolEntriesTable.text(pending))]),
    ),
    decisions: new Map(state.decisions),
    registry: new Map([...registry].map(([key, value]) => [key, canonicalText(value)])),
    election_day: new Map(state.dayRecords),
  };
}

/** What the store holds, read table by table, in the same form; the text tables as stored (`Store.storedText`). */
export function rowsOfTables(tables: {
  readonly keys: readonly RegisteredKey[];
  readonly protocols: readonly StoredProtocol[];
  readonly totals: ReadonlyMap<string, string>;
  readonly entries: ReadonlyMap<string, string>;
  readonly decisions: ReadonlyMap<string, string>;
  readonly registry: ReadonlyMap<string, string>;
  readonly electionDay: ReadonlyMap<string, string>;
}): ProjectionRows {
  const canonical = (rows: ReadonlyMap<string, string>): Map<string, string> =>
    new Map([...rows].map(([key, text]) => [key, canonicalText(text)]));
  return {
    signing_keys: new Map(tables.keys.map((key) => [key.fingerprint, keyText(key)])),
    protocols: new Map(tables.protocols.map((row) => [`${row.stationId} ${row.contestId}`, protocolText(row)])),
    contest_totals: canonical(tables.totals),
    protocol_entries: canonical(tables.entries),
    decisions: new Map(tables.decisions),
    registry: canonical(tables.registry),
    election_day: canonical(tables.electionDay),
  };
}

/** The projection state rows stand for, so that a replay can go on from a checkpoint. */
export function stateOfRows(rows: ProjectionRows): ProjectionState {
  const state = { ...emptyProjection(), registry: registryTable.decodeAll(keyTexts(rows.registry)) };
  for (const [fingerprint, text] of rows.signing_keys)
    state.keys.set(fingerprint, { fingerprint, ...(JSON.parse(text) as Omit<ProjectedKey, 'fingerprint'>) });
  for (const [key, text] of rows.protocols) {
    const [version, eventSeq] = text.split('\t', 2) as [string, string];
    const [stationId, contestId] = key.split(' ') as [string, string];
    state.protocols.set(key, {
      stationId,
      contestId,
      version: Number(version),
      eventSeq: Number(eventSeq),
      content: text.slice(version.length + eventSeq.length + 2),
    });
  }
  for (const [id, totals] of contestTotalsTable.decodeAll(keyTexts(rows.contest_totals))) state.totals.set(id, totals);
  for (const [key, pending] of protocolEntriesTable.decodeAll(keyTexts(rows.protocol_entries)))
    state.entries.set(key, pending);
  for (const [key, value] of rows.decisions) state.decisions.set(key, value);
  for (const [key, value] of rows.election_day) state.dayRecords.set(key, value);
  return state;
}

const keyTexts = (rows: ReadonlyMap<string, string>): KeyText[] => Array.from(rows, ([key, value]) => ({ key, value }));

/**
 * The first row where `actual` differs from `expected` — in the order of PROJECTION_TABLES, then
 * of keys — whether changed, added or removed; null when they are the same.
 */
export function firstDifference(expected: ProjectionRows, actual: ProjectionRows): ProjectionFinding | null {
  for (const table of PROJECTION_TABLES) {
    const want = expected[table];
    const have = actual[table];
    let same = want.size === have.size;
    for (const [key, value] of want) {
      if (!same) break;
      same = have.get(key) === value;
    }
    if (same) continue;
    const keys = [...new Set([...want.keys(), ...have.keys()])].sort();
    const key = keys.find((candidate) => want.get(candidate) !== have.get(candidate));
    if (key !== undefined) return { table, key };
  }
  return null;
}

/**
 * `digestRows`'s digest of the protocols table made from its rows one at a time, as a store reads them in (station,
 * contest) order, without a map of the whole table: the rows must come in the order of their keys, and `digest` is
 * null when they did not (a key that sorts otherwise as one string than as two columns), for the caller to read them
 * the other way.
 */
export class StreamedProtocolsDigest {
  private readonly hash = createHash('sha256');
  private last: string | null = null;
  private inOrder = true;

  add(row: StoredProtocol): void {
    if (!this.inOrder) return;
    const key = `${row.stationId} ${row.contestId}`;
    if (this.last !== null && !(this.last < key)) {
      this.inOrder = false;
      return;
    }
    this.last = key;
    this.hash.update(key).update('\0').update(protocolText(row)).update('\0');
  }

  digest(): string | null {
    return this.inOrder ? this.hash.digest('hex') : null;
  }
}

/**
 * SHA-256 of each table's rows in key order: what a checkpoint keeps to notice a changed table without keeping it whole
 * in memory.
 */
export function digestRows(rows: ProjectionRows): Record<ProjectionTable, string> {
  const digests = {} as Record<ProjectionTable, string>;
  for (const table of PROJECTION_TABLES) {
    const hash = createHash('sha256');
    const map = rows[table];
    // Key and value are separated by NUL, which neither canonical JSON nor a protocol row contains.
    for (const key of [...map.keys()].sort())
      hash
        .update(key)
        .update('\0')
        .update(map.get(key) as string)
        .update('\0');
    digests[table] = hash.digest('hex');
  }
  return digests;
}
