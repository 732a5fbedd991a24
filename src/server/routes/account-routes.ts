import { addUser } from '../../store/tabulator.ts';
import { saveKeyring } from '../../store/keyring.ts';
import { accountRequest, loginRequest, parseBody, sessionResponse } from '../api-schemas.ts';
import { ApiError } from '../api-error.ts';
import { hashPassword, login, logout } from '../auth.ts';
import type { RateLimiter } from '../rate-limiter.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

export function registerAccountRoutes(routes: RouteRegistry, context: ServerContext, loginLimiter: RateLimiter): void {
  const { store } = context;

  routes.add({ method: 'POST', url: '/api/session', summary: 'Log in: a bearer token for `Authorization: Bearer …`, valid for 16 hours', action: 'read-results', body: loginRequest, responses: { 200: '{ token, expiresAt, role, commission }' }, response: sessionResponse }, async (request) => {
    // Password guessing is limited per address, apart from the general limit.
    const wait = loginLimiter.take(`login:${request.ip}`);
    if (wait > 0) throw new ApiError('RATE_LIMITED', { seconds: wait });
    const body = parseBody(loginRequest, request.body);
    return login({ store, username: body.username, password: body.password });
  });

  routes.add({ method: 'GET', url: '/api/session', summary: 'Who the token belongs to', action: 'read-results' }, async (request) => {
    const principal = await context.guard(request, 'read-results');
    return principal.kind === 'public' ? { role: 'public' } : { username: principal.username, role: principal.role, commission: principal.commission };
  });

  routes.add({ method: 'DELETE', url: '/api/session', summary: 'Log out: the token stops working', action: 'read-results' }, async (request) => {
    await logout(store, request.headers.authorization);
    return { loggedOut: true };
  });

  routes.add({ method: 'POST', url: '/api/accounts', summary: 'A new account (administrators): its key is registered in the journal by the CEC, its password kept as argon2id', action: 'manage-accounts', body: accountRequest }, async (request) => {
    await context.account(request, 'manage-accounts');
    const body = parseBody(accountRequest, request.body);
    const passwordHash = await hashPassword(body.password);
    const { fingerprint } = await addUser({
      store,
      election: context.election,
      keyring: context.keys(),
      id: body.username,
      role: body.role,
      commission: body.commission ?? null,
      passwordHash,
      reloadKeyring: () => context.keys({ reload: true }),
      beforeCommit: (next) => {
        saveKeyring(context.keysPath, next);
        context.replaceKeys(next);
      },
    });
    return { username: body.username, role: body.role, commission: body.commission ?? null, fingerprint };
  });
}
