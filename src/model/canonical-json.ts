/**
 * Canonical JSON (RFC 8785, JCS) for the values a journal holds: objects with keys sorted by
 * UTF-16 code units, no insignificant white space, strings and integers as ECMAScript writes them.
 * Floating-point numbers never occur in events (SPEC §3: counts are integers), so they are refused
 * rather than risk a representation another implementation would write differently.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`Canonical JSON here takes safe integers only, not ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`Not a JSON value: ${typeof value}`);
}
