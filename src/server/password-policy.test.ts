import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

const codeOf = (password: string, username?: string) => passwordProblem(password, username)?.code ?? null;

describe('the password policy (NIST SP 800-63B)', () => {
  it('refuses what is short, mostly blank, one repeated character, repetitive or sequential', () => {
    expect(codeOf('short')).toBe('PASSWORD_TOO_SHORT');
    expect(codeOf(`${' '.repeat(11)}x`)).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf(`ab cd ${' '.repeat(8)}`)).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('aaaaaaaaaaaa')).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('aaaaaaaaaaab')).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('123456789012')).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('abcdefghijklm')).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('zyxwvutsrqpo')).toBe('PASSWORD_TOO_SIMPLE');
    expect(codeOf('abc1def2abc1def2')).toBe('PASSWORD_TOO_SIMPLE');
  });

  it('refuses a common password, and one built around it with digits, symbols or leetspeak', () => {
    for (const password of [
      'qwertyuiopasdfgh',
      'Password2023!',
      'p@ssw0rd1234',
      'P@$$w0rd!!!!',
      '1qaz2wsx3edc4rfv',
      'iloveyou123456',
      'Kazakhstan2023',
      'йцукенгшщзхъ',
      'monkey!123456',
    ])
      expect(codeOf(password), password).toBe('PASSWORD_TOO_COMMON');
  });

  it('refuses a password containing the username, whatever its case', () => {
    expect(codeOf('Chair-Almaty-2023 spring', 'chair-almaty')).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(codeOf('my name is op-7 and more', 'op-7')).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(codeOf('my name is op-7 and more', 'admin')).toBeNull();
  });

  it('takes long passphrases, in any script, without rules of composition', () => {
    for (const password of [
      'a long enough test password',
      'correct horse battery staple',
      'saylau-demo-2023',
      'Көктемгі сайлау таңы',
      'весенний рассвет над степью',
    ])
      expect(codeOf(password), password).toBeNull();
  });

  it('ships a list of lowercase entries, each one refused', () => {
    const entries = readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(entries.length).toBeGreaterThan(800);
    expect(new Set(entries).size).toBe(entries.length);
    for (const entry of entries) expect(entry).toBe(entry.toLowerCase());
    // Every entry is refused, made long enough with a year and a sign around it (what people add).
    const accepted = entries.filter((entry) => codeOf(`${entry}1987!`.padStart(12, '!')) === null);
    expect(accepted).toEqual([]);
    // Long enough to pass the other rules, and refused only by the list.
    expect(codeOf('qwertyuiopasdfghjkl')).toBe('PASSWORD_TOO_COMMON');
  });
});
