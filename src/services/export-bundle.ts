import { createHash, type Hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { attestationText } from '../journal/attestation.ts';
import { eventLine } from '../journal/event.ts';
import { signDigest, type SigningKey } from '../journal/keys.ts';
import { sha256 } from '../dataset/files.ts';
import type { Election } from '../model/election.ts';
import { resultsToJson } from '../tally/results-json.ts';
import type { Store } from '../store/store.ts';
import { currentDecisions, currentTally } from './results-service.ts';
import { encodeEntryBundle, leafHash, MerkleTree, tileBytes, tilePath, tilesForSize } from '../tlog/index.ts';
import { hex } from './transparency-log.ts';
import { StoreError } from '../store/store-error.ts';
import { loadElection } from './election-service.ts';

export const BUNDLE_FORMAT = 'saylau-bundle/1';
export const BUNDLE_FILES = {
  election: 'election.json',
  journal: 'journal.ndjson',
  protocols: 'protocols.ndjson',
  results: 'results.json',
  manifest: 'MANIFEST.json',
} as const;

/** Written in pieces of about this size, so that a journal of any length never sits whole in memory. */
const FLUSH_BYTES = 1 << 20;
const utf8 = new TextEncoder();

/** A file written line by line, hashed as it goes. */
class HashedFile {
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  bytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<HashedFile> {
    return new HashedFile(await open(path, 'w'));
  }

  async add(text: string | Uint8Array): Promise<void> {
    this.pending.push(
      typeof text === 'string' ? Buffer.from(text) : Buffer.from(text.buffer, text.byteOffset, text.byteLength),
    );
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async finish(): Promise<{ sha256: string; bytes: number }> {
    await this.flush();
    await this.handle.close();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }
}

/**
 * The results bundle (docs/tabulation.md): a directory of public files — the definition, the journal, the
 * current protocols, the results and a manifest of SHA-256 hashes — from which `saylau verify`
 * recomputes everything without the store. No private key is in it. Without `election`, the
 * election and its definition are read in the same snapshot as everything else.
 */
export async function exportBundle({
  store,
  election,
  electionText,
  out,
  cec,
}: {
  store: Store;
  election?: Election;
  electionText?: string;
  out: string;
  /**
   * The CEC's key, when the CEC exports with its own key file (`saylau export --key`): it signs the journal's head
   * into the manifest. A server holds no CEC key (docs/keys.md, "What the server never holds"): its bundle's head
   * is the one the transparency log's checkpoint signs (log/checkpoint), which verify then requires.
   */
  cec?: SigningKey;
}): Promise<{ events: number; protocols: number; seq: number; files: string[] }> {
  // One consistent snapshot, read without the chain head's lock: appends go on meanwhile, and none lands half in the
  // files.
  return store.snapshot(async (reader) => {
    const loaded = election === undefined || electionText === undefined ? await loadElection(reader) : undefined;
    const definitionText = electionText ?? (loaded as { text: string }).text;
    const current = election ?? (loaded as { election: Election }).election;
    mkdirSync(out, { recursive: true });
    const files: Record<string, { sha256: string; bytes: number }> = {};
    const whole = async (file: string, text: string | Uint8Array) => {
      const written = await HashedFile.create(join(out, file));
      await written.add(text);
      files[file] = await written.finish();
    };
    await whole(BUNDLE_FILES.election, definitionText);

    const journal = await HashedFile.create(join(out, BUNDLE_FILES.journal));
    let head = { seq: 0, hash: '' };
    let events = 0;
    // The checkpoint the log signed at this size, if the log signed one (a database without a log key has none:
    // `saylau verify` then says whether the journal registers a log key). Read first, in the same snapshot: without
    // it, no tree is built.
    const snapshotHead = await reader.journalHead();
    const checkpoint = snapshotHead.seq === 0 ? null : await reader.checkpointAt(snapshotHead.seq);
    // The transparency log's tree and entry bundles, made from the very lines written (docs/transparency-log.md).
    const tree = new MerkleTree();
    let bundle: Uint8Array[] = [];
    const entries: { index: number; entries: Uint8Array[] }[] = [];
    for await (const event of reader.events()) {
      head = { seq: event.seq, hash: event.hash };
      events += 1;
      const line = eventLine(event);
      await journal.add(`${line}\n`);
      if (checkpoint === null) continue;
      const bytes = utf8.encode(line);
      tree.append(leafHash(bytes));
      bundle.push(bytes);
      if (bundle.length === 256) {
        entries.push({ index: tree.size / 256 - 1, entries: bundle });
        bundle = [];
      }
    }
    if (bundle.length > 0) entries.push({ index: Math.floor(tree.size / 256), entries: bundle });
    files[BUNDLE_FILES.journal] = await journal.finish();

    const protocolsFile = await HashedFile.create(join(out, BUNDLE_FILES.protocols));
    const rows = await reader.allProtocols();
    for (const row of rows) await protocolsFile.add(`${row.content}\n`);
    files[BUNDLE_FILES.protocols] = await protocolsFile.finish();

    const decisions = await currentDecisions(reader);
    await whole(
      BUNDLE_FILES.results,
      `${JSON.stringify(resultsToJson(await currentTally({ store: reader, election: current, decisions }), decisions))}\n`,
    );

    // Every tile of the checkpoint's size, from the lines written.
    const logFiles: string[] = [];
    if (checkpoint !== null) {
      if (checkpoint.size !== tree.size || checkpoint.root !== hex(tree.root()))
        throw new StoreError('LOG_ROOT_CONFLICT', { size: checkpoint.size });
      mkdirSync(join(out, 'log'), { recursive: true });
      const put = async (path: string, content: string | Uint8Array) => {
        mkdirSync(dirname(join(out, path)), { recursive: true });
        await whole(path, content);
        logFiles.push(path);
      };
      await put('log/checkpoint', checkpoint.note);
      for (const tile of tilesForSize(tree.size))
        if (tile.level !== 'entries') await put(`log/${tilePath(tile)}`, tileBytes(tree, tile));
      for (const group of entries) {
        const encoded = encodeEntryBundle(group.entries, group.index * 256);
        if (!encoded.ok) throw new Error(`${encoded.error.code}: ${JSON.stringify(encoded.error.params)}`);
        await put(
          `log/${tilePath({ level: 'entries', index: group.index, width: group.entries.length })}`,
          encoded.value,
        );
      }
    }

    const manifest = {
      format: BUNDLE_FORMAT,
      electionId: current.event.id,
      ...(cec === undefined ? {} : { cecFingerprint: cec.fingerprint }),
      // In the order verify and earlier bundles list them.
      files: Object.fromEntries(
        [BUNDLE_FILES.election, BUNDLE_FILES.journal, BUNDLE_FILES.protocols, BUNDLE_FILES.results, ...logFiles].map(
          (file) => [file, files[file]],
        ),
      ),
      counts: { events, protocols: rows.length },
      ...(cec === undefined
        ? {}
        : {
            attestation: {
              head,
              signature: signDigest(sha256(attestationText({ electionId: current.event.id, head })), cec),
            },
          }),
    };
    await whole(BUNDLE_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    // Every file of the bundle, by its path in it: the manifest's and the manifest itself.
    return {
      events,
      protocols: rows.length,
      seq: head.seq,
      files: [...Object.keys(manifest.files), BUNDLE_FILES.manifest],
    };
  });
}
