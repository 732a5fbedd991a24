import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExportFormat, ExportResult } from '../../export/build-export.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_FILES, exportBundle } from '../../store/export-bundle.ts';
import { exportFromStore } from '../../store/export-results.ts';
import { loadElection } from '../../store/tabulator.ts';
import { tarArchive } from '../tar.ts';
import { ApiError } from '../api-error.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { sendCached } from './results-routes.ts';

/**
 * An export is rebuilt at most this often: it reads everything with the chain head locked, which
 * holds intake back for a few seconds nationally, so election night's downloads share one build.
 * Each file names the journal head it describes.
 */
const REBUILD_MS = 60_000;

/** Downloads of `saylau export`'s formats (docs/exports.md), for the public. */
export function registerExportRoutes(routes: RouteRegistry, context: ServerContext): void {
  const built = new Map<ExportFormat, { at: number; seq: number; files: Map<string, { text: string; sha256: string }> }>();
  const building = new Map<ExportFormat, Promise<void>>();

  const files = async (format: ExportFormat) => {
    const current = built.get(format);
    const seq = context.live.current().seq;
    if (current === undefined || (current.seq !== seq && Date.now() - current.at > REBUILD_MS)) {
      let pending = building.get(format);
      if (pending === undefined) {
        pending = (async () => {
          const result: ExportResult = await exportFromStore({ store: context.store, format });
          built.set(format, { at: Date.now(), seq, files: new Map(result.files.map((file) => [file.name, { text: file.content, sha256: createHash('sha256').update(file.content).digest('hex') }])) });
        })().finally(() => building.delete(format));
        building.set(format, pending);
      }
      await pending;
    }
    return (built.get(format) as { files: Map<string, { text: string; sha256: string }> }).files;
  };

  const serve = (format: ExportFormat, name: (request: FastifyRequest) => string, contentType: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const wanted = name(request);
    const file = (await files(format)).get(wanted);
    if (file === undefined) throw new ApiError('API_NOT_FOUND', { method: 'GET', path: request.url.split('?')[0] ?? '' });
    reply.header('content-disposition', `attachment; filename="${wanted.replace(/[^\w.-]/g, '_')}"`);
    return sendCached(request, reply, file.text, file.sha256, 'public, max-age=60', contentType);
  };

  // The verifiable bundle, as one tar file: built at most once a minute, like the other exports.
  let bundle: { at: number; seq: number; tar: Buffer; sha256: string } | undefined;
  let bundling: Promise<void> | undefined;
  routes.add({ method: 'GET', url: '/api/exports/bundle.tar', summary: 'The verifiable bundle (definition, journal, protocols, results, manifest attested by the CEC) as a tar file: tar -xf bundle.tar && saylau verify saylau-bundle', action: 'read-results' }, async (request, reply) => {
    const seq = context.live.current().seq;
    if (bundle === undefined || (bundle.seq !== seq && Date.now() - bundle.at > REBUILD_MS)) {
      bundling ??= (async () => {
        const directory = mkdtempSync(join(tmpdir(), 'saylau-bundle-'));
        try {
          const { election, text } = await loadElection(context.store);
          await exportBundle({ store: context.store, election, electionText: text, out: directory, cec: context.keys().cec });
          const names = Object.values(BUNDLE_FILES);
          const tar = tarArchive(names.map((name) => ({ name: `saylau-bundle/${name}`, content: readFileSync(join(directory, name)) })), new Date());
          bundle = { at: Date.now(), seq, tar, sha256: createHash('sha256').update(tar).digest('hex') };
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      })().finally(() => (bundling = undefined));
      await bundling;
    }
    const built = bundle as { tar: Buffer; sha256: string };
    reply.header('content-disposition', 'attachment; filename="saylau-bundle.tar"');
    return sendCached(request, reply, built.tar, built.sha256, 'public, max-age=60', 'application/x-tar');
  });

  routes.add({ method: 'GET', url: '/api/exports/results.json', summary: 'Full results as JSON (saylau export --format json)', action: 'read-results' }, serve('json', () => 'results.json', 'application/json; charset=utf-8'));
  routes.add({ method: 'GET', url: '/api/exports/nist-err.json', summary: 'NIST SP 1500-100 Election Results Reporting v2 JSON (saylau export --format nist-err)', action: 'read-results' }, serve('nist-err', () => 'nist-err.json', 'application/json; charset=utf-8'));
  routes.add({ method: 'GET', url: '/api/exports/nist-err-precinct.json', summary: 'The same with every polling station (saylau export --format nist-err-precinct)', action: 'read-results' }, serve('nist-err-precinct', () => 'nist-err.json', 'application/json; charset=utf-8'));
  routes.add({ method: 'GET', url: '/api/exports/csv/:file', summary: 'CSV for spreadsheets, one file per level: contests.csv, regions.csv, territories.csv, stations.csv', action: 'read-results' }, serve('csv', (request) => (request.params as { file: string }).file, 'text/csv; charset=utf-8'));
}
