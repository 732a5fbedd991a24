import { Rational } from './rational.ts';

/** JSON has no BigInt or fractions; this is the shape a law result takes in JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The JSON form of a law result: integers as numbers up to 2^53 − 1 and decimal strings beyond,
 * fractions as "num/den" in lowest terms. Keys keep their insertion order, so the same result
 * always gives the same bytes.
 */
export function toJsonForm(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
  if (value instanceof Rational) return value.toString();
  if (Array.isArray(value)) return value.map(toJsonForm);
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.map(([k, v]) => [k, toJsonForm(v)]));
  }
  return value as JsonValue;
}
