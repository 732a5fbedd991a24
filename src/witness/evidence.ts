import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import {
  type Checkpoint,
  decodeBase64Strict,
  encodeBase64,
  HASH_SIZE,
  type Hash,
  hashesEqual,
  MerkleTree,
  openCheckpoint,
  verifyConsistency,
} from '../tlog/index.ts';
import { writeFileDurably } from './durable-file.ts';
import { logVerifier } from './log-key.ts';

/**
 * Evidence of a log's misbehaviour (docs/witness.md, "When the witness refuses"): files a third party checks with
 * the log's verifier key alone, trusting neither the witness nor the log. Two checkpoints the log signed are the
 * core; for two sizes the witness adds the leaf hashes of the larger tree as the log served them, from which
 * anyone recomputes both roots: the larger tree's root matches the log's signature, and its prefix of the smaller
 * size does not hash to the root the log signed for that size — so the log signed two trees that cannot both be
 * the one append-only journal.
 */
export const EVIDENCE_FILES = {
  cosigned: 'cosigned.checkpoint',
  presented: 'presented.checkpoint',
  proof: 'consistency-proof.txt',
  leaves: 'leaf-hashes.bin',
  logKey: 'log-key.vkey',
  summary: 'evidence.json',
  readme: 'README.txt',
} as const;

export type EvidenceKind = 'fork' | 'inconsistent' | 'rollback';

export interface Evidence {
  readonly kind: EvidenceKind;
  readonly logKey: string;
  /** The note this witness cosigned, as the log signed it. */
  readonly cosigned: string;
  /** The note the log presented later, as the log signed it. */
  readonly presented: string;
  /** The proof the witness was given or built from the log's tiles, which failed (two sizes only). */
  readonly proof: readonly Hash[];
  /** The leaf hashes of the presented tree as the log serves them (its size × 32 bytes), when they were had. */
  readonly leafHashes: Uint8Array | null;
  readonly witness: string;
  readonly detectedAt: string;
}

/** Writes the evidence into a new folder under `stateFolder`; returns its path. Each file durably. */
export function writeEvidence(
  stateFolder: string,
  evidence: Evidence,
  sizes: { cosigned: number; presented: number },
): string {
  const folder = join(stateFolder, `evidence-${evidence.detectedAt.replace(/[:.]/g, '-')}`);
  mkdirSync(folder, { recursive: true });
  writeFileDurably(join(folder, EVIDENCE_FILES.cosigned), evidence.cosigned, 0o644);
  writeFileDurably(join(folder, EVIDENCE_FILES.presented), evidence.presented, 0o644);
  writeFileDurably(
    join(folder, EVIDENCE_FILES.proof),
    `consistency ${sizes.cosigned} ${sizes.presented}\n${evidence.proof.map((hash) => `${encodeBase64(hash)}\n`).join('')}`,
    0o644,
  );
  if (evidence.leafHashes !== null) writeFileDurably(join(folder, EVIDENCE_FILES.leaves), evidence.leafHashes, 0o644);
  writeFileDurably(join(folder, EVIDENCE_FILES.logKey), `${evidence.logKey}\n`, 0o644);
  writeFileDurably(
    join(folder, EVIDENCE_FILES.summary),
    `${JSON.stringify({ kind: evidence.kind, witness: evidence.witness, detectedAt: evidence.detectedAt, ...sizes }, null, 2)}\n`,
    0o644,
  );
  writeFileDurably(join(folder, EVIDENCE_FILES.readme), readme(evidence, sizes), 0o644);
  return folder;
}

function readme(evidence: Evidence, sizes: { cosigned: number; presented: number }): string {
  const what =
    evidence.kind === 'fork'
      ? `The log signed two different trees of the same size ${sizes.cosigned}: ${EVIDENCE_FILES.cosigned} and
${EVIDENCE_FILES.presented} carry the same origin and size, different root hashes, and both verify with the log's
key. An append-only log signs one root per size; two are a fork (a split view or a rewritten journal).`
      : evidence.kind === 'inconsistent'
        ? `The log signed a tree of ${sizes.cosigned} entries (${EVIDENCE_FILES.cosigned}), which this witness
cosigned, and later a tree of ${sizes.presented} entries (${EVIDENCE_FILES.presented}) that does not extend it.
${EVIDENCE_FILES.leaves} holds the ${sizes.presented} leaf hashes the log served for the later tree
(32 bytes each): they hash to the later root, and their first ${sizes.cosigned} hash to a root other than the
one the log signed for that size. So entries the log had already published were changed.
${EVIDENCE_FILES.proof} is the consistency proof that failed.`
        : `The log presented a tree of ${sizes.presented} entries after this witness cosigned one of
${sizes.cosigned}: it shrank, or a stale copy was served. This alone proves no rewrite; the witness cosigned
nothing.`;
  return `Evidence kept by the witness ${evidence.witness} on ${evidence.detectedAt}

${what}

Check it yourself, trusting neither the witness nor the log, with the log's verifier key as the CEC published it:

  saylau witness check-evidence <this folder> --log-key '<the log's verifier key>'

${EVIDENCE_FILES.logKey} holds the key the witness used; compare it with the published one.
`;
}

export interface EvidenceFinding {
  readonly kind: EvidenceKind;
  /** True when the files alone prove that the log misbehaved. */
  readonly proved: boolean;
  readonly detail: string;
}

const refuted = (path: string, detail: string): Result<never, CodedRefusal> =>
  err({ code: 'WITNESS_EVIDENCE_REFUTED', params: { path, detail } });

/**
 * Checks an evidence folder with nothing but its files and the log's key (`logKey`, else the file in the folder):
 * both checkpoints signed by the log, of one origin; one root per size, or the leaf hashes showing that the
 * larger tree does not extend the smaller one.
 */
export function checkEvidence(folder: string, logKey?: string): Result<EvidenceFinding, CodedRefusal> {
  const read = (name: string): string | null => {
    const path = join(folder, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  };
  const key = logKey ?? read(EVIDENCE_FILES.logKey)?.trim();
  if (key === undefined || key === '') return refuted(folder, `no log key (${EVIDENCE_FILES.logKey} or --log-key)`);
  const verifier = logVerifier(key);
  if (!verifier.ok) return verifier;
  const open = (name: string): Result<Checkpoint, CodedRefusal> => {
    const text = read(name);
    if (text === null) return refuted(folder, `${name} is missing`);
    const opened = openCheckpoint(text, verifier.value.name, verifier.value);
    if (!opened.ok) return refuted(folder, `${name}: ${opened.error.code}`);
    return ok(opened.value.checkpoint);
  };
  const cosigned = open(EVIDENCE_FILES.cosigned);
  if (!cosigned.ok) return cosigned;
  const presented = open(EVIDENCE_FILES.presented);
  if (!presented.ok) return presented;
  const a = cosigned.value;
  const b = presented.value;
  if (a.size === b.size) {
    if (hashesEqual(a.root, b.root)) return refuted(folder, 'both checkpoints name the same tree');
    return ok({
      kind: 'fork',
      proved: true,
      detail: `the log signed two roots for size ${a.size}: ${encodeBase64(a.root)} and ${encodeBase64(b.root)}`,
    });
  }
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  const proofText = read(EVIDENCE_FILES.proof);
  const proof = (proofText ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => decodeBase64Strict(line) ?? new Uint8Array());
  if (verifyConsistency(small.size, large.size, small.root, large.root, proof))
    return refuted(folder, `${EVIDENCE_FILES.proof} proves the two trees consistent`);
  const leavesPath = join(folder, EVIDENCE_FILES.leaves);
  if (!existsSync(leavesPath))
    return ok({
      kind: a.size > b.size ? 'rollback' : 'inconsistent',
      proved: false,
      detail: `sizes ${a.size} and ${b.size}, no leaf hashes: the failed proof alone proves nothing`,
    });
  const leaves = new Uint8Array(readFileSync(leavesPath));
  if (leaves.length !== large.size * HASH_SIZE)
    return refuted(folder, `${EVIDENCE_FILES.leaves} holds ${leaves.length / HASH_SIZE} hashes, not ${large.size}`);
  const tree = new MerkleTree();
  for (let at = 0; at < leaves.length; at += HASH_SIZE) tree.append(leaves.subarray(at, at + HASH_SIZE));
  if (!hashesEqual(tree.root(large.size), large.root))
    return refuted(folder, `${EVIDENCE_FILES.leaves} does not hash to the root the log signed for size ${large.size}`);
  const prefix = tree.root(small.size);
  if (hashesEqual(prefix, small.root))
    return refuted(
      folder,
      `the first ${small.size} leaf hashes give the root the log signed: the trees are consistent`,
    );
  return ok({
    kind: a.size < b.size ? 'inconsistent' : 'rollback',
    proved: true,
    detail: `the log signed size ${small.size} with root ${encodeBase64(small.root)}, but the first ${small.size} leaves of its tree of ${large.size} hash to ${encodeBase64(prefix)}`,
  });
}
