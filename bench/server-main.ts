// The server benchmark (docs/server.md, Measured), in a process of its own; bench/run.ts reads the JSON
// it prints. GET national results against nginx serving the same bytes as a static file, both
// loaded by wrk (one thread, 50 connections, 10 s); protocol submissions per second through the
// API; the server's memory with the national dataset loaded.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actDigest } from '../src/journal/act.ts';
import { readKeyFile } from '../src/journal/key-file.ts';
import { type SigningKey, signDigest } from '../src/journal/keys.ts';
import { okValue } from '../src/model/result.ts';
import type { ActToSign } from '../src/server/act-signing.ts';

const saylau = new URL('../bin/saylau', import.meta.url).pathname;
const PASSWORD = 'benchmark password, not secret';
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);

/** Debian's wrk and nginx, installed if missing (root, Debian's packages reachable). */
function ensureTools(): string | null {
  const missing = ['wrk', 'nginx'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0,
  );
  if (missing.length === 0) return null;
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (install()) return null;
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  return install() ? null : `could not install ${missing.join(', ')} with apt-get`;
}

function wrk(url: string): { requestsPerSecond: number; transferPerSecond: string; errors: string | null } {
  const output = execFileSync('wrk', ['-t1', '-c50', `-d${WRK_SECONDS}s`, url], { encoding: 'utf8' });
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const transfer = /Transfer\/sec:\s+(\S+)/.exec(output);
  const errors = /(Non-2xx or 3xx responses: \d+|Socket errors: .*)/.exec(output);
  return {
    requestsPerSecond: Number(rate?.[1] ?? 0),
    transferPerSecond: transfer?.[1] ?? '?',
    errors: errors?.[1] ?? null,
  };
}

function startServer(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      saylau,
      'serve',
      '--db',
      db,
      '--port',
      String(port),
      '--lang',
      'en',
      '--account-rate',
      '10000000',
      '--address-rate',
      '10000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Serving')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}`)));
  });
}

/** Resident and peak memory of a process, from /proc, in MiB. */
function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
  return { rssMiB: field('VmRSS'), peakMiB: field('VmHWM') };
}

function startNginx(root: string, port: number, work: string): ChildProcess {
  const config = join(work, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes 1;
daemon off;
master_process on;
user root;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  types { application/json json; }
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const binary = spawnSync('sh', ['-c', 'command -v nginx || echo /usr/sbin/nginx'], {
    encoding: 'utf8',
  }).stdout.trim();
  return spawn(binary, ['-c', config, '-p', work], { stdio: 'ignore' });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * Protocols posted `perRequest` at a time by `clients` concurrent clients, each import signed as a client signs it
 * (docs/server.md, "Signing in the client"): the acts asked for, signed with the importer's key, sent again with the
 * signatures. Protocols journaled per second.
 */
async function submissions(
  base: string,
  token: string,
  key: SigningKey,
  protocols: readonly string[],
  clients: number,
  perRequest: number,
): Promise<{
  protocols: number;
  seconds: number;
  perSecond: number;
  requestsPerSecond: number;
  accepted: number;
  refused: number;
}> {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const post = async (body: string) =>
    (await (
      await fetch(`${base}/api/protocols/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      })
    ).json()) as { toSign?: ActToSign[]; accepted?: number; refused?: number };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const start = next;
        next += perRequest;
        if (start >= protocols.length) return;
        const list = protocols.slice(start, start + perRequest).join(',');
        const planned = await post(`{"protocols":[${list}]}`);
        const acts = planned.toSign ?? [];
        const signed = {
          at: acts[0]?.at ?? new Date().toISOString(),
          // An act to sign names its scope: its election and journal.
          signatures: acts.map((act) => signDigest(actDigest(act, act), key)),
        };
        const answer = await post(`{"protocols":[${list}],"signed":${JSON.stringify(signed)}}`);
        accepted += answer.accepted ?? 0;
        refused += answer.accepted === undefined ? perRequest : (answer.refused ?? 0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    protocols: protocols.length,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(protocols.length / seconds),
    requestsPerSecond: Math.round(Math.ceil(protocols.length / perRequest) / seconds),
    accepted,
    refused,
  };
}

const work = mkdtempSync(join(tmpdir(), 'saylau-bench-server-'));
chmodSync(work, 0o755);
const children: ChildProcess[] = [];
try {
  const toolProblem = ensureTools();
  const dataset = join(work, 'dataset');
  const db = join(work, 'election.db');
  execFileSync(saylau, ['generate', '--seed', '2023', '--out', dataset], { stdio: 'ignore' });
  const lines = readFileSync(join(dataset, 'protocols.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  // Four fifths ingested by the CLI; the last fifth arrives through the API below.
  const split = Math.floor(lines.length * 0.8);
  writeFileSync(join(work, 'first.ndjson'), `${lines.slice(0, split).join('\n')}\n`);
  execFileSync(saylau, ['init', dataset, '--db', db], { stdio: 'ignore' });
  // Signed by the CEC's own key file, which `init` leaves beside the database (docs/keys.md).
  execFileSync(saylau, ['ingest', join(work, 'first.ndjson'), '--db', db, '--key', `${db}.cec.key`], {
    stdio: 'ignore',
  });
  writeFileSync(join(work, 'password'), PASSWORD);
  // The importer's own key, registered by the CEC with the account: every import it sends is signed with it.
  const keyFile = join(work, 'bench-admin.key');
  execFileSync(saylau, ['keygen', '--out', keyFile], { stdio: 'ignore' });
  const key = okValue(readKeyFile(keyFile));
  execFileSync(
    saylau,
    [
      'user',
      'add',
      '--db',
      db,
      '--key',
      `${db}.cec.key`,
      '--id',
      'bench-admin',
      '--role',
      'administrator',
      '--password-file',
      join(work, 'password'),
      '--public-key',
      key.publicKey,
    ],
    { stdio: 'ignore' },
  );

  const port = 18000 + (process.pid % 1000);
  const server = await startServer(db, port);
  children.push(server);
  const base = `http://127.0.0.1:${port}`;
  const loaded = memory(server.pid as number);
  const { token } = (await (
    await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }),
    })
  ).json()) as { token: string };

  const rest = lines.slice(split);
  const single = await submissions(base, token, key, rest.slice(0, 4000), 32, 1);
  const batched = await submissions(base, token, key, rest.slice(4000), 4, 250);
  // The live results catch up with everything before they are measured.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const results = Buffer.from(await (await fetch(`${base}/api/results`)).arrayBuffer());
  const pointer = Buffer.from(await (await fetch(`${base}/api/results/latest`)).arrayBuffer());
  const counted = (
    JSON.parse(results.toString()) as { contests: Record<string, { totals: { stationsCounted: number } }> }
  ).contests['majilis/list']?.totals.stationsCounted;

  let http: Record<string, unknown> = { skipped: toolProblem };
  if (toolProblem === null) {
    const root = join(work, 'static');
    execFileSync('mkdir', ['-p', root]);
    writeFileSync(join(root, 'results.json'), results);
    writeFileSync(join(root, 'latest.json'), pointer);
    const nginxPort = port + 1;
    children.push(startNginx(root, nginxPort, work));
    await waitFor(`http://127.0.0.1:${nginxPort}/latest.json`);
    // Each pair measured back to back, the baseline first.
    const nginxResults = wrk(`http://127.0.0.1:${nginxPort}/results.json`);
    const apiResults = wrk(`${base}/api/results`);
    const nginxPointer = wrk(`http://127.0.0.1:${nginxPort}/latest.json`);
    const apiPointer = wrk(`${base}/api/results/latest`);
    http = {
      tool: `wrk -t1 -c50 -d${WRK_SECONDS}s`,
      nationalResults: {
        bytes: results.length,
        api: apiResults,
        nginx: nginxResults,
        ratio: Number((apiResults.requestsPerSecond / nginxResults.requestsPerSecond).toFixed(3)),
        target: 0.5,
      },
      pointer: {
        bytes: pointer.length,
        api: apiPointer,
        nginx: nginxPointer,
        ratio: Number((apiPointer.requestsPerSecond / nginxPointer.requestsPerSecond).toFixed(3)),
      },
    };
  }
  const afterLoad = memory(server.pid as number);
  process.stdout.write(
    `${JSON.stringify({
      get: http,
      submissions: {
        singleProtocolRequests: single,
        batchesOf250: batched,
        stationsCountedAfter: counted,
        protocolsBefore: split,
      },
      memory: {
        afterStartMiB: loaded.rssMiB,
        afterLoadMiB: afterLoad.rssMiB,
        peakMiB: afterLoad.peakMiB,
        targetMiB: 1024,
      },
    })}\n`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(work, { recursive: true, force: true });
}
