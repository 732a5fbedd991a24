import { createHash } from 'node:crypto';
import { formatCheckpoint } from '../src/tlog/checkpoint.ts';
import { signerOf } from '../src/tlog/keys.ts';
import { MerkleTree, type Hash } from '../src/tlog/merkle.ts';
import {
  encodeBase64,
  formatSignerKey,
  formatVerifierKey,
  parseNote,
  parseSignerKey,
  signNote,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
} from '../src/tlog/note.ts';
import { encodeEntryBundle, tilePath, tilesForSize, tileBytes } from '../src/tlog/tiles.ts';
import { formatTlogProof } from '../src/tlog/tlog-proof.ts';

/**
 * The worked examples of docs/transparency-log.md, "Formats", computed by the code they describe from fixed
 * keys and a fixed clock (Ed25519 signatures are deterministic), so that test/tlog-docs.test.ts can check the
 * document still shows what the code does. Run `npx tsx test/tlog-doc-examples.ts` to print them.
 */

const seed = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(label).digest());
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

export const ORIGIN = 'saylau/example-2026';
export const WITNESS = 'observer.example/w1';

export const LINES = [
  '{"actor":"9f2c…","at":"2026-03-19T08:00:00.000Z","hash":"51d0…","payload":{"name":"Example"},"prev":"","seq":1,"signature":"…","type":"election-created"}',
  '{"actor":"9f2c…","at":"2026-03-19T20:14:05.000Z","hash":"0b7e…","payload":{"station":"001"},"prev":"51d0…","seq":2,"signature":"…","type":"protocol-entered"}',
  '{"actor":"77aa…","at":"2026-03-19T20:31:40.000Z","hash":"c3f1…","payload":{"station":"001"},"prev":"0b7e…","seq":3,"signature":"…","type":"protocol-accepted"}',
];

export function docExamples(): Record<string, string> {
  const entries = LINES.map((line) => new TextEncoder().encode(line));
  const tree = new MerkleTree();
  tree.appendEntries(entries);
  const b64 = (hash: Hash): string => encodeBase64(hash);

  const logSeed = seed('saylau docs: example log key, never use it');
  const witnessSeed = seed('saylau docs: example witness key, never use it');
  const logSignerKey = formatSignerKey(ORIGIN, logSeed, SIGNATURE_TYPE_ED25519);
  const logKey = must(parseSignerKey(logSignerKey));
  const logVerifierKey = formatVerifierKey(ORIGIN, logKey.publicKey, SIGNATURE_TYPE_ED25519);
  const witnessKey = must(parseSignerKey(formatSignerKey(WITNESS, witnessSeed, SIGNATURE_TYPE_COSIGNATURE)));
  const witnessVerifierKey = formatVerifierKey(WITNESS, witnessKey.publicKey, SIGNATURE_TYPE_COSIGNATURE);

  const body = formatCheckpoint({ origin: ORIGIN, size: tree.size, root: tree.root(), extensions: [] });
  const signed = must(signNote(body, [signerOf(logKey)]));
  const cosigned = must(
    signNote(body, [signerOf(witnessKey, () => 1_774_000_000)], must(parseNote(signed)).signatures),
  );

  const tree2 = new MerkleTree();
  tree2.appendEntries(entries.slice(0, 2));
  const tiles = tilesForSize(tree.size).map(tilePath);
  const bundle = must(encodeEntryBundle(entries));

  return {
    leafHashes: [0, 1, 2].map((i) => `leaf ${i}: ${hex(tree.hashAt(0, i))}`).join('\n'),
    nodes: [
      `node (level 1, index 0) = SHA-256(0x01 || leaf 0 || leaf 1) = ${hex(tree.hashAt(1, 0))}`,
      `root of size 2 = ${b64(tree2.root())}`,
      `root of size 3 = SHA-256(0x01 || node (1, 0) || leaf 2) = ${b64(tree.root())}`,
    ].join('\n'),
    inclusion: must(tree.inclusionProof(1, 3)).map(b64).join('\n'),
    consistency: must(tree.consistencyProof(2, 3)).map(b64).join('\n'),
    checkpointBody: body,
    signerKey: logSignerKey,
    verifierKey: logVerifierKey,
    witnessVerifierKey,
    signedCheckpoint: signed,
    cosignedCheckpoint: cosigned,
    tiles: tiles.join('\n'),
    tileLevel0: `tile/0/000.p/3 = ${tileBytes(tree, { level: 0, index: 0, width: 3 }).length} bytes: leaf 0 || leaf 1 || leaf 2`,
    bundleStart: `${hex(bundle.subarray(0, 2))} ${Buffer.from(bundle.subarray(2, 12)).toString()}…  (${bundle.length} bytes in all)`,
    tlogProof: formatTlogProof({
      extra: entries[1],
      index: 1,
      proof: must(tree.inclusionProof(1, 3)),
      checkpoint: cosigned,
    }),
  };
}

if (process.argv[1]?.endsWith('tlog-doc-examples.ts')) {
  for (const [name, text] of Object.entries(docExamples())) process.stdout.write(`=== ${name}\n${text}\n`);
}
