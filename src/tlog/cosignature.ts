import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import {
  decodeBase64Strict,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519PublicKeyObject,
  ed25519Sign,
  ed25519Verify,
  isValidKeyName,
  noteKeyId,
  SIGNATURE_TYPE_COSIGNATURE,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from './note.ts';

/**
 * C2SP tlog-cosignature, the Ed25519 `cosignature/v1` type (c2sp.org/tlog-cosignature): a witness's
 * timestamped signature over "cosignature/v1\ntime <T>\n" followed by the checkpoint body, written as a
 * note signature whose bytes are the 8-byte big-endian timestamp and the 64-byte signature
 * (docs/transparency-log.md, "Cosignature").
 */

const utf8 = new TextEncoder();
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** The message a cosigner signs at `timestamp` (POSIX seconds) for a checkpoint body. */
export function cosignedMessage(timestamp: number, checkpointText: string): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new Error(`a timestamp is whole seconds, not ${timestamp}`);
  return utf8.encode(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/**
 * A cosigner over an Ed25519 seed: a NoteSigner (so `signNote` adds its line to a checkpoint) whose clock is
 * read once per signature. The key id uses signature type 0x04.
 */
export function cosignatureSigner(name: string, seed: Uint8Array, clock: () => number): NoteSigner {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const key = ed25519PrivateKey(seed);
  return {
    name,
    keyId: noteKeyId(name, SIGNATURE_TYPE_COSIGNATURE, ed25519PublicKey(seed)),
    sign(text) {
      const timestamp = clock();
      const signature = ed25519Sign(key, cosignedMessage(timestamp, new TextDecoder().decode(text)));
      const out = new Uint8Array(72);
      new DataView(out.buffer).setBigUint64(0, BigInt(timestamp));
      out.set(signature, 8);
      return out;
    },
  };
}

/** A cosignature verifier for an Ed25519 cosigner public key: a NoteVerifier for `openNote`/`openCheckpoint`. */
export function cosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name,
    keyId: noteKeyId(name, SIGNATURE_TYPE_COSIGNATURE, publicKey),
    verify(text, signature) {
      if (signature.length !== 72) return false;
      const timestamp = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
      if (timestamp > MAX_TIMESTAMP || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return false;
      const message = cosignedMessage(Number(timestamp), new TextDecoder().decode(text));
      return ed25519Verify(key, message, signature.subarray(8));
    },
  };
}

/** The timestamp a cosignature line carries (not verified: open the note with its verifier first). */
export function cosignatureTimestamp(signature: NoteSignature): Result<number, CodedRefusal> {
  const raw = decodeBase64Strict(signature.base64);
  if (raw === undefined || raw.length !== 4 + 72) {
    return refuse('TLOG_COSIGNATURE_MALFORMED', { rule: 'not a key id, 8-byte timestamp and 64-byte signature' });
  }
  const timestamp = new DataView(raw.buffer, raw.byteOffset + 4, 8).getBigUint64(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    return refuse('TLOG_COSIGNATURE_MALFORMED', { rule: 'the timestamp is beyond 2^53' });
  }
  return ok(Number(timestamp));
}
