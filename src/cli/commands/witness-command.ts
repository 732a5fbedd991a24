import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cliText } from '../../i18n/cli-text.ts';
import { LANGUAGES } from '../../i18n/language.ts';
import { formatMessage } from '../../i18n/messages.ts';
import type { CodedRefusal } from '../../model/refusal.ts';
import { deregisterWitness, registerWitness } from '../../services/witness-service.ts';
import { addCheckpointServer } from '../../witness/add-checkpoint.ts';
import { checkEvidence } from '../../witness/evidence.ts';
import { httpLogClient, witnessOnce, type WitnessRun } from '../../witness/follow.ts';
import { logKeyFromJournal, logVerifier } from '../../witness/log-key.ts';
import { parseCheckpoint, parseNote } from '../../tlog/index.ts';
import { generateWitnessKey, parseWitnessKey } from '../../witness/witness-key.ts';
import { lockStateFolder } from '../../witness/state-lock.ts';
import { CliRefusal, okOrRefuse } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { type OutputOptions, reportInputError } from '../run-document-command.ts';
import { untilStopped } from '../until-stopped.ts';
import { cecKeyOf, type DbOptions, withStore } from './store-commands.ts';

export interface WitnessOptions extends OutputOptions {
  readonly log?: string;
  readonly key?: string;
  readonly state?: string;
  readonly logKey?: string;
  /** The CEC's key fingerprint: the log key is then read from the journal's CEC-signed log-key-registered entry. */
  readonly trust?: string;
  readonly once?: boolean;
  readonly interval?: string;
  readonly listen?: string;
}

const REFUSALS = new Set(['WITNESS_REFUSED_INCONSISTENT', 'WITNESS_REFUSED_ROLLBACK']);

/** A refusal to cosign is said loudly, in all three languages: whoever reads the witness's log must not miss it. */
function reportLoudly(refusal: CodedRefusal, options: OutputOptions, context: CliContext): void {
  if (options.json === true) {
    context.io.stderr(
      `${JSON.stringify({ error: { code: refusal.code, params: refusal.params, messages: Object.fromEntries(LANGUAGES.map((language) => [language, formatMessage(refusal.code, language, refusal.params)])) } })}\n`,
    );
    return;
  }
  const bar = '!'.repeat(78);
  const ordered = [context.language, ...LANGUAGES.filter((language) => language !== context.language)];
  context.io.stderr(
    `${bar}\n${ordered.map((language) => `saylau: ${refusal.code}: ${formatMessage(refusal.code, language, refusal.params)}`).join('\n')}\n${bar}\n`,
  );
}

function readWitnessKeyFile(path: string, context: CliContext): ReturnType<typeof parseWitnessKey> {
  let text: string;
  try {
    text = context.io.readText(path);
  } catch (error) {
    return { ok: false, error: { code: 'WITNESS_KEY_INVALID', params: { path, detail: (error as Error).message } } };
  }
  const key = parseWitnessKey(text);
  return key.ok ? key : { ok: false, error: { code: 'WITNESS_KEY_INVALID', params: { path, detail: key.error.code } } };
}

/** `saylau witness --log URL --key FILE --state DIR [--log-key VKEY] [--once] [--interval S] [--listen HOST:PORT]`. */
export async function runWitness(options: WitnessOptions, context: CliContext): Promise<number> {
  const refuse = (code: CodedRefusal['code'], params: CodedRefusal['params'], field: string): number => {
    reportInputError({ code, field, params }, options, context);
    return 1;
  };
  if (options.key === undefined) return refuse('INPUT_MISSING_FIELD', { field: '--key' }, '--key');
  if (options.state === undefined) return refuse('INPUT_MISSING_FIELD', { field: '--state' }, '--state');
  if (options.log === undefined && options.listen === undefined)
    return refuse('INPUT_MISSING_FIELD', { field: '--log' }, '--log');
  const key = readWitnessKeyFile(options.key, context);
  if (!key.ok) return refuse(key.error.code, key.error.params, '--key');
  const logKey = options.logKey ?? (await endorsedLogKey(options, context));
  if (logKey === undefined) return refuse('WITNESS_LOG_KEY_UNKNOWN', {}, '--log-key');
  const log = logVerifier(logKey);
  if (!log.ok) return refuse(log.error.code, log.error.params, '--log-key');
  const lock = lockStateFolder(options.state);
  if (!lock.ok) return refuse(lock.error.code, lock.error.params, '--state');
  try {
    if (options.listen !== undefined)
      return await listen(
        options.listen,
        { log: log.value, logKey, key: key.value, stateFolder: options.state },
        context,
      );
    const run: WitnessRun = {
      client: httpLogClient(options.log as string),
      log: log.value,
      logKey: logKey.trim(),
      key: key.value,
      stateFolder: options.state,
    };
    const interval = Number(options.interval ?? '10');
    if (!Number.isFinite(interval) || interval <= 0)
      return refuse('INPUT_INVALID_VALUE', { field: '--interval', expected: 'seconds > 0' }, '--interval');
    for (;;) {
      const result = await witnessOnce(run);
      if (result.ok) {
        const { value } = result;
        const posted = `HTTP ${value.posted.status}${value.posted.status === 200 ? '' : ` ${value.posted.body.slice(0, 200)}`}`;
        const line =
          options.json === true
            ? JSON.stringify(value)
            : value.kind === 'cosigned'
              ? cliText('witnessCosigned', context.language, {
                  origin: log.value.name,
                  size: value.size,
                  root: value.root,
                  posted,
                })
              : cliText('witnessUnchanged', context.language, { size: value.size, posted });
        context.io.stdout(`${line}\n`);
      } else if (REFUSALS.has(result.error.code)) {
        reportLoudly(result.error, options, context);
        return 3;
      } else if (options.once === true || result.error.code.startsWith('WITNESS_STATE')) {
        reportInputError({ code: result.error.code, field: '', params: result.error.params }, options, context);
        return 1;
      } else {
        // A log that is down, or a checkpoint that is not the log's: said, and tried again next round.
        reportInputError({ code: result.error.code, field: '', params: result.error.params }, options, context);
      }
      if (options.once === true) return 0;
      await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    }
  } finally {
    lock.value();
  }
}

/** With `--trust FINGERPRINT` and no `--log-key`: the key the CEC endorsed in the journal, said aloud. */
async function endorsedLogKey(options: WitnessOptions, context: CliContext): Promise<string | undefined> {
  if (options.trust === undefined || options.log === undefined) return undefined;
  const client = httpLogClient(options.log);
  try {
    const note = parseNote(await client.checkpoint());
    const checkpoint = note.ok ? parseCheckpoint(note.value.text) : note;
    if (!checkpoint.ok) return undefined;
    const found = await logKeyFromJournal(client, options.trust, checkpoint.value.origin, checkpoint.value.size);
    if (!found.ok) return undefined;
    context.io.stdout(`${cliText('witnessEndorsedKey', context.language, { vkey: found.value })}\n`);
    return found.value;
  } catch {
    return undefined;
  }
}

async function listen(
  address: string,
  witness: Parameters<typeof addCheckpointServer>[0],
  context: CliContext,
): Promise<number> {
  const match = /^(.*):([0-9]+)$/.exec(address);
  const host = match?.[1] ?? '127.0.0.1';
  const port = Number(match?.[2] ?? address);
  const server = addCheckpointServer(witness);
  await new Promise<void>((resolve) => server.listen(port, host === '' ? '127.0.0.1' : host, resolve));
  const bound = server.address() as AddressInfo;
  context.io.stdout(
    `${cliText('witnessListening', context.language, { url: `http://${bound.address}:${bound.port}/add-checkpoint` })}\n`,
  );
  await untilStopped();
  await new Promise((resolve) => server.close(resolve));
  return 0;
}

/** `saylau witness keygen --name NAME --out FILE`: a new witness key; the private key never leaves FILE. */
export function runWitnessKeygen(
  options: { readonly name: string; readonly out: string } & OutputOptions,
  context: CliContext,
): number {
  if (existsSync(options.out)) {
    reportInputError({ code: 'KEYS_EXIST', field: '--out', params: { path: options.out } }, options, context);
    return 1;
  }
  let generated: ReturnType<typeof generateWitnessKey>;
  try {
    generated = generateWitnessKey(options.name);
  } catch {
    reportInputError(
      {
        code: 'INPUT_INVALID_VALUE',
        field: '--name',
        params: { field: '--name', expected: 'a key name without spaces or +' },
      },
      options,
      context,
    );
    return 1;
  }
  writeFileSync(options.out, `${generated.signerKeyText}\n`, { mode: 0o600, flag: 'wx' });
  writeFileSync(`${options.out}.pub`, `${generated.verifierKey}\n`, { mode: 0o644, flag: 'w' });
  context.io.stdout(
    options.json === true
      ? `${JSON.stringify({ path: options.out, verifierKey: generated.verifierKey })}\n`
      : `${cliText('witnessKeyWritten', context.language, { path: options.out, vkey: generated.verifierKey })}\n`,
  );
  return 0;
}

/** `saylau witness check-evidence DIR [--log-key VKEY]`: exit 0 only when the files prove the log misbehaved. */
export function runCheckEvidence(
  directory: string,
  options: { readonly logKey?: string } & OutputOptions,
  context: CliContext,
): number {
  // Without --log-key the folder's own copy is used: fine for a first look, but a third party passes the published key.
  const finding = checkEvidence(directory, options.logKey);
  if (!finding.ok) {
    reportInputError({ code: finding.error.code, field: '', params: finding.error.params }, options, context);
    return 1;
  }
  const { kind, proved, detail } = finding.value;
  context.io.stdout(
    options.json === true
      ? `${JSON.stringify(finding.value)}\n`
      : `${cliText(proved ? 'evidenceProved' : 'evidenceNotProved', context.language, { kind, detail })}\n`,
  );
  return proved ? 0 : 1;
}

/** `saylau witness register --db … --organisation ORG --verifier-key VKEY`: the CEC's key file signs it. */
export function runWitnessRegister(
  options: DbOptions & { readonly organisation: string; readonly verifierKey: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    const cec = cecKeyOf(options);
    const result = await registerWitness({
      store,
      cec,
      organisation: options.organisation,
      verifierKey: keyText(options.verifierKey),
    });
    if (!result.ok && result.error.code.startsWith('TLOG_KEY'))
      throw new CliRefusal(result.error.code, result.error.params, '--verifier-key');
    const witness = okOrRefuse(result);
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(witness)}\n`
        : `${cliText('witnessRegistered', context.language, { organisation: witness.organisation, name: witness.name, seq: witness.seq })}\n`,
    );
    return 0;
  });
}

/** `saylau witness deregister --db … --verifier-key VKEY --reason TEXT`: the CEC's key file signs it. */
export function runWitnessDeregister(
  options: DbOptions & { readonly verifierKey: string; readonly reason: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    const cec = cecKeyOf(options);
    const result = await deregisterWitness({
      store,
      cec,
      verifierKey: keyText(options.verifierKey),
      reason: options.reason,
    });
    if (!result.ok && result.error.code === 'INPUT_EMPTY') throw new CliRefusal('INPUT_EMPTY', {}, '--reason');
    const deregistered = okOrRefuse(result);
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(deregistered)}\n`
        : `${cliText('witnessDeregistered', context.language, deregistered)}\n`,
    );
    return 0;
  });
}

/** A verifier key given on the command line, or the file that holds it (`<out>.pub` of `witness keygen`). */
function keyText(keyOrFile: string): string {
  return existsSync(keyOrFile) ? readFileSync(keyOrFile, 'utf8').trim() : keyOrFile;
}
