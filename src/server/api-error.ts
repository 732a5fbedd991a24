import { LANGUAGES, type Language } from '../i18n/language.ts';
import { formatMessage, type MessageCode } from '../i18n/messages.ts';

export type Params = Readonly<Record<string, string | number>>;

/** A refusal the API answers with: a stable code, its parameters, the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Params = {},
    readonly field: string | null = null,
  ) {
    super(code);
  }
}

/** HTTP status of each refusal; everything else a person can cause is 422 (understood, not acceptable). */
export function statusOf(code: MessageCode): number {
  switch (code) {
    case 'INPUT_NOT_JSON':
    case 'CLI_USAGE':
      return 400;
    case 'AUTH_REQUIRED':
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_SESSION_INVALID':
      return 401;
    case 'AUTH_FORBIDDEN':
    case 'AUTH_WRONG_COMMISSION':
    case 'ENTRY_OUT_OF_SCOPE':
    case 'ENTRY_NOT_OPERATOR':
    case 'ENTRY_NOT_CHAIR':
      return 403;
    case 'API_NOT_FOUND':
    case 'SNAPSHOT_UNKNOWN':
      return 404;
    case 'PROTOCOL_VERSION_CONFLICT':
    case 'PROTOCOL_STALE_VERSION':
    case 'ENTRY_WRONG_VERSION':
    case 'DATASET_DUPLICATE_ID':
      return 409;
    case 'REQUEST_TOO_LARGE':
      return 413;
    case 'REQUEST_UNSUPPORTED_MEDIA':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL_ERROR':
    case 'STORE_UNREACHABLE':
    case 'KEYS_UNREADABLE':
    case 'STORE_NOT_INITIALISED':
      return 503;
    default:
      return 422;
  }
}

/**
 * The body of every refusal: the code, the message in the reader's language and in all three (a
 * commission's log may be read by someone else), the parameters and the field.
 */
export function errorBody(error: ApiError, language: Language): { error: { code: MessageCode; message: string; messages: Record<Language, string>; params: Params; field: string | null } } {
  const messages = Object.fromEntries(LANGUAGES.map((lang) => [lang, formatMessage(error.code, lang, error.params)])) as Record<Language, string>;
  return { error: { code: error.code, message: messages[language], messages, params: error.params, field: error.field } };
}
