import { describe, expect, it } from 'vitest';
import { CLI_TEXT } from './cli-text.ts';
import { LANGUAGES, resolveLanguage } from './language.ts';
import { formatMessage, isMessageCode, MESSAGES, type Translations } from './messages.ts';
import { fillTemplate } from './template.ts';
import { assertDefined } from '../law/assert.ts';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => assertDefined(match[1])).sort();

describe('messages in kk, ru and en', () => {
  it.each<[string, Readonly<Record<string, Translations>>]>([
    ['MESSAGES', MESSAGES],
    ['CLI_TEXT', CLI_TEXT],
  ])('%s: every entry in every language, same placeholders, not copied from English', (_name, catalogue) => {
    for (const [key, translations] of Object.entries(catalogue)) {
      for (const language of LANGUAGES) expect(translations[language].trim(), `${key}.${language}`).not.toBe('');
      expect(placeholders(translations.kk), `${key}.kk`).toEqual(placeholders(translations.en));
      expect(placeholders(translations.ru), `${key}.ru`).toEqual(placeholders(translations.en));
      // Identical text across languages is allowed only where it is a formula or code, never words.
      if (/[a-z]{4,}/i.test(translations.en.replace(/\{\w+\}/g, ''))) {
        expect(translations.ru, `${key}.ru`).not.toBe(translations.en);
        expect(translations.kk, `${key}.kk`).not.toBe(translations.en);
      }
    }
  });

  it('codes are stable identifiers', () => {
    for (const code of Object.keys(MESSAGES)) expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)+$/);
    expect(isMessageCode('INPUT_NOT_JSON')).toBe(true);
    expect(isMessageCode('hasOwnProperty')).toBe(false);
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(formatMessage('INPUT_NEGATIVE', 'ru', { field: 'seats', value: -1 })).toBe(
      '«seats» не может быть отрицательным (дано -1)',
    );
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks the language: explicit, then locale, then English', () => {
    expect(resolveLanguage('kk', 'ru_RU.UTF-8')).toBe('kk');
    expect(resolveLanguage(undefined, 'ru_RU.UTF-8')).toBe('ru');
    expect(resolveLanguage('de', 'C.UTF-8')).toBe('en');
    expect(resolveLanguage(undefined, undefined)).toBe('en');
  });
});
