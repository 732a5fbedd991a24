import { isLanguage, type Language } from '../i18n/language.ts';

/** `?lang=` first, then the first of Accept-Language we speak, then Kazakh (docs/server.md, Refusals: Kazakh first). */
export function requestLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  const explicit = typeof query === 'object' && query !== null ? (query as { lang?: unknown }).lang : undefined;
  if (typeof explicit === 'string' && isLanguage(explicit)) return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return 'kk';
}
