import { type Checkpoint, EMPTY_ROOT, encodeBase64, type Hash, hashesEqual, verifyConsistency } from '../tlog/index.ts';
import type { WitnessState } from './witness-state.ts';

/**
 * The witness's one decision (c2sp.org/tlog-witness, "add-checkpoint"; docs/witness.md, "What the witness
 * checks"): whether a checkpoint the log signed may be cosigned, given the last one this witness cosigned and a
 * consistency proof between them. Pure: the proof is checked here, never taken from anyone on trust.
 */
export type Judgement =
  /** Cosign it: it extends the cosigned tree (or is the first this witness sees, or the same tree again). */
  | { readonly kind: 'cosign' }
  /** A second root for a size already cosigned: a fork, proved by the two signed checkpoints alone. */
  | { readonly kind: 'fork' }
  /** Larger, but the proof does not show the cosigned tree to be its prefix. */
  | { readonly kind: 'inconsistent' }
  /** Smaller than the tree cosigned: stale or rolled back; never cosigned. */
  | { readonly kind: 'rollback' }
  /** A checkpoint of size 0 must have the empty tree's root (c2sp.org/tlog-witness). */
  | { readonly kind: 'bad-empty-root' };

export function judgeCheckpoint(
  state: Pick<WitnessState, 'size' | 'root'> | null,
  checkpoint: Checkpoint,
  proof: readonly Hash[],
): Judgement {
  if (checkpoint.size === 0 && !hashesEqual(checkpoint.root, EMPTY_ROOT)) return { kind: 'bad-empty-root' };
  if (state === null) return { kind: 'cosign' };
  const root = encodeBase64(checkpoint.root);
  if (checkpoint.size === state.size) return root === state.root ? { kind: 'cosign' } : { kind: 'fork' };
  if (checkpoint.size < state.size) return { kind: 'rollback' };
  const oldRoot = Buffer.from(state.root, 'base64');
  if (state.size === 0) return hashesEqual(oldRoot, EMPTY_ROOT) ? { kind: 'cosign' } : { kind: 'inconsistent' };
  return verifyConsistency(state.size, checkpoint.size, oldRoot, checkpoint.root, proof)
    ? { kind: 'cosign' }
    : { kind: 'inconsistent' };
}
