import type { ProtocolLine } from '../model/protocol-lines.ts';
import type { ProtocolCheckCode } from './protocol-checks.ts';

/** One side of a control relation: the fields it adds up (`lines.x`, `votes.option`) and their sum. */
export interface RelationSide {
  readonly fields: readonly string[];
  /** A decimal string: a wrong protocol of safe integers can add up past 2^53 − 1. */
  readonly sum: string;
}

/** The two sides of a relation that failed, and by how much the left exceeds the right (negative if short). */
export interface RelationSums {
  readonly left: RelationSide;
  readonly right: RelationSide;
  readonly difference: string;
}

type Side = readonly (ProtocolLine | 'options')[];

/** The sides of each relation of docs/protocol-checks.md ("Errors") that compares two sums. */
const SIDES: Partial<Record<ProtocolCheckCode, readonly [Side, Side]>> = {
  PROTOCOL_ISSUED_EXCEEDS_LIST: [['issuedInPremises', 'issuedOutside'], ['votersOnList']],
  PROTOCOL_BALLOT_BALANCE: [
    ['ballotsReceived', 'unaccounted'],
    ['issuedInPremises', 'issuedOutside', 'cancelled', 'lost'],
  ],
  PROTOCOL_VOTE_BALANCE: [
    ['foundStationary', 'foundMobile'],
    ['invalid', 'options', 'againstAll'],
  ],
  PROTOCOL_FOUND_EXCEEDS_ISSUED: [
    ['foundStationary', 'foundMobile'],
    ['issuedInPremises', 'issuedOutside'],
  ],
  PROTOCOL_MOBILE_EXCEEDS_OUTSIDE: [['foundMobile'], ['issuedOutside']],
  PROTOCOL_ABSENTEE_EXCEEDS_ISSUED: [['absentee'], ['issuedInPremises', 'issuedOutside']],
};

/**
 * Both sums of a failed relation as the form's reader checks it by hand, or null for a finding
 * that is not a comparison of two sums (a missing option, a warning). Lines left out count as 0,
 * as in `checkProtocol`; the options are the contest's registered ones, in ballot order.
 */
export function relationSums(
  code: string,
  protocol: {
    readonly lines: Readonly<Partial<Record<ProtocolLine, number>>>;
    readonly votes: Readonly<Record<string, number>>;
  },
  options: readonly string[],
): RelationSums | null {
  const sides = SIDES[code as ProtocolCheckCode];
  if (sides === undefined) return null;
  const side = (parts: Side): RelationSide & { total: bigint } => {
    const fields = parts.flatMap((part) =>
      part === 'options' ? options.map((option) => `votes.${option}`) : [`lines.${part}`],
    );
    const total = fields.reduce((sum, field) => {
      const [group, key] = field.split('.') as ['lines' | 'votes', string];
      const value = (protocol[group] as Readonly<Record<string, number | undefined>>)[key] ?? 0;
      return sum + BigInt(value);
    }, 0n);
    return { fields, sum: String(total), total };
  };
  const { total: leftTotal, ...left } = side(sides[0]);
  const { total: rightTotal, ...right } = side(sides[1]);
  return { left, right, difference: String(leftTotal - rightTotal) };
}
