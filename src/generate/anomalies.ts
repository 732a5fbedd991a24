import type { Protocol } from '../model/protocol.ts';
import { Prng } from './prng.ts';
import { assertDefined } from '../law/assert.ts';

/**
 * Irregularities the generator can inject, each labelled so that checks and forensics can be tested against known
 * truth.
 */
export const ANOMALY_KINDS = ['stuffing', 'turnout', 'round', 'copy', 'typo'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * What `validate` is expected to say of each kind: a code, or null where only forensics (a later
 * issue) can see it, because every control relation still holds.
 */
export const EXPECTED_DETECTION: Readonly<Record<AnomalyKind, string | null>> = {
  stuffing: null,
  turnout: 'PROTOCOL_TURNOUT_HIGH',
  round: 'PROTOCOL_ROUND_SHARES',
  copy: 'DATASET_COPIED_PROTOCOL',
  typo: 'PROTOCOL_VOTE_BALANCE',
};

export interface AnomalyLabel {
  readonly kind: AnomalyKind;
  readonly stationId: string;
  readonly contestId: string;
  readonly detail: string;
}

export type AnomalySpec = ReadonlyMap<AnomalyKind, number>;

/** `stuffing:0.01,typo:0.001` → share of stations per kind; null with the offending part when malformed. */
export function parseAnomalySpec(text: string): AnomalySpec | { readonly error: string } {
  const spec = new Map<AnomalyKind, number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [kind, share] = part.split(':');
    const value = Number(share);
    if (!(ANOMALY_KINDS as readonly string[]).includes(kind ?? '') || !(value > 0 && value <= 1))
      return { error: part };
    spec.set(kind as AnomalyKind, value);
  }
  return spec;
}

/**
 * Injects the irregularities into Majilis list protocols (the contest forensics look at first) of
 * stations drawn at random, one kind per station. Returns new protocols; the input is unchanged.
 */
export function injectAnomalies(
  protocols: readonly Protocol[],
  spec: AnomalySpec,
  seed: number,
): { protocols: Protocol[]; labels: AnomalyLabel[] } {
  const random = new Prng(seed).fork('anomalies');
  const result = [...protocols];
  const candidates = random.shuffle(
    result
      .map((protocol, index) => ({ protocol, index }))
      .filter(({ protocol }) => protocol.contestId === 'majilis/list' && protocol.lines.foundStationary >= 300),
  );
  const labels: AnomalyLabel[] = [];
  const counts = [...spec].map(([kind, share]) => [kind, Math.max(1, Math.round(candidates.length * share))] as const);
  const selected = counts.reduce((sum, [, count]) => sum + count, 0);
  // Copies are taken from stations left untouched, so that a copy still equals its source.
  const untouched = candidates.slice(selected).map((c) => c.protocol);
  let next = 0;
  for (const [kind, count] of counts) {
    for (let k = 0; k < count && next < candidates.length; k++, next++) {
      const { protocol, index } = candidates[next] as { protocol: Protocol; index: number };
      const changed = inject(kind, protocol, random, untouched);
      result[index] = changed.protocol;
      labels.push({ kind, stationId: protocol.stationId, contestId: protocol.contestId, detail: changed.detail });
    }
  }
  return { protocols: result, labels };
}

function inject(
  kind: AnomalyKind,
  protocol: Protocol,
  random: Prng,
  pool: readonly Protocol[],
): { protocol: Protocol; detail: string } {
  const { lines, votes } = protocol;
  const leader = Object.entries(votes).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const issued = lines.issuedInPremises + lines.issuedOutside;
  switch (kind) {
    case 'stuffing':
    case 'turnout': {
      // Extra ballots, all for the leading list, issued from the unused stock so every balance holds.
      const ceiling =
        kind === 'turnout'
          ? Math.ceil(lines.votersOnList * 0.97)
          : Math.min(lines.votersOnList, issued + Math.ceil(issued * random.between(0.08, 0.2)));
      const extra = Math.min(lines.cancelled, ceiling - issued);
      return {
        protocol: {
          ...protocol,
          lines: {
            ...lines,
            issuedInPremises: lines.issuedInPremises + extra,
            cancelled: lines.cancelled - extra,
            foundStationary: lines.foundStationary + extra,
          },
          votes: { ...votes, [leader]: assertDefined(votes[leader]) + extra },
        },
        detail: `${extra} ballots added for ${leader}`,
      };
    }
    case 'round': {
      // Shares written to a target: every option a whole percent of a valid total that is a multiple of 100.
      const found = lines.foundStationary + lines.foundMobile;
      const valid = Math.floor((found - 1) / 100) * 100;
      const unit = valid / 100;
      const options = Object.keys(votes);
      const percents = options.map((option, i) =>
        i === 0 ? 0 : Math.floor((assertDefined(votes[option]) * 100) / valid),
      );
      const againstAllPercent = Math.floor((lines.againstAll * 100) / valid);
      percents[0] = 100 - percents.slice(1).reduce((a, b) => a + b, 0) - againstAllPercent;
      const rounded = Object.fromEntries(options.map((option, i) => [option, assertDefined(percents[i]) * unit]));
      return {
        protocol: {
          ...protocol,
          lines: { ...lines, againstAll: againstAllPercent * unit, invalid: found - valid },
          votes: rounded,
        },
        detail: `shares rounded to whole percents of ${valid}`,
      };
    }
    case 'copy': {
      const fits = (other: Protocol): boolean =>
        other.lines.issuedInPremises + other.lines.issuedOutside <= lines.votersOnList &&
        other.lines.issuedInPremises + other.lines.issuedOutside > issued * 0.8;
      const start = random.integer(0, pool.length - 1);
      const source = [...pool.slice(start), ...pool.slice(0, start)].find(fits) ?? protocol;
      const copied = {
        ...source.lines,
        votersOnList: lines.votersOnList,
        ballotsReceived: lines.ballotsReceived,
        cancelled: lines.ballotsReceived - source.lines.issuedInPremises - source.lines.issuedOutside,
      };
      return {
        protocol: { ...protocol, lines: copied, votes: { ...source.votes } },
        detail: `copied from ${source.stationId}`,
      };
    }
    case 'typo': {
      const value = assertDefined(votes[leader]);
      const typed = value + (random.chance(0.5) ? 10 : -10);
      return {
        protocol: { ...protocol, votes: { ...votes, [leader]: typed } },
        detail: `${leader}: ${value} entered as ${typed}`,
      };
    }
  }
}
