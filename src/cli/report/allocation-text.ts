import { cliText } from '../../i18n/cli-text.ts';
import type { Language } from '../../i18n/language.ts';
import type { AllocationResult, AllocationStep } from '../../law/allocation-types.ts';
import type { Rational } from '../../law/rational.ts';
import { stepText } from '../../i18n/allocation-steps.ts';
import { formatCount, formatPercent, formatRational } from '../../i18n/format.ts';
import { textTable } from './text-table.ts';

/** The readable report of `saylau allocate`: rules, a table of lists, then every step in words. */
export function allocationText(result: AllocationResult, language: Language): string {
  const t = (key: Parameters<typeof cliText>[0], params: Record<string, string | number> = {}): string =>
    cliText(key, language, params);
  const count = (value: bigint | number): string => formatCount(value, language);
  const lines: string[] = [];
  lines.push(`${t('rules')}: ${result.ruleSetName ?? t('customRules')} ${JSON.stringify(result.rules)}`);
  if (result.uncertain.length > 0) lines.push(`${t('uncertain')}: ${result.uncertain.join(', ')}`);
  lines.push(`${t('status')}: ${statusText(result, language)}`, '');

  const thresholds = new Map<string, Extract<AllocationStep, { kind: 'threshold' }>>();
  const quotients = new Map<string, Rational>();
  for (const step of result.steps) {
    if (step.kind === 'threshold') thresholds.set(step.listId, step);
    if (step.kind === 'quotient') quotients.set(step.listId, step.quotient);
  }
  const rows = Object.keys(result.seats).map((id) => {
    const threshold = thresholds.get(id);
    const quotient = quotients.get(id);
    return [
      id,
      threshold === undefined ? '' : count(threshold.votes),
      threshold === undefined || threshold.share === null
        ? '—'
        : formatPercent(threshold.share, language, { thresholds: [threshold.threshold] }),
      result.admitted.includes(id) ? t('yes') : t('no'),
      quotient === undefined ? '' : formatRational(quotient, language),
      String(result.seats[id]),
      result.vacant[id] === 0 ? '' : String(result.vacant[id]),
    ];
  });
  lines.push(
    textTable([t('list'), t('votes'), t('shareOfBase'), t('admitted'), t('quotient'), t('seats'), t('vacant')], rows),
    '',
  );
  lines.push(`${t('steps')}:`);
  result.steps.forEach((step, index) => lines.push(`${String(index + 1).padStart(3)}. ${stepText(step, language)}`));
  return `${lines.join('\n')}\n`;
}

function statusText(result: AllocationResult, language: Language): string {
  switch (result.status) {
    case 'complete':
    case 'no-list-admitted':
      return cliText(`status.${result.status}`, language);
    case 'lots-required':
      return cliText('status.lots-required', language, { tied: result.tied.join(', '), seats: result.seatsAtStake });
  }
}
