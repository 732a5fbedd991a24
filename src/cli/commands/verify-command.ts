import { cliText, type CliTextKey } from '../../i18n/cli-text.ts';
import { verifyBundle } from '../../verify/verify-bundle.ts';
import type { CliContext } from '../context.ts';
import type { OutputOptions } from '../run-document-command.ts';

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
  // Witnesses (docs/witness.md): checked when a witness is named, or two checkpoints (a split view may be among them).
  const named = options.witness ?? [];
  const files = options.checkpoint ?? [];
  const witnesses =
    named.length === 0 && files.length < 2
      ? undefined
      : {
          witnesses: named,
          quorum: options.quorum === undefined ? named.length : Number(options.quorum),
          checkpointFiles: files,
        };
  const checks = await verifyBundle(directory, {
    trust: options.trust,
    checkpoint: files,
    tiles: options.tiles,
    witnesses,
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
