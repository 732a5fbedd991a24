import type { FastifyRequest } from 'fastify';
import { addUser, endSessions, setAccountDisabled, setPassword } from '../../services/account-service.ts';
import { addAccountAwaitingKey } from '../../services/key-enrolment-service.ts';
import {
  accountRequest,
  accountStatusRequest,
  loginRequest,
  parseBody,
  passwordChangeRequest,
  passwordResetRequest,
  sessionResponse,
  whoAmIResponse,
} from '../api-schemas.ts';
import { ApiError } from '../api-error.ts';
import { okOrApiError } from '../field-names.ts';
import { bearerToken, hashPassword, login, logout, passwordMatches, sha256 } from '../auth.ts';
import type { RateLimiter } from '../rate-limiter.ts';
import { clientKey } from '../proxy-address.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

export interface LoginLimiters {
  /** Every attempt from one address. */
  readonly perAddress: RateLimiter;
  /** Wrong passwords for one account name, from anywhere. */
  readonly failuresPerAccount: RateLimiter;
}

const usernameOf = (request: FastifyRequest): string => (request.params as { username: string }).username;

export function registerAccountRoutes(routes: RouteRegistry, context: ServerContext, limiters: LoginLimiters): void {
  const { store } = context;

  /**
   * `check` of a password for `username`, counted against the account's allowance of wrong ones.
   * The allowance is taken before the check and given back on success, so that a thousand
   * guesses sent at once from a thousand addresses still get only the allowance.
   */
  const guarded = async <T>(username: string, check: () => Promise<T>): Promise<T> => {
    const key = `login-failures:${username.toLowerCase()}`;
    const wait = limiters.failuresPerAccount.take(key);
    if (wait > 0) throw new ApiError('RATE_LIMITED', { seconds: wait });
    let wrongPassword = false;
    try {
      return await check();
    } catch (error) {
      wrongPassword =
        error instanceof ApiError &&
        (error.code === 'AUTH_INVALID_CREDENTIALS' || error.code === 'PASSWORD_CURRENT_WRONG');
      throw error;
    } finally {
      if (!wrongPassword) limiters.failuresPerAccount.giveBack(key);
    }
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/session',
      summary: 'Log in: a bearer token for `Authorization: Bearer …`, valid for 16 hours',
      action: 'read-results',
      body: loginRequest,
      responses: { 200: '{ token, expiresAt, role, commission }' },
      response: sessionResponse,
    },
    async (request) => {
      // Password guessing is limited per address and, for guessers with many addresses, per account.
      const wait = limiters.perAddress.take(`login:${clientKey(request.ip)}`);
      if (wait > 0) throw new ApiError('RATE_LIMITED', { seconds: wait });
      const body = parseBody(loginRequest, request.body);
      return guarded(body.username, () => login({ store, username: body.username, password: body.password }));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/session',
      summary: 'Who the token belongs to',
      action: 'read-results',
      response: whoAmIResponse,
    },
    async (request) => {
      const principal = await context.guard(request, 'read-results');
      return principal.kind === 'public'
        ? { role: 'public' }
        : { username: principal.username, role: principal.role, commission: principal.commission };
    },
  );

  routes.add(
    { method: 'DELETE', url: '/api/session', summary: 'Log out: the token stops working', action: 'read-results' },
    async (request) => {
      await logout(store, request.headers.authorization);
      return { loggedOut: true };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/session/password',
      summary: "A person's own new password: the current one is asked for; every other session of the account ends",
      action: 'manage-own-account',
      body: passwordChangeRequest,
    },
    async (request) => {
      const principal = await context.account(request, 'manage-own-account');
      const body = parseBody(passwordChangeRequest, request.body);
      await guarded(principal.username, async () => {
        const account = await store.account(principal.username);
        if (account === null || !(await passwordMatches(account.passwordHash, body.currentPassword)))
          throw new ApiError('PASSWORD_CURRENT_WRONG', { field: 'currentPassword' }, 'currentPassword');
      });
      const passwordHash = await hashPassword(body.newPassword, principal.username).catch((error: unknown) => {
        throw error instanceof ApiError ? new ApiError(error.code, error.params, 'newPassword') : error;
      });
      const token = bearerToken(request.headers.authorization) as string;
      const { sessionsEnded } = okOrApiError(
        await setPassword({ store, username: principal.username, passwordHash, keepSession: sha256(token) }),
      );
      return { username: principal.username, sessionsEnded };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/accounts',
      summary:
        "A new account (administrators), its password kept as argon2id. Without publicKey the person's browser makes their key at first login and it waits for registration (POST /api/keys/registrations); with one (`saylau keygen`), it is registered now by an act the administrator signs in two phases",
      action: 'manage-accounts',
      receipts: true,
      body: accountRequest,
    },
    async (request) => {
      const principal = await context.account(request, 'manage-accounts');
      const body = parseBody(accountRequest, request.body);
      const passwordHash = await hashPassword(body.password, body.username);
      const commissionAsked = body.commission ?? null;
      if (body.publicKey === undefined) {
        const { commission } = okOrApiError(
          await addAccountAwaitingKey({
            store,
            election: context.election,
            id: body.username,
            role: body.role,
            commission: commissionAsked,
            passwordHash,
          }),
        );
        return { username: body.username, role: body.role, commission, fingerprint: null };
      }
      const publicKey = body.publicKey;
      const outcome = await context.signed(principal, body.signed, (signer) =>
        addUser({
          store,
          election: context.election,
          signer,
          id: body.username,
          role: body.role,
          commission: commissionAsked,
          publicKey,
          passwordHash,
        }),
      );
      if ('prepared' in outcome) return { toSign: outcome.prepared };
      const { fingerprint, commission } = outcome.done;
      // What was stored, not what was asked: they differ in nothing today, and an answer must not pretend.
      return { username: body.username, role: body.role, commission, fingerprint };
    },
  );

  for (const disabled of [true, false]) {
    routes.add(
      {
        method: 'POST',
        url: `/api/accounts/:username/${disabled ? 'disable' : 'enable'}`,
        summary: disabled
          ? "Disable a person's account (administrators): it logs in no more, its sessions end; the journal records who did it and why"
          : 'Enable a disabled account again (administrators), journaled likewise',
        action: 'manage-accounts',
        receipts: true,
        body: accountStatusRequest,
        responses: {
          200: '{ username, disabled, at, sessionsEnded }',
          404: 'ACCOUNT_UNKNOWN',
          409: disabled ? 'ACCOUNT_ALREADY_DISABLED' : 'ACCOUNT_NOT_DISABLED',
        },
      },
      async (request) => {
        const principal = await context.account(request, 'manage-accounts');
        const body = parseBody(accountStatusRequest, request.body);
        const username = usernameOf(request);
        // Nobody locks themselves out: the last administrator would have to be restored by the CLI.
        if (disabled && username === principal.username) throw new ApiError('ACCOUNT_SELF_DISABLE');
        const outcome = await context.signed(principal, body.signed, (signer) =>
          setAccountDisabled({
            store,
            electionId: context.election.event.id,
            signer,
            username,
            by: principal.username,
            reason: body.reason,
            disabled,
          }),
        );
        if ('prepared' in outcome) return { toSign: outcome.prepared };
        const { at, sessionsEnded } = outcome.done;
        return { username, disabled, at, sessionsEnded };
      },
    );
  }

  routes.add(
    {
      method: 'POST',
      url: '/api/accounts/:username/password',
      summary: "Set a person's password (administrators): every session of the account ends",
      action: 'manage-accounts',
      body: passwordResetRequest,
      responses: { 200: '{ username, sessionsEnded }', 404: 'ACCOUNT_UNKNOWN' },
    },
    async (request) => {
      await context.account(request, 'manage-accounts');
      const body = parseBody(passwordResetRequest, request.body);
      const username = usernameOf(request);
      const passwordHash = await hashPassword(body.password, username);
      const { sessionsEnded } = okOrApiError(await setPassword({ store, username, passwordHash }));
      return { username, sessionsEnded };
    },
  );

  routes.add(
    {
      method: 'DELETE',
      url: '/api/accounts/:username/sessions',
      summary: "End every session of a person's account (administrators): a lost laptop, a shared screen",
      action: 'manage-accounts',
      responses: { 200: '{ username, sessionsEnded }', 404: 'ACCOUNT_UNKNOWN' },
    },
    async (request) => {
      await context.account(request, 'manage-accounts');
      const username = usernameOf(request);
      return { username, ...okOrApiError(await endSessions(store, username)) };
    },
  );
}
