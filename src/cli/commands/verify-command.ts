import { cliText, type CliTextKey } from '../../i18n/cli-text.ts';
import { verifyBundle } from '../../verify/verify-bundle.ts';
import type { CliContext } from '../context.ts';
import { type OutputOptions, reportInputError } from '../run-document-command.ts';

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
  // Witnesses (docs/witness.md): the quorum defaults to every witness named.
  const named = options.witness ?? [];
  const quorum = options.quorum === undefined ? named.length : Number(options.quorum);
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > named.length) {
    reportInputError(
      { code: 'INPUT_INVALID_VALUE', field: '--quorum', params: { expected: `0…${named.length}` } },
      options,
      context,
    );
    return 1;
  }
  const checks = await verifyBundle(directory, {
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
