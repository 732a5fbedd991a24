import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PERSON_ROLES, type PersonRole } from '../journal/events.ts';
import type { Store } from '../store/store.ts';
import { ApiError } from './api-error.ts';
import { passwordProblem } from './password-policy.ts';
import type { Principal } from './permissions.ts';
import { assertDefined } from '../law/assert.ts';

export { MIN_PASSWORD_LENGTH } from './password-policy.ts';
/** A login lasts one working day and night: election night included. */
export const SESSION_HOURS = 16;

/**
 * argon2id — the library's default algorithm — with its defaults (19 MiB, 2 passes: OWASP's
 * minimum), in PHC string form; a password the policy refuses (password-policy.ts) is not hashed.
 */
export async function hashPassword(password: string, username?: string): Promise<string> {
  const problem = passwordProblem(password, username);
  if (problem !== null) throw new ApiError(problem.code, problem.params, 'password');
  return hash(password);
}

/** Whether `password` is the one `passwordHash` was made from; a damaged hash matches nothing. */
export function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Checked against when the user does not exist, so that a wrong name costs as long as a wrong password.
let decoy: Promise<string> | undefined;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new session for a correct username and password; the token is returned once and stored only as its hash. */
export async function login({
  store,
  username,
  password,
  now = new Date(),
}: {
  store: Store;
  username: string;
  password: string;
  now?: Date;
}): Promise<{ token: string; expiresAt: string; role: PersonRole; commission: string | null }> {
  const account = await store.account(username);
  decoy ??= hash('not a password of anyone');
  const matches = await passwordMatches(account?.passwordHash ?? (await decoy), password);
  if (account === null || !matches) throw new ApiError('AUTH_INVALID_CREDENTIALS');
  // Said only to whoever knows the password: a stranger learns nothing of the account.
  if (account.disabledAt !== null) throw new ApiError('AUTH_ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await store.putSession({ tokenSha256: sha256(token), username, expiresAt }, now.toISOString());
  return { token, expiresAt, role: account.role as PersonRole, commission: account.commission };
}

export async function logout(store: Store, authorization: string | undefined): Promise<void> {
  const token = bearerToken(authorization);
  if (token !== null) await store.deleteSession(sha256(token));
}

export function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization.trim());
  if (match === null) throw new ApiError('AUTH_SESSION_INVALID');
  return assertDefined(match[1]);
}

/** The principal behind a request's `Authorization: Bearer …` header; no header is the public. */
export async function authenticate(
  store: Store,
  authorization: string | undefined,
  now = new Date(),
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (token === null) return { kind: 'public' };
  const session = await store.session(sha256(token), now.toISOString());
  if (session === null) throw new ApiError('AUTH_SESSION_INVALID');
  const account = await store.account(session.username);
  if (account === null || account.disabledAt !== null || !(PERSON_ROLES as readonly string[]).includes(account.role))
    throw new ApiError('AUTH_SESSION_INVALID');
  return {
    kind: 'account',
    username: account.username,
    role: account.role as PersonRole,
    commission: account.commission,
  };
}
