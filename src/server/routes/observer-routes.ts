import { copyDiscrepancies, discrepanciesCsv } from '../../services/copy-discrepancies.ts';
import { copiesResponse, registerResponse } from '../site-schemas.ts';
import { complaintRegister, complaintsCsv } from '../../services/complaint-register.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached, sha } from './results-routes.ts';

/**
 * Observers' protocol copies against the official protocols (docs/site.md, "Observers' copies"): the public
 * discrepancy list as JSON and CSV, made again only when the journal's head moves.
 */
export function registerObserverRoutes(routes: RouteRegistry, context: ServerContext): void {
  registerComplaintRoutes(routes, context);
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

/**
 * The public register of complaints and administrative cases (docs/site.md, "The register"), as JSON and CSV: made
 * again when the journal's head moves, and each minute, since a complaint becomes overdue with time alone.
 */
function registerComplaintRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { store } = context;
  let built: { at: string; json: string; jsonSha: string; csv: string; csvSha: string } | undefined;
  const current = async () => {
    const now = new Date().toISOString();
    const at = `${(await store.journalHead()).seq} ${now.slice(0, 16)}`;
    if (built?.at !== at) {
      const register = complaintRegister(await store.storedText('election_day'), context.election, now);
      const json = JSON.stringify(register);
      const csv = complaintsCsv(register);
      built = { at, json, jsonSha: sha(json), csv, csvSha: sha(csv) };
    }
    return built;
  };
  routes.add(
    {
      method: 'GET',
      url: '/api/site/register',
      summary: 'The register of complaints (with their decisions and deadlines) and of administrative cases',
      action: 'read-results',
      limited: false,
      response: registerResponse,
    },
    async (request, reply) => {
      const { json, jsonSha } = await current();
      return sendCached(request, reply, json, jsonSha, LATEST);
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/site/register.csv',
      summary: 'The register of complaints as CSV, one row a complaint, private persons by initials',
      action: 'read-results',
      limited: false,
    },
    async (request, reply) => {
      const { csv, csvSha } = await current();
      reply.header('content-disposition', 'attachment; filename="complaints.csv"');
      return sendCached(request, reply, csv, csvSha, LATEST, 'text/csv; charset=utf-8');
    },
  );
}
