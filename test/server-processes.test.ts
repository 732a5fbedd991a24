import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ingestProtocols } from '../src/services/intake-service.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { PASSWORD, preparedDatabase } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner } from './fixtures/test-keys.ts';
import { actDigest } from '../src/journal/act.ts';
import { signDigest } from '../src/journal/keys.ts';
import type { ActToSign } from '../src/server/act-signing.ts';

const postgres = engines().find((engine) => engine.name === 'postgres');

/** `saylau serve` in a process of its own; resolves with its address once it listens. */
function serve(db: string, keysPath: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/saylau', 'serve', '--db', db, '--keys', keysPath, '--port', '0', '--lang', 'en'],
    { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match !== null) resolve({ process: child, url: match[1] as string });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${output}`)));
  });
}

const json = async <T>(url: string, init: RequestInit = {}): Promise<T> => (await (await fetch(url, init)).json()) as T;

describe.runIf(postgres !== undefined)('several server processes on one PostgreSQL database', () => {
  it('two processes accepting protocols for the same station at once: one version wins, live updates reach both, both report the same results', async () => {
    const { dataset } = tinyElection();
    const { store, db, keysPath, keyring } = await preparedDatabase(postgres!, [
      { username: 'admin', role: 'administrator', commission: null },
    ]);
    const adminKey = keyring.users.get('admin')!;
    await store.close();
    const servers = await Promise.all([serve(db, keysPath), serve(db, keysPath)]);
    const streams: IncomingMessage[] = [];
    try {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      // A session made through one process works on the other: sessions live in the database.
      const { token } = await json<{ token: string }>(`${a}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      type Summary = { accepted: number; refused: number; refusals: { code: string }[] };
      // The administrator's import, signed in two phases by its own key (docs/server.md, "Signing in the client").
      const post = async (url: string, protocols: unknown[]): Promise<Summary> => {
        const send = (body: unknown) =>
          json<Summary | { toSign: ActToSign[] }>(`${url}/api/protocols/import`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });
        const first = await send({ protocols });
        if (!('toSign' in first)) return first;
        const signatures = first.toSign.map((act) => signDigest(actDigest(act, act), adminKey));
        const second = await send({ protocols, signed: { at: first.toSign[0]!.at, signatures } });
        if ('toSign' in second) throw new Error('the signed import was refused as changed');
        return second;
      };

      // Each process's live stream, to see that a write through the other one reaches it.
      const seen: string[][] = [[], []];
      for (const [index, url] of [a, b].entries()) {
        const stream = await new Promise<IncomingMessage>((resolve, reject) =>
          httpRequest(`${url}/api/live`, resolve).on('error', reject).end(),
        );
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => seen[index]!.push(chunk));
        streams.push(stream);
      }

      const protocol = dataset.protocols.find((p) => p.contestId === 'majilis/list') as Protocol;
      const rival = {
        ...protocol,
        lines: { ...protocol.lines, invalid: protocol.lines.invalid + 1, againstAll: protocol.lines.againstAll - 1 },
      };
      let conflicts = 0;
      // Several rounds, each a different station, the two versions sent to the two processes at once.
      const stations = dataset.protocols.filter((p) => p.contestId === 'majilis/list').slice(0, 8);
      const winners: Protocol[] = [];
      for (const original of [protocol, ...stations.slice(1)]) {
        const other =
          original === protocol
            ? rival
            : {
                ...original,
                lines: {
                  ...original.lines,
                  invalid: original.lines.invalid + 1,
                  againstAll: original.lines.againstAll - 1,
                },
              };
        const [fromA, fromB] = await Promise.all([post(a, [original]), post(b, [other])]);
        expect(fromA.accepted + fromB.accepted, original.stationId).toBe(1);
        for (const outcome of [fromA, fromB])
          if (outcome.accepted === 0) {
            expect(outcome.refusals.map((r) => r.code)).toEqual(['PROTOCOL_VERSION_CONFLICT']);
            conflicts += 1;
          }
        winners.push(fromA.accepted === 1 ? original : other);
      }
      expect(conflicts).toBe(stations.length);

      // Both processes converge on the same results, which hold exactly the winning versions.
      const latest = async (url: string) => json<{ seq: number; sha256: string }>(`${url}/api/results/latest`);
      const { head } = await json<{ head: { seq: number } }>(`${b}/api/journal?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      let pointers: { seq: number; sha256: string }[] = [];
      for (let i = 0; i < 100; i++) {
        pointers = await Promise.all([latest(a), latest(b)]);
        if (pointers.every((pointer) => pointer.seq >= head.seq)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(pointers[0]!.seq).toBe(head.seq);
      expect(pointers[0]).toEqual(pointers[1]);
      const results = await json<{
        contests: Record<string, { totals: { stationsCounted: number; lines: Record<string, string | number> } }>;
      }>(`${b}/api/results`);
      const totals = results.contests['majilis/list']!.totals;
      expect(totals.stationsCounted).toBe(stations.length);
      expect(BigInt(totals.lines.invalid!)).toBe(winners.reduce((sum, p) => sum + BigInt(p.lines.invalid), 0n));
      // Every process's stream announced the new results, whichever process took each write.
      for (const chunks of seen) expect(chunks.join('').match(/event: results/g)?.length ?? 0).toBeGreaterThan(1);

      // One write through A reaches B's stream by NOTIFY, well before B's 30-second fallback read of the head.
      const heard = seen[1]!.length;
      const started = Date.now();
      const next = dataset.protocols.filter((p) => p.contestId === 'majilis/list')[stations.length]!;
      expect((await post(a, [next])).accepted).toBe(1);
      while (seen[1]!.length === heard && Date.now() - started < 10_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(seen[1]!.slice(heard).join('')).toContain('"changedContests":["majilis/list"');
    } finally {
      for (const stream of streams) stream.destroy();
      for (const server of servers) server.process.kill('SIGTERM');
    }
  }, 180_000);

  it('a live-update connection that is cut is made again, and tells of the changes it may have missed', async () => {
    // The importer's key is the one the prepared database registered.
    const { store, db, keyring } = await preparedDatabase(postgres!, []);
    const heard: number[] = [];
    const watch = await store.watchHead((seq) => heard.push(seq));
    const { dataset } = tinyElection();
    const admin = new pg.Client({ connectionString: process.env.SAYLAU_PG_URL });
    await admin.connect();
    try {
      const until = async (done: () => boolean) => {
        for (let i = 0; i < 250 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        return done();
      };
      const importOne = (protocol: Protocol) =>
        ingestProtocols({
          store,
          election: dataset.election,
          documents: [protocol],
          signer: importerSigner(keyring),
        });
      const protocols = dataset.protocols.filter((p) => p.contestId === 'majilis/list');
      expect((await importOne(protocols[0]!)).accepted).toBe(1);
      expect(await until(() => heard.length === 1)).toBe(true);
      const cut = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = $1`,
        [db.split('/').at(-1)],
      );
      expect(cut.rowCount).toBe(1);
      // Reconnected within about a second, it reports -1: "read the head, something may have passed".
      expect(await until(() => heard.includes(-1))).toBe(true);
      await importOne(protocols[1]!);
      const head = await store.journalHead();
      expect(await until(() => heard.at(-1) === head.seq)).toBe(true);
    } finally {
      await admin.end();
      await watch.close();
      await store.close();
    }
  }, 60_000);
});
