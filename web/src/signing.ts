import { actText } from '@saylau/web-shared';
import { post } from './api.ts';
import { t } from './i18n.ts';

/**
 * The person's own signing key in this browser (docs/server.md, "Signing in the client"): an Ed25519 key pair made
 * by WebCrypto with a private half that cannot be exported, kept in IndexedDB under the username (IndexedDB is kept
 * per origin, so a key made for one server never signs for another). Only the public half leaves the browser.
 */
export interface BrowserKey {
  readonly username: string;
  readonly keyPair: CryptoKeyPair;
  /** The raw 32-byte public key, base64url: what the server registers. */
  readonly publicKey: string;
  /** SHA-256 of the raw public key, hex: the journal's `actor`, and what the person compares by phone or on paper. */
  readonly fingerprint: string;
  readonly createdAt: string;
  /**
   * The election the key was made for (the site's overview at the first login): it signs acts of that election only,
   * whatever overview a server serves later. Absent on a key kept before this was recorded.
   */
  readonly election?: string;
  /**
   * The journal the key signed its first act in (docs/server.md, "Signing in the client"): it signs in that journal
   * only, so that a key of a rehearsal signs nothing for the real night; '' for a journal made before journals had
   * ids. Absent until the key first signs.
   */
  readonly journal?: string;
}

/** One act as the server plans it (act-signing.ts): what the person signs. */
export interface ActToSign {
  readonly election: string;
  /** The journal's id; absent only in a journal made before journals had ids. */
  readonly journal?: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
  readonly digest: string;
}

const DATABASE = 'saylau-keys';
const STORE = 'keys';

/** The election this console works for (setSigningElection): the only one whose acts are signed here. */
let election: string | null = null;

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'username' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
  });
}

async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB'));
    });
  } finally {
    database.close();
  }
}

/** The key kept for `username` in this browser, if any. */
export async function storedKey(username: string): Promise<BrowserKey | undefined> {
  const found = (await transact('readonly', (store) => store.get(username))) as BrowserKey | undefined;
  return found?.keyPair?.privateKey === undefined ? undefined : found;
}

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Makes a new key pair for `username` and keeps it, replacing any kept before. The private key is made
 * non-extractable: no script of this page, ours included, can read it out, only ask it to sign.
 */
export async function makeKey(username: string): Promise<BrowserKey> {
  const keyPair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const raw = await crypto.subtle.exportKey('raw', keyPair.publicKey);
  const key: BrowserKey = {
    username,
    keyPair,
    publicKey: base64url(raw),
    fingerprint: hex(await crypto.subtle.digest('SHA-256', raw)),
    createdAt: new Date().toISOString(),
    ...(election === null ? {} : { election }),
  };
  await transact('readwrite', (store) => store.put(key));
  return key;
}

/** The fingerprint as people read it aloud: groups of four hex digits. */
export function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

/** SHA-256 of the act's canonical JSON, hex: computed here from the act, never taken from the server. */
export async function actDigestHex(act: ActToSign): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(actText(act, act))));
}

/**
 * Why the person must not sign these acts, in their words, or null: the console's check that the acts the server
 * planned say what its person did — how many, of which kind, every field of each payload (act-checks.ts).
 */
export type ActCheck = (acts: readonly ActToSign[]) => string | null | Promise<string | null>;

/** A signing the browser refused: nothing was sent with a signature. */
export class SigningRefused extends Error {
  /** What the console marks the refusal with (`data-code`), as a server's refusal carries its code. */
  readonly code = 'SIGNING_REFUSED_IN_BROWSER';

  constructor(readonly reason: string) {
    super(reason);
  }

  /** What the console shows: the reason in the person's words, nothing more. */
  override toString(): string {
    return this.reason;
  }
}

/** Where the person's key stands, as the key panel found it (views/key-panel.ts). */
export type KeyState = 'none' | 'pending' | 'registered' | 'lost' | 'revoked' | 'unsupported' | 'error';

let current: BrowserKey | null = null;
let currentState: KeyState = 'none';

/**
 * The registered key this browser signs with now, once the console has found it (views/key-panel.ts), and the state
 * of the person's key: with no key to sign with, the refusal says why in the person's words.
 */
export function setSigningKey(key: BrowserKey | null, state: KeyState = key === null ? 'none' : 'registered'): void {
  current = key;
  currentState = state;
}

export function signingKey(): BrowserKey | null {
  return current;
}

/** The election this console works for (the site's overview): an act of any other is not signed. */
export function setSigningElection(id: string): void {
  election = id;
}

/**
 * How far the time of an act the server proposes may be from this computer's clock: the server allows the same
 * between the signed time and its own (src/server/act-signing.ts), so an honest server's act always passes, and a
 * server cannot have an act signed as of another time — before a revocation, after a deadline — by more than this.
 */
export const SIGNING_SKEW_MS = 5 * 60_000;

/** An act's time as the journal writes it (`toISOString`): one spelling, so one digest. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ACT_FIELDS = ['election', 'type', 'actor', 'at', 'payload', 'digest'];
/** A journal's id as act-text.ts spells it. */
const JOURNAL_ID = /^[0-9a-f]{32}$/;

/** The acts of a phase-1 answer, each of the form act-signing.ts gives, or undefined for anything else. */
function actsToSign(answer: unknown): readonly ActToSign[] | undefined {
  if (typeof answer !== 'object' || answer === null || !('toSign' in answer)) return undefined;
  const acts = answer.toSign;
  if (!Array.isArray(acts) || acts.length === 0) return undefined;
  const wellFormed = acts.every(
    (act: unknown) =>
      typeof act === 'object' &&
      act !== null &&
      Object.keys(act).length === ACT_FIELDS.length + ('journal' in act ? 1 : 0) &&
      ACT_FIELDS.every((field) => field in act) &&
      (!('journal' in act) || (typeof act.journal === 'string' && JOURNAL_ID.test(act.journal))) &&
      ['election', 'type', 'actor', 'at', 'digest'].every(
        (field) => typeof (act as Record<string, unknown>)[field] === 'string',
      ) &&
      /^[0-9a-f]{64}$/.test((act as { digest: string }).digest),
  );
  return wellFormed ? (acts as ActToSign[]) : undefined;
}

/**
 * Checks every act — its election this console's, its author this key, its time this computer's (within the skew)
 * and the same for all, its digest computed here from the act, its content by `check` — then signs the digests with
 * the key. Any difference refuses the whole batch, before anything is signed.
 */
export async function signActs(
  key: BrowserKey,
  acts: readonly ActToSign[],
  check: ActCheck,
  { electionId = election, now = Date.now() }: { electionId?: string | null; now?: number } = {},
): Promise<string[]> {
  // The key's own election, when it was kept with it, and the page's must agree: a key signs for one election only.
  if (electionId === null || (key.election !== undefined && key.election !== electionId))
    throw new SigningRefused(t('signWrongElection', { got: acts[0]?.election ?? '' }));
  const at = acts[0]?.at;
  // A key signs in one journal: the first it signed in (pinned below), whatever journal a server names later. A journal
  // made before journals had ids is '' here, and pinned as such: a key that signed in one signs in no other.
  const journal = key.journal ?? acts[0]?.journal ?? '';
  for (const act of acts) {
    if (act.election !== electionId) throw new SigningRefused(t('signWrongElection', { got: act.election }));
    if ((act.journal ?? '') !== journal) throw new SigningRefused(t('signWrongJournal'));
    if (act.actor !== key.fingerprint) throw new SigningRefused(t('signWrongActor'));
    if (!ISO_INSTANT.test(act.at) || act.at !== at || Math.abs(Date.parse(act.at) - now) > SIGNING_SKEW_MS)
      throw new SigningRefused(
        t('signWrongTime', {
          at: act.at,
          minutes: Math.round(SIGNING_SKEW_MS / 60_000),
          now: new Date(now).toISOString(),
        }),
      );
    if ((await actDigestHex(act)) !== act.digest) throw new SigningRefused(t('signWrongDigest'));
  }
  const refusal = await check(acts);
  if (refusal !== null) throw new SigningRefused(refusal);
  if (key.journal === undefined) await pinJournal(key, journal);
  const signatures: string[] = [];
  for (const act of acts)
    signatures.push(
      base64url(await crypto.subtle.sign({ name: 'Ed25519' }, key.keyPair.privateKey, fromHex(act.digest))),
    );
  return signatures;
}

/**
 * Keeps the journal of a key's first signature with the key, before it signs: from then on the key signs in that
 * journal only. The journal's id is random (made by the CEC at the journal's start), so a journal that did not exist
 * when the key first signed — the real night's, for a key of a rehearsal — can never be named by then.
 */
async function pinJournal(key: BrowserKey, journal: string): Promise<void> {
  const pinned: BrowserKey = { ...key, journal };
  const database = await openDatabase();
  try {
    // Read and written in one transaction: another tab that pinned this key first, or replaced it, wins, and this
    // signing is refused rather than the key pinned to a second journal.
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      const read = store.get(key.username);
      read.onsuccess = () => {
        const kept = read.result as BrowserKey | undefined;
        if (kept?.fingerprint !== key.fingerprint || (kept.journal !== undefined && kept.journal !== journal))
          transaction.abort();
        else store.put(pinned);
      };
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(new SigningRefused(t('signWrongJournal')));
    });
  } finally {
    database.close();
  }
  if (current === key) current = pinned;
}

/** Why nothing can be signed in this browser now, in the person's words. */
function noKeyReason(): string {
  switch (currentState) {
    case 'pending':
      return t('signKeyWaiting');
    case 'lost':
      return t('signKeyLost');
    case 'revoked':
      return t('signKeyRevoked');
    case 'none':
    case 'registered':
    case 'unsupported':
    case 'error':
      return t('signNoKey');
  }
}

/**
 * A request that makes an act, in two phases (docs/server.md, "Signing in the client"): sent without a signature,
 * it comes back with the acts the server would record; they are checked and signed here, and the same request is
 * sent again with the signatures. The server records exactly what was signed, or nothing.
 */
export async function signedPost<T>(
  path: string,
  body: Record<string, unknown>,
  check: ActCheck,
): Promise<Exclude<T, { readonly toSign: unknown }>> {
  const key = current;
  if (key === null) throw new SigningRefused(noKeyReason());
  const first = await post<unknown>(path, body);
  const acts = actsToSign(first);
  // An answer that is not acts to sign is never signed over: a defect or a hostile server, said so.
  if (acts === undefined) throw new SigningRefused(t('signWrongShape'));
  const signatures = await signActs(key, acts, check);
  // Every act has this one time (signActs checked it), and there is at least one (actsToSign).
  const at = acts[0]?.at ?? '';
  return post<Exclude<T, { readonly toSign: unknown }>>(path, { ...body, signed: { at, signatures } });
}
