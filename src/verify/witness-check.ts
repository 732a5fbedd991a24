import type { JournalLines } from './journal-lines.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JournalEvent } from '../journal/events.ts';
import {
  type Checkpoint,
  encodeBase64,
  extendsFromTiles,
  hashesEqual,
  type NoteVerifier,
  openCheckpoint,
} from '../tlog/index.ts';
import { logVerifier } from '../witness/log-key.ts';
import { TileFiles } from './log-check.ts';
import { WitnessRegistry } from '../witness/witness-registry.ts';
import { witnessVerifier } from '../witness/witness-key.ts';

/**
 * `verify --witness VKEY … --quorum K [--checkpoint FILE …]` (docs/witness.md, "Checking a bundle with its
 * witnesses"): the checkpoints given and the bundle's own (log/checkpoint) must be signed by the log key the CEC
 * registered in the journal; no two of them may disagree (one origin, one size, two roots — or a size whose root is
 * not that of the bundle's journal: a split view, named); and K of the named witnesses must have cosigned the
 * checkpoint of the bundle's journal.
 */
export interface WitnessCheckOptions {
  readonly witnesses: readonly string[];
  readonly quorum: number;
  /** Checkpoint files given on the command line, by path. */
  readonly checkpointFiles: readonly string[];
  /** Where the tiles served with those checkpoints also are (`--tiles`), besides each checkpoint file's own folder. */
  readonly tilesDirectory?: string | undefined;
}

export interface WitnessCheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

interface Seen {
  readonly where: string;
  readonly checkpoint: Checkpoint;
  readonly text: string;
  /** The named witnesses whose cosignatures on it verify. */
  readonly cosigners: readonly string[];
  /** The folders that may hold the tiles the log served with it. */
  readonly tiles: readonly string[];
}

/** The bundle's checkpoint files, at the paths the log's export writes them (docs/transparency-log.md). */
const BUNDLE_CHECKPOINTS = ['log/checkpoint', 'checkpoint'];

export function checkWitnesses(
  directory: string,
  events: readonly JournalEvent[],
  journal: JournalLines,
  options: WitnessCheckOptions,
): WitnessCheckResult {
  const fail = (detail: string): WitnessCheckResult => ({ ok: false, detail });
  const registered = events.find((event) => event.type === 'log-key-registered');
  if (registered?.type !== 'log-key-registered')
    return fail('journal.ndjson: no log-key-registered entry: the log key is unknown');
  const log = logVerifier(registered.payload.verifierKey);
  if (!log.ok) return fail(`journal.ndjson line ${registered.seq}: the log key does not parse (${log.error.code})`);
  // A named witness the CEC deregistered in this journal counts for nothing: its key may be a thief's by now
  // (docs/witness.md, "Deregistering a witness").
  const registry = new WitnessRegistry();
  for (const event of events) registry.apply(event);
  const named: { key: string; verifier: NoteVerifier }[] = [];
  const deregistered: string[] = [];
  for (const key of options.witnesses) {
    const verifier = witnessVerifier(key);
    if (!verifier.ok) return fail(`--witness ${key}: ${verifier.error.code}`);
    if (registry.wasDeregistered(key)) deregistered.push(key);
    else named.push({ key, verifier: verifier.value });
  }
  const notCounted =
    deregistered.length === 0 ? '' : ` (${describe(deregistered)} not counted: deregistered in journal.ndjson)`;
  if (!Number.isInteger(options.quorum) || options.quorum < 0 || options.quorum > named.length)
    return fail(`--quorum ${options.quorum}: between 0 and the ${named.length} witnesses named${notCounted}`);

  const sources: { where: string; text: string; tiles: string[] }[] = [];
  for (const path of BUNDLE_CHECKPOINTS)
    if (existsSync(join(directory, path)))
      sources.push({
        where: path,
        text: readFileSync(join(directory, path), 'utf8'),
        tiles: [dirname(join(directory, path))],
      });
  for (const path of options.checkpointFiles) {
    if (!existsSync(path)) return fail(`${path}: no such file`);
    // The checkpoint's own folder, and --tiles besides: observers who kept two views may keep them apart.
    const tiles = [dirname(path), ...(options.tilesDirectory === undefined ? [] : [options.tilesDirectory])];
    sources.push({ where: path, text: readFileSync(path, 'utf8'), tiles });
  }
  const seen: Seen[] = [];
  for (const { where, text, tiles } of sources) {
    const opened = openCheckpoint(
      text,
      log.value.name,
      log.value,
      named.map((entry) => entry.verifier),
    );
    if (!opened.ok)
      return fail(
        `${where}: ${opened.error.code} (not a checkpoint of ${log.value.name} signed by its key, or a witness's signature on it fails)`,
      );
    const cosigners = named
      .filter(({ verifier }) =>
        opened.value.verified.some(
          (signature) => signature.name === verifier.name && signature.keyId === verifier.keyId,
        ),
      )
      .map(({ key }) => key);
    seen.push({ where, checkpoint: opened.value.checkpoint, text: opened.value.text, cosigners, tiles });
  }

  // One entry per tree: the same checkpoint from several files pools its cosignatures.
  const trees: Seen[] = [];
  for (const entry of seen) {
    const same = trees.findIndex(
      (tree) =>
        tree.checkpoint.size === entry.checkpoint.size && hashesEqual(tree.checkpoint.root, entry.checkpoint.root),
    );
    const known = trees[same];
    if (known === undefined) trees.push(entry);
    else
      trees[same] = {
        ...known,
        where: `${known.where} and ${entry.where}`,
        cosigners: [...new Set([...known.cosigners, ...entry.cosigners])],
        tiles: [...new Set([...known.tiles, ...entry.tiles])],
      };
  }

  // Split views: two checkpoints of one size with different roots, or one that is not of the bundle's journal.
  const { tree } = journal;
  for (const [index, a] of trees.entries()) {
    for (const b of trees.slice(index + 1)) {
      if (a.checkpoint.size === b.checkpoint.size)
        return fail(
          `split view: ${a.where} and ${b.where} are both signed by the log for size ${a.checkpoint.size} with different roots (${encodeBase64(a.checkpoint.root)} and ${encodeBase64(b.checkpoint.root)}), cosigned by ${describe(a.cosigners)} and by ${describe(b.cosigners)}`,
        );
    }
  }
  for (const entry of trees) {
    if (entry.checkpoint.size > tree.size) continue;
    if (!hashesEqual(tree.root(entry.checkpoint.size), entry.checkpoint.root))
      return fail(
        `split view: ${entry.where} is signed by the log for size ${entry.checkpoint.size}, but the first ${entry.checkpoint.size} entries of journal.ndjson hash to another root; cosigned by ${describe(entry.cosigners)}`,
      );
  }

  // Checkpoints beyond the bundle's journal, pair by pair: the larger must extend the smaller, which the tiles served
  // with the larger prove, or disprove (docs/transparency-log.md, "Checkpoints beyond a bundle").
  const beyondTrees = trees
    .filter((entry) => entry.checkpoint.size > tree.size)
    .sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  let unproved = 0;
  for (const [index, smaller] of beyondTrees.entries())
    for (const larger of beyondTrees.slice(index + 1)) {
      const proved = larger.tiles
        .map((folder) => extendsFromTiles(smaller.checkpoint, larger.checkpoint, new TileFiles(folder)))
        .find((answer) => answer !== null);
      if (proved === undefined) unproved += 1;
      else if (!proved)
        return fail(
          `split view: ${larger.where} is signed by the log for size ${larger.checkpoint.size}, and the tiles served with it show that its first ${smaller.checkpoint.size} entries are not those of ${smaller.where}, signed for size ${smaller.checkpoint.size}; cosigned by ${describe(larger.cosigners)} and by ${describe(smaller.cosigners)}`,
        );
    }

  // The quorum: distinct named witnesses that cosigned the checkpoint of this journal's size (its root checked above).
  const head = trees.filter((entry) => entry.checkpoint.size === tree.size);
  const cosigners = new Set(head.flatMap((entry) => entry.cosigners));
  const beyond = trees.filter((entry) => entry.checkpoint.size > tree.size).length;
  const pairs = (beyond * (beyond - 1)) / 2;
  const note =
    beyond === 0
      ? ''
      : `; ${beyond} checkpoint(s) beyond the bundle's journal, ${pairs - unproved} of ${pairs} pair(s) of them proved consistent${unproved === 0 ? '' : ' (the others lack the tiles of the larger: --tiles DIR)'}`;
  if (head.length === 0 && options.quorum > 0)
    return fail(`no checkpoint of the bundle's size ${tree.size} among ${seen.length} given${note}`);
  if (cosigners.size < options.quorum)
    return fail(
      `${cosigners.size} of the named witnesses cosigned the checkpoint of size ${tree.size}, ${options.quorum} required (missing: ${describe(named.map(({ key }) => key).filter((key) => !cosigners.has(key)))})${notCounted}`,
    );
  return {
    ok: true,
    detail: `${seen.length} checkpoint(s) of ${log.value.name} agree with the journal; ${cosigners.size} of ${named.length} named witnesses cosigned size ${tree.size} (quorum ${options.quorum})${notCounted}${note}`,
  };
}

function describe(keys: readonly string[]): string {
  return keys.length === 0 ? 'no named witness' : keys.map((key) => key.split('+')[0]).join(', ');
}
