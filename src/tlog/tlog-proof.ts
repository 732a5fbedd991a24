import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { openCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { HASH_SIZE, leafHash, verifyInclusion, type Hash } from './merkle.ts';
import { decodeBase64Strict, encodeBase64, type NoteVerifier } from './note.ts';

/**
 * C2SP tlog-proof (c2sp.org/tlog-proof): an offline proof that an entry is in a log — the header, optional
 * extra data, the index, the inclusion proof one hash a line, a blank line, the signed checkpoint verbatim
 * (docs/transparency-log.md, "Proof file"). `parseTlogProof` checks the form only; `checkTlogProof` checks the
 * rest.
 */

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  /** Opaque, unauthenticated extra data (here: the entry itself); undefined when the line is absent. */
  readonly extra?: Uint8Array;
  readonly index: number;
  readonly proof: readonly Hash[];
  /** The signed checkpoint note, as the log wrote it (with any cosignatures). */
  readonly checkpoint: string;
}

export function formatTlogProof(proof: TlogProof): string {
  const { extra, index, checkpoint } = proof;
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`an index is a whole number, not ${index}`);
  if (proof.proof.some((hash) => hash.length !== HASH_SIZE)) throw new Error('a proof hash has 32 bytes');
  const lines = [TLOG_PROOF_HEADER];
  if (extra !== undefined) lines.push(`extra ${encodeBase64(extra)}`);
  lines.push(`index ${index}`, ...proof.proof.map(encodeBase64), '');
  return `${lines.join('\n')}\n${checkpoint}`;
}

function malformed(line: number, rule: string): { readonly ok: false; readonly error: CodedRefusal } {
  return refuse('TLOG_PROOF_FILE_MALFORMED', { line, rule });
}

/** Parses a proof file strictly; line numbers in refusals count from 1. */
export function parseTlogProof(text: string): Result<TlogProof, CodedRefusal> {
  const lines = text.split('\n');
  let at = 0;
  if (lines[at] !== TLOG_PROOF_HEADER) return malformed(1, `the first line is not ${TLOG_PROOF_HEADER}`);
  at += 1;
  let extra: Uint8Array | undefined;
  const extraLine = lines[at] ?? '';
  if (extraLine.startsWith('extra ')) {
    const decoded = decodeBase64Strict(extraLine.slice('extra '.length));
    if (decoded === undefined) return malformed(at + 1, 'the extra data is not base64');
    extra = decoded;
    at += 1;
  }
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(lines[at] ?? '');
  if (indexMatch === null) return malformed(at + 1, 'expected "index" and a decimal number without leading zeros');
  const index = Number(indexMatch[1]);
  if (!Number.isSafeInteger(index)) return malformed(at + 1, 'the index is beyond 2^53');
  at += 1;
  const proof: Hash[] = [];
  for (; at < lines.length && lines[at] !== ''; at += 1) {
    const hash = decodeBase64Strict(lines[at] ?? '');
    if (hash === undefined || hash.length !== HASH_SIZE)
      return malformed(at + 1, 'a proof line is not the base64 of 32 bytes');
    proof.push(hash);
    if (proof.length > 63) return malformed(at + 1, 'more than 63 proof hashes');
  }
  if (at >= lines.length) return malformed(at, 'no blank line before the checkpoint');
  const checkpoint = lines.slice(at + 1).join('\n');
  if (checkpoint === '') return malformed(at + 2, 'no checkpoint');
  return ok(extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint });
}

/** A proof file whose checkpoint and inclusion proof were checked. */
export interface CheckedTlogProof {
  readonly checkpoint: SignedCheckpoint;
  readonly index: number;
  /** The entry proved: the caller's, or else the file's extra data. */
  readonly entry: Uint8Array;
  readonly leafHash: Hash;
}

/**
 * The steps of c2sp.org/tlog-proof, "Verifying a tlog proof": the checkpoint is the log's (origin, signature),
 * the witnesses' cosignatures verify (those of unknown keys are left aside; how many must sign is the caller's
 * policy, read from `checkpoint.verified`), and the inclusion proof binds the entry's leaf hash to the checkpoint's
 * root. The entry is `entry` when the caller has it from elsewhere, else the file's `extra` data.
 */
export function checkTlogProof(
  text: string,
  options: {
    readonly origin: string;
    readonly log: NoteVerifier;
    readonly witnesses?: readonly NoteVerifier[];
    readonly entry?: Uint8Array;
  },
): Result<CheckedTlogProof, CodedRefusal> {
  const parsed = parseTlogProof(text);
  if (!parsed.ok) return parsed;
  const checkpoint = openCheckpoint(parsed.value.checkpoint, options.origin, options.log, options.witnesses ?? []);
  if (!checkpoint.ok) return checkpoint;
  const entry = options.entry ?? parsed.value.extra;
  if (entry === undefined) return refuse('TLOG_PROOF_NO_ENTRY');
  const { index, proof } = parsed.value;
  const { size, root } = checkpoint.value.checkpoint;
  if (index >= size) return refuse('TLOG_INDEX_OUT_OF_RANGE', { index, size });
  const leaf = leafHash(entry);
  if (!verifyInclusion(index, size, leaf, proof, root)) return refuse('TLOG_PROOF_INCLUSION_FAILED', { index, size });
  return ok({ checkpoint: checkpoint.value, index, entry, leafHash: leaf });
}
