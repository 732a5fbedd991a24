import { cliText, type CliTextKey } from '../../i18n/cli-text.ts';
import { verifyBundleInWorker } from '../../verify/verify-in-worker.ts';
import type { CliContext } from '../context.ts';
import type { OutputOptions } from '../run-document-command.ts';
import { witnessQuorum } from '../witness-quorum.ts';

/** `saylau verify DIR [--trust FINGERPRINT]`: numbered checks; exit 1 naming the first bad entry. */
export async function runVerify(
  directory: string,
  options: OutputOptions & {
    readonly trust?: string;
    readonly checkpoint?: readonly string[];
    readonly tiles?: string;
    readonly witness?: readonly string[];
    readonly quorum?: string;
  },
  context: CliContext,
): Promise<number> {
  const witnessed = witnessQuorum(options, context);
  if (witnessed === null) return 1;
  const { witnesses: named, quorum } = witnessed;
  // On a thread of its own, whose heap may grow past node's default (src/verify/verify-in-worker.ts).
  const checks = await verifyBundleInWorker(directory, {
    trust: options.trust,
    checkpoints: options.checkpoint ?? [],
    tiles: options.tiles,
    witnesses: named.length === 0 ? undefined : { keys: named, quorum },
  });
  const ok = checks.every((check) => check.ok);
  if (options.json === true) {
    context.io.stdout(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
  } else {
    for (const check of checks) {
      const name = cliText(`verify.${check.name}` as CliTextKey, context.language);
      context.io.stdout(
        `${String(check.number).padStart(2)}. ${name}: ${cliText(check.ok ? 'checkPassed' : 'checkFailed', context.language)} — ${check.detail}\n`,
      );
    }
  }
  return ok ? 0 : 1;
}
