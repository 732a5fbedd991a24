import { assertDefined } from '../law/assert.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import {
  consistencyProofFromTiles,
  decodeEntryBundle,
  ed25519NoteVerifier,
  hashesEqual,
  leafHash,
  type NoteVerifier,
  openCheckpoint,
  parseTlogProof,
  parseVerifierKey,
  type SignedCheckpoint,
  type TileRef,
  tilePath,
  tilesForConsistencyProof,
  tileWidth,
  TILE_WIDTH,
  verifyConsistency,
  verifyInclusion,
} from '../tlog/index.ts';
import { witnessVerifier } from '../witness/witness-key.ts';

/**
 * `saylau receipt check` (docs/receipts.md, "Checking a receipt"): first the receipt alone — its journal line
 * hashes to the leaf, the inclusion proof binds the leaf to the checkpoint's root, the checkpoint carries the log
 * key's signature — then the published log as it is now: its current checkpoint (signed by the same key) extends
 * the receipt's by a consistency proof rebuilt from the log's tiles and checked here, and the entry the log serves
 * at the index is the receipt's line, byte for byte. Nothing fetched is trusted before it verifies against a signed
 * root. The log is read through a `LogFiles` (over HTTP or from a bundle's log/ folder), at the tlog-tiles paths.
 */
export interface LogFiles {
  /** Where the files come from, for messages. */
  readonly where: string;
  /** The bytes at a tlog-tiles path (`checkpoint`, `tile/0/000`, `tile/entries/000.p/5`); null when absent. */
  read(path: string): Promise<Uint8Array | null>;
}

/**
 * The witnesses the holder names (docs/receipts.md, "Checking with witnesses"): `quorum` of them must have cosigned
 * the log's current checkpoint. A log alone could show the holder of a receipt the old tree and everyone else a
 * rewritten one; witnesses that cosigned what the holder sees have seen it too, and refuse to cosign a rewrite.
 */
export interface WitnessQuorum {
  /** Verifier keys (cosignature/v1) of the witnesses the holder trusts. */
  readonly witnesses: readonly string[];
  readonly quorum: number;
}

const NO_WITNESSES: WitnessQuorum = { witnesses: [], quorum: 0 };

/** What a receipt that holds says. */
export interface ReceiptHolds {
  readonly origin: string;
  readonly index: number;
  readonly leafHash: Uint8Array;
  /** The journal line (the event) the receipt is for. */
  readonly line: string;
  /** The size of the receipt's checkpoint, and of the log's now. */
  readonly size: number;
  readonly currentSize: number;
  /** The log key the signatures were checked with, and whether it was pinned or read from the log's own journal. */
  readonly verifierKey: string;
  readonly keyPinned: boolean;
  /** The named witnesses (their verifier keys) whose cosignatures on the log's current checkpoint verify. */
  readonly cosigners: readonly string[];
  readonly witnessesNamed: number;
  readonly quorum: number;
}

const text = new TextDecoder('utf-8', { fatal: true });

/** A log that could not be read: the check says nothing about the receipt (its own exit code). */
export class LogUnreachable extends Error {
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

/** The check of one receipt against a log. */
export async function checkReceipt(
  receiptText: string,
  log: LogFiles,
  pinnedKey: string | undefined,
  witnessed: WitnessQuorum = NO_WITNESSES,
): Promise<Result<ReceiptHolds, CodedRefusal>> {
  const named: { key: string; verifier: NoteVerifier }[] = [];
  for (const key of witnessed.witnesses) {
    const verifier = witnessVerifier(key);
    if (!verifier.ok) return refuse('RECEIPT_WITNESS_KEY_INVALID', { key, detail: describe(verifier.error) });
    named.push({ key, verifier: verifier.value });
  }
  const { quorum } = witnessed;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > named.length)
    return refuse('RECEIPT_QUORUM_INVALID', { quorum, named: named.length });

  const parsed = parseTlogProof(receiptText);
  if (!parsed.ok) return refuse('RECEIPT_MALFORMED', { detail: describe(parsed.error) });
  const receipt = parsed.value;
  if (receipt.extra === undefined) return refuse('RECEIPT_NO_ENTRY');
  const line = receipt.extra;
  const leaf = leafHash(line);

  // The log key: pinned by the caller, else the one the log's own journal registers (endorsed by the CEC's
  // signature on that event, which `saylau verify --trust` checks): the receipt's checkpoint must carry it.
  const key = pinnedKey ?? (await registeredLogKey(log));
  if (typeof key !== 'string') return key;
  const verifierKey = parseVerifierKey(key);
  if (!verifierKey.ok) return refuse('RECEIPT_LOG_KEY_UNKNOWN', { detail: describe(verifierKey.error) });
  const verifier = ed25519NoteVerifier(verifierKey.value.name, verifierKey.value.publicKey);
  const origin = verifierKey.value.name;

  const signed = openCheckpoint(receipt.checkpoint, origin, verifier);
  if (!signed.ok) return refuse('RECEIPT_SIGNATURE_INVALID', { key, detail: describe(signed.error) });
  const { size, root } = signed.value.checkpoint;
  if (receipt.index >= size || !verifyInclusion(receipt.index, size, leaf, receipt.proof, root))
    return refuse('RECEIPT_INCLUSION_FAILED', { index: receipt.index, size });

  // The receipt holds on its own; now the log as published.
  const current = await currentCheckpoint(
    log,
    origin,
    verifier,
    named.map((witness) => witness.verifier),
  );
  if (!current.ok) return current;
  const { size: currentSize, root: currentRoot } = current.value.checkpoint;
  if (currentSize < size) return refuse('RECEIPT_LOG_ROLLED_BACK', { size, current: currentSize });
  const consistent = await consistencyHolds(log, size, currentSize, root, currentRoot);
  if (!consistent.ok) return consistent;
  if (!consistent.value) return refuse('RECEIPT_CONSISTENCY_FAILED', { size, current: currentSize });

  const served = await entryAt(log, receipt.index, currentSize);
  if (!served.ok) return served;
  if (!bytesEqual(served.value, line)) return refuse('RECEIPT_ENTRY_DIFFERS', { index: receipt.index });

  // What the holder sees is what the witnesses saw: K of those named cosigned the same current checkpoint.
  const cosigners = named
    .filter(({ verifier: witness }) =>
      current.value.verified.some((signature) => signature.name === witness.name && signature.keyId === witness.keyId),
    )
    .map(({ key }) => key);
  if (cosigners.length < quorum)
    return refuse('RECEIPT_QUORUM_NOT_MET', {
      cosigned: cosigners.length,
      quorum,
      size: currentSize,
      missing: named
        .filter(({ key }) => !cosigners.includes(key))
        .map(({ key }) => key.split('+')[0])
        .join(', '),
    });

  return ok({
    origin,
    index: receipt.index,
    leafHash: leaf,
    line: decodeLine(line),
    size,
    currentSize,
    verifierKey: key,
    keyPinned: pinnedKey !== undefined,
    cosigners,
    witnessesNamed: named.length,
    quorum,
  });
}

function describe(error: CodedRefusal): string {
  const params = Object.entries(error.params)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');
  return params === '' ? error.code : `${error.code} (${params})`;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, at) => byte === b[at]);
}

function decodeLine(line: Uint8Array): string {
  try {
    return text.decode(line);
  } catch {
    return '';
  }
}

async function required(log: LogFiles, path: string): Promise<Result<Uint8Array, CodedRefusal>> {
  const bytes = await log.read(path);
  return bytes === null ? refuse('RECEIPT_LOG_INCOMPLETE', { detail: `${log.where}/${path}` }) : ok(bytes);
}

async function currentCheckpoint(
  log: LogFiles,
  origin: string,
  verifier: NoteVerifier,
  witnesses: readonly NoteVerifier[],
): Promise<Result<SignedCheckpoint, CodedRefusal>> {
  const bytes = await required(log, 'checkpoint');
  if (!bytes.ok) return bytes;
  // A named witness's signature that does not verify makes the note refused whole (signed-note: a known key's
  // signature must verify), as the log's own would.
  const opened = openCheckpoint(bytes.value, origin, verifier, witnesses);
  return opened.ok ? opened : refuse('RECEIPT_LOG_CHECKPOINT_INVALID', { detail: describe(opened.error) });
}

/** The tiles of `refs`, by path. */
async function readTiles(
  log: LogFiles,
  refs: readonly TileRef[],
): Promise<Result<Map<string, Uint8Array>, CodedRefusal>> {
  const tiles = new Map<string, Uint8Array>();
  for (const ref of refs) {
    const path = tilePath(ref);
    const bytes = await required(log, path);
    if (!bytes.ok) return bytes;
    tiles.set(path, bytes.value);
  }
  return ok(tiles);
}

/** Whether the tree of `m` leaves (root `rootM`) is a prefix of the tree of `n` (root `rootN`), by its tiles. */
async function consistencyHolds(
  log: LogFiles,
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
): Promise<Result<boolean, CodedRefusal>> {
  if (m === n) return ok(hashesEqual(rootM, rootN));
  const refs = tilesForConsistencyProof(m, n);
  if (!refs.ok) return refs;
  const tiles = await readTiles(log, refs.value);
  if (!tiles.ok) return tiles;
  const proof = consistencyProofFromTiles(m, n, tiles.value);
  // Tiles that do not even make a proof are as good as a failed one: the log cannot show that it kept the tree.
  if (!proof.ok) return proof.error.code === 'TLOG_TILE_MISSING' ? ok(false) : proof;
  return ok(verifyConsistency(m, n, rootM, rootN, proof.value));
}

/** The entry the log serves at `index` in its tree of `size`, from the entry bundle that holds it. */
async function entryAt(log: LogFiles, index: number, size: number): Promise<Result<Uint8Array, CodedRefusal>> {
  const tileIndex = Math.floor(index / TILE_WIDTH);
  const ref: TileRef = { level: 'entries', index: tileIndex, width: tileWidth('entries', tileIndex, size) };
  const path = tilePath(ref);
  const bytes = await required(log, path);
  if (!bytes.ok) return bytes;
  const entries = decodeEntryBundle(bytes.value, ref.width, path);
  if (!entries.ok) return refuse('RECEIPT_ENTRY_DIFFERS', { index });
  return ok(assertDefined(entries.value[index % TILE_WIDTH]));
}

/**
 * The log key the journal registers: the payload of its `log-key-registered` event, read from the log's first
 * entry bundle (init journals it among the first events).
 */
async function registeredLogKey(log: LogFiles): Promise<string | { ok: false; error: CodedRefusal }> {
  const checkpoint = await required(log, 'checkpoint');
  if (!checkpoint.ok) return checkpoint;
  const size = Number(decodeLine(checkpoint.value).split('\n')[1]);
  if (!Number.isSafeInteger(size) || size <= 0)
    return refuse('RECEIPT_LOG_KEY_UNKNOWN', { detail: `${log.where}/checkpoint` });
  const ref: TileRef = { level: 'entries', index: 0, width: tileWidth('entries', 0, size) };
  const bytes = await required(log, tilePath(ref));
  if (!bytes.ok) return bytes;
  const entries = decodeEntryBundle(bytes.value, ref.width);
  if (!entries.ok) return refuse('RECEIPT_LOG_KEY_UNKNOWN', { detail: describe(entries.error) });
  for (const entry of entries.value) {
    try {
      const event = JSON.parse(text.decode(entry)) as { type?: unknown; payload?: { verifierKey?: unknown } };
      if (event.type === 'log-key-registered' && typeof event.payload?.verifierKey === 'string')
        return event.payload.verifierKey;
    } catch {
      // An entry that is not a journal line names no key; the check of the receipt will say what is wrong.
    }
  }
  return refuse('RECEIPT_LOG_KEY_UNKNOWN', { detail: `no log-key-registered event in ${log.where}` });
}

/** The receipt's leaf hash as `receipt check` prints it, and as the console shows and encodes in its QR code. */
export const leafHashHex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
