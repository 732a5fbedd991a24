import { eventLineOfText, type SealedEvent } from '../journal/event.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { assertDefined } from '../law/assert.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, okValue, type Result } from '../model/result.ts';
import { StoreError } from '../store/store-error.ts';
import type { AppendHook, JournalRow, Store, StoredCheckpoint, StoreReader, StoreWriter } from '../store/store.ts';
import {
  encodeBase64,
  encodeEntryBundle,
  formatCheckpoint,
  type Hash,
  leafHashOfText,
  MerkleTree,
  signNote,
  tileBytes,
  type TileRef,
  tilePath,
  tileWidth,
} from '../tlog/index.ts';
import type { SigningKey } from '../journal/keys.ts';
import { append, type Clock, systemClock } from './journal-append.ts';
import { keySigner } from '../journal/act.ts';
import { cecAuthorOf } from './act-author.ts';
import { loadElection } from './election-service.ts';
import type { LogKey } from './transparency-log-key.ts';

// Serving the journal as a transparency log (docs/transparency-log.md, "Serving the log"): leaf i is the journal
// line of event seq i + 1; after every transaction that appends, a checkpoint of the new size is signed and stored
// in that same transaction, so that no acknowledged event is ever without a checkpoint that covers it, and a crash
// leaves both or neither. The tree itself is kept in memory, built from the journal when the log opens.

const PAGE = 5000;
const utf8 = new TextEncoder();
/**
 * The bytes of full entry bundles kept in memory, the most recently served. A bundle of protocols is about 150 kB, so
 * some hundred fit, and an observer or a witness reading the log from the start does not have the journal read again
 * for every request; the bound is in bytes, since a journal line may be up to 64 kB.
 */
const ENTRY_TILE_BYTES_KEPT = 16 * 1024 * 1024;

/**
 * An event's journal line from its row as stored, without parsing the payload: the keys in RFC 8785 order around
 * the payload text, which the integrity check has found canonical (it hashes that very text). The same bytes as
 * `eventLine` of the parsed event, which the tests check.
 */
export function journalLineOfRow(row: JournalRow): string {
  return eventLineOfText({ ...row, seq: Number(row.seq) }, row.payload);
}

export const hex = (hash: Hash): string => Buffer.from(hash).toString('hex');

type RowReads = Pick<StoreReader, 'journalRowsAfter'>;

/** The log's answer to GET /api/log. */
export interface LogState {
  readonly origin: string;
  readonly verifierKey: string;
  readonly checkpoint: StoredCheckpoint;
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Hash;
  readonly proof: readonly Hash[];
}

/**
 * The transparency log of one database in one process: the Merkle tree of the journal, and the signing of a
 * checkpoint before every commit that appends (an AppendHook on the store). Several processes may serve one
 * PostgreSQL database: each signs the checkpoints of its own appends, under the chain head's lock, and reads the
 * others' from the table, checking each root against its own tree before serving it.
 */
export class TransparencyLog implements AppendHook {
  private tree = new MerkleTree();
  /** False once a transaction that extended the tree rolled back: rebuilt from the journal at next use. */
  private valid = true;
  /** The verifier key the journal registers, as far as the tree has read it. */
  private registered: string | null = null;
  /** The largest stored checkpoint whose root this process compared with its own tree. */
  private checkedSize = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Full entry bundles by tile index, least recently served first (a Map keeps insertion order). */
  private readonly entryTiles = new Map<number, Uint8Array>();
  private entryTileBytes = 0;

  constructor(
    /** The log's key; without its signer (an observer's `saylau proof --db`), the log reads and never signs. */
    readonly key: Omit<LogKey, 'signer'> & { readonly signer?: LogKey['signer'] },
    private readonly clock: Clock = systemClock,
  ) {}

  get origin(): string {
    return this.key.origin;
  }

  get verifierKey(): string {
    return this.key.verifierKey;
  }

  /** The tree's size in this process (leaves read or appended so far). */
  get size(): number {
    return this.tree.size;
  }

  /** Sets this log as the store's append hook: from here on, every append in this process signs a checkpoint. */
  attach(store: Store): void {
    store.setAppendHook(this);
  }

  /** One tree operation at a time: a reader extending the tree must not interleave with a commit extending it. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Extends the tree with the journal's lines up to `size`, read through `reads` (a writer, a snapshot). A tree
   * already beyond `size` is left as it is: what a smaller tree is made of does not depend on later leaves.
   */
  private async extend(reads: RowReads, size: number): Promise<void> {
    if (!this.valid) {
      this.tree = new MerkleTree();
      this.registered = null;
      this.valid = true;
    }
    while (this.tree.size < size) {
      const rows = await reads.journalRowsAfter(this.tree.size, Math.min(PAGE, size - this.tree.size));
      if (rows.length === 0) throw new StoreError('LOG_JOURNAL_SHORTER', { size, seq: this.tree.size });
      for (const row of rows) {
        if (Number(row.seq) !== this.tree.size + 1)
          throw new StoreError('STORE_INTEGRITY_JOURNAL', {
            seq: this.tree.size + 1,
            problem: 'missing from the journal',
          });
        this.noteRegistration(row.type, () => JSON.parse(row.payload) as { verifierKey?: unknown });
        this.tree.append(leafHashOfText(journalLineOfRow(row)));
      }
    }
  }

  /** The first `log-key-registered` of the journal names the log's key; a later one changes nothing here. */
  private noteRegistration(type: string, payload: () => { verifierKey?: unknown }): void {
    if (type !== 'log-key-registered' || this.registered !== null) return;
    const key = payload().verifierKey;
    if (typeof key === 'string') this.registered = key;
  }

  /** Refuses to sign with a key the journal (up to the tree's size) does not register. */
  private checkRegistered(): void {
    if (this.registered !== this.key.verifierKey)
      throw new StoreError('LOG_KEY_NOT_REGISTERED', { key: this.key.verifierKey }, 'logKey');
  }

  /** The checkpoint of `size` (the tree's size), signed and stored unless it is already, with the same root. */
  private async sign(writer: StoreWriter, size: number): Promise<StoredCheckpoint> {
    const root = this.tree.root(size);
    const existing = await writer.checkpointAt(size);
    if (existing !== null) {
      if (existing.root !== hex(root)) throw new StoreError('LOG_ROOT_CONFLICT', { size });
      return existing;
    }
    this.checkRegistered();
    const signer = this.key.signer;
    if (signer === undefined) throw new StoreError('LOG_KEY_MISSING', { path: this.origin }, 'logKey');
    const body = formatCheckpoint({ origin: this.origin, size, root, extensions: [] });
    const note = okValue(signNote(body, [signer]));
    const row: StoredCheckpoint = { size, root: hex(root), note, signedAt: this.clock() };
    await writer.putCheckpoint(row);
    this.checkedSize = Math.max(this.checkedSize, size);
    return row;
  }

  beforeCommit(writer: StoreWriter, appended: readonly SealedEvent[]): Promise<void> {
    return this.exclusive(async () => {
      const first = assertDefined(appended[0]).seq;
      // Leaves beyond the committed head can only be a rolled-back transaction's: the tree is read again.
      if (this.tree.size > first - 1) this.valid = false;
      await this.extend(writer, first - 1);
      for (const event of appended) {
        this.noteRegistration(event.type, () => event.payload as { verifierKey?: unknown });
        this.tree.append(leafHashOfText(eventLineOfText(event, canonicalJson(event.payload))));
      }
      await this.sign(writer, this.tree.size);
    });
  }

  rolledBack(): void {
    this.valid = false;
  }

  /**
   * What a server does when it opens: the tree built from the whole journal (without the chain head's lock, then
   * the rest under it), the latest stored checkpoint compared with it, and a checkpoint signed for the head if it
   * has none — appends made by a process without the log key, or before the log existed. Throws LOG_ROOT_CONFLICT
   * when the journal no longer gives the root the log signed.
   */
  async open(store: Store): Promise<StoredCheckpoint | null> {
    await store.snapshot((reader) => this.exclusive(async () => this.extend(reader, (await reader.journalHead()).seq)));
    return store.write(async (writer) => {
      const head = await writer.head();
      return this.exclusive(async () => {
        await this.extend(writer, head.seq);
        const latest = await writer.latestCheckpoint();
        if (latest !== null) this.compare(latest);
        if (head.seq === 0 || latest?.size === head.seq) return latest;
        return this.sign(writer, head.seq);
      });
    });
  }

  /** A stored checkpoint must have the root `tree` (this process's) gives for its size. */
  private compare(checkpoint: StoredCheckpoint, tree: MerkleTree = this.tree): void {
    if (checkpoint.size > tree.size)
      throw new StoreError('LOG_JOURNAL_SHORTER', { size: checkpoint.size, seq: tree.size });
    if (hex(tree.root(checkpoint.size)) !== checkpoint.root)
      throw new StoreError('LOG_ROOT_CONFLICT', { size: checkpoint.size });
    this.checkedSize = Math.max(this.checkedSize, checkpoint.size);
  }

  /**
   * The latest checkpoint, with a tree that holds it and whose root for it was checked, then `work` over both. What
   * every route of the log answers from, so tiles and proofs always belong to a signed tree.
   *
   * A reader holds no database connection while it waits, and waits only when the tree is behind (docs/transparency-
   * log.md, "Serving the log"). The checkpoint is read in a snapshot of its own, which sees committed rows only (on
   * SQLite, whose one connection a write transaction shares, the snapshot waits for that transaction's end): a
   * checkpoint a transaction then rolls back is never served. The lines it covers were committed with it and never
   * change, so they are read without a snapshot; and the tree only grows, so the tree object taken here keeps those
   * leaves even if a rolled-back transaction has the log read the journal again meanwhile. Only a tree behind the
   * checkpoint (another node appended, or a rollback) is extended, in the tree's turn, one page per query.
   */
  async read<T>(
    store: Store,
    work: (checkpoint: StoredCheckpoint, reader: RowReads, tree: MerkleTree) => Promise<T>,
  ): Promise<T> {
    const latest = await store.snapshot((reader) => reader.latestCheckpoint());
    if (latest === null) throw new StoreError('LOG_EMPTY');
    const tree =
      this.valid && this.tree.size >= latest.size
        ? this.tree
        : await this.exclusive(async () => {
            await this.extend(store, latest.size);
            return this.tree;
          });
    if (latest.size > this.checkedSize) this.compare(latest, tree);
    return work(latest, store, tree);
  }

  state(store: Store): Promise<LogState> {
    return this.read(store, (checkpoint) =>
      Promise.resolve({ origin: this.origin, verifierKey: this.verifierKey, checkpoint }),
    );
  }

  /**
   * The bytes of a tile of the current signed tree: a hash tile from the tree, an entry bundle from the journal's
   * lines. A tile the signed tree does not (yet) hold is LOG_TILE_NOT_FOUND; a partial tile narrower than the
   * tree's is served (it is a prefix of the tile, the same bytes whichever checkpoint named it).
   */
  tile(store: Store, tile: TileRef): Promise<Result<{ bytes: Uint8Array; full: boolean }, CodedRefusal>> {
    return this.read(store, async (checkpoint, reader, tree) => {
      if (tile.width > tileWidth(tile.level, tile.index, checkpoint.size))
        return refuse('LOG_TILE_NOT_FOUND', { path: tilePath(tile), size: checkpoint.size });
      const full = tile.width === 256;
      if (tile.level !== 'entries') return ok({ bytes: tileBytes(tree, tile), full });
      // A full bundle never changes once a checkpoint covers it: the lines it holds are committed for good.
      const kept = full ? this.entryTiles.get(tile.index) : undefined;
      if (kept !== undefined) {
        this.entryTiles.delete(tile.index);
        this.entryTiles.set(tile.index, kept);
        return ok({ bytes: kept, full });
      }
      const rows = await reader.journalRowsAfter(tile.index * 256, tile.width);
      const bundle = encodeEntryBundle(
        rows.map((row) => utf8.encode(journalLineOfRow(row))),
        tile.index * 256,
      );
      if (!bundle.ok) return bundle;
      if (full) {
        this.keepEntryTile(tile.index, bundle.value);
      }
      return ok({ bytes: bundle.value, full });
    });
  }

  /** Keeps a full entry bundle, forgetting the least recently served while the bundles kept are too many bytes. */
  private keepEntryTile(index: number, bytes: Uint8Array): void {
    if (bytes.length > ENTRY_TILE_BYTES_KEPT || this.entryTiles.has(index)) return;
    this.entryTiles.set(index, bytes);
    this.entryTileBytes += bytes.length;
    for (const [oldest, kept] of this.entryTiles) {
      if (this.entryTileBytes <= ENTRY_TILE_BYTES_KEPT) break;
      this.entryTiles.delete(oldest);
      this.entryTileBytes -= kept.length;
    }
  }

  /** The inclusion proof of leaf `index` in the tree of `size` (the latest signed size when omitted). */
  inclusion(store: Store, index: number, size?: number): Promise<Result<InclusionProof, CodedRefusal>> {
    return this.read<Result<InclusionProof, CodedRefusal>>(store, (checkpoint, _reader, tree) => {
      const treeSize = size ?? checkpoint.size;
      if (treeSize > checkpoint.size)
        return Promise.resolve(refuse('TLOG_SIZE_OUT_OF_RANGE', { size: treeSize, current: checkpoint.size }));
      const proof = tree.inclusionProof(index, treeSize);
      if (!proof.ok) return Promise.resolve(proof);
      return Promise.resolve(ok({ index, size: treeSize, leafHash: tree.hashAt(0, index), proof: proof.value }));
    });
  }

  /** The consistency proof from the tree of `from` to the tree of `to` (the latest signed size when omitted). */
  consistency(
    store: Store,
    from: number,
    to?: number,
  ): Promise<Result<{ from: number; to: number; proof: readonly Hash[] }, CodedRefusal>> {
    return this.read<Result<{ from: number; to: number; proof: readonly Hash[] }, CodedRefusal>>(
      store,
      (checkpoint, _reader, tree) => {
        const treeSize = to ?? checkpoint.size;
        if (treeSize > checkpoint.size)
          return Promise.resolve(refuse('TLOG_SIZE_OUT_OF_RANGE', { size: treeSize, current: checkpoint.size }));
        const proof = tree.consistencyProof(from, treeSize);
        return Promise.resolve(proof.ok ? ok({ from, to: treeSize, proof: proof.value }) : proof);
      },
    );
  }

  /** The verifier key the journal registers (as far as this process has read it), or null. */
  get registeredKey(): string | null {
    return this.registered;
  }

  /** The root of the tree at `size` as this process computes it (for tests and `saylau proof`). */
  rootAt(size: number): Hash {
    return this.tree.root(size);
  }
}

/** The origin and verifier key the journal's `log-key-registered` names, read from the journal; null if none. */
export async function registeredLogKey(
  store: Pick<StoreReader, 'journalRowsAfter' | 'journalHead'>,
): Promise<{ origin: string; verifierKey: string } | null> {
  const head = await store.journalHead();
  for (let after = 0; after < head.seq;) {
    const rows = await store.journalRowsAfter(after, PAGE);
    if (rows.length === 0) break;
    const row = rows.find((candidate) => candidate.type === 'log-key-registered');
    if (row !== undefined) return JSON.parse(row.payload) as { origin: string; verifierKey: string };
    after = Number(assertDefined(rows.at(-1)).seq);
  }
  return null;
}

/** Proof hashes as the API and the CLI print them. */
export const base64Hashes = (hashes: readonly Hash[]): string[] => hashes.map(encodeBase64);

/**
 * `saylau log-key init`: the CEC registers a log key in a journal made before the log existed. One log key per
 * journal: a second registration is refused (LOG_KEY_ALREADY_REGISTERED). With the log attached to the store, the
 * same transaction signs the first checkpoint, over the whole journal.
 */
export async function registerLogKey({
  store,
  cec,
  logKey,
  clock = systemClock,
}: {
  store: Store;
  cec: SigningKey;
  logKey: Pick<LogKey, 'origin' | 'verifierKey'>;
  clock?: Clock;
}): Promise<Result<{ seq: number }, CodedRefusal>> {
  // The act is signed for this election (docs/keys.md, "What a signature covers").
  const electionId = (await loadElection(store)).definition.event.id;
  return store.write(async (writer) => {
    const head = await writer.head();
    if (head.seq === 0) return refuse('STORE_NOT_INITIALISED', {}, 'database');
    // Only the CEC names the log's key: `verify` takes the first registration signed by the CEC's root key.
    const author = await cecAuthorOf(writer, keySigner(cec), 'log-key-registered');
    if (!author.ok) return author;
    for (let after = 0; after < head.seq;) {
      const rows = await writer.journalRowsAfter(after, PAGE);
      if (rows.length === 0) break;
      const earlier = rows.find((row) => row.type === 'log-key-registered');
      if (earlier !== undefined)
        return refuse(
          'LOG_KEY_ALREADY_REGISTERED',
          { key: String((JSON.parse(earlier.payload) as { verifierKey?: unknown }).verifierKey) },
          'logKey',
        );
      after = Number(assertDefined(rows.at(-1)).seq);
    }
    const appended = await append(writer, electionId, [
      {
        payload: { type: 'log-key-registered', origin: logKey.origin, verifierKey: logKey.verifierKey },
        signer: keySigner(cec, clock),
      },
    ]);
    if (!appended.ok) return appended;
    return ok({ seq: assertDefined(appended.value[0]).seq });
  });
}
