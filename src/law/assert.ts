/**
 * The value, or a thrown Error when it is missing: for a value the code knows is there (an index
 * within bounds, a key put in the map just before) where the type says it may be undefined. A
 * cast would hide the mistake if the code were wrong; this names it. Kept trivial so that V8
 * inlines it on hot paths. It lives in the law because the law imports nothing outside itself and
 * every other layer may import the law.
 */
export function assertDefined<T>(value: T | undefined, message = 'expected a value, found undefined'): T {
  if (value === undefined) throw new Error(message);
  return value;
}
