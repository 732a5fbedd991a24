import { cliText } from '../../i18n/cli-text.ts';
import { isRuleSetName, NAMED_RULE_SETS, uncertainParameters } from '../../law/named-rule-sets.ts';
import type { CliContext } from '../context.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';

/** `saylau rules [NAME]`: every named rule set, or one as the JSON rules object it stands for. */
export function runRulesCommand(name: string | undefined, options: OutputOptions, context: CliContext): number {
  const { io, language } = context;
  if (name === undefined) {
    const sets = Object.values(NAMED_RULE_SETS);
    if (options.json === true)
      io.stdout(`${JSON.stringify(Object.fromEntries(sets.map((set) => [set.name, set.rules])), null, 2)}\n`);
    else io.stdout(sets.map((set) => `${set.name.padEnd(18)} ${set.description}`).join('\n') + '\n');
    return 0;
  }
  if (!isRuleSetName(name)) {
    reportInputError(
      {
        code: 'INPUT_UNKNOWN_RULE_SET',
        field: '',
        params: { value: name, known: Object.keys(NAMED_RULE_SETS).join(', ') },
      },
      options,
      context,
    );
    return 1;
  }
  const set = NAMED_RULE_SETS[name];
  if (options.json === true) io.stdout(`${JSON.stringify(set.rules, null, 2)}\n`);
  else
    io.stdout(
      `${set.name}: ${set.description}\n${JSON.stringify(set.rules, null, 2)}\n${cliText('uncertain', language)}: ${uncertainParameters(set).join(', ')}\n`,
    );
  return 0;
}
