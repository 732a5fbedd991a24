import { analyseForensics } from '../../analysis/forensics/analyse.ts';
import { DEFAULT_FORENSICS_CONTEST, recordsFromProtocols } from '../../analysis/forensics/from-protocols.ts';
import type { Protocol } from '../../model/protocol.ts';
import { ApiError } from '../api-error.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached, sha } from './results-routes.ts';

/**
 * `GET /api/analysis/forensics`: the forensics of the Majilis list protocols the database holds
 * now (the default parameters, seed 1: the same protocols give the same bytes). A second or so of
 * work for the national dataset, so it is computed once per journal head, and one computation
 * serves every request that arrives while it runs.
 */
export function registerForensicsRoutes(routes: RouteRegistry, context: ServerContext): void {
  let cached: { seq: number; text: string; sha256: string } | undefined;
  let running: { seq: number; promise: Promise<{ seq: number; text: string; sha256: string }> } | undefined;

  const compute = async (seq: number): Promise<{ seq: number; text: string; sha256: string }> => {
    const rows = await context.store.allProtocols();
    const protocols = rows.filter((row) => row.contestId === DEFAULT_FORENSICS_CONTEST).map((row) => JSON.parse(row.content) as Protocol);
    const election = context.election;
    const records = recordsFromProtocols(election, protocols, DEFAULT_FORENSICS_CONTEST);
    if (records === null) throw new ApiError('FORENSICS_CONTEST_UNKNOWN', { contest: DEFAULT_FORENSICS_CONTEST, known: '' });
    const report = analyseForensics(records.stations, records.options);
    const text = JSON.stringify({ seq, contestId: DEFAULT_FORENSICS_CONTEST, ...report });
    return { seq, text, sha256: sha(text) };
  };

  routes.add(
    {
      method: 'GET',
      url: '/api/analysis/forensics',
      summary: "Statistical forensics of the current Majilis list protocols: election fingerprint, integer percentages against a seeded binomial Monte Carlo, Shpilkin's turnout-peak estimate, digit screens, flagged stations (docs/forensics.md)",
      action: 'read-results',
      limited: false,
      responses: { 200: 'OK', 422: 'FORENSICS_CONTEST_UNKNOWN: the election has no majilis/list' },
    },
    async (request, reply) => {
      const seq = context.live.current().seq;
      if (cached?.seq !== seq) {
        if (running?.seq !== seq) {
          const promise = compute(seq);
          running = { seq, promise };
          promise.finally(() => {
            if (running?.promise === promise) running = undefined;
          }).catch(() => undefined);
        }
        cached = await running.promise;
      }
      return sendCached(request, reply, cached.text, cached.sha256, LATEST);
    },
  );
}
