import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ed25519NoteSigner,
  ed25519PublicKey,
  formatCheckpoint,
  formatVerifierKey,
  leafHash,
  MerkleTree,
  parseTilePath,
  signNote,
  tileBytes,
  tileWidth,
  encodeEntryBundle,
} from '../src/tlog/index.ts';
import type { LogClient } from '../src/witness/follow.ts';

/**
 * A small log built from src/tlog, standing in for the server in the witness tests: it signs checkpoints with
 * its own key and serves /checkpoint and tiles. `rewrite` plays a dishonest operator: it changes an entry and
 * rebuilds the tree, signing new checkpoints with the same key.
 */
export class FakeLog {
  readonly origin: string;
  readonly seed: Uint8Array;
  readonly verifierKey: string;
  entries: Uint8Array[] = [];
  tree = new MerkleTree();
  /** Every cosignature POSTed, as received. */
  readonly posted: { checkpoint: string; cosignature: string }[] = [];

  constructor(origin = 'saylau/test-election', seed: Uint8Array = new Uint8Array(randomBytes(32))) {
    this.origin = origin;
    this.seed = seed;
    this.verifierKey = formatVerifierKey(origin, ed25519PublicKey(this.seed));
  }

  append(count: number, label = 'event'): void {
    for (let at = 0; at < count; at += 1) {
      const bytes = new TextEncoder().encode(`{"seq":${this.entries.length + 1},"what":"${label}"}`);
      this.entries.push(bytes);
      this.tree.append(leafHash(bytes));
    }
  }

  /** The operator changes entry `index` and rebuilds the whole tree: every later root differs. */
  rewrite(index: number, text = 'rewritten'): void {
    this.entries[index] = new TextEncoder().encode(`{"seq":${index + 1},"what":"${text}"}`);
    this.tree = new MerkleTree();
    for (const entry of this.entries) this.tree.append(leafHash(entry));
  }

  /** Another view of this log signed with the same key: its entries, entry `index` changed, `extra` more. */
  fork(index: number, extra = 0): FakeLog {
    const other = new FakeLog(this.origin, this.seed);
    for (const entry of this.entries) {
      other.entries.push(entry);
      other.tree.append(leafHash(entry));
    }
    other.rewrite(index, `fork of ${index}`);
    other.append(extra, 'fork');
    return other;
  }

  checkpointNote(size = this.tree.size): string {
    const body = formatCheckpoint({ origin: this.origin, size, root: this.tree.root(size), extensions: [] });
    const signed = signNote(body, [ed25519NoteSigner(this.origin, this.seed)]);
    if (!signed.ok) throw new Error(signed.error.code);
    return signed.value;
  }

  tile(path: string): Uint8Array | null {
    const tile = parseTilePath(path);
    if (!tile.ok) return null;
    const { level, index, width } = tile.value;
    // A tile narrower than what the tree has now is a prefix of it: logs may keep serving older partial tiles.
    if (width > tileWidth(level, index, this.tree.size)) return null;
    if (level === 'entries') {
      const bundle = encodeEntryBundle(this.entries.slice(index * 256, index * 256 + width));
      return bundle.ok ? bundle.value : null;
    }
    return tileBytes(this.tree, tile.value);
  }

  client(): LogClient {
    return {
      url: 'fake://log',
      checkpoint: () => Promise.resolve(this.checkpointNote()),
      tile: (path) => Promise.resolve(this.tile(path)),
      consistencyProof: (from, to) => {
        const proof = this.tree.consistencyProof(from, to);
        return Promise.resolve(proof.ok ? proof.value : null);
      },
      postCosignature: (checkpoint, cosignature) => {
        this.posted.push({ checkpoint, cosignature });
        return Promise.resolve({ status: 200, body: '{}' });
      },
    };
  }

  /** The same log over HTTP, for a witness in another process. */
  async listen(): Promise<{ url: string; server: Server }> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const path = url.pathname.slice(1);
      if (request.method === 'POST' && path === 'api/log/cosignatures') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          this.posted.push(JSON.parse(body) as { checkpoint: string; cosignature: string });
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
        return;
      }
      if (path === 'checkpoint') {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(this.checkpointNote());
        return;
      }
      const bytes = path.startsWith('tile/') ? this.tile(path) : null;
      if (bytes === null) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(bytes));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }
}
