import type { z } from 'zod';
import { type InputError, toInputError } from './input-error.ts';
import { err, ok, type Result } from './result.ts';
import { assertDefined } from '../law/assert.ts';

/**
 * Parses JSON text, reporting a syntax error as INPUT_NOT_JSON rather than throwing. A UTF-8
 * byte-order mark, which some Windows editors write, is not an error.
 */
export function parseJsonText(text: string): Result<unknown, InputError> {
  try {
    return ok(JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown);
  } catch (error) {
    return err({ code: 'INPUT_NOT_JSON', field: '', params: { detail: (error as Error).message } });
  }
}

/** Checks a document against a schema; the first problem, in document order, is the error. */
export function parseWith<S extends z.ZodType>(schema: S, document: unknown): Result<z.output<S>, InputError> {
  const parsed = schema.safeParse(document, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  return err(toInputError(assertDefined(parsed.error.issues[0])));
}
