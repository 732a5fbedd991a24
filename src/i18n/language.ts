export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of messages: an explicit choice first, then the locale (`LANG=ru_RU.UTF-8` gives
 * Russian), English when neither names one of ours.
 */
export function resolveLanguage(explicit: string | undefined, locale: string | undefined): Language {
  if (explicit !== undefined && isLanguage(explicit)) return explicit;
  const prefix = (locale ?? '').slice(0, 2).toLowerCase();
  return isLanguage(prefix) ? prefix : 'en';
}
