import { assertDefined } from '../law/assert.ts';
/**
 * Splits a whole number exactly among weights: floors of the proportional shares, then one each
 * to the largest fractional parts (ties to the earlier index). Used only to make synthetic data
 * add up exactly; no election result is decided here.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`Cannot apportion ${total} among nothing`);
    return [];
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : weights.length;
  const shares = effective.map((weight) => (total * weight) / effectiveSum);
  const result = shares.map((share) => Math.floor(share));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = shares
    .map((share, index) => ({ index, fraction: share - Math.floor(share) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const index = (order[k] as { index: number }).index;
    result[index] = assertDefined(result[index]) + 1;
  }
  return result;
}

/**
 * As `apportion`, with each part between a minimum and a maximum: parts pushed past a bound are
 * fixed there and the rest is split again among the others.
 */
export function apportionBounded(
  total: number,
  weights: readonly number[],
  minimum: readonly number[],
  maximum: readonly number[],
): number[] {
  const minimumSum = minimum.reduce((a, b) => a + b, 0);
  const maximumSum = maximum.reduce((a, b) => a + b, 0);
  if (total < minimumSum || total > maximumSum)
    throw new RangeError(`Cannot apportion ${total} within bounds [${minimumSum}, ${maximumSum}]`);
  const fixed = new Map<number, number>();
  for (;;) {
    const free = weights.map((_, index) => index).filter((index) => !fixed.has(index));
    const remaining = total - [...fixed.values()].reduce((a, b) => a + b, 0);
    const parts = apportion(
      remaining,
      free.map((index) => assertDefined(weights[index])),
    );
    let changed = false;
    free.forEach((index, k) => {
      const part = assertDefined(parts[k]);
      if (part < assertDefined(minimum[index])) {
        fixed.set(index, assertDefined(minimum[index]));
        changed = true;
      } else if (part > assertDefined(maximum[index])) {
        fixed.set(index, assertDefined(maximum[index]));
        changed = true;
      }
    });
    if (!changed) {
      const result = new Array<number>(weights.length);
      for (const [index, value] of fixed) result[index] = value;
      free.forEach((index, k) => (result[index] = assertDefined(parts[k])));
      return result;
    }
  }
}
