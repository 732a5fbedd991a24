import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attestationText } from '../journal/attestation.ts';
import { eventLine } from '../journal/event.ts';
import { signDigest, type SigningKey } from '../journal/keys.ts';
import { sha256 } from '../dataset/files.ts';
import type { Election } from '../model/election.ts';
import { resultsToJson } from '../tally/results-json.ts';
import type { Store } from './store.ts';
import { currentDecisions, currentTally } from './tabulator.ts';

export const BUNDLE_FORMAT = 'saylau-bundle/1';
export const BUNDLE_FILES = { election: 'election.json', journal: 'journal.ndjson', protocols: 'protocols.ndjson', results: 'results.json', manifest: 'MANIFEST.json' } as const;

/**
 * The results bundle of SPEC §3: a directory of public files — the definition, the journal, the
 * current protocols, the results and a manifest of SHA-256 hashes — from which `saylau verify`
 * recomputes everything without the store. No private key is in it.
 */
export async function exportBundle({ store, election, electionText, out, cec }: { store: Store; election: Election; electionText: string; out: string; cec: SigningKey }): Promise<{ events: number; protocols: number }> {
  // One consistent snapshot: the chain head is locked while the files are read, so no append lands in between.
  return store.write(async (writer) => {
    await writer.head();
    mkdirSync(out, { recursive: true });
    const journal: string[] = [];
    let head = { seq: 0, hash: '' };
    for await (const event of store.events()) {
      head = { seq: event.seq, hash: event.hash };
      journal.push(`${eventLine(event)}\n`);
    }
    const protocols = (await store.allProtocols()).map((row) => `${row.content}\n`);
    const decisions = await currentDecisions(store);
    const results = `${JSON.stringify(resultsToJson(await currentTally({ store, election, decisions }), decisions))}\n`;
    const texts: Record<string, string> = {
      [BUNDLE_FILES.election]: electionText,
      [BUNDLE_FILES.journal]: journal.join(''),
      [BUNDLE_FILES.protocols]: protocols.join(''),
      [BUNDLE_FILES.results]: results,
    };
    for (const [file, text] of Object.entries(texts)) writeFileSync(join(out, file), text);
    const manifest = {
      format: BUNDLE_FORMAT,
      electionId: election.event.id,
      cecFingerprint: cec.fingerprint,
      files: Object.fromEntries(Object.entries(texts).map(([file, text]) => [file, { sha256: sha256(text), bytes: Buffer.byteLength(text) }])),
      counts: { events: journal.length, protocols: protocols.length },
      attestation: { head, signature: signDigest(sha256(attestationText({ electionId: election.event.id, head })), cec) },
    };
    writeFileSync(join(out, BUNDLE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    return { events: journal.length, protocols: protocols.length };
  });
}
