import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNote, parseCheckpoint } from '../src/tlog/index.ts';
import { addCheckpoint } from '../src/witness/add-checkpoint.ts';
import { checkEvidence, EVIDENCE_FILES } from '../src/witness/evidence.ts';
import { witnessOnce, type WitnessRun } from '../src/witness/follow.ts';
import { logVerifier } from '../src/witness/log-key.ts';
import { generateWitnessKey, parseWitnessKey, witnessVerifier } from '../src/witness/witness-key.ts';
import { readWitnessState, STATE_FILE } from '../src/witness/witness-state.ts';
import { FakeLog } from './witness-fixture.ts';

function setup(name = 'observers.example/w1'): { log: FakeLog; run: WitnessRun; folder: string } {
  const log = new FakeLog();
  const { signerKeyText } = generateWitnessKey(name);
  const key = parseWitnessKey(signerKeyText);
  if (!key.ok) throw new Error(key.error.code);
  const verifier = logVerifier(log.verifierKey);
  if (!verifier.ok) throw new Error(verifier.error.code);
  const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-'));
  return {
    log,
    folder,
    run: { client: log.client(), log: verifier.value, logKey: log.verifierKey, key: key.value, stateFolder: folder },
  };
}

function evidenceFolder(folder: string): string {
  const found = readdirSync(folder).find((name) => name.startsWith('evidence-'));
  if (found === undefined) throw new Error('no evidence folder');
  return join(folder, found);
}

describe('the witness follows a log (docs/witness.md)', () => {
  it('cosigns the first checkpoint and each that extends it; the cosignature verifies with its verifier key', async () => {
    const { log, run, folder } = setup();
    log.append(5);
    const first = await witnessOnce(run);
    expect(first.ok && first.value.kind).toBe('cosigned');
    log.append(300);
    const second = await witnessOnce(run);
    expect(second.ok && second.value.kind === 'cosigned' && second.value.size).toBe(305);
    expect(log.posted).toHaveLength(2);
    const last = log.posted[1];
    const verifier = witnessVerifier(run.key.verifierKey);
    if (!verifier.ok || last === undefined) throw new Error('setup');
    const opened = openNote(`${last.checkpoint.split('\n\n')[0]}\n\n${last.cosignature}\n`, [verifier.value]);
    expect(opened.ok).toBe(true);
    const state = readWitnessState(folder, run.key.verifierKey);
    expect(state.ok && state.value?.size).toBe(305);
    // Nothing new: the same cosignature is handed over again, nothing else signed.
    const again = await witnessOnce(run);
    expect(again.ok && again.value.kind).toBe('unchanged');
    expect(log.posted[2]?.cosignature).toBe(last.cosignature);
  });

  it('writes its state to disk before the cosignature leaves the process', async () => {
    const { log, run, folder } = setup();
    log.append(3);
    const seen: (number | undefined)[] = [];
    const client = {
      ...run.client,
      postCosignature: (checkpoint: string, cosignature: string) => {
        const state = JSON.parse(readFileSync(join(folder, STATE_FILE), 'utf8')) as {
          cosignature: string;
          size: number;
        };
        seen.push(state.cosignature === cosignature ? state.size : undefined);
        return Promise.resolve({ status: 200, body: checkpoint === '' ? '' : '{}' });
      },
    };
    await witnessOnce({ ...run, client });
    log.append(9);
    await witnessOnce({ ...run, client });
    expect(seen).toEqual([3, 12]);
  });

  it('refuses a second root for a size it cosigned, and the two checkpoints alone convince a third party', async () => {
    const { log, run, folder } = setup();
    log.append(40);
    expect((await witnessOnce(run)).ok).toBe(true);
    // The operator rewrites entry 7 and rebuilds the log to the same size.
    log.rewrite(7);
    const refused = await witnessOnce(run);
    expect(refused.ok ? 'cosigned' : refused.error.code).toBe('WITNESS_REFUSED_INCONSISTENT');
    expect(log.posted).toHaveLength(1);
    const evidence = evidenceFolder(folder);
    const finding = checkEvidence(evidence, log.verifierKey);
    expect(finding.ok && finding.value).toMatchObject({ kind: 'fork', proved: true });
    // The state still names the tree it cosigned.
    const state = readWitnessState(folder, run.key.verifierKey);
    expect(state.ok && state.value?.root).toBe(parseRoot(log.posted[0]?.checkpoint ?? ''));
  });

  it('refuses a larger tree that does not extend the cosigned one; the leaf hashes prove the rewrite', async () => {
    const { log, run, folder } = setup();
    log.append(600);
    expect((await witnessOnce(run)).ok).toBe(true);
    log.rewrite(123, 'accepted protocol changed');
    log.append(50);
    const refused = await witnessOnce(run);
    expect(refused.ok ? 'cosigned' : refused.error.code).toBe('WITNESS_REFUSED_INCONSISTENT');
    const evidence = evidenceFolder(folder);
    expect(existsSync(join(evidence, EVIDENCE_FILES.leaves))).toBe(true);
    // A third party: only the files of the folder, copied elsewhere, and the log's key.
    const elsewhere = mkdtempSync(join(tmpdir(), 'saylau-evidence-'));
    for (const file of readdirSync(evidence)) copyFileSync(join(evidence, file), join(elsewhere, file));
    const finding = checkEvidence(elsewhere, log.verifierKey);
    expect(finding.ok && finding.value).toMatchObject({ kind: 'inconsistent', proved: true });
    // Another key: the checkpoints are not the log's, nothing is proved.
    const other = new FakeLog();
    const refutedByKey = checkEvidence(elsewhere, other.verifierKey);
    expect(refutedByKey.ok ? 'proved' : refutedByKey.error.code).toBe('WITNESS_EVIDENCE_REFUTED');
    // Leaf hashes of an honest tree: the prefix matches, nothing is proved.
    const honest = new FakeLog();
    honest.append(650);
    writeFileSync(join(elsewhere, EVIDENCE_FILES.leaves), Buffer.from(honest.tree.hashesAt(0, 0, 650)));
    const refutedByLeaves = checkEvidence(elsewhere, log.verifierKey);
    expect(refutedByLeaves.ok).toBe(false);
  });

  it('an honest log that grows never leads it to refuse, whatever the sizes', async () => {
    const { log, run } = setup();
    for (const step of [1, 1, 2, 7, 255, 1, 256, 513, 3]) {
      log.append(step);
      const result = await witnessOnce(run);
      expect(result.ok ? result.value.kind : result.error.code).toBe('cosigned');
    }
  });

  it('refuses a checkpoint not signed by the log key, and a state folder of another witness', async () => {
    const { log, run, folder } = setup();
    log.append(2);
    const impostor = new FakeLog(log.origin);
    impostor.append(2);
    const forged = await witnessOnce({ ...run, client: impostor.client() });
    expect(forged.ok ? 'cosigned' : forged.error.code).toBe('TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG');
    expect(await witnessOnce(run)).toMatchObject({ ok: true });
    const other = parseWitnessKey(generateWitnessKey('observers.example/w2').signerKeyText);
    if (!other.ok) throw new Error('setup');
    const wrong = await witnessOnce({ ...run, key: other.value });
    expect(wrong.ok ? 'cosigned' : wrong.error.code).toBe('WITNESS_STATE_OTHER_KEY');
    expect(existsSync(join(folder, STATE_FILE))).toBe(true);
  });
});

function parseRoot(note: string): string {
  const body = note.split('\n\n')[0] ?? '';
  const checkpoint = parseCheckpoint(`${body}\n`);
  if (!checkpoint.ok) throw new Error('no checkpoint');
  return Buffer.from(checkpoint.value.root).toString('base64');
}

describe('the C2SP tlog-witness add-checkpoint endpoint (saylau witness --listen)', () => {
  it('answers each case with the status the spec names, and cosigns only a consistent checkpoint', () => {
    const { log, run, folder } = setup();
    const witness = { log: run.log, logKey: run.logKey, key: run.key, stateFolder: folder };
    const body = (old: number, proof: readonly Uint8Array[], note: string): string =>
      `old ${old}\n${proof.map((hash) => `${Buffer.from(hash).toString('base64')}\n`).join('')}\n${note}`;
    log.append(10);
    const first = addCheckpoint(witness, body(0, [], log.checkpointNote()));
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/^\u2014 observers\.example\/w1 [A-Za-z0-9+/=]+\n$/);
    const verifier = witnessVerifier(run.key.verifierKey);
    if (!verifier.ok) throw new Error('setup');
    expect(openNote(`${log.checkpointNote().split('\n\n')[0]}\n\n${first.body}`, [verifier.value]).ok).toBe(true);
    log.append(7);
    // The old size is not the one cosigned: 409 with the cosigned size.
    const conflict = addCheckpoint(witness, body(3, [], log.checkpointNote()));
    expect([conflict.status, conflict.contentType, conflict.body]).toEqual([409, 'text/x.tlog.size', '10\n']);
    // A proof that does not verify: 422, nothing cosigned.
    const wrongProof = addCheckpoint(witness, body(10, [new Uint8Array(32)], log.checkpointNote()));
    expect(wrongProof.status).toBe(422);
    const proof = log.tree.consistencyProof(10, 17);
    if (!proof.ok) throw new Error('setup');
    expect(addCheckpoint(witness, body(10, proof.value, log.checkpointNote())).status).toBe(200);
    // Another log's key, another origin, an old size beyond the checkpoint, a malformed body.
    const impostor = new FakeLog(log.origin);
    impostor.append(20);
    expect(addCheckpoint(witness, body(17, [], impostor.checkpointNote())).status).toBe(403);
    expect(addCheckpoint(witness, body(17, [], new FakeLog('other.example/log').checkpointNote())).status).toBe(404);
    expect(addCheckpoint(witness, body(40, [], log.checkpointNote())).status).toBe(400);
    expect(addCheckpoint(witness, 'not a request').status).toBe(400);
    // A fork of size 17: refused, and kept as evidence that proves it.
    const fork = log.fork(2);
    expect(addCheckpoint(witness, body(17, [], fork.checkpointNote())).status).toBe(422);
    const finding = checkEvidence(evidenceFolder(folder), log.verifierKey);
    expect(finding.ok && finding.value).toMatchObject({ kind: 'fork', proved: true });
    const state = readWitnessState(folder, run.key.verifierKey);
    expect(state.ok && state.value?.size).toBe(17);
  });
});
