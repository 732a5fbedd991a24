import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { eventHash } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { actDigest, actScopeOf } from '../journal/act.ts';
import { fingerprintOf, publicKeyObject, verifyDigest } from '../journal/keys.ts';
import { parseJournalEvent } from '../journal/parse-event.ts';
import {
  decodeEntryBundle,
  ed25519NoteVerifier,
  type NoteVerifier,
  parseVerifierKey,
  SIGNATURE_TYPE_ED25519,
  TILE_WIDTH,
  tilePath,
} from '../tlog/index.ts';
import type { LogClient } from './follow.ts';

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

/**
 * The log's verifier key as the CEC endorsed it in the journal (docs/transparency-log.md, `log-key-registered`),
 * read from the log's first entry bundle and trusting only the CEC's key fingerprint (`--trust`): the first entry must
 * register that key, and the first `log-key-registered` entry must be signed by it and name `origin`. A server that
 * served a key of its own making could not sign that entry without the CEC's key.
 */
export async function logKeyFromJournal(
  client: Pick<LogClient, 'tile' | 'url'>,
  cecFingerprint: string,
  origin: string,
  size: number,
): Promise<Result<string, CodedRefusal>> {
  const unknown = err({ code: 'WITNESS_LOG_KEY_UNKNOWN', params: {} } as const);
  const width = Math.min(TILE_WIDTH, size);
  if (width === 0) return unknown;
  const path = tilePath({ level: 'entries', index: 0, width });
  const bytes = await client.tile(path);
  if (bytes === null) return unknown;
  const entries = decodeEntryBundle(bytes, width, path);
  if (!entries.ok) return entries;
  const events: JournalEvent[] = [];
  for (const entry of entries.value) {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(entry));
    } catch {
      return unknown;
    }
    const parsed = parseJournalEvent(raw);
    if (!parsed.ok) return unknown;
    events.push(parsed.value);
  }
  const root = events[0];
  // The root must be the pinned key itself: its fingerprint computed here from the public key it carries, never the
  // fingerprint the payload claims (a server could pair the CEC's fingerprint with a key of its own making).
  if (root?.type !== 'key-registered' || root.actor !== cecFingerprint || root.payload.fingerprint !== cecFingerprint)
    return unknown;
  const cec = root.payload.publicKey;
  let cecKey: ReturnType<typeof publicKeyObject>;
  try {
    if (fingerprintOf(cec) !== cecFingerprint) return unknown;
    cecKey = publicKeyObject(cec);
  } catch {
    return unknown;
  }
  // Signatures cover the act digest with the election's id and the journal's (docs/keys.md, "What a signature
  // covers"): the election's is the one the CEC itself signed in `election-defined`, the journal's the one its root
  // names, which the checks below verify as any other act.
  const defined = events.find((event) => event.type === 'election-defined' && event.actor === cecFingerprint);
  if (defined?.type !== 'election-defined') return unknown;
  const scope = actScopeOf(defined.payload.electionId, root);
  const endorsed = events.find((event) => event.type === 'log-key-registered' && event.actor === cecFingerprint);
  if (endorsed?.type !== 'log-key-registered' || endorsed.payload.origin !== origin) return unknown;
  const signedByCec = (event: JournalEvent): boolean => {
    try {
      return event.hash === eventHash(event) && verifyDigest(actDigest(scope, event), event.signature, cecKey);
    } catch {
      return false;
    }
  };
  return signedByCec(root) && signedByCec(defined) && signedByCec(endorsed)
    ? ok(endorsed.payload.verifierKey)
    : unknown;
}
