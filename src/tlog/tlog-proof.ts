import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { HASH_SIZE, type Hash } from './merkle.ts';
import { decodeBase64Strict, encodeBase64 } from './note.ts';

/**
 * C2SP tlog-proof (c2sp.org/tlog-proof): an offline proof that an entry is in a log — the header, optional
 * extra data, the index, the inclusion proof one hash a line, a blank line, the signed checkpoint verbatim
 * (docs/transparency-log.md, "Proof file"). Parsing checks the form only; the caller verifies the checkpoint
 * (`openCheckpoint`) and the proof (`verifyInclusion`).
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
