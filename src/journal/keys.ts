import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

/** An Ed25519 key pair; the private half never enters the journal or a bundle (docs/tabulation.md, The journal). */
export interface SigningKey {
  readonly fingerprint: string;
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The raw 32-byte public key, base64url: what events and bundles carry. */
export function rawPublicKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('base64url');
}

export function publicKeyObject(raw: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, Buffer.from(raw, 'base64url')]),
    format: 'der',
    type: 'spki',
  });
}

/** What an observer pins (`verify --trust`): SHA-256 of the raw public key, hex. */
export function fingerprintOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex');
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { fingerprint: fingerprintOf(raw), publicKey: raw, privateKey };
}

export function exportPrivateKey(key: SigningKey): string {
  return key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function importPrivateKey(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const raw = rawPublicKey(createPublicKey(privateKey));
  return { fingerprint: fingerprintOf(raw), publicKey: raw, privateKey };
}

/** Signs a hex SHA-256 digest; the signature is base64url. */
export function signDigest(digest: string, key: SigningKey): string {
  return signDigestWith(digest, key.privateKey);
}

/** The same with the private key alone, as a thread that signs for another is given it. */
export function signDigestWith(digest: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(digest, 'hex'), privateKey).toString('base64url');
}

export function verifyDigest(digest: string, signature: string, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(digest, 'hex'), publicKey, Buffer.from(signature, 'base64url'));
}
