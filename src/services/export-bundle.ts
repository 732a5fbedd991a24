import { createHash, type Hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { attestationText } from '../journal/attestation.ts';
import { eventLine } from '../journal/event.ts';
import { signDigest, type SigningKey } from '../journal/keys.ts';
import { sha256 } from '../dataset/files.ts';
import type { Election } from '../model/election.ts';
import { resultsToJson } from '../tally/results-json.ts';
import type { Store } from '../store/store.ts';
import { currentDecisions, currentTally } from './results-service.ts';
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

/** A file written line by line, hashed as it goes. */
class HashedFile {
  private readonly hash: Hash = createHash('sha256');
  private pending: string[] = [];
  private pendingBytes = 0;
  bytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<HashedFile> {
    return new HashedFile(await open(path, 'w'));
  }

  async add(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async finish(): Promise<{ sha256: string; bytes: number }> {
    await this.flush();
    await this.handle.close();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.from(this.pending.join(''));
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
  cec: SigningKey;
}): Promise<{ events: number; protocols: number; seq: number }> {
  // One consistent snapshot, read without the chain head's lock: appends go on meanwhile, and none lands half in the
  // files.
  return store.snapshot(async (reader) => {
    const loaded = election === undefined || electionText === undefined ? await loadElection(reader) : undefined;
    const definitionText = electionText ?? (loaded as { text: string }).text;
    const current = election ?? (loaded as { election: Election }).election;
    mkdirSync(out, { recursive: true });
    const files: Record<string, { sha256: string; bytes: number }> = {};
    const whole = async (file: string, text: string) => {
      const written = await HashedFile.create(join(out, file));
      await written.add(text);
      files[file] = await written.finish();
    };
    await whole(BUNDLE_FILES.election, definitionText);

    const journal = await HashedFile.create(join(out, BUNDLE_FILES.journal));
    let head = { seq: 0, hash: '' };
    let events = 0;
    for await (const event of reader.events()) {
      head = { seq: event.seq, hash: event.hash };
      events += 1;
      await journal.add(`${eventLine(event)}\n`);
    }
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

    const manifest = {
      format: BUNDLE_FORMAT,
      electionId: current.event.id,
      cecFingerprint: cec.fingerprint,
      // In the order verify and earlier bundles list them.
      files: Object.fromEntries(
        [BUNDLE_FILES.election, BUNDLE_FILES.journal, BUNDLE_FILES.protocols, BUNDLE_FILES.results].map((file) => [
          file,
          files[file],
        ]),
      ),
      counts: { events, protocols: rows.length },
      attestation: {
        head,
        signature: signDigest(sha256(attestationText({ electionId: current.event.id, head })), cec),
      },
    };
    await whole(BUNDLE_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    return { events, protocols: rows.length, seq: head.seq };
  });
}
