import type { CliContext } from './context.ts';
import { type OutputOptions, reportInputError } from './run-document-command.ts';

/**
 * `--witness VKEY… [--quorum K]` of `verify` and `receipt check` (docs/witness.md): the keys named and how many of
 * them must have cosigned — every one named unless `--quorum` says fewer. Null, with the error reported, when
 * `--quorum` is not a whole number between 0 and the witnesses named.
 */
export function witnessQuorum(
  options: OutputOptions & { readonly witness?: readonly string[]; readonly quorum?: string },
  context: CliContext,
): { witnesses: readonly string[]; quorum: number } | null {
  const witnesses = options.witness ?? [];
  const quorum = options.quorum === undefined ? witnesses.length : Number(options.quorum);
  if (Number.isInteger(quorum) && quorum >= 0 && quorum <= witnesses.length) return { witnesses, quorum };
  reportInputError(
    { code: 'INPUT_INVALID_VALUE', field: '--quorum', params: { expected: `0…${witnesses.length}` } },
    options,
    context,
  );
  return null;
}
