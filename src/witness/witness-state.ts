import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { writeFileDurably } from './durable-file.ts';

/**
 * What a witness keeps in its state folder (docs/witness.md, "What the witness keeps"): the last checkpoint it
 * cosigned, as the log signed it, and the cosignature it made. It is written to disk — temporary file, fsync,
 * rename, fsync of the folder — before the cosignature leaves the process, so that after a crash at any moment
 * the witness knows at least as much as it ever told anyone, and never cosigns a second root for a size it
 * cosigned, nor a tree that does not extend the one it cosigned.
 */
export const witnessStateSchema = z.strictObject({
  format: z.literal('saylau-witness-state/1'),
  /** The witness's verifier key: a state folder belongs to one key. */
  witness: z.string().min(1),
  origin: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** The cosigned root, base64. */
  root: z.string().min(1),
  /** The checkpoint note as the log signed it (the log's signature line with it). */
  checkpoint: z.string().min(1),
  /** The cosignature line this witness made for it (`— <name> <base64>`), without its newline. */
  cosignature: z.string().min(1),
  /** When it was made, POSIX seconds. */
  cosignedAt: z.number().int().nonnegative(),
});
export type WitnessState = z.infer<typeof witnessStateSchema>;

export const STATE_FILE = 'state.json';

/** The state in `folder`: null when the witness never cosigned there; a refusal when the file is damaged. */
export function readWitnessState(folder: string, witness: string): Result<WitnessState | null, CodedRefusal> {
  const path = join(folder, STATE_FILE);
  if (!existsSync(path)) return ok(null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return err({ code: 'WITNESS_STATE_DAMAGED', params: { path, detail: (error as Error).message } });
  }
  const state = witnessStateSchema.safeParse(parsed);
  if (!state.success)
    return err({ code: 'WITNESS_STATE_DAMAGED', params: { path, detail: state.error.issues[0]?.message ?? 'schema' } });
  if (state.data.witness !== witness)
    return err({ code: 'WITNESS_STATE_OTHER_KEY', params: { path, name: state.data.witness } });
  return ok(state.data);
}

/** Replaces the state durably; returns once it is on disk. */
export function writeWitnessState(folder: string, state: WitnessState): void {
  writeFileDurably(join(folder, STATE_FILE), `${JSON.stringify(witnessStateSchema.parse(state), null, 2)}\n`);
}
