import { cliText } from '../../i18n/cli-text.ts';
import { checkIntegrity, rebuildFromJournal } from '../../store/integrity.ts';
import { loadElection } from '../../services/election-service.ts';
import type { CliContext } from '../context.ts';
import { checkProgress } from '../store-check.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/**
 * `saylau check --db … [--full]`: the check on open, on demand; `--full` from the first entry, ignoring the checkpoint.
 */
export function runCheck(options: DbOptions & { readonly full?: boolean }, context: CliContext): Promise<number> {
  return withStore(options, context, async (store) => {
    const { definition } = await loadElection(store);
    const progress = checkProgress('check');
    const report = await checkIntegrity({
      store,
      definition,
      full: options.full === true,
      onProgress: progress.onProgress,
    }).finally(progress.finish);
    const result = { seq: report.head.seq, hash: report.head.hash, from: report.from, checked: report.eventsChecked };
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify({ intact: true, ...result })}\n`
        : `${cliText('storeIntact', context.language, result)}\n`,
    );
    return 0;
  });
}

/**
 * `saylau rebuild --db …`: every projection replaced by the replay of a journal found intact — the repair for damaged
 * projections.
 */
export function runRebuild(options: DbOptions, context: CliContext): Promise<number> {
  return withStore(options, context, async (store) => {
    // Every projection table is emptied and written: those of the current schema version too.
    await store.migrate();
    const { definition } = await loadElection(store);
    const progress = checkProgress('rebuild');
    const report = await rebuildFromJournal({ store, definition, onProgress: progress.onProgress }).finally(
      progress.finish,
    );
    const result = { seq: report.head.seq, hash: report.head.hash };
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify({ rebuilt: true, ...result })}\n`
        : `${cliText('storeRebuilt', context.language, result)}\n`,
    );
    return 0;
  });
}
