import { forensicsResponse } from '../forensics-schemas.ts';
import type { BuiltDocument } from '../offload/offload-jobs.ts';
import type { Offloader } from '../offload/offloader.ts';
import { ThrottledValue } from '../offload/throttled-value.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached } from './results-routes.ts';

/** Computed again at most this often while the journal grows: seconds of a core nationally. */
export const ANALYSIS_INTERVAL_MS = 5_000;

/**
 * `GET /api/analysis/forensics`: the forensics of the Majilis list protocols the database holds
 * (the default parameters, seed 1: the same protocols give the same bytes; `seq` says which
 * journal head). Computed by a worker thread at most every few seconds, the last answer served
 * meanwhile (docs/server.md, "Work off the main thread").
 */
export function registerForensicsRoutes(routes: RouteRegistry, context: ServerContext, offloader: Offloader): void {
  const report = new ThrottledValue<BuiltDocument>({
    compute: () => offloader.run({ kind: 'forensics' }),
    intervalMs: ANALYSIS_INTERVAL_MS,
    isStale: (document) => document.seq < context.live.current().seq,
    onError: (error) => offloader.report(error),
  });
  routes.beforeClose(() => report.close());

  routes.add(
    {
      method: 'GET',
      url: '/api/analysis/forensics',
      summary:
        "Statistical forensics of the current Majilis list protocols: election fingerprint, integer percentages against a seeded binomial Monte Carlo, Shpilkin's turnout-peak estimate, digit screens, flagged stations (docs/forensics.md)",
      action: 'read-results',
      expensive: true,
      responses: { 200: 'OK', 422: 'FORENSICS_CONTEST_UNKNOWN: the election has no majilis/list' },
      response: forensicsResponse,
    },
    async (request, reply) => {
      const { text, sha256 } = await report.get();
      return sendCached(request, reply, text, sha256, LATEST);
    },
  );
}
