import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { isMessageCode } from '../i18n/messages.ts';
import type { Election } from '../model/election.ts';
import type { Store } from '../store/store.ts';
import { StoreError } from '../store/store-error.ts';
import { ApiError, errorBody, statusOf } from './api-error.ts';
import { asApiError } from './field-names.ts';
import { LiveResults } from './live-results.ts';
import { Offloader, workerHeapMb } from './offload/offloader.ts';
import { openApiDocument } from './openapi.ts';
import type { Action } from './permissions.ts';
import { RateLimiter } from './rate-limiter.ts';
import { requestLanguage } from './request-language.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { clientRefusal, frameworkRefusal, registerNulRefusal } from './request-refusals.ts';
import { clientKey } from './proxy-address.ts';
import { RouteRegistry } from './route-registry.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerExportRoutes } from './routes/export-routes.ts';
import { registerSiteRoutes } from './routes/site-routes.ts';
import type { PreviousTurnout } from '../model/previous-turnout.ts';
import { registerObserverRoutes } from './routes/observer-routes.ts';
import { registerObserverActRoutes } from './routes/observer-act-routes.ts';
import { registerStaticSite } from './static-site.ts';
import { registerDecisionRoutes } from './routes/decision-routes.ts';
import { registerJournalRoutes } from './routes/journal-routes.ts';
import { registerKeyRoutes } from './routes/key-routes.ts';
import { registerLiveRoute } from './routes/live-route.ts';
import { registerProtocolRoutes } from './routes/protocol-routes.ts';
import { registerRegistrationRoutes } from './routes/registration-routes.ts';
import { registerWhatIfRoutes } from './routes/whatif-routes.ts';
import { registerForensicsRoutes } from './routes/forensics-routes.ts';
import { registerForecastRoutes } from './routes/forecast-routes.ts';
import { registerLogRoutes } from './routes/log-routes.ts';
import { registerWitnessRoutes } from './routes/witness-routes.ts';
import type { TransparencyLog } from '../services/transparency-log.ts';
import { issueReceipts } from '../services/receipts.ts';
import { registerResultRoutes } from './routes/results-routes.ts';
import { ServerContext } from './server-context.ts';

export interface Limits {
  /** Largest request body of an import: 5,000 protocols fit. */
  readonly bodyBytes: number;
  /** Largest body of any other request: a protocol is about 500 bytes. */
  readonly otherBodyBytes: number;
  /** Requests a minute per address (the cacheable public reads excepted) and the burst allowed. */
  readonly perAddress: { readonly perMinute: number; readonly burst: number };
  /** Writes a minute per account. */
  readonly perAccount: { readonly perMinute: number; readonly burst: number };
  /** Export downloads and analyses a minute per address, besides `perAddress`: each may cost a build. */
  readonly downloads: { readonly perMinute: number; readonly burst: number };
  /** Login attempts a minute per address. */
  readonly login: { readonly perMinute: number; readonly burst: number };
  /** Failed logins a minute per account name, from anywhere: what a guesser with many addresses meets. */
  readonly loginFailures: { readonly perMinute: number; readonly burst: number };
  /** Milliseconds to receive a whole request. */
  readonly requestTimeoutMs: number;
  /**
   * Under a stream of writes the results are recomputed at most once in this many milliseconds, so that requests keep
   * flowing; a write that answers with what it changed (registration) waits for the next turn.
   */
  readonly resultsRefreshMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 8 * 1024 * 1024,
  otherBodyBytes: 256 * 1024,
  perAddress: { perMinute: 6000, burst: 600 },
  perAccount: { perMinute: 3000, burst: 300 },
  downloads: { perMinute: 60, burst: 20 },
  login: { perMinute: 10, burst: 10 },
  // Ten wrong passwords, then one more every 90 s (ten in 15 minutes): docs/server.md, "Limits".
  loginFailures: { perMinute: 10 / 15, burst: 10 },
  requestTimeoutMs: 30_000,
  resultsRefreshMs: 200,
};

export interface SaylauServer {
  readonly app: FastifyInstance;
  /** Every route Fastify serves, as `METHOD url`: what the OpenAPI document must describe. */
  readonly routes: readonly string[];
  readonly live: LiveResults;
  close(): Promise<void>;
}

/** Fastify's own refusals (body parsing, size, media type) as coded ones. */
function fromFastify(error: FastifyError, bodyLimit: number): ApiError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('REQUEST_TOO_LARGE', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('REQUEST_UNSUPPORTED_MEDIA');
    default:
      if (error.statusCode === 400 || error instanceof SyntaxError)
        return new ApiError('INPUT_NOT_JSON', { detail: error.message });
      if (error.statusCode !== undefined && error.statusCode < 500)
        return new ApiError('INPUT_INVALID_VALUE', { field: '', expected: error.message });
      return new ApiError('INTERNAL_ERROR', { detail: error.code ?? 'unexpected' });
  }
}

/**
 * The HTTP API (docs/server.md) over one store: results (cacheable, content-addressed), live
 * updates, the journal, the life of a protocol, commissions' decisions, accounts. Every refusal is
 * coded.
 */
export async function buildServer({
  store,
  election,
  definition,
  keysPath,
  version = '0',
  limits = DEFAULT_LIMITS,
  logger = false,
  trustProxy = [],
  siteDirectory,
  jobsOnMainThread = false,
  log = null,
  previousTurnout = null,
}: {
  store: Store;
  /** The election as loaded (`loadElection(store).election`); the server follows registration from there. */
  election: Election;
  /** The stored definition, when the caller has it; else read from the store at the first registration. */
  definition?: Election;
  keysPath: string;
  version?: string;
  limits?: Limits;
  /** Fastify's logger: `saylau serve` logs errors (defects, a live-results or export failure) to stderr. */
  logger?: boolean | { readonly level: string; readonly stream: NodeJS.WritableStream };
  /**
   * The load balancers in front (addresses or CIDR ranges): X-Forwarded-For is believed from them
   * only, so that limits per address stay per person and nobody else can choose their address.
   */
  trustProxy?: readonly string[];
  /** The built public site (web/dist), served at `/` when given and built. */
  siteDirectory?: string;
  /**
   * Exports and analyses built on the event loop, as for an in-memory database: for embedding, and for tests whose
   * point is what the routes answer, not where the work runs (docs/server.md, "Work off the main thread").
   */
  jobsOnMainThread?: boolean;
  /**
   * The transparency log this server signs and serves (docs/transparency-log.md, "Serving the log"): opened here —
   * its tree built, its last checkpoint checked, the head signed if it was not — and set to sign a checkpoint before
   * every commit that appends. Without it the log's routes answer LOG_NOT_SERVED (embedding, most tests).
   */
  log?: TransparencyLog | null;
  /** A previous election's turnout through the day, for the site to draw beside this one's (`--previous-turnout`). */
  previousTurnout?: PreviousTurnout | null;
}): Promise<SaylauServer> {
  // Tables added since the database was made (accounts, sessions) are created here; existing ones are left alone.
  await store.migrate();
  if (log !== null) {
    await log.open(store);
    log.attach(store);
  }
  const app = Fastify({
    logger,
    trustProxy: trustProxy.length === 0 ? false : [...trustProxy],
    bodyLimit: limits.otherBodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkRefusal,
    clientErrorHandler: clientRefusal(limits.requestTimeoutMs),
  });
  // JSON only: a protocol sent as text would otherwise reach the handlers as a string.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  registerSecurityHeaders(app);
  registerNulRefusal(app);
  const live = new LiveResults(store, election, (error) => app.log.error(error), definition, limits.resultsRefreshMs);
  await live.start();
  const addressLimiter = new RateLimiter(limits.perAddress.perMinute, limits.perAddress.burst);
  const downloadLimiter = new RateLimiter(limits.downloads.perMinute, limits.downloads.burst);
  // Exports and analyses are built by worker threads, never on the event loop (docs/server.md, "Work off the main
  // thread").
  const offloader = new Offloader(
    store,
    (error) => app.log.error(error),
    jobsOnMainThread,
    workerHeapMb(election.stations.length),
  );
  const context = new ServerContext(
    store,
    live,
    keysPath,
    new RateLimiter(limits.perAccount.perMinute, limits.perAccount.burst),
    previousTurnout,
  );

  app.addHook('onRequest', (request, _reply, done) => {
    const config = request.routeOptions.config as { limited?: boolean; expensive?: boolean; action?: Action };
    const wait = Math.max(
      config.limited !== false ? addressLimiter.take(`addr:${clientKey(request.ip)}`) : 0,
      config.expensive === true ? downloadLimiter.take(`downloads:${clientKey(request.ip)}`) : 0,
    );
    if (wait > 0) return done(new ApiError('RATE_LIMITED', { seconds: wait }));
    // Who may call a route is decided before its body is read: the public gets 401, not a parse error.
    if (config.action === undefined || config.action === 'read-results') return done();
    context.guard(request, config.action).then(
      () => done(),
      (error: unknown) => done(error as Error),
    );
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const apiError =
      error instanceof ApiError
        ? error
        : error instanceof StoreError
          ? asApiError(error)
          : isMessageCode((error as FastifyError).code ?? '')
            ? new ApiError((error as FastifyError).code as never)
            : fromFastify(error as FastifyError, request.routeOptions.bodyLimit ?? limits.otherBodyBytes);
    if (apiError.code === 'INTERNAL_ERROR') request.log.error(error);
    if (apiError.code === 'RATE_LIMITED') void reply.header('retry-after', String(apiError.params.seconds));
    if (apiError.code === 'STORE_BUSY') void reply.header('retry-after', '1');
    return reply
      .code(statusOf(apiError.code))
      .send(errorBody(apiError, requestLanguage(request.query, request.headers['accept-language'])));
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError('API_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] ?? '' });
    return reply.code(404).send(errorBody(error, requestLanguage(request.query, request.headers['accept-language'])));
  });

  const served: string[] = [];
  app.addHook('onRoute', (route) => {
    // The log's static-style resources are served outside /api and described with the rest.
    if (route.url.startsWith('/api/') || route.url === '/checkpoint' || route.url.startsWith('/tile/'))
      for (const method of [route.method].flat()) if (method !== 'HEAD') served.push(`${method} ${route.url}`);
  });
  // Each act's answer carries its receipts, from the log (docs/receipts.md); none where no log is served.
  const routes = new RouteRegistry(app, log === null ? undefined : (events) => issueReceipts(store, log, events));
  registerResultRoutes(routes, context);
  registerLiveRoute(routes, context);
  registerJournalRoutes(routes, context);
  registerProtocolRoutes(routes, context, limits.bodyBytes);
  registerDecisionRoutes(routes, context);
  registerRegistrationRoutes(routes, context, limits.bodyBytes);
  registerWhatIfRoutes(routes, context, offloader);
  registerForensicsRoutes(routes, context, offloader);
  registerForecastRoutes(routes, context, offloader);
  registerAccountRoutes(routes, context, {
    perAddress: new RateLimiter(limits.login.perMinute, limits.login.burst),
    failuresPerAccount: new RateLimiter(limits.loginFailures.perMinute, limits.loginFailures.burst),
  });
  registerKeyRoutes(routes, context);
  registerExportRoutes(routes, context, offloader);
  registerSiteRoutes(routes, context);
  registerObserverRoutes(routes, context);
  registerObserverActRoutes(routes, context);
  registerLogRoutes(routes, context, log);
  registerWitnessRoutes(routes, context);
  routes.add(
    {
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness: the journal head this process has seen',
      action: 'read-results',
      limited: false,
    },
    () => Promise.resolve({ ok: true, seq: live.current().seq }),
  );
  if (siteDirectory !== undefined) registerStaticSite(app, siteDirectory);
  const openApi = JSON.stringify(
    openApiDocument(
      [...routes.routes, { method: 'GET', url: '/api/openapi.json', summary: 'This document', action: 'read-results' }],
      version,
    ),
  );
  app.get('/api/openapi.json', { config: { limited: false } }, (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(openApi),
  );

  return {
    app,
    routes: served,
    live,
    close: async () => {
      await app.close();
      await offloader.close();
      await live.close();
    },
  };
}
