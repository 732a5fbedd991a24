import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import {
  consistencyProofFromTiles,
  decodeBase64Strict,
  encodeBase64,
  type Hash,
  type NoteVerifier,
  openCheckpoint,
  type SignedCheckpoint,
  TILE_WIDTH,
  tilePath,
  tilesForConsistencyProof,
  tileWidth,
} from '../tlog/index.ts';
import { writeEvidence, type EvidenceKind } from './evidence.ts';
import { judgeCheckpoint } from './judge.ts';
import { witnessSigner, type WitnessKey } from './witness-key.ts';
import { readWitnessState, type WitnessState, writeWitnessState } from './witness-state.ts';

/**
 * What the witness asks of a log (docs/witness.md, "What the witness checks"). Over HTTP it is the log's
 * /checkpoint and tiles (c2sp.org/tlog-tiles), its JSON proof API as a fallback, and POST /api/log/cosignatures;
 * tests give their own. Nothing a log answers is trusted: every hash is checked against a signed root.
 */
export interface LogClient {
  readonly url: string;
  checkpoint(): Promise<string>;
  /** A tile's bytes, or null when the log does not serve it. */
  tile(path: string): Promise<Uint8Array | null>;
  /** The JSON API's consistency proof, or null when it has none. */
  consistencyProof(from: number, to: number): Promise<Hash[] | null>;
  /** Hands the cosignature to the log; the log's answer, for the report. */
  postCosignature(checkpoint: string, cosignature: string): Promise<{ readonly status: number; readonly body: string }>;
}

export class LogUnreachable extends Error {}

export function httpLogClient(url: string, timeoutMs = 15_000): LogClient {
  const base = url.replace(/\/+$/, '');
  const get = async (path: string): Promise<Response> => {
    try {
      return await fetch(`${base}/${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new LogUnreachable((error as Error).message);
    }
  };
  return {
    url: base,
    async checkpoint() {
      const response = await get('checkpoint');
      if (!response.ok) throw new LogUnreachable(`GET /checkpoint: HTTP ${response.status}`);
      return response.text();
    },
    async tile(path) {
      const response = await get(path);
      if (response.status === 404) return null;
      if (!response.ok) throw new LogUnreachable(`GET /${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async consistencyProof(from, to) {
      const response = await get(`api/log/proof/consistency?from=${from}&to=${to}`);
      if (!response.ok) return null;
      const body = (await response.json()) as { proof?: unknown };
      if (!Array.isArray(body.proof)) return null;
      return body.proof.map(
        (hash) => (typeof hash === 'string' ? decodeBase64Strict(hash) : undefined) ?? new Uint8Array(),
      );
    },
    async postCosignature(checkpoint, cosignature) {
      try {
        const response = await fetch(`${base}/api/log/cosignatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ checkpoint, cosignature }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        return { status: 0, body: (error as Error).message };
      }
    },
  };
}

/**
 * The consistency proof from `m` to the checkpoint's size, built from the log's tiles, else from its JSON API; null
 * when the log serves neither — a log that cannot be checked, which is not a log proved inconsistent.
 */
export async function fetchConsistencyProof(client: LogClient, m: number, n: number): Promise<Hash[] | null> {
  const needed = tilesForConsistencyProof(m, n);
  if (needed.ok) {
    const tiles = new Map<string, Uint8Array>();
    let complete = true;
    for (const tile of needed.value) {
      const path = tilePath(tile);
      const bytes = await client.tile(path);
      if (bytes === null) {
        complete = false;
        break;
      }
      tiles.set(path, bytes);
    }
    if (complete) {
      const proof = consistencyProofFromTiles(m, n, tiles);
      if (proof.ok) return proof.value;
    }
  }
  return await client.consistencyProof(m, n);
}

/** The leaf hashes of a tree of `size` from the log's level-0 tiles (for evidence), or null if any is missing. */
export async function fetchLeafHashes(client: LogClient, size: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  for (let index = 0; index * TILE_WIDTH < size; index += 1) {
    const width = tileWidth(0, index, size);
    const bytes = await client.tile(tilePath({ level: 0, index, width }));
    if (bytes === null || bytes.length !== width * 32) return null;
    parts.push(bytes);
  }
  return new Uint8Array(Buffer.concat(parts));
}

export type WitnessOutcome =
  | {
      readonly kind: 'cosigned';
      readonly size: number;
      readonly root: string;
      readonly cosignature: string;
      /** The log's answer to the POST: 0 when it could not be reached. */
      readonly posted: { readonly status: number; readonly body: string };
    }
  | {
      /** The log's checkpoint is the one already cosigned: its cosignature is handed to the log again. */
      readonly kind: 'unchanged';
      readonly size: number;
      readonly root: string;
      readonly posted: { readonly status: number; readonly body: string };
    };

export interface WitnessRun {
  readonly client: LogClient;
  readonly log: NoteVerifier;
  readonly logKey: string;
  readonly key: WitnessKey;
  readonly stateFolder: string;
  /** POSIX seconds. */
  readonly clock?: () => number;
}

/** The cosignature line of the witness over a checkpoint's text, and the timestamp it carries. */
export function cosignLine(key: WitnessKey, text: string, clock: () => number): { line: string; timestamp: number } {
  let timestamp = 0;
  const signer = witnessSigner(key, () => (timestamp = clock()));
  const signature = signer.sign(new TextEncoder().encode(text));
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId >>> 0);
  return { line: `\u2014 ${signer.name} ${Buffer.concat([id, signature]).toString('base64')}`, timestamp };
}

/** The checkpoint note with only the log's signature (what the witness keeps and posts back). */
function withLogSignatureOnly(opened: SignedCheckpoint, log: NoteVerifier): string {
  const own = opened.verified.filter((signature) => signature.name === log.name && signature.keyId === log.keyId);
  return `${opened.text}\n${own.map((signature) => `\u2014 ${signature.name} ${signature.base64}\n`).join('')}`;
}

/**
 * One round of the witness: the log's checkpoint, its signature, a consistency proof from the last cosigned size
 * checked here, the state written to disk, then the cosignature made public. A checkpoint that does not extend
 * the cosigned tree is refused, with evidence kept in the state folder.
 */
export async function witnessOnce(run: WitnessRun): Promise<Result<WitnessOutcome, CodedRefusal>> {
  const { client, log, key, stateFolder } = run;
  const clock = run.clock ?? ((): number => Math.floor(Date.now() / 1000));
  let note: string;
  try {
    note = await client.checkpoint();
  } catch (error) {
    return err({ code: 'WITNESS_LOG_UNREACHABLE', params: { url: client.url, detail: (error as Error).message } });
  }
  const opened = openCheckpoint(note, log.name, log);
  if (!opened.ok) return opened;
  const { checkpoint, text } = opened.value;
  const signedNote = withLogSignatureOnly(opened.value, log);
  const state = readWitnessState(stateFolder, key.verifierKey);
  if (!state.ok) return state;
  const previous = state.value;
  if (previous !== null && previous.origin !== checkpoint.origin)
    return err({ code: 'WITNESS_ORIGIN_MISMATCH', params: { got: checkpoint.origin, expected: previous.origin } });
  let proof: Hash[] = [];
  if (previous !== null && previous.size > 0 && checkpoint.size > previous.size) {
    try {
      const fetched = await fetchConsistencyProof(client, previous.size, checkpoint.size);
      // Nothing is cosigned and no evidence written: the witness tries again at its next turn.
      if (fetched === null)
        return err({
          code: 'WITNESS_LOG_UNREACHABLE',
          params: { url: client.url, detail: `no consistency proof from ${previous.size} to ${checkpoint.size}` },
        });
      proof = fetched;
    } catch (error) {
      return err({ code: 'WITNESS_LOG_UNREACHABLE', params: { url: client.url, detail: (error as Error).message } });
    }
  }
  const judgement = judgeCheckpoint(previous, checkpoint, proof);
  const root = encodeBase64(checkpoint.root);
  if (judgement.kind === 'bad-empty-root')
    return err({ code: 'TLOG_CHECKPOINT_MALFORMED', params: { rule: 'a tree of size 0 must have the empty root' } });
  if (judgement.kind !== 'cosign') {
    const cosigned = previous as WitnessState;
    const kind: EvidenceKind = judgement.kind;
    const leafHashes =
      kind === 'inconsistent' ? await fetchLeafHashes(client, checkpoint.size).catch(() => null) : null;
    const evidence = writeEvidence(
      stateFolder,
      {
        kind,
        logKey: run.logKey,
        cosigned: cosigned.checkpoint,
        presented: signedNote,
        proof,
        leafHashes,
        witness: key.verifierKey,
        detectedAt: new Date(clock() * 1000).toISOString(),
      },
      { cosigned: cosigned.size, presented: checkpoint.size },
    );
    return err({
      code: kind === 'rollback' ? 'WITNESS_REFUSED_ROLLBACK' : 'WITNESS_REFUSED_INCONSISTENT',
      params: { origin: checkpoint.origin, size: checkpoint.size, cosignedSize: cosigned.size, evidence },
    });
  }
  if (previous !== null && previous.size === checkpoint.size) {
    const posted = await client.postCosignature(previous.checkpoint, previous.cosignature);
    return ok({ kind: 'unchanged', size: previous.size, root, posted });
  }
  const { line, timestamp } = cosignLine(key, text, clock);
  // On disk before anyone sees the cosignature: a crash after this line leaves a witness that knows it cosigned.
  writeWitnessState(stateFolder, {
    format: 'saylau-witness-state/1',
    witness: key.verifierKey,
    origin: checkpoint.origin,
    size: checkpoint.size,
    root,
    checkpoint: signedNote,
    cosignature: line,
    cosignedAt: timestamp,
  });
  const posted = await client.postCosignature(signedNote, line);
  return ok({ kind: 'cosigned', size: checkpoint.size, root, cosignature: line, posted });
}
