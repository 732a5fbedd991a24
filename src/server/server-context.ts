import type { FastifyRequest } from 'fastify';
import type { Language } from '../i18n/language.ts';
import type { PreviousTurnout } from '../model/previous-turnout.ts';
import type { Election } from '../model/election.ts';
import { type Keyring, loadKeyring } from '../store/keyring.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from '../tally/entry-authority.ts';
import { ApiError } from './api-error.ts';
import { authenticate } from './auth.ts';
import type { LiveResults } from './live-results.ts';
import { type Action, allows, type Principal } from './permissions.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { requestLanguage } from './request-language.ts';
import { assertDefined } from '../law/assert.ts';
import type { ActScope, ActSigner } from '../journal/act.ts';
import { journalActScope } from '../store/act-scope.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import { currentKeyOf } from '../services/key-enrolment-service.ts';
import { DEFAULT_SIGNING_SKEW_MS, runSigned, type Signed, type SignedOutcome } from './act-signing.ts';

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

/** What every route handler works with. */
export class ServerContext {
  private keyring: Keyring | undefined;
  private readonly checked = new WeakMap<FastifyRequest, Principal>();
  /** What every act binds (docs/keys.md, "What a signature covers"): read once, as a journal's root never changes. */
  private scope: ActScope | undefined;

  constructor(
    readonly store: Store,
    readonly live: LiveResults,
    readonly keysPath: string,
    private readonly accountLimiter: RateLimiter,
    /** A previous election's turnout through the day, drawn beside this one's (docs/site.md); null without one. */
    readonly previousTurnout: PreviousTurnout | null = null,
  ) {}

  /**
   * The election as registration makes it now: read per request, never kept by a route, since a
   * registration (here or by another process) swaps it (live-results.ts, registered-election.ts).
   */
  get election(): Election {
    return this.live.election;
  }

  /**
   * Derived lookups of the current election, computed once per version of it: `build` is a
   * route's own index (maps by id and the like).
   */
  derived<T>(build: (election: Election) => T): T {
    const election = this.election;
    let byBuild = this.derivedOf.get(election);
    if (byBuild === undefined) this.derivedOf.set(election, (byBuild = new Map()));
    if (!byBuild.has(build)) byBuild.set(build, build(election));
    return assertDefined(byBuild.get(build)) as T;
  }

  private readonly derivedOf = new WeakMap<Election, Map<unknown, unknown>>();

  language(request: FastifyRequest): Language {
    return requestLanguage(request.query, request.headers['accept-language']);
  }

  /**
   * The principal of a request if it may do `action`, else a refusal: AUTH_REQUIRED for the public,
   * AUTH_FORBIDDEN for a role without the right. Writes also count against the account's limit.
   */
  async guard(request: FastifyRequest, action: Action): Promise<Principal> {
    // Checked once per request: before the body is read (onRequest), then again by the handler for free.
    const checked = this.checked.get(request);
    if (checked !== undefined) return checked;
    const principal = await authenticate(this.store, request.headers.authorization);
    if (!allows(principal, action)) {
      if (principal.kind === 'public') throw new ApiError('AUTH_REQUIRED');
      throw new ApiError('AUTH_FORBIDDEN', { role: principal.role, action });
    }
    if (principal.kind === 'account' && request.method !== 'GET') {
      const wait = this.accountLimiter.take(`account:${principal.username}`);
      if (wait > 0) throw new ApiError('RATE_LIMITED', { seconds: wait });
    }
    this.checked.set(request, principal);
    return principal;
  }

  async account(request: FastifyRequest, action: Action): Promise<AccountPrincipal> {
    const principal = await this.guard(request, action);
    if (principal.kind !== 'account') throw new ApiError('AUTH_REQUIRED');
    return principal;
  }

  /** The private keys, read once; read again when someone new is missing (added by another process). */
  keys({ reload = false }: { reload?: boolean } = {}): Keyring {
    if (this.keyring === undefined || reload) {
      try {
        this.keyring = loadKeyring(this.keysPath);
      } catch {
        // The path is the operator's business, not the client's: it goes to the log only.
        throw new ApiError('KEYS_UNREADABLE', { path: 'the server key file' });
      }
    }
    return this.keyring;
  }

  replaceKeys(next: Keyring): void {
    this.keyring = next;
  }

  /** How far a client's signing time may be from this server's clock (docs/server.md, "Signing in the client"). */
  signingSkewMs = DEFAULT_SIGNING_SKEW_MS;

  /** The election and journal every act binds. */
  async actScope(): Promise<ActScope> {
    const electionId = this.election.event.id;
    if (this.scope?.election !== electionId) this.scope = await journalActScope(this.store, electionId);
    return this.scope;
  }

  /**
   * Runs `service` as the request's phase says (act-signing.ts): the person's registered key is the only one whose
   * signatures count; a person without one (a key still waiting, or none) is refused before anything runs.
   */
  async signed<T>(
    principal: AccountPrincipal,
    signed: Signed | undefined,
    service: (signer: ActSigner, actor: Actor) => Promise<Result<T, CodedRefusal>>,
  ): Promise<SignedOutcome<T>> {
    const key = await currentKeyOf(this.store, principal.username);
    if (key === undefined) throw new ApiError('KEY_NONE_REGISTERED', { user: principal.username });
    const actor: Actor = { fingerprint: key.fingerprint, role: key.role, commission: key.commission };
    return runSigned({
      identity: key,
      scope: await this.actScope(),
      signed,
      skewMs: this.signingSkewMs,
      service: (signer) => service(signer, actor),
    });
  }
}
