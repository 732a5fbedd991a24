import type { AllocationStep } from '../law/allocation-types.ts';
import type { Rational } from '../law/rational.ts';
import { cliText } from './cli-text.ts';
import { formatCount, formatPercent, formatRational } from './format.ts';
import type { Language } from './language.ts';

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
        share:
          step.share === null ? '—' : formatPercent(step.share, language, { digits: 4, thresholds: [step.threshold] }),
        threshold: formatPercent(step.threshold, language, { digits: 4 }),
      });
    case 'no-list-admitted':
      return cliText('step.no-list-admitted', language);
    case 'runner-up-admitted':
      return cliText('step.runner-up-admitted', language, {
        leader: step.leaderId,
        list: step.listId,
        votes: count(step.votes),
      });
    case 'runner-up-tie':
      return cliText('step.runner-up-tie', language, {
        lists: step.listIds.join(', '),
        votes: count(step.votes),
        list: step.admitted,
      });
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
      return cliText(`step.quota.${step.quota}`, language, {
        votes: count(step.admittedVotes),
        seats: step.seats,
        value: fraction(step.value),
      });
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
      return cliText('step.remainder-seat', language, {
        seat: step.seatNumber,
        list: step.listId,
        rank: step.rank,
        remainder: fraction(step.remainder),
      });
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
      return cliText('step.vacancy', language, {
        list: step.listId,
        won: step.won,
        size: step.listSize,
        vacant: step.vacant,
      });
  }
}
