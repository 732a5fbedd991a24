import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { okValue } from '../src/model/result.ts';
import { ed25519NoteSigner, formatCheckpoint, formatTlogProof, type NoteSigner, signNote } from '../src/tlog/index.ts';
import { checkReceipt, type LogFiles } from '../src/verify/receipt-check.ts';
import { generateWitnessKey, parseWitnessKey, witnessSigner } from '../src/witness/witness-key.ts';
import { FakeLog } from './witness-fixture.ts';

/**
 * `receipt check --witness … --quorum K` (docs/receipts.md, "Checking with witnesses"): the log's current checkpoint
 * must carry the cosignatures of K of the witnesses the holder names, so that a log cannot show the holder of a
 * receipt a view of its own that no witness saw.
 */
const witnesses = ['observers.example/osce', 'observers.example/cis', 'observers.example/domestic'].map((name) => {
  const { signerKeyText, verifierKey } = generateWitnessKey(name);
  return { name, verifierKey, signer: witnessSigner(okValue(parseWitnessKey(signerKeyText)), () => 1_700_000_000) };
});
const [osce, cis, domestic] = witnesses as [(typeof witnesses)[0], (typeof witnesses)[0], (typeof witnesses)[0]];

/** The log's checkpoint of its current size, signed by the log and by `cosigners`. */
function cosignedNote(log: FakeLog, cosigners: readonly NoteSigner[]): string {
  const body = formatCheckpoint({ origin: log.origin, size: log.tree.size, root: log.tree.root(), extensions: [] });
  return okValue(signNote(body, [ed25519NoteSigner(log.origin, log.seed), ...cosigners]));
}

/** The log's files as the check reads them, with `note` as its current checkpoint. */
function files(log: FakeLog, note: string): LogFiles {
  return {
    where: 'test://log',
    read: (path) => Promise.resolve(path === 'checkpoint' ? new TextEncoder().encode(note) : log.tile(path)),
  };
}

/** A receipt for entry `index` at the log's current size. */
function receiptFor(log: FakeLog, index: number): string {
  return formatTlogProof({
    index,
    proof: okValue(log.tree.inclusionProof(index)),
    checkpoint: log.checkpointNote(),
    extra: log.entries[index],
  });
}

function honestLog(): FakeLog {
  const log = new FakeLog();
  log.append(40);
  return log;
}

describe('a receipt checked with witnesses', () => {
  it('holds when the quorum of the named witnesses cosigned the current checkpoint; others do not count', async () => {
    const log = honestLog();
    const receipt = receiptFor(log, 7);
    log.append(300);
    const stranger = generateWitnessKey('observers.example/stranger');
    const strangerSigner = witnessSigner(okValue(parseWitnessKey(stranger.signerKeyText)), () => 1_700_000_000);
    const note = cosignedNote(log, [osce.signer, cis.signer, strangerSigner]);
    const named = witnesses.map((witness) => witness.verifierKey);

    const holds = okValue(
      await checkReceipt(receipt, files(log, note), log.verifierKey, { witnesses: named, quorum: 2 }),
    );
    expect(holds.cosigners).toEqual([osce.verifierKey, cis.verifierKey]);
    expect([holds.index, holds.size, holds.currentSize]).toEqual([7, 40, 340]);

    const short = await checkReceipt(receipt, files(log, note), log.verifierKey, { witnesses: named, quorum: 3 });
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'RECEIPT_QUORUM_NOT_MET', params: { cosigned: 2, quorum: 3, missing: domestic.name } },
    });
  });

  it('refuses the view a log shows the holder alone, which a check without witnesses cannot tell apart', async () => {
    // The operator rewrote entry 3 for everyone; the witnesses refused to cosign the rewrite and still cosign nothing
    // else. To the holder of a receipt for entry 3 the log shows the old tree, signed with its own key only.
    const log = honestLog();
    const receipt = receiptFor(log, 3);
    const privateView = log.checkpointNote();
    const named = [osce.verifierKey, cis.verifierKey];

    expect((await checkReceipt(receipt, files(log, privateView), log.verifierKey)).ok).toBe(true);
    const witnessed = await checkReceipt(receipt, files(log, privateView), log.verifierKey, {
      witnesses: named,
      quorum: 1,
    });
    expect(witnessed).toMatchObject({ ok: false, error: { code: 'RECEIPT_QUORUM_NOT_MET', params: { cosigned: 0 } } });
  });

  it("a named witness's cosignature that does not verify refuses the checkpoint", async () => {
    const log = honestLog();
    const receipt = receiptFor(log, 0);
    const note = cosignedNote(log, [osce.signer]);
    // The last signature line is the witness's: one character of its base64 changed.
    const lines = note.trimEnd().split('\n');
    const last = lines.at(-1) as string;
    lines[lines.length - 1] = `${last.slice(0, -6)}${last.at(-6) === 'A' ? 'B' : 'A'}${last.slice(-5)}`;
    const forged = `${lines.join('\n')}\n`;
    const outcome = await checkReceipt(receipt, files(log, forged), log.verifierKey, {
      witnesses: [osce.verifierKey],
      quorum: 1,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'RECEIPT_LOG_CHECKPOINT_INVALID' } });
  });

  it('refuses a witness key that does not parse and a quorum beyond the witnesses named, before reading the log', async () => {
    const log = honestLog();
    const unread: LogFiles = {
      where: 'test://unread',
      read: () => Promise.reject(new Error('the log was read')),
    };
    const receipt = receiptFor(log, 0);
    expect(await checkReceipt(receipt, unread, log.verifierKey, { witnesses: ['not a key'], quorum: 1 })).toMatchObject(
      { ok: false, error: { code: 'RECEIPT_WITNESS_KEY_INVALID' } },
    );
    expect(
      await checkReceipt(receipt, unread, log.verifierKey, { witnesses: [osce.verifierKey], quorum: 2 }),
    ).toMatchObject({ ok: false, error: { code: 'RECEIPT_QUORUM_INVALID', params: { quorum: 2, named: 1 } } });
  });
});

describe('saylau receipt check --witness --quorum', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function serve(log: FakeLog, note: string): Promise<string> {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname.slice(1);
      const bytes = path === 'checkpoint' ? new TextEncoder().encode(note) : log.tile(path);
      if (bytes === null) response.writeHead(404).end();
      else response.writeHead(200).end(Buffer.from(bytes));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function cli(args: string[], lang = 'en'): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readText: (path) => readFileSync(path, 'utf8'),
    };
    return { code: await runCli([...args, '--lang', lang], io, {}), stdout, stderr };
  }

  it('names who cosigned, defaults the quorum to every witness named, and refuses in kk, ru and en', async () => {
    const log = honestLog();
    const file = join(mkdtempSync(join(tmpdir(), 'saylau-receipt-witnesses-')), '5.tlog-proof');
    writeFileSync(file, receiptFor(log, 5));
    const url = await serve(log, cosignedNote(log, [osce.signer, cis.signer]));
    const check = ['receipt', 'check', file, '--log', url, '--log-key', log.verifierKey];

    const alone = await cli(check);
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toContain('no witness was named');

    const two = await cli([...check, '--witness', osce.verifierKey, cis.verifierKey]);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain(`2 of the 2 witnesses named cosigned`);
    expect(two.stdout).toContain(`${osce.name}, ${cis.name}`);

    const all = [...check, '--witness', osce.verifierKey, cis.verifierKey, domestic.verifierKey];
    const three = await cli(all);
    expect([three.code, three.stderr]).toEqual([1, expect.stringContaining('RECEIPT_QUORUM_NOT_MET')]);
    expect(three.stderr).toContain(domestic.name);
    expect((await cli([...all, '--quorum', '2'])).code).toBe(0);
    const bad = await cli([...all, '--quorum', '4']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('--quorum')]);

    for (const [lang, words] of [
      ['kk', 'КУӘГЕРЛЕР ЖЕТКІЛІКСІЗ'],
      ['ru', 'НЕДОСТАТОЧНО СВИДЕТЕЛЕЙ'],
    ] as const)
      expect((await cli(all, lang)).stderr).toContain(words);
  });
});
