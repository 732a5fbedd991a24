import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExportFormat } from '../../export/build-export.ts';
import { ApiError } from '../api-error.ts';
import type { BuiltFiles, OffloadJob } from '../offload/offload-jobs.ts';
import type { Offloader } from '../offload/offloader.ts';
import { ThrottledValue } from '../offload/throttled-value.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { sendFile } from './results-routes.ts';

/**
 * An export is built again at most this often, and only when the journal has moved: a national
 * bundle keeps a core busy for several seconds, so election night's downloads share one build.
 * Each file names the journal head it describes.
 */
const REBUILD_MS = 60_000;
/**
 * A replaced build's files stay this long for downloads that chose them a moment before (open files stay readable
 * after).
 */
const KEEP_REPLACED_MS = 30_000;

/**
 * Downloads of `saylau export`'s formats (docs/exports.md) and the verifiable bundle, for the
 * public: built by a worker thread into files (offload-jobs.ts) and streamed from disk, the last
 * complete build served while the next is made (docs/server.md, "Work off the main thread").
 */
export function registerExportRoutes(routes: RouteRegistry, context: ServerContext, offloader: Offloader): void {
  const builds = new Map<string, ThrottledValue<BuiltFiles & { readonly directory: string }>>();
  const removeLater = (directory: string) =>
    setTimeout(() => void rm(directory, { recursive: true, force: true }), KEEP_REPLACED_MS).unref();

  const latest = (key: string, job: (out: string) => OffloadJob) => {
    let build = builds.get(key);
    if (build === undefined) {
      build = new ThrottledValue({
        intervalMs: REBUILD_MS,
        compute: async () => {
          const directory = await mkdtemp(join(offloader.directory, `${key}-`));
          try {
            return { ...((await offloader.run(job(directory))) as BuiltFiles), directory };
          } catch (error) {
            await rm(directory, { recursive: true, force: true });
            throw error;
          }
        },
        isStale: (built) => built.seq < context.live.current().seq,
        onError: (error) => offloader.report(error),
        onReplaced: (previous) => removeLater(previous.directory),
      });
      builds.set(key, build);
    }
    return build.get();
  };
  routes.beforeClose(() => {
    for (const build of builds.values()) build.close();
  });

  const serve =
    (format: ExportFormat, name: (request: FastifyRequest) => string, contentType: string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const wanted = name(request);
      const file = (await latest(format, (out) => ({ kind: 'export', format, out }))).files.find(
        (candidate) => candidate.name === wanted,
      );
      if (file === undefined)
        throw new ApiError('API_NOT_FOUND', { method: 'GET', path: request.url.split('?')[0] ?? '' });
      reply.header('content-disposition', `attachment; filename="${wanted.replace(/[^\w.-]/g, '_')}"`);
      return sendFile(request, reply, file, 'public, max-age=60', contentType);
    };

  const downloads = { action: 'read-results', expensive: true } as const;
  routes.add(
    {
      method: 'GET',
      url: '/api/exports/bundle.tar',
      summary:
        'The verifiable bundle (definition, journal, protocols, results, manifest attested by the CEC) as a tar file: tar -xf bundle.tar && saylau verify saylau-bundle',
      ...downloads,
    },
    async (request, reply) => {
      const built = await latest('bundle', (out) => ({ kind: 'bundle', keysPath: context.keysPath, out }));
      reply.header('content-disposition', 'attachment; filename="saylau-bundle.tar"');
      return sendFile(
        request,
        reply,
        built.files[0] as BuiltFiles['files'][number],
        'public, max-age=60',
        'application/x-tar',
      );
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/exports/results.json',
      summary: 'Full results as JSON (saylau export --format json)',
      ...downloads,
    },
    serve('json', () => 'results.json', 'application/json; charset=utf-8'),
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/exports/nist-err.json',
      summary: 'NIST SP 1500-100 Election Results Reporting v2 JSON (saylau export --format nist-err)',
      ...downloads,
    },
    serve('nist-err', () => 'nist-err.json', 'application/json; charset=utf-8'),
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/exports/nist-err-precinct.json',
      summary: 'The same with every polling station (saylau export --format nist-err-precinct)',
      ...downloads,
    },
    serve('nist-err-precinct', () => 'nist-err.json', 'application/json; charset=utf-8'),
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/exports/csv/:file',
      summary: 'CSV for spreadsheets, one file per level: contests.csv, regions.csv, territories.csv, stations.csv',
      ...downloads,
    },
    serve('csv', (request) => (request.params as { file: string }).file, 'text/csv; charset=utf-8'),
  );
}
