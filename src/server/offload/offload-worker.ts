import { parentPort, workerData } from 'node:worker_threads';
import { isMessageCode } from '../../i18n/messages.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { StoreError } from '../../store/store-error.ts';
import { asApiError } from '../field-names.ts';
import { type OffloadJob, runJob } from './offload-jobs.ts';
import type { WorkerError } from './offloader.ts';

/** One job in a worker thread (started by offloader.ts through worker-entry.mjs), then the thread ends. */
const { job, db } = workerData as { job: OffloadJob; db: string };
let store: Store | undefined;
try {
  const result = await runJob(job, () => (store ??= openStore(db)));
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  // A coded refusal (ApiError, StoreError) crosses the thread as its code, to be answered as such.
  const coded = (error instanceof StoreError ? asApiError(error) : error) as {
    code?: unknown;
    params?: Record<string, string | number>;
    field?: string | null;
  };
  const described: WorkerError =
    typeof coded.code === 'string' && isMessageCode(coded.code)
      ? // As app.ts's error handler does on the main thread: the field also fills the message's {field}.
        {
          code: coded.code,
          params: { ...(typeof coded.field === 'string' ? { field: coded.field } : {}), ...coded.params },
          field: coded.field ?? null,
        }
      : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  parentPort?.postMessage({ ok: false, error: described });
} finally {
  await store?.close();
}
