import { readFileSync } from 'node:fs';
import type { MessageCode } from '../i18n/messages.ts';
import { packagePath } from '../package-root.ts';
import { assertDefined } from '../law/assert.ts';

export const MIN_PASSWORD_LENGTH = 12;

let common: ReadonlySet<string> | undefined;

/** data/common-passwords.txt, read once: lowercase, one a line, `#` comments. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(packagePath('data', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

// Letters written as digits or symbols ("p@ssw0rd"): undone before the list is consulted.
const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};

/**
 * The words a password may be built around: itself, its letters with digits and symbols
 * trimmed from both ends and leetspeak undone ("Password2023!" and "p@ssw0rd" both give
 * "password"), and itself without signs around it and a number of up to four digits at its end. A password whose core
 * is a listed one is as guessable as the listed one.
 */
function candidates(password: string): string[] {
  const lower = password.toLowerCase().replace(/\s+/gu, '');
  const trimmed = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unleeted = [...trimmed].map((char) => LEET[char] ?? char).join('');
  // Listed words with digits of their own ("abc123", "123456", "spring2023") with signs around and
  // a year or so after them: "!abc1231987!" gives "abc123".
  const signless = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const yearless = signless.replace(/[^\p{L}\p{N}]*\d{1,4}$/u, '');
  return [lower, trimmed, unleeted, unleeted.replace(/[^\p{L}]/gu, ''), signless, yearless].filter(
    (word) => word !== '',
  );
}

/** The shortest string that repeated makes `text` ("abcabc" → "abc"), or `text` itself. */
function period(text: readonly string[]): number {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.every((char, index) => char === text[index % size])) return size;
  }
  return text.length;
}

/** Mostly steps of 0 or ±1 between neighbouring characters: "123456789012", "abcdefghijkl", "aaaaaaaaaaab". */
function sequential(chars: readonly string[]): boolean {
  let simple = 0;
  for (let index = 1; index < chars.length; index++) {
    const step = assertDefined(chars[index]).codePointAt(0)! - assertDefined(chars[index - 1]).codePointAt(0)!;
    if (Math.abs(step) <= 1) simple += 1;
  }
  return simple >= 0.8 * (chars.length - 1);
}

/**
 * Why a new password is refused, or null: the rules of NIST SP 800-63B §5.1.1.2 — long enough,
 * not a known common password or one built around it, not repetitive or sequential, not the
 * username (docs/server.md, "Accounts and roles"). No rules of composition: length does more.
 */
export function passwordProblem(
  password: string,
  username?: string,
): { code: MessageCode; params: Record<string, number> } | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return { code: 'PASSWORD_TOO_SHORT', params: { min: MIN_PASSWORD_LENGTH } };
  const visible = chars.filter((char) => !/\s/u.test(char));
  const lower = visible.map((char) => char.toLowerCase());
  if (
    visible.length < MIN_PASSWORD_LENGTH / 2 ||
    new Set(lower).size < 5 ||
    period(lower) < lower.length ||
    sequential(lower)
  )
    return { code: 'PASSWORD_TOO_SIMPLE', params: {} };
  if (username !== undefined && username.length >= 3 && lower.join('').includes(username.toLowerCase()))
    return { code: 'PASSWORD_CONTAINS_USERNAME', params: {} };
  const list = commonPasswords();
  if (candidates(password).some((word) => list.has(word))) return { code: 'PASSWORD_TOO_COMMON', params: {} };
  return null;
}
