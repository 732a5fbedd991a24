import { randomBytes } from 'node:crypto';
import type { CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { cosignatureSigner, cosignatureVerifier } from './cosignature.ts';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  type NoteSigner,
  type NoteVerifier,
  type SignerKey,
  type VerifierKey,
} from './note.ts';

/**
 * From key strings to signers and verifiers, by signature type: 0x01 a log's Ed25519 note key, 0x04 a witness's
 * Ed25519 cosigning key (docs/transparency-log.md, "Keys").
 */

export type KeyType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE;

/** A fresh key pair as strings: the signer key to keep secret, the verifier key to publish. */
export function generateKey(
  name: string,
  type: KeyType = SIGNATURE_TYPE_ED25519,
): { signerKey: string; verifierKey: string } {
  const seed = new Uint8Array(randomBytes(32));
  const signerKey = formatSignerKey(name, seed, type);
  const parsed = parseSignerKey(signerKey);
  if (!parsed.ok) throw new Error('a generated signer key does not parse');
  return { signerKey, verifierKey: formatVerifierKey(name, parsed.value.publicKey, type) };
}

export function verifierOf(key: VerifierKey): NoteVerifier {
  return key.type === SIGNATURE_TYPE_COSIGNATURE
    ? cosignatureVerifier(key.name, key.publicKey)
    : ed25519NoteVerifier(key.name, key.publicKey);
}

/** The signer of a parsed signer key; a cosigning key reads `clock` (POSIX seconds) for each cosignature. */
export function signerOf(key: SignerKey, clock: () => number = () => Math.floor(Date.now() / 1000)): NoteSigner {
  return key.type === SIGNATURE_TYPE_COSIGNATURE
    ? cosignatureSigner(key.name, key.seed, clock)
    : ed25519NoteSigner(key.name, key.seed);
}

/** A verifier key string to a verifier, or the refusal of a malformed key. */
export function parseVerifier(text: string): Result<NoteVerifier, CodedRefusal> {
  const key = parseVerifierKey(text);
  return key.ok ? ok(verifierOf(key.value)) : key;
}

/** A signer key string to a signer, or the refusal of a malformed key. */
export function parseSigner(text: string, clock?: () => number): Result<NoteSigner, CodedRefusal> {
  const key = parseSignerKey(text);
  return key.ok ? ok(signerOf(key.value, clock)) : key;
}
