import type { CodedRefusal, Subject } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import { type StoreError } from '../store/store-error.ts';
import { ApiError } from './api-error.ts';

/**
 * The request field (body, path or query) each subject of a refusal is about, or null for what a
 * client never names (the database, the server's keys): the only place the API's names meet the
 * services'.
 */
export const FIELD_OF: Readonly<Record<Subject, string | null>> = {
  username: 'username',
  commission: 'commission',
  password: 'password',
  reason: 'reason',
  dataset: null,
  database: null,
  keys: null,
  logKey: null,
  logOrigin: null,
  organisation: null,
};

/**
 * A service's or the store's refusal as the API answers it: the field is the subject's, else the document path; it
 * also fills the message's {field}.
 */
export function asApiError(refusal: CodedRefusal | StoreError): ApiError {
  const field =
    refusal.subject === undefined ? ('path' in refusal ? (refusal.path ?? null) : null) : FIELD_OF[refusal.subject];
  return new ApiError(refusal.code, { ...(field === null ? {} : { field }), ...refusal.params }, field);
}

/** The value of a service's result, or its refusal thrown as the API's. */
export function okOrApiError<T>(result: Result<T, CodedRefusal>): T {
  if (result.ok) return result.value;
  throw asApiError(result.error);
}
