import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { HASH_SIZE, type Hash } from './merkle.ts';
import { decodeBase64Strict, encodeBase64, keyIdHex, openNote, type NoteSignature, type NoteVerifier } from './note.ts';

/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text naming a tree head — origin, size, base64
 * root — and optional extension lines (docs/transparency-log.md, "Checkpoint").
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Hash;
  readonly extensions: readonly string[];
}

/** The checkpoint's note text, ending in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  if (origin === '' || origin.includes('\n')) throw new Error('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`a tree size is a whole number, not ${size}`);
  if (root.length !== HASH_SIZE) throw new Error(`a root hash has ${HASH_SIZE} bytes`);
  for (const line of extensions) {
    if (line === '' || line.includes('\n')) throw new Error('an extension line is one non-empty line');
  }
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint's note text strictly: at least three non-empty lines each ending in a newline, the size
 * in decimal without leading zeros (and within 2^53), the root the canonical base64 of 32 bytes.
 */
export function parseCheckpoint(text: string): Result<Checkpoint, CodedRefusal> {
  if (!text.endsWith('\n'))
    return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'the text does not end with a newline' });
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'fewer than three lines' });
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  if (origin === '') return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'an empty origin line' });
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) {
    return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'the size is not a decimal number without leading zeros' });
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'the size is beyond 2^53' });
  const root = decodeBase64Strict(rootText);
  if (root === undefined || root.length !== HASH_SIZE) {
    return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'the root is not the base64 of 32 bytes' });
  }
  if (extensions.some((line) => line === ''))
    return refuse('TLOG_CHECKPOINT_MALFORMED', { rule: 'an empty extension line' });
  return ok({ origin, size, root, extensions });
}

/** A checkpoint whose note was opened: the log's signature verified, the other signatures as `openNote` left them. */
export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The note text (the checkpoint body) exactly as signed. */
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
}

/**
 * Opens a signed checkpoint of the log named `origin`: the note must carry a valid signature of `log` (among
 * any `others`, e.g. witnesses' cosignature verifiers), and its origin line must be `origin`.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  origin: string,
  log: NoteVerifier,
  others: readonly NoteVerifier[] = [],
): Result<SignedCheckpoint, CodedRefusal> {
  const opened = openNote(note, [log, ...others]);
  if (!opened.ok) {
    return opened.error.code === 'TLOG_NOTE_UNVERIFIED'
      ? refuse('TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG', { key: `${log.name}+${keyIdHex(log.keyId)}` })
      : opened;
  }
  const { text, verified, unverified } = opened.value;
  if (!verified.some((signature) => signature.name === log.name && signature.keyId === log.keyId)) {
    return refuse('TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG', { key: `${log.name}+${keyIdHex(log.keyId)}` });
  }
  const checkpoint = parseCheckpoint(text);
  if (!checkpoint.ok) return checkpoint;
  if (checkpoint.value.origin !== origin) {
    return refuse('TLOG_CHECKPOINT_WRONG_ORIGIN', { origin: checkpoint.value.origin, expected: origin });
  }
  return ok({ checkpoint: checkpoint.value, text, verified, unverified });
}
