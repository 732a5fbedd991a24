import { gunzipSync, gzipSync } from 'node:zlib';
import { eventHashOfText, GENESIS, type SealedEvent } from '../journal/event.ts';
import { actDigestOfText, type ActScope, actScopeOf, isCanonicalSignature, isUtcInstant } from '../journal/act.ts';
import { parseJournalEvent, malformedProblem } from '../journal/parse-event.ts';
import { applyEvent, emptyProjection, type ProjectionState } from '../journal/projection.ts';
import { SignatureChecker, type SignedItem } from '../journal/verify-signatures.ts';
import { assertDefined } from '../law/assert.ts';
import type { Election } from '../model/election.ts';
import {
  chainProblem,
  digestRows,
  firstDifference,
  type JournalFinding,
  type ProjectionRows,
  type ProjectionTable,
  rowsOfState,
  rowsOfTables,
  signerKey,
  stateOfRows,
  StreamedProtocolsDigest,
} from './integrity-rules.ts';
import { type ChainHead, type JournalRow, PROJECTION_TABLES, type Store, type StoreWriter } from './store.ts';
import { replaceProjections } from './projection-writes.ts';
import { StoreError } from './store-error.ts';
import { journalActScope } from './act-scope.ts';
import { ELECTION_DAY_SCHEMA } from './schema.ts';

// The check on open (docs/tabulation.md, "Integrity on open"): the journal's chain and signatures
// from the last checkpoint on, and every projection against what replaying the journal gives.

/** Where the last successful check ended: the entry it reached and a digest of each projection table there. */
const CHECKPOINT_META = 'integrity-checkpoint';
/** The projections at the checkpoint, compressed: what a replay goes on from without reading the journal before it. */
const SNAPSHOT_META = 'integrity-snapshot';
const PAGE = 5000;

interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly digests: Record<ProjectionTable, string>;
}

export interface IntegrityReport {
  /** The journal head the store was found intact at. */
  readonly head: ChainHead;
  /** The seq the chain was checked from: 0 from scratch, else the checkpoint's. */
  readonly from: number;
  /** Journal entries read and checked (the checkpoint's own entry not counted). */
  readonly eventsChecked: number;
}

export type IntegrityProgress = (done: number, total: number) => void;

const journalDamage = ({ seq, problem }: JournalFinding): StoreError =>
  new StoreError('STORE_INTEGRITY_JOURNAL', { seq, problem });

/**
 * Checks a store before it is served, exported or reported on: the journal after the checkpoint —
 * every seq in place, each `prev` the hash before, each hash recomputed, each signature valid
 * against its actor's registered key — `journal_head` the last entry, and every projection table
 * equal to the replay. Throws a StoreError naming the first bad entry (seq, or table and key);
 * on success moves the checkpoint to the head. `full` ignores the checkpoint.
 */
export async function checkIntegrity({
  store,
  definition,
  full = false,
  onProgress,
}: {
  store: Store;
  definition: Election;
  full?: boolean;
  onProgress?: IntegrityProgress;
}): Promise<IntegrityReport> {
  const checkpoint = full ? null : await readCheckpoint(store);
  if (checkpoint === null)
    return checkFrom(
      store,
      definition,
      { seq: 0, hash: GENESIS, state: () => Promise.resolve(emptyProjection()) },
      null,
      onProgress,
    );
  await checkAnchor(store, checkpoint);
  try {
    return await checkFrom(
      store,
      definition,
      {
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        state: async () => stateOfRows(await readSnapshot(store, checkpoint)),
      },
      checkpoint,
      onProgress,
    );
  } catch (error) {
    // A checkpoint that does not agree with itself is no evidence either way: check everything.
    if (error instanceof UnusableCheckpoint)
      return checkFrom(
        store,
        definition,
        { seq: 0, hash: GENESIS, state: () => Promise.resolve(emptyProjection()) },
        null,
        onProgress,
      );
    throw error;
  }
}

/**
 * `saylau rebuild`: the journal checked from scratch (a damaged journal is not rebuilt from), then
 * every projection replaced by its replay and the checkpoint moved to the head — the repair for
 * projection tables edited or damaged outside saylau.
 */
export async function rebuildFromJournal({
  store,
  definition,
  onProgress,
}: {
  store: Store;
  definition: Election;
  onProgress?: IntegrityProgress;
}): Promise<IntegrityReport> {
  const replay = new JournalReplay(0, GENESIS, () => Promise.resolve(emptyProjection()), definition);
  await replay.readAll(store, onProgress);
  // Signatures too, before the lock is taken.
  await replay.flushSignatures();
  return store.write(async (writer) => {
    const head = await writer.head();
    await replay.readAll(store);
    await checkJournalEnd(store, replay, head, 0);
    const state = await replay.state();
    await replaceProjections(writer, state);
    await writeCheckpoint(writer, replay, rowsOfState(state));
    return { head, from: 0, eventsChecked: replay.checked };
  });
}

class UnusableCheckpoint extends Error {}

/** The hash of an event's content as stored; its payload text is hashed as it is, not serialised again. */
function recomputedHash(event: SealedEvent, row: JournalRow): string {
  return eventHashOfText(event, row.payload);
}

/**
 * The chain from `start` to the head, then — under the chain-head lock, so that no write lands in between — the
 * projections.
 */
async function checkFrom(
  store: Store,
  definition: Election,
  start: { seq: number; hash: string; state: () => Promise<ProjectionState> },
  checkpoint: Checkpoint | null,
  onProgress?: IntegrityProgress,
): Promise<IntegrityReport> {
  const replay = new JournalReplay(start.seq, start.hash, start.state, definition);
  // The long part — hashes and signatures — without the lock, so that writers are not held up by it.
  await replay.readAll(store, onProgress);
  // Signatures too, before the lock is taken.
  await replay.flushSignatures();
  return store.write(async (writer) => {
    const head = await writer.head();
    await replay.readAll(store);
    await checkJournalEnd(store, replay, head, start.seq);
    // Nothing appended since the checkpoint: the tables must be as they were then.
    if (checkpoint !== null && replay.checked === 0 && (await unchangedSince(store, checkpoint)))
      return { head, from: start.seq, eventsChecked: 0 };
    const actual = await readProjections(store);
    const expected = rowsOfState(await replay.state());
    const difference = firstDifference(expected, actual);
    if (difference !== null)
      throw new StoreError('STORE_INTEGRITY_PROJECTION', { table: difference.table, key: difference.key });
    if (replay.checked > 0 || checkpoint === null) await writeCheckpoint(writer, replay, expected);
    return { head, from: start.seq, eventsChecked: replay.checked };
  });
}

/** The checkpoint's own entry must still be in the journal, with the hash it had and content that hashes to it. */
async function checkAnchor(store: Store, checkpoint: Checkpoint): Promise<void> {
  if (checkpoint.seq === 0) return;
  const [row] = await store.journalRowsAfter(checkpoint.seq - 1, 1);
  // Its content is hashed from the stored text, not parsed: whether it changed is the question here.
  const anchor = row === undefined ? undefined : { ...row, seq: Number(row.seq) };
  if (row === undefined || anchor?.seq !== checkpoint.seq)
    throw journalDamage({
      seq: checkpoint.seq,
      problem: 'missing from the journal (the entry the last check ended at)',
    });
  if (anchor.hash !== checkpoint.hash || recomputedHash(anchor, row) !== anchor.hash)
    throw journalDamage({ seq: checkpoint.seq, problem: 'changed since the last check ended at it' });
}

/**
 * The journal ends where `journal_head` says, and holds as many entries as the head's seq: a row
 * deleted before the checkpoint leaves a gap the incremental reading does not pass through.
 */
async function checkJournalEnd(store: Store, replay: JournalReplay, head: ChainHead, from: number): Promise<void> {
  await replay.flushSignatures();
  if (head.seq !== replay.seq || head.hash !== replay.hash)
    throw new StoreError('STORE_INTEGRITY_HEAD', { head: head.seq, seq: replay.seq });
  if (from === 0 || (await store.eventCount()) === head.seq) return;
  // Rarely here, so the whole journal is read to name the gap.
  for (let expected = 1; expected <= head.seq;) {
    const page = (await store.journalRowsAfter(expected - 1, PAGE)).map((row) => ({ seq: Number(row.seq) }));
    for (const event of page) {
      if (event.seq !== expected) throw journalDamage({ seq: expected, problem: 'missing from the journal' });
      expected += 1;
    }
    if (page.length === 0) break;
  }
  throw journalDamage({ seq: from, problem: 'entries before this one were added or removed' });
}

/**
 * Whether every projection table has the digest the checkpoint gave it: the protocols, the one table that grows with
 * the stations, digested as they are read rather than held (docs/scale.md, "What a start holds").
 */
async function unchangedSince(store: Store, checkpoint: Checkpoint): Promise<boolean> {
  const protocols = new StreamedProtocolsDigest();
  await store.eachProtocol((row) => protocols.add(row));
  // Rows that did not come in key order give no digest, and the tables are then compared whole.
  const streamed = protocols.digest();
  if (streamed === null) return false;
  const digests = { ...digestRows(await readProjections(store, { protocols: false })), protocols: streamed };
  return PROJECTION_TABLES.every((table) => digests[table] === checkpoint.digests[table]);
}

async function readProjections(store: Store, { protocols = true } = {}): Promise<ProjectionRows> {
  return rowsOfTables({
    keys: await store.keys(),
    protocols: protocols ? await store.allProtocols() : [],
    totals: await store.storedText('contest_totals'),
    entries: await store.storedText('protocol_entries'),
    decisions: await store.storedText('decisions'),
    registry: await store.storedText('registry'),
    // A database a version before the table (docs/tabulation.md, "Schema versions") holds no records of the day.
    electionDay:
      (await store.schemaVersion()) >= ELECTION_DAY_SCHEMA ? await store.storedText('election_day') : new Map(),
  });
}

/**
 * The journal read forward from a known entry, page by page: each event checked as a link of the
 * chain and applied to the projection state; signatures collected and checked in bulk, so that
 * the first bad entry named is the lowest whichever check finds it.
 */
class JournalReplay {
  checked = 0;
  private loaded: ProjectionState | undefined;
  private readonly signatures = new SignatureChecker();
  /** The signatures of the page being read, given to the checker when it is done. */
  private batch: SignedItem[] = [];
  /** What every act of the journal binds: its election, and its first event's journal id. */
  private scope: ActScope | undefined;

  constructor(
    public seq: number,
    public hash: string,
    private readonly load: () => Promise<ProjectionState>,
    private readonly definition: Election,
  ) {}

  async state(): Promise<ProjectionState> {
    this.loaded ??= await this.load();
    return this.loaded;
  }

  async readAll(store: Store, onProgress?: IntegrityProgress): Promise<void> {
    const total = onProgress === undefined ? 0 : Math.max(0, (await store.journalHead()).seq - this.seq);
    const first = this.seq;
    for (;;) {
      const page = await store.journalRowsAfter(this.seq, PAGE);
      if (page.length === 0) return;
      // Read from a checkpoint on, the journal's id is the first event's, read once when there is an act to check. The
      // incremental check trusts what lies before its checkpoint, this row too: an id changed there fails the acts
      // signed before the change, not those signed after it; the full check and `verify` hash the first event as a link
      // of the chain, and a browser key signs in the journal it first signed in only.
      if (this.seq > 0) this.scope ??= await journalActScope(store, this.definition.event.id);
      const state = await this.state();
      for (const row of page) await this.apply(row, state);
      // Checked on the other core while the next page is hashed and replayed.
      this.signatures.add(this.batch);
      this.batch = [];
      onProgress?.(Math.min(total, this.seq - first), total);
      if (page.length < PAGE) return;
    }
  }

  private async apply(row: JournalRow, state: ProjectionState): Promise<void> {
    let sealed: SealedEvent;
    try {
      sealed = { ...row, seq: Number(row.seq), payload: JSON.parse(row.payload) as unknown };
    } catch {
      return this.fail({ seq: this.seq + 1, problem: 'payload is not JSON' });
    }
    const problem = chainProblem(sealed, { seq: this.seq + 1, prev: this.hash }, recomputedHash(sealed, row));
    if (problem !== null) return this.fail(problem);
    // Only a link of the chain is parsed, so that an edited row is named as changed content.
    const parsed = parseJournalEvent(sealed);
    if (!parsed.ok) return this.fail({ seq: sealed.seq, problem: malformedProblem(parsed.error) });
    const event = parsed.value;
    if (event.seq === 1) this.scope = actScopeOf(this.definition.event.id, event);
    else if (event.type === 'key-registered' && event.payload.journal !== undefined)
      return this.fail({ seq: event.seq, problem: "a journal id outside the first entry's key registration" });
    const publicKey = signerKey(event, state.keys);
    if (publicKey === undefined) return this.fail({ seq: event.seq, problem: 'signed by a key never registered' });
    // Revoked from the revocation's place in the journal on, whatever time an act claims (docs/keys.md, "Revocation").
    if (state.decisions.has(`revoked:${event.actor}`))
      return this.fail({ seq: event.seq, problem: 'signed by a key revoked earlier in the journal' });
    if (!isUtcInstant(event.at)) return this.fail({ seq: event.seq, problem: 'its time is not an ISO instant in UTC' });
    if (!isCanonicalSignature(event.signature))
      return this.fail({ seq: event.seq, problem: 'its signature is not canonical base64url' });
    try {
      applyEvent(state, event, this.definition);
    } catch {
      return this.fail({ seq: event.seq, problem: 'cannot be replayed' });
    }
    this.seq = event.seq;
    this.hash = event.hash;
    this.checked += 1;
    // The author signed the act, not its place in the chain (docs/keys.md, "What a signature covers").
    const digest = actDigestOfText(assertDefined(this.scope), event, row.payload);
    this.batch.push({ seq: event.seq, hash: digest, signature: event.signature, publicKey });
  }

  /** A bad signature before `finding` is the first bad entry; else `finding` is. */
  private async fail(finding: JournalFinding): Promise<never> {
    this.signatures.add(this.batch);
    this.batch = [];
    await this.flushSignatures();
    throw journalDamage(finding);
  }

  /** Waits for every signature given so far; the workers end with it, and start again if more come. */
  async flushSignatures(): Promise<void> {
    try {
      const bad = await this.signatures.firstBad();
      if (bad !== null) throw journalDamage({ seq: bad, problem: 'signature does not verify' });
    } finally {
      await this.signatures.close();
    }
  }
}

async function readCheckpoint(store: Store): Promise<Checkpoint | null> {
  const text = await store.meta(CHECKPOINT_META);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<Checkpoint>;
    if (typeof parsed.seq === 'number' && typeof parsed.hash === 'string' && typeof parsed.digests === 'object')
      return parsed as Checkpoint;
  } catch {
    // Unreadable: as if there were none, so the check starts from scratch.
  }
  return null;
}

/** The snapshot kept with the checkpoint, refused unless it is of the same entry and has the checkpoint's digests. */
async function readSnapshot(store: Store, checkpoint: Checkpoint): Promise<ProjectionRows> {
  const text = await store.meta(SNAPSHOT_META);
  if (text === null) throw new UnusableCheckpoint();
  let rows: ProjectionRows;
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as {
      seq: number;
      hash: string;
      rows: Record<ProjectionTable, [string, string][]>;
    };
    if (parsed.seq !== checkpoint.seq || parsed.hash !== checkpoint.hash) throw new UnusableCheckpoint();
    rows = Object.fromEntries(PROJECTION_TABLES.map((table) => [table, new Map(parsed.rows[table])])) as ProjectionRows;
  } catch {
    throw new UnusableCheckpoint();
  }
  const digests = digestRows(rows);
  if (!PROJECTION_TABLES.every((table) => digests[table] === checkpoint.digests[table])) throw new UnusableCheckpoint();
  return rows;
}

async function writeCheckpoint(writer: StoreWriter, replay: JournalReplay, rows: ProjectionRows): Promise<void> {
  const checkpoint: Checkpoint = { seq: replay.seq, hash: replay.hash, digests: digestRows(rows) };
  const snapshot = JSON.stringify({
    seq: replay.seq,
    hash: replay.hash,
    rows: Object.fromEntries(PROJECTION_TABLES.map((table) => [table, [...rows[table]]])),
  });
  // Level 1: the national snapshot goes from about 32 MB to 4.5 MB in a fraction of a second.
  await writer.setMeta(SNAPSHOT_META, gzipSync(snapshot, { level: 1 }).toString('base64'));
  await writer.setMeta(CHECKPOINT_META, JSON.stringify(checkpoint));
}
