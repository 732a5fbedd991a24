import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliText } from '../../i18n/cli-text.ts';
import type { SealedEvent } from '../../journal/event.ts';
import { collectAppended } from '../../services/appended-events.ts';
import { issueReceipts } from '../../services/receipts.ts';
import { TransparencyLog } from '../../services/transparency-log.ts';
import { defaultLogKeyPath, loadLogKey, type LogKey } from '../../services/transparency-log-key.ts';
import { openStore } from '../../store/open-store.ts';
import { checkReceipt, leafHashHex, type LogFiles, LogUnreachable } from '../../verify/receipt-check.ts';
import type { CliContext } from '../context.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';
import { witnessQuorum } from '../witness-quorum.ts';

/** Exit code of a check that could not reach the log: nothing is said of the receipt (docs/receipts.md). */
export const EXIT_LOG_UNREACHABLE = 3;

export interface ReceiptCheckOptions extends OutputOptions {
  readonly log?: string;
  readonly bundle?: string;
  readonly logKey?: string;
  readonly witness?: readonly string[];
  readonly quorum?: string;
}

/** The log's files over HTTP, at the tlog-tiles paths below `base`; a 404 is an absent file. */
function httpLog(base: string): LogFiles {
  const root = base.replace(/\/+$/, '');
  return {
    where: root,
    async read(path) {
      let response: Response;
      try {
        response = await fetch(`${root}/${path}`, { signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        throw new LogUnreachable(
          root,
          (error as Error).cause instanceof Error ? String((error as Error).cause) : String(error),
        );
      }
      if (response.status === 404) return null;
      if (!response.ok) throw new LogUnreachable(root, `HTTP ${response.status} for /${path}`);
      return readLimited(response, `${root}/${path}`);
    },
  };
}

/**
 * The largest file the check reads: a full entry bundle (256 entries of at most 65,535 bytes, each with its
 * 2-byte length). A hostile log cannot make the checker read more than that per file.
 */
const MAX_LOG_FILE = 256 * (65_535 + 2);

/** The body of an answer, refused past MAX_LOG_FILE bytes. */
async function readLimited(response: Response, where: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_LOG_FILE) {
      await reader.cancel();
      throw new LogUnreachable(where, `more than ${MAX_LOG_FILE} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A bundle's copy of the log: its log/ folder, at the same paths. */
function bundleLog(directory: string): LogFiles {
  const root = join(directory, 'log');
  return {
    where: root,
    read(path) {
      try {
        return Promise.resolve(new Uint8Array(readFileSync(join(root, ...path.split('/')))));
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return Promise.resolve(null);
        throw new LogUnreachable(root, (error as Error).message);
      }
    },
  };
}

/** The option or file a refusal of the check is about, where it is one the person gave. */
const FIELD_OF: Readonly<Record<string, string>> = {
  RECEIPT_WITNESS_KEY_INVALID: '--witness',
  RECEIPT_QUORUM_INVALID: '--quorum',
};

/** `saylau receipt check FILE --log URL | --bundle DIR [--log-key VKEY] [--witness VKEY… [--quorum K]]`. */
export async function runReceiptCheck(
  file: string,
  options: ReceiptCheckOptions,
  context: CliContext,
): Promise<number> {
  if ((options.log === undefined) === (options.bundle === undefined)) {
    reportInputError(
      { code: 'CLI_USAGE', field: '--log', params: { detail: 'receipt check FILE --log URL | --bundle DIR' } },
      options,
      context,
    );
    return 1;
  }
  let text: string;
  try {
    text = context.io.readText(file);
  } catch (error) {
    reportInputError(
      { code: 'INPUT_FILE_UNREADABLE', field: '', params: { path: (error as Error).message } },
      options,
      context,
    );
    return 1;
  }
  // Witnesses (docs/receipts.md, "Checking with witnesses").
  const witnessed = witnessQuorum(options, context);
  if (witnessed === null) return 1;
  const log = options.log === undefined ? bundleLog(options.bundle ?? '') : httpLog(options.log);
  let outcome;
  try {
    outcome = await checkReceipt(text, log, options.logKey, witnessed);
  } catch (error) {
    if (!(error instanceof LogUnreachable)) throw error;
    reportInputError(
      { code: 'RECEIPT_LOG_UNREACHABLE', field: '', params: { url: error.where, detail: error.detail } },
      options,
      context,
    );
    return EXIT_LOG_UNREACHABLE;
  }
  if (!outcome.ok) {
    const { code } = outcome.error;
    const field = FIELD_OF[code] ?? (code === 'RECEIPT_MALFORMED' || code === 'RECEIPT_NO_ENTRY' ? file : '');
    reportInputError({ code: outcome.error.code, field, params: outcome.error.params }, options, context);
    return 1;
  }
  const holds = outcome.value;
  const leaf = leafHashHex(holds.leafHash);
  if (options.json === true) {
    context.io.stdout(
      `${JSON.stringify({ holds: true, origin: holds.origin, index: holds.index, leafHash: leaf, size: holds.size, currentSize: holds.currentSize, verifierKey: holds.verifierKey, keyPinned: holds.keyPinned, cosigners: holds.cosigners, quorum: holds.quorum })}\n`,
    );
    return 0;
  }
  const event = JSON.parse(holds.line) as { type?: string; at?: string };
  context.io.stdout(
    `${cliText('receipt.holds', context.language, { origin: holds.origin, index: holds.index, leaf, size: holds.size, current: holds.currentSize })}\n` +
      `${cliText('receipt.event', context.language, { type: event.type ?? '?', at: event.at ?? '?' })}\n` +
      (holds.keyPinned ? '' : `${cliText('receipt.keyNotPinned', context.language, { key: holds.verifierKey })}\n`) +
      (holds.witnessesNamed === 0
        ? `${cliText('receipt.noWitness', context.language)}\n`
        : `${cliText('receipt.witnessed', context.language, {
            cosigned: holds.cosigners.length,
            named: holds.witnessesNamed,
            quorum: holds.quorum,
            names: holds.cosigners.map((key) => key.split('+')[0]).join(', '),
          })}\n`),
  );
  return 0;
}

export interface ActReceiptOptions extends OutputOptions {
  readonly db: string;
  readonly receiptDir?: string;
}

/**
 * An act command (`enter`, `accept`, `approve`, …) run so that the events it appended get receipts: saved in
 * `--receipt-dir` (one `.tlog-proof` per event, named by its index) with their paths printed, or else a line
 * saying how to save them. On stderr when the command prints JSON, to leave its document alone.
 */
export async function withActReceipts(
  options: ActReceiptOptions,
  context: CliContext,
  run: () => Promise<number>,
): Promise<number> {
  const { value: exitCode, events } = await collectAppended(run);
  if (exitCode !== 0 || events.length === 0) return exitCode;
  const say = (line: string) => (options.json === true ? context.io.stderr : context.io.stdout)(`${line}\n`);
  if (options.receiptDir === undefined) {
    say(
      cliText('receipt.hint', context.language, {
        count: events.length,
        indexes: events.map((event) => event.seq - 1).join(', '),
      }),
    );
    return exitCode;
  }
  // The act is done whatever follows: a log key that cannot be read is said, and the act's exit code stands.
  const key = loadLogKey(defaultLogKeyPath(options.db));
  if (!key.ok) {
    reportInputError({ code: key.error.code, field: '--receipt-dir', params: key.error.params }, options, context);
    return exitCode;
  }
  const receipts = await receiptsFor(options.db, key.value, events);
  mkdirSync(options.receiptDir, { recursive: true });
  for (const [at, receipt] of receipts.entries()) {
    const index = (events[at] as SealedEvent).seq - 1;
    const path = join(options.receiptDir, `${index}.tlog-proof`);
    writeFileSync(path, receipt, { flag: 'wx' });
    say(cliText('receipt.saved', context.language, { index, path }));
  }
  return exitCode;
}

/** The receipts from the database's own log (a checkpoint signed for the head if the act's commit had none). */
async function receiptsFor(db: string, key: LogKey, events: readonly SealedEvent[]): Promise<string[]> {
  const store = openStore(db);
  try {
    const log = new TransparencyLog(key);
    await log.open(store);
    return await issueReceipts(store, log, events);
  } finally {
    await store.close();
  }
}
