import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliText } from '../../i18n/cli-text.ts';
import type { SealedEvent } from '../../journal/event.ts';
import { collectAppended } from '../../services/appended-events.ts';
import { issueReceipts } from '../../services/receipts.ts';
import { TransparencyLog } from '../../services/transparency-log.ts';
import { defaultLogKeyPath, loadLogKey } from '../../services/transparency-log-key.ts';
import { openStore } from '../../store/open-store.ts';
import { checkReceipt, leafHashHex, type LogFiles, LogUnreachable } from '../../verify/receipt-check.ts';
import type { CliContext } from '../context.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';

/** Exit code of a check that could not reach the log: nothing is said of the receipt (docs/receipts.md). */
export const EXIT_LOG_UNREACHABLE = 3;

export interface ReceiptCheckOptions extends OutputOptions {
  readonly log?: string;
  readonly bundle?: string;
  readonly logKey?: string;
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
      return new Uint8Array(await response.arrayBuffer());
    },
  };
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

/** `saylau receipt check FILE --log URL | --bundle DIR [--log-key VKEY]`. */
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
  const log = options.log === undefined ? bundleLog(options.bundle ?? '') : httpLog(options.log);
  let outcome;
  try {
    outcome = await checkReceipt(text, log, options.logKey);
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
    const field = outcome.error.code === 'RECEIPT_MALFORMED' || outcome.error.code === 'RECEIPT_NO_ENTRY' ? file : '';
    reportInputError({ code: outcome.error.code, field, params: outcome.error.params }, options, context);
    return 1;
  }
  const holds = outcome.value;
  const leaf = leafHashHex(holds.leafHash);
  if (options.json === true) {
    context.io.stdout(
      `${JSON.stringify({ holds: true, origin: holds.origin, index: holds.index, leafHash: leaf, size: holds.size, currentSize: holds.currentSize, verifierKey: holds.verifierKey, keyPinned: holds.keyPinned })}\n`,
    );
    return 0;
  }
  const event = JSON.parse(holds.line) as { type?: string; at?: string };
  context.io.stdout(
    `${cliText('receipt.holds', context.language, { origin: holds.origin, index: holds.index, leaf, size: holds.size, current: holds.currentSize })}\n` +
      `${cliText('receipt.event', context.language, { type: event.type ?? '?', at: event.at ?? '?' })}\n` +
      (holds.keyPinned ? '' : `${cliText('receipt.keyNotPinned', context.language, { key: holds.verifierKey })}\n`),
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
  const receipts = await receiptsFor(options.db, events);
  mkdirSync(options.receiptDir, { recursive: true });
  for (const [at, receipt] of receipts.entries()) {
    const index = (events[at] as SealedEvent).seq - 1;
    const path = join(options.receiptDir, `${index}.tlog-proof`);
    writeFileSync(path, receipt, { flag: 'wx' });
    say(cliText('receipt.saved', context.language, { index, path }));
  }
  return exitCode;
}

/** The receipts from the database's own log: its key file beside it, a checkpoint signed for the head if missing. */
async function receiptsFor(db: string, events: readonly SealedEvent[]): Promise<string[]> {
  const key = loadLogKey(defaultLogKeyPath(db));
  if (!key.ok) throw new Error(`${key.error.code}: the log key of ${db}`);
  const store = openStore(db);
  try {
    const log = new TransparencyLog(key.value);
    await log.open(store);
    return await issueReceipts(store, log, events);
  } finally {
    await store.close();
  }
}
