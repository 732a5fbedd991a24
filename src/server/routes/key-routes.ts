import { z } from 'zod';
import { keyStatus, pendingKeys, registerPendingKey, submitPendingKey } from '../../services/key-enrolment-service.ts';
import { signedField, toSignResponse } from '../act-signing.ts';
import { parseBody } from '../api-schemas.ts';
import { okOrApiError } from '../field-names.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hex');
const keyRequest = z.strictObject({ publicKey: z.string().min(1).max(100) });
const keyView = z.strictObject({ fingerprint: z.string(), publicKey: z.string() });
const pendingView = keyView.extend({ at: z.string() });
const myKeyResponse = z.strictObject({
  username: z.string(),
  registered: keyView.nullable(),
  pending: pendingView.nullable(),
  /** The person's keys revoked in the journal: a browser holding one says so, and never sends it again. */
  revoked: z.array(z.strictObject({ fingerprint: z.string(), voidFrom: z.string() })),
  /**
   * The id of the journal acts count in (docs/keys.md, "The journal id"); null in a journal made before ids. A browser
   * key kept for another journal (a rehearsal's) is not this journal's key.
   */
  journal: z.string().nullable(),
});
const pendingListResponse = z.strictObject({
  pending: z.array(
    pendingView.extend({ username: z.string(), role: z.string().nullable(), commission: z.string().nullable() }),
  ),
});
const registerKeyRequest = z.strictObject({
  username: z.string().min(1).max(200),
  fingerprint: sha256,
  signed: signedField.optional(),
});
const registerKeyResponse = z.union([
  toSignResponse,
  z.strictObject({ username: z.string(), fingerprint: z.string(), registered: z.literal(true) }),
]);

/**
 * Keys made in the person's browser (docs/server.md, "Signing in the client"): the person sends the public half of
 * their new key, which waits; an administrator, having compared its fingerprint with the person, registers it with an
 * act signed by the administrator's own key.
 */
export function registerKeyRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { store } = context;
  const shownKey = (key: { fingerprint: string; publicKey: string } | undefined) =>
    key === undefined ? null : { fingerprint: key.fingerprint, publicKey: key.publicKey };

  const myKey = async (username: string) => {
    const { registered, pending } = await keyStatus(store, username);
    const [keys, decisions] = await Promise.all([store.keys(), store.decisions()]);
    const revoked = keys.flatMap((key) => {
      const revocation = key.holder === username ? decisions.revoked.get(key.fingerprint) : undefined;
      return revocation === undefined ? [] : [{ fingerprint: key.fingerprint, voidFrom: revocation.voidFrom }];
    });
    return {
      username,
      registered: shownKey(registered),
      pending: pending === undefined ? null : { ...shownKey(pending)!, at: pending.at },
      revoked,
      journal: (await context.actScope()).journal ?? null,
    };
  };

  routes.add(
    {
      method: 'GET',
      url: '/api/me/key',
      summary: "The person's own key: the one registered in the journal, and one waiting for registration",
      action: 'manage-own-account',
      response: myKeyResponse,
    },
    async (request) => myKey((await context.account(request, 'manage-own-account')).username),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/me/key',
      summary:
        "The public half of a key the person's browser made (raw Ed25519, base64url): it waits for registration and signs nothing until then",
      action: 'manage-own-account',
      body: keyRequest,
      response: myKeyResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'manage-own-account');
      const body = parseBody(keyRequest, request.body);
      okOrApiError(
        await submitPendingKey({
          store,
          username: principal.username,
          publicKey: body.publicKey,
          now: new Date().toISOString(),
        }),
      );
      return myKey(principal.username);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/keys/pending',
      summary: 'Keys waiting for registration (administrators), each with its fingerprint to compare with its holder',
      action: 'manage-accounts',
      response: pendingListResponse,
    },
    async (request) => {
      await context.account(request, 'manage-accounts');
      const pending = await pendingKeys(store);
      const accounts = await Promise.all(pending.map((key) => store.account(key.username)));
      return {
        pending: pending.map((key, index) => ({
          username: key.username,
          role: accounts[index]?.role ?? null,
          commission: accounts[index]?.commission ?? null,
          fingerprint: key.fingerprint,
          publicKey: key.publicKey,
          at: key.at,
        })),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/keys/registrations',
      summary:
        "Registration of a person's waiting key (administrators), signed in two phases by the administrator's own key: the fingerprint compared with the person is named",
      action: 'manage-accounts',
      body: registerKeyRequest,
      response: registerKeyResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'manage-accounts');
      const body = parseBody(registerKeyRequest, request.body);
      const outcome = await context.signed(principal, body.signed, (signer) =>
        registerPendingKey({
          store,
          election: context.election,
          username: body.username,
          fingerprint: body.fingerprint,
          signer,
        }),
      );
      if ('prepared' in outcome) return { toSign: outcome.prepared };
      return { username: body.username, fingerprint: outcome.done.fingerprint, registered: true as const };
    },
  );
}
