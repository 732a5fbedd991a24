/**
 * Canonical JSON (RFC 8785, JCS) for the values a journal holds: objects with keys sorted by UTF-16
 * code units, no insignificant white space, strings and integers as ECMAScript writes them.
 * Floating-point numbers never occur in events (docs/law.md: counts are integers), so they are
 * refused rather than risk a representation another implementation would write differently.
 *
 * Objects are never changed once they are in an event, so the text of each object is remembered:
 * hashing an event, storing its payload and projecting its protocol then serialise it once.
 */
const remembered = new WeakMap<object, string>();
const quotedKeys = new Map<string, string>();

/** Keys repeat (every protocol has the same lines): quote each once. */
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 100_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * `remember: false` uses the texts remembered already but keeps no new one: for a value whose text is wanted once
 * while the value lives on (a replay that keeps every event), where remembering would hold every text as long.
 */
export function canonicalJson(value: unknown, remember = true): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new TypeError(`Canonical JSON here takes safe integers only, not ${value}`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      const known = remembered.get(value);
      if (known !== undefined) return known;
      let text: string;
      if (Array.isArray(value)) {
        text = '[';
        for (let i = 0; i < value.length; i++)
          text += (i === 0 ? '' : ',') + canonicalJson((value[i] as unknown) ?? null, remember);
        text += ']';
      } else {
        const record = value as Record<string, unknown>;
        // The default sort compares UTF-16 code units, which is exactly RFC 8785's order.
        const keys = Object.keys(record).sort();
        text = '{';
        let first = true;
        for (const key of keys) {
          const item = record[key];
          if (item === undefined) continue;
          text += `${first ? '' : ','}${quotedKey(key)}:${canonicalJson(item, remember)}`;
          first = false;
        }
        text += '}';
      }
      if (!remember) return text;
      // Frozen, so that the remembered text can never go stale: a later change would throw instead.
      Object.freeze(value);
      remembered.set(value, text);
      return text;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`Not a JSON value: ${typeof value}`);
  }
}

/**
 * Parses text that `canonicalJson` wrote (in this process or a worker thread of it) and remembers that text for the
 * value, frozen throughout as `canonicalJson` leaves what it serialised: a protocol checked on another thread is then
 * not serialised again here. Text from anywhere else must go through `JSON.parse` and `canonicalJson` instead: it
 * would be remembered as it is, canonical or not.
 */
export function parseCanonicalJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (typeof value === 'object' && value !== null) rememberCanonicalText(value, text);
  return value;
}

/**
 * Remembers `text` as the canonical JSON of `value`, frozen throughout: for a caller that has made sure it is. An act
 * made ahead (src/services/intake-preparation.ts) has its payload written around the text its protocol was parsed
 * from, and `append` (src/services/journal-append.ts, `preparedRun`) remembers that text only after making the act's
 * digest again from it and finding the digest that was signed.
 */
export function rememberCanonicalText(value: object, text: string): void {
  deepFreeze(value);
  remembered.set(value, text);
}

/** Frozen throughout; an object whose text is remembered was frozen throughout when it was remembered. */
function deepFreeze(value: object): void {
  if (remembered.has(value)) return;
  for (const item of Object.values(value)) if (typeof item === 'object' && item !== null) deepFreeze(item as object);
  Object.freeze(value);
}
