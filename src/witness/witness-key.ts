import { randomBytes } from 'node:crypto';
import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import {
  cosignatureSigner,
  cosignatureVerifier,
  formatSignerKey,
  formatVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE,
  type SignerKey,
} from '../tlog/index.ts';

/**
 * A witness's key (docs/witness.md, "Keys"): an Ed25519 key written in the signer-key format of Go's note package
 * with the cosignature/v1 signature type 0x04 (c2sp.org/tlog-cosignature), so that its key id is the one its
 * cosignature lines carry: `PRIVATE+KEY+<name>+<id>+<base64(0x04 || seed)>`. Its verifier key
 * `<name>+<id>+<base64(0x04 || public key)>` is what the CEC registers and what `verify --witness` names.
 */
export interface WitnessKey {
  readonly name: string;
  readonly signerKey: SignerKey;
  readonly verifierKey: string;
}

/** A new witness key named `name` (a schema-less URL of the observer: `osce.org/odihr-2026`). */
export function generateWitnessKey(name: string): { signerKeyText: string; verifierKey: string } {
  const seed = new Uint8Array(randomBytes(32));
  const signerKeyText = formatSignerKey(name, seed, SIGNATURE_TYPE_COSIGNATURE);
  const parsed = parseSignerKey(signerKeyText);
  if (!parsed.ok) throw new Error(`a generated witness key does not parse: ${parsed.error.code}`);
  return { signerKeyText, verifierKey: formatVerifierKey(name, parsed.value.publicKey, SIGNATURE_TYPE_COSIGNATURE) };
}

/** A witness key file's text, checked: a signer key of type 0x04. */
export function parseWitnessKey(text: string): Result<WitnessKey, CodedRefusal> {
  const parsed = parseSignerKey(text.trim());
  if (!parsed.ok) return parsed;
  if (parsed.value.type !== SIGNATURE_TYPE_COSIGNATURE)
    return err({
      code: 'TLOG_KEY_UNKNOWN_TYPE',
      params: { type: `0x${parsed.value.type.toString(16)} (a witness key is 0x04)` },
    });
  const key = parsed.value;
  return ok({
    name: key.name,
    signerKey: key,
    verifierKey: formatVerifierKey(key.name, key.publicKey, SIGNATURE_TYPE_COSIGNATURE),
  });
}

/** A cosigner whose timestamp is `clock()` in whole POSIX seconds. */
export function witnessSigner(key: WitnessKey, clock: () => number): NoteSigner {
  return cosignatureSigner(key.name, key.signerKey.seed, clock);
}

/** The cosignature verifier of a witness's verifier key (type 0x04), or a refusal naming what is wrong with it. */
export function witnessVerifier(verifierKey: string): Result<NoteVerifier, CodedRefusal> {
  const parsed = parseVerifierKey(verifierKey.trim());
  if (!parsed.ok) return parsed;
  if (parsed.value.type !== SIGNATURE_TYPE_COSIGNATURE)
    return err({
      code: 'TLOG_KEY_UNKNOWN_TYPE',
      params: { type: `0x${parsed.value.type.toString(16)} (a witness key is 0x04)` },
    });
  return ok(cosignatureVerifier(parsed.value.name, parsed.value.publicKey));
}
