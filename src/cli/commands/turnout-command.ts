import { existsSync } from 'node:fs';
import { ndjsonDocuments } from '../ndjson-documents.ts';
import { join } from 'node:path';
import { TURNOUT_FILE } from '../../dataset/files.ts';
import { cliText } from '../../i18n/cli-text.ts';
import { formatCount } from '../../i18n/format.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { loadElection } from '../../services/election-service.ts';
import { ingestTurnout } from '../../services/turnout-service.ts';
import { BatchRefused } from '../../services/journal-append.ts';
import { CliRefusal } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { authorKey } from './key-commands.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/** `saylau turnout DIR|FILE.ndjson --db … --key …`: election day's turnout reports, safe to run again. */
export function runTurnout(
  source: string,
  options: DbOptions & { reason?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    const { signer } = authorKey(options);
    const file = existsSync(join(source, TURNOUT_FILE)) ? join(source, TURNOUT_FILE) : source;
    const documents = ndjsonDocuments(file);
    const bar = progressBar('turnout', documents.length);
    let summary;
    try {
      summary = await ingestTurnout({
        store,
        election,
        documents,
        signer,
        reason: options.reason ?? null,
        onProgress: bar.update,
      });
    } catch (error) {
      if (error instanceof BatchRefused) throw new CliRefusal(error.code, error.params, '--key');
      throw error;
    } finally {
      bar.finish();
    }
    if (options.json === true) {
      context.io.stdout(
        `${JSON.stringify({ ...summary, refusals: summary.refusals.slice(0, 1000), warnings: summary.warnings.slice(0, 1000) }, null, 2)}\n`,
      );
      return summary.refused > 0 ? 1 : 0;
    }
    const count = (value: number) => formatCount(value, context.language);
    const lines = [
      cliText('turnoutIngested', context.language, {
        reported: count(summary.reported),
        corrected: count(summary.corrected),
        unchanged: count(summary.unchanged),
        warned: count(summary.warned),
        refused: count(summary.refused),
      }),
    ];
    for (const item of [...summary.refusals.slice(0, 20), ...summary.warnings.slice(0, 20)])
      lines.push(
        `  #${item.index + 1} ${item.stationId ?? ''} ${item.hour ?? ''} ${item.code}: ${formatMessage(item.code, context.language, item.params)}`,
      );
    context.io.stdout(`${lines.join('\n')}\n`);
    return summary.refused > 0 ? 1 : 0;
  });
}
