import { copyDiscrepancies, discrepanciesCsv } from '../../services/copy-discrepancies.ts';
import { copiesResponse } from '../site-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached, sha } from './results-routes.ts';

/**
 * Observers' protocol copies against the official protocols (docs/site.md, "Observers' copies"): the public
 * discrepancy list as JSON and CSV, made again only when the journal's head moves.
 */
export function registerObserverRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { live, store } = context;
  let built: { at: string; json: string; jsonSha: string; csv: string; csvSha: string } | undefined;
  const current = async () => {
    // The journal's head for the copies, the live results' for the official protocols they are compared with.
    const at = `${(await store.journalHead()).seq} ${live.current().sha256}`;
    if (built?.at !== at) {
      const list = copyDiscrepancies(
        await store.storedText('election_day'),
        context.election,
        (stationId, contestId) => live.stationProtocols(stationId, [contestId])[0],
      );
      const json = JSON.stringify(list);
      const csv = discrepanciesCsv(list);
      built = { at, json, jsonSha: sha(json), csv, csvSha: sha(csv) };
    }
    return built;
  };
  routes.add(
    {
      method: 'GET',
      url: '/api/site/copies',
      summary:
        "Observers' protocol copies compared with the official protocols: counts by region and every copy that differs",
      action: 'read-results',
      limited: false,
      response: copiesResponse,
    },
    async (request, reply) => {
      const { json, jsonSha } = await current();
      return sendCached(request, reply, json, jsonSha, LATEST);
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/site/copies.csv',
      summary: 'The discrepancy list as CSV: one row per figure where a copy differs from the official protocol',
      action: 'read-results',
      limited: false,
    },
    async (request, reply) => {
      const { csv, csvSha } = await current();
      reply.header('content-disposition', 'attachment; filename="copy-discrepancies.csv"');
      return sendCached(request, reply, csv, csvSha, LATEST, 'text/csv; charset=utf-8');
    },
  );
}
