import { cliText } from '../../i18n/cli-text.ts';
import type { Language } from '../../i18n/language.ts';
import type { AllocationResult, AllocationStep } from '../../law/allocation-types.ts';
import type { Rational } from '../../law/rational.ts';
import { formatCount, formatPercent, formatRational } from '../format.ts';
import { textTable } from './text-table.ts';

/** The readable report of `saylau allocate`: rules, a table of lists, then every step in words. */
export function allocationText(result: AllocationResult, language: Language): string {
  const t = (key: Parameters<typeof cliText>[0], params: Record<string, string | number> = {}): string => cliText(key, language, params);
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
      threshold === undefined || threshold.share === null ? '—' : formatPercent(threshold.share, language),
      result.admitted.includes(id) ? t('yes') : t('no'),
      quotient === undefined ? '' : formatRational(quotient, language),
      String(result.seats[id]),
      result.vacant[id] === 0 ? '' : String(result.vacant[id]),
    ];
  });
  lines.push(textTable([t('list'), t('votes'), t('shareOfBase'), t('admitted'), t('quotient'), t('seats'), t('vacant')], rows), '');
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

/** One step as a sentence in the reader's language. */
export function stepText(step: AllocationStep, language: Language): string {
  const count = (value: bigint | number): string => formatCount(value, language);
  const fraction = (value: Rational): string => formatRational(value, language);
  switch (step.kind) {
    case 'base':
      return cliText(`base.${step.thresholdBase}`, language, {
        base: count(step.base),
        partyVotes: count(step.partyVotes),
        againstAll: count(step.againstAll),
        valid: count(step.partyVotes + step.againstAll),
        invalid: count(step.invalid),
      });
    case 'threshold':
      return cliText(step.admitted ? 'step.threshold.admitted' : 'step.threshold.refused', language, {
        list: step.listId,
        votes: count(step.votes),
        share: step.share === null ? '—' : formatPercent(step.share, language, 4),
        threshold: formatPercent(step.threshold, language, 4),
      });
    case 'no-list-admitted':
      return cliText('step.no-list-admitted', language);
    case 'runner-up-admitted':
      return cliText('step.runner-up-admitted', language, { leader: step.leaderId, list: step.listId, votes: count(step.votes) });
    case 'runner-up-tie':
      return cliText('step.runner-up-tie', language, { lists: step.listIds.join(', '), votes: count(step.votes), list: step.admitted });
    case 'runner-up-seats':
      return cliText('step.runner-up-seats', language, {
        quota: fraction(step.quota),
        correction: fraction(step.correction),
        corrected: fraction(step.correctedQuotient),
        runnerUp: step.runnerUpId,
        minimum: step.minimumSeats,
        runnerUpSeats: step.runnerUpSeats,
        cap: step.cap,
        leader: step.leaderId,
        leaderSeats: step.leaderSeats,
      });
    case 'quota':
      return cliText(`step.quota.${step.quota}`, language, { votes: count(step.admittedVotes), seats: step.seats, value: fraction(step.value) });
    case 'quotient':
      return cliText('step.quotient', language, {
        list: step.listId,
        votes: count(step.votes),
        quotient: fraction(step.quotient),
        floor: step.floorSeats,
        remainder: fraction(step.remainder),
      });
    case 'remainder-round':
      return cliText('step.remainder-round', language, { each: step.seatsEach });
    case 'remainder-seat':
      return cliText('step.remainder-seat', language, { seat: step.seatNumber, list: step.listId, rank: step.rank, remainder: fraction(step.remainder) });
    case 'divisor-seat':
      return cliText('step.divisor-seat', language, {
        seat: step.seatNumber,
        list: step.listId,
        votes: count(step.votes),
        divisor: String(step.divisor),
        quotient: fraction(step.quotient),
      });
    case 'tie':
      return cliText(step.resolvedBy === null ? 'step.tie.unresolved' : `step.tie.${step.resolvedBy}`, language, {
        lists: step.listIds.join(', '),
        value: fraction(step.value),
        seats: step.seatsAtStake,
        winners: step.winners.join(', '),
      });
    case 'vacancy':
      return cliText('step.vacancy', language, { list: step.listId, won: step.won, size: step.listSize, vacant: step.vacant });
  }
}
