import type { Language } from './language.ts';
import { Rational } from '../law/rational.ts';

export const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** A count grouped by thousands as the reader's language writes it. Display only. */
export function formatCount(value: bigint | number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { useGrouping: true }).format(value);
}

/** A rational shown with `digits` decimals, using the language's decimal mark. Display only. */
export function formatRational(value: Rational, language: Language, digits = 4): string {
  const text = value.toFixed(digits);
  return language === 'en' ? text : text.replace('.', ',');
}

/** A fraction of one shown as a percentage. */
export function formatPercent(value: Rational, language: Language, digits = 2): string {
  return formatRational(value.mul(Rational.of(100n)), language, digits);
}
