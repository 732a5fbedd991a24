import type { Election } from '../model/election.ts';
import { checkIntegrity, type IntegrityProgress } from '../store/integrity.ts';
import type { Store } from '../store/store.ts';
import { progressBar } from './progress.ts';

/**
 * A progress bar on stderr, made once the check knows how many entries it reads: a check from scratch of a national
 * journal takes many seconds.
 */
export function checkProgress(label: string): { onProgress: IntegrityProgress; finish: () => void } {
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    onProgress: (done, total) => {
      bar ??= progressBar(label, total);
      bar.update(done);
    },
    finish: () => bar?.finish(),
  };
}

/**
 * What `results`, `export` and `serve` do before anything else: the store checked against its
 * journal (src/store/integrity.ts). Damage throws a coded StoreError, which `withStore` reports
 * with exit code 1.
 */
export async function ensureIntact(store: Store, definition: Election): Promise<void> {
  const progress = checkProgress('check');
  try {
    await checkIntegrity({ store, definition, onProgress: progress.onProgress });
  } finally {
    progress.finish();
  }
}
