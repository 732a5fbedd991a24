import type { z } from 'zod';
import { copyDiscrepancies, discrepanciesCsv } from '../../services/copy-discrepancies.ts';
import { complaintRegister, complaintsCsv } from '../../services/complaint-register.ts';
import { copiesResponse, registerResponse } from '../site-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached, sha } from './results-routes.ts';

/**
 * The public lists of election day and after, each as JSON and CSV: observers' copies against the official protocols
 * (docs/site.md, "Observers' copies") and the register of complaints and cases (docs/site.md, "The register").
 */
export function registerObserverRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { live, store } = context;
  jsonAndCsv(routes, {
    path: '/api/site/copies',
    summary:
      "Observers' protocol copies compared with the official protocols: counts by region and every copy that differs",
    csvSummary: 'The discrepancy list as CSV: one row per figure where a copy differs from the official protocol',
    csvFile: 'copy-discrepancies.csv',
    response: copiesResponse,
    // The journal's head for the copies, the live results' for the official protocols they are compared with.
    version: async () => `${(await store.journalHead()).seq} ${live.current().sha256}`,
    build: async () => {
      const list = copyDiscrepancies(
        await store.storedText('election_day'),
        context.election,
        (stationId, contestId) => live.stationProtocols(stationId, [contestId])[0],
      );
      return { json: JSON.stringify(list), csv: discrepanciesCsv(list) };
    },
  });
  jsonAndCsv(routes, {
    path: '/api/site/register',
    summary: 'The register of complaints (with their decisions and deadlines) and of administrative cases',
    csvSummary: 'The register of complaints as CSV, one row a complaint, private persons by initials',
    csvFile: 'complaints.csv',
    response: registerResponse,
    // Each minute too: a complaint becomes overdue with time alone.
    version: async () => `${(await store.journalHead()).seq} ${new Date().toISOString().slice(0, 16)}`,
    build: async () => {
      const register = complaintRegister(
        await store.storedText('election_day'),
        context.election,
        new Date().toISOString(),
      );
      return { json: JSON.stringify(register), csv: complaintsCsv(register) };
    },
  });
}

/**
 * One list at `path` as JSON and at `path.csv` as CSV, both made from the same build and made again only when
 * `version` changes, not per request.
 */
function jsonAndCsv(
  routes: RouteRegistry,
  spec: {
    readonly path: string;
    readonly summary: string;
    readonly csvSummary: string;
    readonly csvFile: string;
    readonly response: z.ZodType;
    readonly version: () => Promise<string>;
    readonly build: () => Promise<{ json: string; csv: string }>;
  },
): void {
  let built: { version: string; json: string; jsonSha: string; csv: string; csvSha: string } | undefined;
  const current = async () => {
    const version = await spec.version();
    if (built?.version !== version) {
      const { json, csv } = await spec.build();
      built = { version, json, jsonSha: sha(json), csv, csvSha: sha(csv) };
    }
    return built;
  };
  const common = { method: 'GET', action: 'read-results', limited: false } as const;
  routes.add({ ...common, url: spec.path, summary: spec.summary, response: spec.response }, async (request, reply) => {
    const { json, jsonSha } = await current();
    return sendCached(request, reply, json, jsonSha, LATEST);
  });
  routes.add({ ...common, url: `${spec.path}.csv`, summary: spec.csvSummary }, async (request, reply) => {
    const { csv, csvSha } = await current();
    reply.header('content-disposition', `attachment; filename="${spec.csvFile}"`);
    return sendCached(request, reply, csv, csvSha, LATEST, 'text/csv; charset=utf-8');
  });
}
