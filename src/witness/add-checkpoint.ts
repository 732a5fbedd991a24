import { createServer, type Server } from 'node:http';
import {
  decodeBase64Strict,
  encodeBase64,
  type Hash,
  HASH_SIZE,
  type NoteVerifier,
  openCheckpoint,
} from '../tlog/index.ts';
import { writeEvidence } from './evidence.ts';
import { cosignLine } from './follow.ts';
import { judgeCheckpoint } from './judge.ts';
import type { WitnessKey } from './witness-key.ts';
import { readWitnessState, writeWitnessState } from './witness-state.ts';

/**
 * The witness's side of the C2SP tlog-witness protocol (c2sp.org/tlog-witness, "add-checkpoint"): a log POSTs
 * `old <size>`, a consistency proof and its new checkpoint; the witness answers with its cosignature line, or the
 * status the spec names for each refusal. Requests are handled one at a time, so that checking the old size and
 * persisting the new checkpoint are one step (the race the spec describes cannot happen).
 */
export interface AddCheckpointAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): AddCheckpointAnswer => ({
  status,
  contentType,
  body,
});

export interface AddCheckpointWitness {
  readonly log: NoteVerifier;
  readonly logKey: string;
  readonly key: WitnessKey;
  readonly stateFolder: string;
  readonly clock?: () => number;
}

/** One add-checkpoint request body, answered (the state written first when it cosigns). */
export function addCheckpoint(witness: AddCheckpointWitness, body: string): AddCheckpointAnswer {
  const clock = witness.clock ?? ((): number => Math.floor(Date.now() / 1000));
  const blank = body.indexOf('\n\n');
  if (blank < 0) return text(400, 'no blank line before the checkpoint\n');
  const head = body.slice(0, blank).split('\n');
  const oldMatch = /^old (0|[1-9][0-9]*)$/.exec(head[0] ?? '');
  if (oldMatch === null) return text(400, 'the first line is not "old <size>"\n');
  const oldSize = Number(oldMatch[1]);
  const proofLines = head.slice(1);
  if (proofLines.length > 63) return text(400, 'more than 63 proof lines\n');
  const proof: Hash[] = [];
  for (const line of proofLines) {
    const hash = decodeBase64Strict(line);
    if (hash === undefined || hash.length !== HASH_SIZE) return text(400, 'a proof line is not a base64 hash\n');
    proof.push(hash);
  }
  const note = body.slice(blank + 2);
  const origin = note.slice(0, note.indexOf('\n'));
  if (origin !== witness.log.name) return text(404, `unknown log ${origin}\n`);
  const opened = openCheckpoint(note, witness.log.name, witness.log);
  if (!opened.ok) return text(403, `${opened.error.code}\n`);
  const { checkpoint } = opened.value;
  if (oldSize > checkpoint.size) return text(400, 'the old size is larger than the checkpoint\n');
  const state = readWitnessState(witness.stateFolder, witness.key.verifierKey);
  if (!state.ok) return text(500, `${state.error.code}\n`);
  const previous = state.value;
  const cosignedSize = previous?.size ?? 0;
  if (oldSize !== cosignedSize) return text(409, `${cosignedSize}\n`, 'text/x.tlog.size');
  if (oldSize === 0 && proof.length > 0) return text(422, 'a proof from size 0 must be empty\n');
  const judgement = judgeCheckpoint(previous, checkpoint, proof);
  if (judgement.kind === 'bad-empty-root') return text(422, 'a tree of size 0 must have the empty root\n');
  if (judgement.kind === 'fork' || judgement.kind === 'inconsistent') {
    // A second root for one size is proof by itself, and is kept as evidence. A proof that fails proves nothing here:
    // the caller chose it, and a caller that sends garbage must not fill the disk with evidence folders.
    if (previous !== null && judgement.kind === 'fork')
      writeEvidence(
        witness.stateFolder,
        {
          kind: judgement.kind,
          logKey: witness.logKey,
          cosigned: previous.checkpoint,
          presented: note,
          proof,
          leafHashes: null,
          witness: witness.key.verifierKey,
          detectedAt: new Date(clock() * 1000).toISOString(),
        },
        { cosigned: previous.size, presented: checkpoint.size },
      );
    return text(422, `not consistent with the checkpoint of size ${cosignedSize} this witness cosigned\n`);
  }
  if (judgement.kind === 'rollback') return text(409, `${cosignedSize}\n`, 'text/x.tlog.size');
  const { line, timestamp } = cosignLine(witness.key, opened.value.text, clock);
  writeWitnessState(witness.stateFolder, {
    format: 'saylau-witness-state/1',
    witness: witness.key.verifierKey,
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    checkpoint: note,
    cosignature: line,
    cosignedAt: timestamp,
  });
  return text(200, `${line}\n`, 'text/x.tlog.signature');
}

const MAX_BODY = 64 * 1024;

/** Serves POST <prefix>/add-checkpoint, one request at a time. */
export function addCheckpointServer(witness: AddCheckpointWitness): Server {
  let queue: Promise<unknown> = Promise.resolve();
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://witness').pathname;
    if (request.method !== 'POST' || !path.endsWith('/add-checkpoint')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const work = (): void => {
        const answer = addCheckpoint(witness, Buffer.concat(chunks).toString('utf8'));
        response.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      };
      queue = queue.then(work, work);
    });
  });
}
