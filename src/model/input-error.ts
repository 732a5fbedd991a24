import type { z } from 'zod';
import type { InputErrorCode } from '../i18n/message-codes.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { assertDefined } from '../law/assert.ts';

/** A problem with what a person gave us: a stable code, where it is, and values for the message. */
export interface InputError {
  /** Usually an INPUT_ code; commands also report store and entry refusals this way. */
  readonly code: InputErrorCode | MessageCode;
  /** Path into the document, such as `parties[2].votes`; empty for the document itself. */
  readonly field: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  );
}

/** Attaches a stable code to a zod refinement, read back by `toInputError`. */
export function codedIssue(
  code: InputErrorCode | MessageCode,
  path: PropertyKey[] = [],
  params: Record<string, string | number> = {},
): z.core.$ZodRawIssue {
  return { code: 'custom', message: code, path, params: { code, ...params }, input: undefined };
}

type Issue = z.core.$ZodIssue;

/**
 * One zod issue as an InputError. A union that failed is reported through the branch that got
 * furthest, so `"runnerUpAdmission": {"correction": "x"}` names the correction, not the union.
 */
export function toInputError(issue: Issue, prefix: readonly PropertyKey[] = []): InputError {
  const path = [...prefix, ...issue.path];
  const field = fieldPath(path);
  switch (issue.code) {
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code: InputErrorCode } & Record<string, string | number>;
      return { code, field, params };
    }
    case 'invalid_union': {
      const deeper = issue.errors.find((branch) =>
        branch.some((inner) => inner.path.length > 0 || inner.code !== 'invalid_type'),
      );
      if (deeper !== undefined) return toInputError(assertDefined(deeper[0]), path);
      const expected = issue.errors
        .map((branch) => (assertDefined(branch[0]) as Extract<Issue, { code: 'invalid_type' }>).expected)
        .join(' | ');
      return { code: 'INPUT_WRONG_TYPE', field, params: { expected } };
    }
    case 'invalid_type':
      if (issue.input === undefined) return { code: 'INPUT_MISSING_FIELD', field };
      return { code: 'INPUT_WRONG_TYPE', field, params: { expected: issue.expected } };
    case 'invalid_value':
      return {
        code: 'INPUT_INVALID_VALUE',
        field,
        params: { expected: issue.values.map((v) => JSON.stringify(v)).join(' | ') },
      };
    case 'too_big':
    case 'too_small':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'unrecognized_keys':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'INPUT_INVALID_VALUE', field, params: { expected: issue.message } };
  }
}
