import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';

/**
 * C2SP signed-note (c2sp.org/signed-note): a text signed by one or more keys, with Ed25519 keys written as
 * the verifier and signer key strings of Go's golang.org/x/mod/sumdb/note (docs/transparency-log.md, "Note"
 * and "Keys").
 */

/** Signature type bytes (c2sp.org/signed-note, "Signature types"). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
export const SIGNATURE_TYPE_COSIGNATURE = 0x04;

/** A verifier MUST accept at least 16 signatures; Go's note package stops at 100, as does this one. */
export const MAX_SIGNATURES = 100;

const EM_DASH_PREFIX = '\u2014 ';
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** One signature line as written: the key's name, its 32-bit id, and the base64 of id || signature. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes (without the key id) over the note text. */
  sign(text: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A note whose signatures were checked: `verified` by known keys, the rest kept as they were. */
export interface OpenedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text that encodes to UTF-8 as it is: no lone surrogate (String.prototype.isWellFormed is not in ES2023). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Key names are non-empty and hold no Unicode space and no plus (c2sp.org/signed-note, "Format"). */
export function isValidKeyName(name: string): boolean {
  return name !== '' && isWellFormedText(name) && !/[\p{White_Space}+]/u.test(name);
}

/** SHA-256(name || 0x0A || type || public key)[:4], big-endian (c2sp.org/signed-note, "Signatures"). */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(utf8.encode(name))
    .update(new Uint8Array([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** The Ed25519 public key of a 32-byte seed (RFC 8032 §5.1.5). */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return rawPublic(createPublicKey(ed25519PrivateKey(seed)));
}

export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error(`an Ed25519 seed has 32 bytes, not ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new Error(`an Ed25519 public key has 32 bytes, not ${publicKey.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

function rawPublic(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length));
}

export function ed25519Sign(key: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, key));
}

export function ed25519Verify(key: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  // Ed25519 signatures are exactly 64 bytes; anything else is not one (and must not reach OpenSSL as one).
  return signature.length === 64 && verify(null, message, key, signature);
}

/** A note signer for an Ed25519 seed (signature type 0x01). */
export function ed25519NoteSigner(name: string, seed: Uint8Array): NoteSigner {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const key = ed25519PrivateKey(seed);
  const publicKey = rawPublic(createPublicKey(key));
  return {
    name,
    keyId: noteKeyId(name, SIGNATURE_TYPE_ED25519, publicKey),
    sign: (text) => ed25519Sign(key, text),
  };
}

/** A note verifier for an Ed25519 public key (signature type 0x01). */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name,
    keyId: noteKeyId(name, SIGNATURE_TYPE_ED25519, publicKey),
    verify: (text, signature) => ed25519Verify(key, text, signature),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Key strings (docs/transparency-log.md, "Keys")

/** A parsed verifier key: `<name>+<hex8 key id>+<base64(type || public key)>`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

/** A parsed signer key: `PRIVATE+KEY+<name>+<hex8 key id>+<base64(type || seed)>`. */
export interface SignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

const SUPPORTED_KEY_TYPES = [SIGNATURE_TYPE_ED25519, SIGNATURE_TYPE_COSIGNATURE];

export function formatVerifierKey(name: string, publicKey: Uint8Array, type = SIGNATURE_TYPE_ED25519): string {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const material = Buffer.concat([new Uint8Array([type]), publicKey]);
  return `${name}+${keyIdHex(noteKeyId(name, type, publicKey))}+${material.toString('base64')}`;
}

export function formatSignerKey(name: string, seed: Uint8Array, type = SIGNATURE_TYPE_ED25519): string {
  if (!isValidKeyName(name)) throw new Error(`"${name}" is not a valid key name`);
  const keyId = noteKeyId(name, type, ed25519PublicKey(seed));
  return `PRIVATE+KEY+${name}+${keyIdHex(keyId)}+${Buffer.concat([new Uint8Array([type]), seed]).toString('base64')}`;
}

/** Standard base64 (RFC 4648 §4) that decodes and encodes back to the same text: the only form accepted. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function splitKeyFields(text: string, count: number): Result<readonly string[], CodedRefusal> {
  // The name holds no '+', so the fields are exactly `count` parts split on '+'; base64 may hold '+', so the
  // last field keeps the rest.
  const parts = text.split('+');
  if (parts.length < count) return refuse('TLOG_KEY_MALFORMED', { rule: `expected ${count} fields separated by +` });
  return ok([...parts.slice(0, count - 1), parts.slice(count - 1).join('+')]);
}

function parseKeyParts(
  name: string,
  hex: string,
  material64: string,
): Result<{ keyId: number; type: number; material: Uint8Array }, CodedRefusal> {
  if (!isValidKeyName(name)) return refuse('TLOG_KEY_MALFORMED', { rule: 'invalid key name' });
  if (!/^[0-9a-f]{8}$/.test(hex))
    return refuse('TLOG_KEY_MALFORMED', { rule: 'the key id is not 8 lowercase hex digits' });
  const bytes = decodeBase64Strict(material64);
  if (bytes === undefined || bytes.length === 0) return refuse('TLOG_KEY_MALFORMED', { rule: 'the key is not base64' });
  const type = bytes[0] ?? -1;
  if (!SUPPORTED_KEY_TYPES.includes(type)) return refuse('TLOG_KEY_UNKNOWN_TYPE', { type: `0x${type.toString(16)}` });
  const material = bytes.subarray(1);
  if (material.length !== 32) return refuse('TLOG_KEY_MALFORMED', { rule: 'an Ed25519 key has 32 bytes' });
  return ok({ keyId: Number.parseInt(hex, 16), type, material });
}

export function parseVerifierKey(text: string): Result<VerifierKey, CodedRefusal> {
  const fields = splitKeyFields(text, 3);
  if (!fields.ok) return fields;
  const [name = '', hex = '', material64 = ''] = fields.value;
  const parts = parseKeyParts(name, hex, material64);
  if (!parts.ok) return parts;
  const { keyId, type, material } = parts.value;
  if (noteKeyId(name, type, material) !== keyId) return refuse('TLOG_KEY_ID_MISMATCH', { key: `${name}+${hex}` });
  return ok({ name, keyId, type, publicKey: material });
}

export function parseSignerKey(text: string): Result<SignerKey, CodedRefusal> {
  const fields = splitKeyFields(text, 5);
  if (!fields.ok) return fields;
  const [private1, private2, name = '', hex = '', material64 = ''] = fields.value;
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    return refuse('TLOG_KEY_MALFORMED', { rule: 'a signer key starts with PRIVATE+KEY+' });
  }
  const parts = parseKeyParts(name, hex, material64);
  if (!parts.ok) return parts;
  const { keyId, type, material } = parts.value;
  // The id is of the public key: derive it from the seed before trusting the id (as Go's note.NewSigner).
  const publicKey = ed25519PublicKey(material);
  if (noteKeyId(name, type, publicKey) !== keyId) return refuse('TLOG_KEY_ID_MISMATCH', { key: `${name}+${hex}` });
  return ok({ name, keyId, type, seed: material, publicKey });
}

/** The verifier key of a signer key (what the log publishes for its own key). */
export function verifierKeyOf(signer: SignerKey): string {
  return formatVerifierKey(signer.name, signer.publicKey, signer.type);
}

// ---------------------------------------------------------------------------------------------------------------
// Notes

/** Refuses text that is not a note's text: it must end in a newline and be free of control characters. */
function checkText(text: string): Result<true, CodedRefusal> {
  if (!isWellFormedText(text)) return refuse('TLOG_NOTE_MALFORMED', { rule: 'not valid UTF-8' });
  if (!text.endsWith('\n')) return refuse('TLOG_NOTE_MALFORMED', { rule: 'the text does not end with a newline' });
  // U+0000–U+001F except U+000A (c2sp.org/signed-note, "Format").
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    return refuse('TLOG_NOTE_MALFORMED', { rule: 'a control character other than newline' });
  }
  return ok(true);
}

function signatureLine(signature: NoteSignature): string {
  return `${EM_DASH_PREFIX}${signature.name} ${signature.base64}\n`;
}

/**
 * Signs `text` (which ends in a newline) with each signer; signatures already on the note and not replaced
 * by one of the signers (same name and id) are kept first, in their order, as Go's note.Sign does.
 */
export function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): Result<string, CodedRefusal> {
  const checked = checkText(text);
  if (!checked.ok) return checked;
  if (signers.length + existing.length === 0) return refuse('TLOG_NOTE_MALFORMED', { rule: 'no signature' });
  const message = utf8.encode(text);
  const replaced = new Set(signers.map((signer) => `${signer.name}+${signer.keyId}`));
  const kept = existing.filter((signature) => !replaced.has(`${signature.name}+${signature.keyId}`));
  for (const signature of kept) {
    const raw = decodeBase64Strict(signature.base64);
    if (!isValidKeyName(signature.name) || raw === undefined || raw.length < 5) {
      return refuse('TLOG_NOTE_MALFORMED', { rule: 'a kept signature is malformed' });
    }
    if (Buffer.from(raw).readUInt32BE(0) !== signature.keyId) {
      return refuse('TLOG_NOTE_MALFORMED', { rule: "a kept signature's key id differs from its bytes" });
    }
  }
  const fresh = signers.map((signer): NoteSignature => {
    if (!isValidKeyName(signer.name)) throw new Error(`"${signer.name}" is not a valid key name`);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId >>> 0);
    return {
      name: signer.name,
      keyId: signer.keyId,
      base64: Buffer.concat([id, signer.sign(message)]).toString('base64'),
    };
  });
  const all = [...kept, ...fresh];
  if (all.length > MAX_SIGNATURES) {
    return refuse('TLOG_NOTE_TOO_MANY_SIGNATURES', { count: all.length, limit: MAX_SIGNATURES });
  }
  return ok(`${text}\n${all.map(signatureLine).join('')}`);
}

/** A note split into its text and signature lines, nothing verified yet. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * Splits a note by the rules of c2sp.org/signed-note, "Format": valid UTF-8, no control character but the
 * newline, the text separated from at least one signature line by the last blank line, every signature line
 * `— <name> <base64 of ≥ 5 bytes>` and ending with a newline, and at most MAX_SIGNATURES of them.
 */
export function parseNote(note: string | Uint8Array): Result<ParsedNote, CodedRefusal> {
  let text: string;
  if (typeof note === 'string') {
    text = note;
  } else {
    try {
      text = strictUtf8.decode(note);
    } catch {
      return refuse('TLOG_NOTE_MALFORMED', { rule: 'not valid UTF-8' });
    }
  }
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return refuse('TLOG_NOTE_MALFORMED', { rule: 'no blank line before the signatures' });
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block === '') return refuse('TLOG_NOTE_MALFORMED', { rule: 'no signature line' });
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    return refuse('TLOG_NOTE_TOO_MANY_SIGNATURES', { count: lines.length, limit: MAX_SIGNATURES });
  }
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(EM_DASH_PREFIX))
      return refuse('TLOG_NOTE_MALFORMED', { rule: 'a line after the blank line is not a signature' });
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const base64 = space < 0 ? '' : rest.slice(space + 1);
    const raw = decodeBase64Strict(base64);
    if (!isValidKeyName(name) || raw === undefined || raw.length < 5) {
      return refuse('TLOG_NOTE_MALFORMED', { rule: 'a signature line is not "— <name> <base64>"' });
    }
    signatures.push({ name, keyId: Buffer.from(raw).readUInt32BE(0), base64 });
  }
  return ok({ text: body, signatures });
}

/**
 * One signature line, `— <name> <base64>` with or without its newline: what a witness sends back
 * (c2sp.org/tlog-witness), to be added to the note with `addSignatures`.
 */
export function parseSignatureLine(line: string): Result<NoteSignature, CodedRefusal> {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (text.includes('\n') || !isWellFormedText(text))
    return refuse('TLOG_NOTE_MALFORMED', { rule: 'not one signature line' });
  const parsed = parseNote(`x\n\n${text}\n`);
  if (!parsed.ok) return parsed;
  const [signature] = parsed.value.signatures;
  return signature === undefined ? refuse('TLOG_NOTE_MALFORMED', { rule: 'no signature line' }) : ok(signature);
}

/**
 * The note with `extra` signatures added after its own, in order, leaving out any whose key (name and id) already
 * signed it: a later cosignature of one witness does not replace the first. Nothing is verified here: open the
 * result with the keys you trust.
 */
export function addSignatures(note: string, extra: readonly NoteSignature[]): Result<string, CodedRefusal> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const keys = new Set(parsed.value.signatures.map((signature) => `${signature.name}+${signature.keyId}`));
  const added: NoteSignature[] = [];
  for (const signature of extra) {
    const key = `${signature.name}+${signature.keyId}`;
    if (!keys.has(key)) added.push(signature);
    keys.add(key);
  }
  return signNote(parsed.value.text, [], [...parsed.value.signatures, ...added]);
}

/**
 * Opens a note (c2sp.org/signed-note, "Signatures"): signatures whose name and id match no known key are
 * kept as unverified; a known key's signature MUST verify, and one that fails rejects the whole note; at
 * least one known key must have signed. Repeated lines of one key are counted once. Two verifiers with the
 * same name and id are a configuration mistake, thrown.
 */
export function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): Result<OpenedNote, CodedRefusal> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  // Two verifiers for one name and id are ambiguous; as in Go's note.Open, that refuses only a note that uses it.
  const known = new Map<string, NoteVerifier | 'ambiguous'>();
  for (const verifier of verifiers) {
    const id = `${verifier.name}+${keyIdHex(verifier.keyId)}`;
    known.set(id, known.has(id) ? 'ambiguous' : verifier);
  }
  const message = utf8.encode(parsed.value.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of parsed.value.signatures) {
    const id = `${signature.name}+${keyIdHex(signature.keyId)}`;
    const verifier = known.get(id);
    if (verifier === undefined) {
      const line = `${id} ${signature.base64}`;
      if (!seen.has(line)) unverified.push(signature);
      seen.add(line);
      continue;
    }
    if (verifier === 'ambiguous') return refuse('TLOG_KEY_AMBIGUOUS', { key: id });
    if (seen.has(id)) continue;
    seen.add(id);
    const raw = assertBase64(signature.base64).subarray(4);
    if (!verifier.verify(message, raw)) return refuse('TLOG_NOTE_BAD_SIGNATURE', { key: id });
    verified.push(signature);
  }
  if (verified.length === 0) return refuse('TLOG_NOTE_UNVERIFIED');
  return ok({ text: parsed.value.text, verified, unverified });
}

function assertBase64(text: string): Uint8Array {
  const bytes = decodeBase64Strict(text);
  if (bytes === undefined) throw new Error('a signature parsed as base64 no longer decodes');
  return bytes;
}
