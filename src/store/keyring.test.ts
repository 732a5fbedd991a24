import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPrivateKey, generateSigningKey } from '../journal/keys.ts';
import { KeyMap, loadKeyring, saveKeyring, withKey } from './keyring.ts';

const work = mkdtempSync(join(tmpdir(), 'saylau-keyring-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a keyring read from its file', () => {
  const keys = Array.from({ length: 5 }, (_, i) => [`user-${i}`, generateSigningKey()] as const);
  const path = join(work, 'keys.json');
  saveKeyring(path, {
    cec: generateSigningKey(),
    commissions: new Map([['KZ-10', generateSigningKey()]]),
    users: new Map(keys),
  });

  it('gives back every key as saved, and saves the same file again', () => {
    const keyring = loadKeyring(path);
    expect(keyring.users.size).toBe(5);
    expect([...keyring.users.keys()]).toEqual(keys.map(([id]) => id));
    for (const [id, key] of keys) expect(keyring.users.get(id)?.fingerprint).toBe(key.fingerprint);
    expect(keyring.users.get('nobody')).toBeUndefined();
    const again = join(work, 'again.json');
    saveKeyring(again, keyring);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(path, 'utf8'));
  });

  it('decodes a key only when it is asked for, and adds one without decoding the others', () => {
    // One unreadable key among good ones: only asking for it fails.
    const map = new KeyMap([
      ['good', exportPrivateKey(keys[0]![1])],
      ['broken', 'not a key'],
    ]);
    expect(map.get('good')?.fingerprint).toBe(keys[0]![1].fingerprint);
    expect(map.has('broken')).toBe(true);
    const more = withKey(map, 'new', keys[1]![1]);
    expect(more.get('new')?.fingerprint).toBe(keys[1]![1].fingerprint);
    expect(more.size).toBe(3);
    expect(map.size).toBe(2);
    expect(() => more.get('broken')).toThrow();
    expect(() => [...more]).toThrow();
  });
});
