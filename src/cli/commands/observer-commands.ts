import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ACCREDITATIONS_FILE, COPIES_FILE, IRREGULARITIES_FILE, SAMPLES_FILE } from '../../dataset/files.ts';
import { cliText } from '../../i18n/cli-text.ts';
import { formatCount } from '../../i18n/format.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { loadElection } from '../../services/election-service.ts';
import { accreditObservers, drawSamples, enterCopies, reportIrregularities } from '../../services/observer-service.ts';
import { BatchRefused } from '../../services/journal-append.ts';
import type { ActIntakeOptions, ActIntakeSummary } from '../../services/signed-acts-intake.ts';
import { CliRefusal } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { ndjsonDocuments } from '../ndjson-documents.ts';
import { progressBar } from '../progress.ts';
import { authorKey } from './key-commands.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/** `saylau observers DIR|FILE --key …`: accreditations of observers (docs/law.md §10.2), safe to run again. */
export function runAccredit(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, ACCREDITATIONS_FILE, options, context, accreditObservers);
}

/** `saylau samples DIR|FILE --key …`: samples for a parallel vote tabulation, drawn before the count. */
export function runSamples(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, SAMPLES_FILE, options, context, drawSamples);
}

/** `saylau irregularities DIR|FILE --key …`: what an observer saw at stations, signed with the observer's key. */
export function runIrregularities(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, IRREGULARITIES_FILE, options, context, reportIrregularities);
}

/** `saylau copies DIR|FILE --key …`: an observer's protocol copies, signed with the observer's own key. */
export function runCopies(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, COPIES_FILE, options, context, enterCopies);
}

/** Any signed-act intake from a dataset folder's file or an .ndjson file: progress, summary, refusals, exit code. */
export function runSignedActs(
  source: string,
  fileName: string,
  options: DbOptions,
  context: CliContext,
  ingest: (options: ActIntakeOptions) => Promise<ActIntakeSummary>,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    const { signer } = authorKey(options);
    const file = existsSync(join(source, fileName)) ? join(source, fileName) : source;
    const documents = ndjsonDocuments(file);
    const bar = progressBar(fileName, documents.length);
    let summary: ActIntakeSummary;
    try {
      summary = await ingest({ store, election, documents, signer, onProgress: bar.update });
    } catch (error) {
      if (error instanceof BatchRefused) throw new CliRefusal(error.code, error.params, '--key');
      throw error;
    } finally {
      bar.finish();
    }
    if (options.json === true) {
      context.io.stdout(`${JSON.stringify({ ...summary, refusals: summary.refusals.slice(0, 1000) }, null, 2)}\n`);
      return summary.refused > 0 ? 1 : 0;
    }
    const count = (value: number) => formatCount(value, context.language);
    const lines = [
      cliText('observerActsIngested', context.language, {
        taken: count(summary.taken),
        unchanged: count(summary.unchanged),
        refused: count(summary.refused),
      }),
      ...summary.refusals
        .slice(0, 20)
        .map(
          (item) =>
            `  #${item.index + 1} ${item.id ?? ''} ${item.code}: ${formatMessage(item.code, context.language, item.params)}`,
        ),
    ];
    context.io.stdout(`${lines.join('\n')}\n`);
    return summary.refused > 0 ? 1 : 0;
  });
}
