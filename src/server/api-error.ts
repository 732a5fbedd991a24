import { LANGUAGES, type Language } from '../i18n/language.ts';
import { formatMessage, type MessageCode } from '../i18n/messages.ts';

export type Params = Readonly<Record<string, string | number>>;

/** A refusal the API answers with: a stable code, its parameters, the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Params = {},
    readonly field: string | null = null,
    /** With a signature that no longer fits (409): the acts the server would record now (act-signing.ts). */
    readonly toSign?: readonly unknown[],
  ) {
    super(code);
  }
}

/** HTTP status of each refusal that is not 422 (understood, not acceptable: the usual case). */
const STATUS: Partial<Record<MessageCode, number>> = {
  INPUT_NOT_JSON: 400,
  REQUEST_BAD_URL: 400,
  REQUEST_MALFORMED: 400,
  CLI_USAGE: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_SESSION_INVALID: 401,
  AUTH_FORBIDDEN: 403,
  AUTH_WRONG_COMMISSION: 403,
  AUTH_ACCOUNT_DISABLED: 403,
  ACCOUNT_SELF_DISABLE: 403,
  REGISTRATION_OVERRIDE_FORBIDDEN: 403,
  ENTRY_OUT_OF_SCOPE: 403,
  ENTRY_NOT_OPERATOR: 403,
  ENTRY_NOT_CHAIR: 403,
  API_NOT_FOUND: 404,
  LOG_NOT_SERVED: 404,
  TLOG_TILE_PATH_INVALID: 400,
  LOG_EMPTY: 404,
  LOG_TILE_NOT_FOUND: 404,
  LOG_CHECKPOINT_NOT_FOUND: 404,
  LOG_ROOT_CONFLICT: 503,
  LOG_JOURNAL_SHORTER: 503,
  LOG_KEY_NOT_REGISTERED: 503,
  SITE_PAGE_NOT_FOUND: 404,
  SNAPSHOT_UNKNOWN: 404,
  ACCOUNT_UNKNOWN: 404,
  PROTOCOL_VERSION_CONFLICT: 409,
  ACCOUNT_ALREADY_DISABLED: 409,
  ACCOUNT_NOT_DISABLED: 409,
  ACT_SIGNATURE_MISMATCH: 409,
  ACT_REPLAYED: 409,
  KEY_PENDING_CHANGED: 409,
  KEY_ALREADY_REGISTERED: 409,
  KEY_REPLACEMENT_NEEDS_REVOCATION: 409,
  KEY_NOT_REGISTERED: 403,
  KEY_NONE_REGISTERED: 403,
  KEY_NOT_AUTHORISED: 403,
  KEY_REGISTRATION_FORBIDDEN: 403,
  KEY_REVOKED: 403,
  KEY_PENDING_UNKNOWN: 404,
  PROTOCOL_STALE_VERSION: 409,
  ENTRY_WRONG_VERSION: 409,
  DATASET_DUPLICATE_ID: 409,
  // The registry's state forbids it now (taken ids, one list per party, decided once): a conflict, as a taken version
  // is.
  NOMINATION_DUPLICATE_ID: 409,
  NOMINATION_CANDIDATE_ID_USED: 409,
  NOMINATION_SECOND_LIST: 409,
  NOMINATION_ALREADY_DECIDED: 409,
  CANDIDATE_NOT_STANDING: 409,
  DEPUTIES_ALREADY_CHOSEN: 409,
  MANDATE_ALREADY_VACATED: 409,
  CONTEST_COUNTING: 409,
  CONTEST_POSTPONED: 409,
  REQUEST_TIMEOUT: 408,
  REQUEST_TOO_LARGE: 413,
  REQUEST_UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  // Witnesses (docs/witness.md).
  COSIGNATURE_UNKNOWN_WITNESS: 403,
  COSIGNATURE_NO_CHECKPOINT: 404,
  INTERNAL_ERROR: 500,
  STORE_UNREACHABLE: 503,
  STORE_BUSY: 503,
  SITE_NOT_BUILT: 503,
  KEYS_UNREADABLE: 503,
  STORE_NOT_INITIALISED: 503,
  STORE_SCHEMA_NEWER: 503,
  STORE_INTEGRITY_JOURNAL: 503,
  STORE_INTEGRITY_HEAD: 503,
  STORE_INTEGRITY_PROJECTION: 503,
};

export function statusOf(code: MessageCode): number {
  return STATUS[code] ?? 422;
}

/**
 * The body of every refusal: the code, the message in the reader's language and in all three (a
 * commission's log may be read by someone else), the parameters and the field.
 */
export function errorBody(
  error: ApiError,
  language: Language,
): {
  error: {
    code: MessageCode;
    message: string;
    messages: Record<Language, string>;
    params: Params;
    field: string | null;
    toSign?: readonly unknown[];
  };
} {
  const messages = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, formatMessage(error.code, lang, error.params)]),
  ) as Record<Language, string>;
  return {
    error: {
      code: error.code,
      message: messages[language],
      messages,
      params: error.params,
      field: error.field,
      ...(error.toSign === undefined ? {} : { toSign: error.toSign }),
    },
  };
}
