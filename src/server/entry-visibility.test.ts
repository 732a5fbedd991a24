import { describe, expect, it } from 'vitest';
import type { PersonRole } from '../journal/events.ts';
import { type EntryReader, showsEntry, showsResolution } from './entry-visibility.ts';

const reader = (role: PersonRole, coversStation = true, fingerprint = 'me'): EntryReader => ({
  principal: { kind: 'account', username: role, role, commission: 'tec-1' },
  fingerprint,
  coversStation,
});

describe('who sees the figures of a pending double entry', () => {
  it("an operator sees their own entry, and the other's only once both are in", () => {
    expect(showsEntry(reader('operator'), 'me', false)).toBe(true);
    expect(showsEntry(reader('operator'), 'someone-else', false)).toBe(false);
    expect(showsEntry(reader('operator'), 'someone-else', true)).toBe(true);
    expect(showsResolution(reader('operator'))).toBe(false);
  });

  it('the chair of the station sees both entries and the resolution, from the first entry on', () => {
    expect(showsEntry(reader('chair'), 'someone-else', false)).toBe(true);
    expect(showsResolution(reader('chair'))).toBe(true);
  });

  it("another commission's staff, observers, administrators and the public see no figures", () => {
    expect(showsEntry(reader('chair', false), 'someone-else', true)).toBe(false);
    expect(showsEntry(reader('operator', false), 'me', true)).toBe(false);
    expect(showsResolution(reader('chair', false))).toBe(false);
    for (const role of ['observer', 'administrator'] as const)
      expect(showsEntry(reader(role), 'someone-else', true)).toBe(false);
    expect(showsEntry({ principal: { kind: 'public' }, fingerprint: null, coversStation: false }, 'x', true)).toBe(
      false,
    );
  });
});
