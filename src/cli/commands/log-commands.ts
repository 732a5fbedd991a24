import { rmSync } from 'node:fs';
import { cliText } from '../../i18n/cli-text.ts';
import { loadElection } from '../../services/election-service.ts';
import {
  base64Hashes,
  hex,
  registeredLogKey,
  registerLogKey,
  TransparencyLog,
} from '../../services/transparency-log.ts';
import {
  defaultLogKeyPath,
  defaultLogOrigin,
  logKeyOf,
  newLogKeyText,
  saveNewLogKey,
} from '../../services/transparency-log-key.ts';
import type { Store } from '../../store/store.ts';
import {
  consistencyProofFromTiles,
  ed25519NoteVerifier,
  encodeBase64,
  type Hash,
  inclusionProofFromTiles,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  type TileRef,
  tilePath,
  tilesForConsistencyProof,
  tilesForInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../tlog/index.ts';
import { CliRefusal, okOrRefuse } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { type OutputOptions, reportInputError } from '../run-document-command.ts';
import { cecKeyOf, type DbOptions, withStore } from './store-commands.ts';
import { journalLineOfRow } from '../../services/transparency-log.ts';

// `saylau log-key init` and `saylau proof` (docs/transparency-log.md, "Serving the log").

/** `saylau log-key init --db … [--log-origin O]`: the key for a database made before the log, registered by the CEC. */
export function runLogKeyInit(
  options: DbOptions & { readonly logOrigin?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store, attached) => {
    const path = options.logKey ?? defaultLogKeyPath(options.db);
    if (attached !== null) throw new CliRefusal('LOG_KEY_EXISTS', { path }, '--log-key');
    const { definition } = await loadElection(store);
    await store.migrate();
    const text = okOrRefuse(newLogKeyText(options.logOrigin ?? defaultLogOrigin(definition.event.id)));
    const key = okOrRefuse(logKeyOf(text, path));
    const cec = cecKeyOf(options);
    // Written first (never over another), removed again if the journal does not take it.
    okOrRefuse(saveNewLogKey(path, text));
    try {
      // The registration's own commit signs the first checkpoint, over the whole journal.
      new TransparencyLog(key).attach(store);
      const { seq } = okOrRefuse(await registerLogKey({ store, cec, logKey: key }));
      context.io.stdout(
        options.json === true
          ? `${JSON.stringify({ path, origin: key.origin, verifierKey: key.verifierKey, size: seq })}\n`
          : `${cliText('logKeyMade', context.language, { path, key: key.verifierKey })}\n${cliText('logKeyRegistered', context.language, { key: key.verifierKey, size: seq })}\n`,
      );
      return 0;
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
  });
}

export interface ProofOptions extends OutputOptions {
  readonly db?: string;
  readonly log?: string;
  /** The verifier key an observer pins; else the one the journal (--db) or the log (--log) names. */
  readonly logKey?: string;
  readonly seq?: string;
  readonly size?: string;
  readonly from?: string;
  readonly to?: string;
}

function wholeNumber(value: string | undefined, flag: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < minimum)
    throw new CliRefusal('INPUT_INVALID_VALUE', { field: flag, expected: `a whole number ≥ ${minimum}` }, flag);
  return number;
}

/** A signed checkpoint opened under the verifier key: its size and root, or LOG_PROOF_INVALID. */
function openedCheckpoint(note: string, verifierKey: string): { size: number; root: Hash; origin: string } {
  const parsed = okOrRefuse(parseVerifierKey(verifierKey));
  const opened = openCheckpoint(note, parsed.name, ed25519NoteVerifier(parsed.name, parsed.publicKey));
  if (!opened.ok) throw new CliRefusal('LOG_PROOF_INVALID', { detail: opened.error.code }, '--log-key');
  return { size: opened.value.checkpoint.size, root: opened.value.checkpoint.root, origin: parsed.name };
}

/** What a proof command needs of a log, from a database or over HTTP. */
interface LogSource {
  readonly verifierKey: string;
  checkpoint(size: number | undefined): Promise<string>;
  inclusion(index: number, size: number): Promise<{ leafHash: Hash; proof: readonly Hash[] }>;
  consistency(from: number, to: number): Promise<readonly Hash[]>;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CliRefusal('LOG_FETCH_FAILED', { url, detail: (error as Error).message }, '--log');
  }
  if (!response.ok) throw new CliRefusal('LOG_FETCH_FAILED', { url, detail: `HTTP ${response.status}` }, '--log');
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A log over HTTP, read as its tiles (c2sp.org/tlog-tiles), so that a static copy on any file server serves as well
 * as the server: the proof is computed here from the tiles and checked against the signed root.
 */
async function httpSource(base: string, pinned: string | undefined): Promise<LogSource> {
  const url = base.replace(/\/+$/, '');
  const text = async (path: string) => new TextDecoder().decode(await fetchBytes(`${url}/${path}`));
  const verifierKey =
    pinned ?? ((JSON.parse(await text('api/log')) as { verifierKey?: unknown }).verifierKey as string | undefined);
  if (typeof verifierKey !== 'string')
    throw new CliRefusal('LOG_FETCH_FAILED', { url, detail: 'no verifier key' }, '--log-key');
  const tiles = async (refs: readonly TileRef[]) =>
    new Map(
      await Promise.all(refs.map(async (ref) => [tilePath(ref), await fetchBytes(`${url}/${tilePath(ref)}`)] as const)),
    );
  return {
    verifierKey,
    checkpoint: (size) => text(size === undefined ? 'checkpoint' : `api/log/checkpoints/${size}`),
    inclusion: async (index, size) =>
      okOrRefuse(inclusionProofFromTiles(index, size, await tiles(okOrRefuse(tilesForInclusionProof(index, size))))),
    consistency: async (from, to) =>
      okOrRefuse(consistencyProofFromTiles(from, to, await tiles(okOrRefuse(tilesForConsistencyProof(from, to))))),
  };
}

async function storeSource(store: Store, pinned: string | undefined): Promise<LogSource> {
  const registered = await registeredLogKey(store);
  if (registered === null) throw new CliRefusal('LOG_KEY_NOT_REGISTERED', { key: pinned ?? '—' }, '--db');
  const log = new TransparencyLog(registered);
  return {
    verifierKey: pinned ?? registered.verifierKey,
    checkpoint: async (size) => {
      const found = size === undefined ? await store.latestCheckpoint() : await store.checkpointAt(size);
      if (found === null) throw new CliRefusal('LOG_CHECKPOINT_NOT_FOUND', { size: size ?? 0 }, '--size');
      return found.note;
    },
    inclusion: async (index, size) => {
      const proof = okOrRefuse(await log.inclusion(store, index, size));
      // The leaf from the journal's own line, not the tree's copy of it.
      const [row] = await store.journalRowsAfter(index, 1);
      const line = row === undefined ? '' : journalLineOfRow(row);
      return { leafHash: leafHash(new TextEncoder().encode(line)), proof: proof.proof };
    },
    consistency: async (from, to) => okOrRefuse(await log.consistency(store, from, to)).proof,
  };
}

/** Runs `work` over the log named by --db or --log (exactly one). */
async function withLogSource(
  options: ProofOptions,
  context: CliContext,
  work: (source: LogSource) => Promise<number>,
): Promise<number> {
  if ((options.db === undefined) === (options.log === undefined))
    throw new CliRefusal('LOG_SOURCE_MISSING', {}, options.db === undefined ? '--db' : '--log');
  if (options.log !== undefined) return work(await httpSource(options.log, options.logKey));
  // Here --log-key is a verifier key to pin, not a key file: the store is opened to read, with no log to sign.
  return withStore(
    { ...options, db: options.db as string },
    context,
    async (store) => work(await storeSource(store, options.logKey)),
    { signing: false },
  );
}

/** A refusal of the command's own (a flag, a fetch) reported as withStore reports one: exit code 1. */
async function refusalsReported(
  options: OutputOptions,
  context: CliContext,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CliRefusal)) throw error;
    reportInputError({ code: error.code, field: error.flag, params: error.params }, options, context);
    return 1;
  }
}

/** `saylau proof inclusion --seq N [--size S] (--db … | --log URL)`: the proof, checked against the signed root. */
export function runProofInclusion(options: ProofOptions, context: CliContext): Promise<number> {
  return refusalsReported(options, context, () => proofInclusion(options, context));
}

async function proofInclusion(options: ProofOptions, context: CliContext): Promise<number> {
  const seq = wholeNumber(options.seq, '--seq', 1) as number;
  const size = wholeNumber(options.size, '--size', 1);
  return withLogSource(options, context, async (source) => {
    const checkpoint = openedCheckpoint(await source.checkpoint(size), source.verifierKey);
    if (seq > checkpoint.size)
      throw new CliRefusal('TLOG_INDEX_OUT_OF_RANGE', { index: seq - 1, size: checkpoint.size }, '--seq');
    const { leafHash: leaf, proof } = await source.inclusion(seq - 1, checkpoint.size);
    if (!verifyInclusion(seq - 1, checkpoint.size, leaf, proof, checkpoint.root))
      throw new CliRefusal('LOG_PROOF_INVALID', { detail: `seq ${seq} in the tree of ${checkpoint.size}` }, '--seq');
    const document = {
      index: seq - 1,
      size: checkpoint.size,
      leafHash: encodeBase64(leaf),
      root: hex(checkpoint.root),
      proof: base64Hashes(proof),
    };
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(document)}\n`
        : `${[...document.proof, cliText('proofInclusionVerified', context.language, { seq, size: checkpoint.size, origin: checkpoint.origin })].join('\n')}\n`,
    );
    return 0;
  });
}

/** `saylau proof consistency --from M [--to N] (--db … | --log URL)`: both checkpoints signed, the proof checked. */
export function runProofConsistency(options: ProofOptions, context: CliContext): Promise<number> {
  return refusalsReported(options, context, () => proofConsistency(options, context));
}

async function proofConsistency(options: ProofOptions, context: CliContext): Promise<number> {
  const from = wholeNumber(options.from, '--from', 1) as number;
  const to = wholeNumber(options.to, '--to', 1);
  return withLogSource(options, context, async (source) => {
    const larger = openedCheckpoint(await source.checkpoint(to), source.verifierKey);
    const smaller = openedCheckpoint(await source.checkpoint(from), source.verifierKey);
    if (smaller.size > larger.size)
      throw new CliRefusal('TLOG_SIZE_OUT_OF_RANGE', { size: from, current: larger.size }, '--from');
    const proof = await source.consistency(smaller.size, larger.size);
    if (!verifyConsistency(smaller.size, larger.size, smaller.root, larger.root, proof))
      throw new CliRefusal('LOG_PROOF_INVALID', { detail: `${smaller.size} → ${larger.size}` }, '--from');
    const document = { from: smaller.size, to: larger.size, proof: base64Hashes(proof) };
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(document)}\n`
        : `${[...document.proof, cliText('proofConsistencyVerified', context.language, { from: smaller.size, to: larger.size, origin: larger.origin })].join('\n')}\n`,
    );
    return 0;
  });
}
