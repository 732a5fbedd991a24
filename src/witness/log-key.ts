import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { ed25519NoteVerifier, type NoteVerifier, parseVerifierKey, SIGNATURE_TYPE_ED25519 } from '../tlog/index.ts';

/** The note verifier of the log's key (`<origin>+<id>+<base64(0x01 || key)>`, docs/transparency-log.md). */
export function logVerifier(verifierKey: string): Result<NoteVerifier, CodedRefusal> {
  const parsed = parseVerifierKey(verifierKey.trim());
  if (!parsed.ok) return parsed;
  if (parsed.value.type !== SIGNATURE_TYPE_ED25519)
    return err({
      code: 'TLOG_KEY_UNKNOWN_TYPE',
      params: { type: `0x${parsed.value.type.toString(16)} (a log key is 0x01)` },
    });
  return ok(ed25519NoteVerifier(parsed.value.name, parsed.value.publicKey));
}
