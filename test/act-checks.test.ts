/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import {
  acceptanceCheck,
  approvalCheck,
  deputiesCheck,
  entryCheck,
  keyRegistrationCheck,
  mandateCheck,
  nominationCheck,
  registrationCheck,
  resolutionCheck,
  withdrawalCheck,
} from '../web/src/act-checks.ts';
import type { ActCheck, ActToSign } from '../web/src/signing.ts';
import { journalPayloadSchemas } from '../src/journal/events.ts';
import { generateSigningKey } from '../src/journal/keys.ts';
import { protocolRows } from '../src/model/protocol-rows.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';

// The console's checks before it signs (docs/server.md, "Signing in the client"), run in Node on acts of the journal's
// own form: an honest act passes; every change of any one field of its payload — a value changed, a field removed, a
// field added — is refused, save the fields only the law and the journal decide, which are checked for their form.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every act differing from `payload` in one place, with the path of that place. */
function mutations(payload: Json, path = ''): { path: string; payload: Json }[] {
  const out: { path: string; payload: Json }[] = [];
  const leaf = (value: Json): Json[] => {
    if (typeof value === 'number') return [value + 1, String(value)];
    if (typeof value === 'string') return [`${value}x`, null];
    if (typeof value === 'boolean') return [!value];
    return ['x'];
  };
  if (Array.isArray(payload)) {
    out.push({ path: `${path}[+]`, payload: [...payload, payload[0] ?? 'x'] });
    if (payload.length > 0) out.push({ path: `${path}[-]`, payload: payload.slice(1) });
    payload.forEach((item, index) => {
      for (const changed of mutations(item, `${path}[${index}]`))
        out.push({ path: changed.path, payload: payload.map((x, i) => (i === index ? changed.payload : x)) });
    });
    return out;
  }
  if (payload !== null && typeof payload === 'object') {
    out.push({ path: `${path}.extra`, payload: { ...payload, extra: 1 } });
    for (const [key, value] of Object.entries(payload)) {
      const rest = { ...payload };
      delete rest[key];
      out.push({ path: `${path}.${key}(-)`, payload: rest });
      for (const changed of mutations(value, `${path}.${key}`))
        out.push({ path: changed.path, payload: { ...payload, [key]: changed.payload } });
    }
    return out;
  }
  return leaf(payload).map((value) => ({ path, payload: value }));
}

const act = (type: string, payload: unknown): ActToSign => ({
  election: 'tiny-2023',
  type,
  actor: 'a'.repeat(64),
  at: '2023-03-19T21:00:00.000Z',
  payload,
  digest: 'b'.repeat(64),
});

/**
 * The honest act passes; two of it, none, or another kind do not; and each one-place change is refused unless its
 * it is in one of the `free` fields (checked for their form only: `verify` and the law decide their values); removing
 * any field is refused.
 */
async function holds(check: ActCheck, type: string, payload: Json, free: readonly string[] = []): Promise<number> {
  // The payload is one the journal takes: its own schema parses it.
  journalPayloadSchemas[type as keyof typeof journalPayloadSchemas].parse(payload);
  expect(await check([act(type, payload)]), type).toBeNull();
  expect(await check([act(type, payload), act(type, payload)])).not.toBeNull();
  expect(await check([])).not.toBeNull();
  expect(await check([act('key-revoked', payload)])).not.toBeNull();
  let refused = 0;
  for (const changed of mutations(payload)) {
    const isFree = (field: string) =>
      changed.path === field || changed.path.startsWith(`${field}.`) || changed.path.startsWith(`${field}[`);
    if (free.some(isFree)) continue;
    expect(await check([act(type, changed.payload)]), `${type} ${changed.path}`).not.toBeNull();
    refused++;
  }
  return refused;
}

const fixture = tinyElection();
const protocol = fixture.dataset.protocols.find(
  (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
)!;
const typed = { ...protocol, lines: { ...protocol.lines } };
const journalProtocol = protocol as unknown as Json;
const rows = protocolRows(Object.keys(protocol.votes));

describe('what the console checks before it signs, field by field', () => {
  it('an entry, a resolution, an acceptance: every figure, the station, contest, version, reason', async () => {
    expect(
      await holds(
        entryCheck(typed, null, rows),
        'protocol-entered',
        { protocol: journalProtocol, entry: 1, reason: null },
        ['.entry'],
      ),
    ).toBeGreaterThan(40);
    // Entry 1 or 2 is the server's to say (the second operator's is the second); any other is refused.
    expect(
      await entryCheck(
        typed,
        null,
        rows,
      )([act('protocol-entered', { protocol: journalProtocol, entry: 2, reason: null })]),
    ).toBeNull();
    expect(
      await entryCheck(
        typed,
        null,
        rows,
      )([act('protocol-entered', { protocol: journalProtocol, entry: 3, reason: null })]),
    ).not.toBeNull();
    await holds(resolutionCheck(typed, rows), 'protocol-resolved', { protocol: journalProtocol });
    await holds(acceptanceCheck(typed, ['PROTOCOL_W'], null, rows), 'protocol-accepted', {
      protocol: journalProtocol,
      acknowledged: ['PROTOCOL_W'],
      via: 'entry',
      reason: null,
    });
  });

  it('a key registration: holder, role, commission, fingerprint, and a public key that hashes to it', async () => {
    const key = generateSigningKey();
    const shown = { username: 'op-1', fingerprint: key.fingerprint, role: 'operator', commission: TINY.cityCommission };
    await holds(keyRegistrationCheck(shown), 'key-registered', {
      holder: 'op-1',
      role: 'operator',
      publicKey: key.publicKey,
      fingerprint: key.fingerprint,
      commission: TINY.cityCommission,
    });
    // Another real key with the fingerprint shown: its public key does not hash to it.
    const other = generateSigningKey();
    expect(
      await keyRegistrationCheck(shown)([
        act('key-registered', {
          holder: 'op-1',
          role: 'operator',
          publicKey: other.publicKey,
          fingerprint: key.fingerprint,
          commission: TINY.cityCommission,
        }),
      ]),
    ).not.toBeNull();
    // No role listed: nothing to compare, nothing signed.
    expect(
      await keyRegistrationCheck({ ...shown, role: null })([
        act('key-registered', {
          holder: 'op-1',
          role: 'operator',
          publicKey: key.publicKey,
          fingerprint: key.fingerprint,
          commission: TINY.cityCommission,
        }),
      ]),
    ).not.toBeNull();
  });

  it('an approval, a nomination, a registration decision, a withdrawal, deputies, a vacancy, a filling', async () => {
    const contestId = TINY.majilisList;
    await holds(
      approvalCheck(contestId, 'cec'),
      'summary-approved',
      { commissionId: 'cec', contestId, summarySha256: 'c'.repeat(64), stationsCounted: 12 },
      ['.stationsCounted'],
    );
    const nomination = {
      id: 'KZ-35/maslikhat/smd-01/c-99/nomination',
      contestId: 'KZ-35/maslikhat/smd-01',
      nomination: 'self-nominated',
      nominatedBy: null,
      submittedAt: '2023-02-01T10:00',
      candidates: [
        {
          id: 'KZ-35/maslikhat/smd-01/c-99',
          personId: '900101300123',
          name: { kk: 'Әлия Серікова', ru: 'Алия Серикова', latin: 'Aliya Serikova' },
          birthDate: '1990-01-01',
          gender: 'female',
          disability: false,
          citizen: true,
          residenceYears: 10,
          residesInRegion: true,
          criminalRecord: false,
          corruptionOffence: false,
          legallyIncapable: false,
          partyMember: null,
          depositPaid: 350000,
          documents: ['consent', 'declaration'],
        },
      ],
    } as const;
    await holds(nominationCheck(nomination), 'nomination-submitted', { nomination } as unknown as Json);
    const calendar = Object.fromEntries(
      Object.keys(journalPayloadSchemas['registration-decided'].shape.calendar.shape).map((field) => [
        field,
        '2023-02-08T18:00',
      ]),
    );
    const decided = {
      nominationId: nomination.id,
      decidedAt: '2023-02-16T11:00',
      calendar,
      minimumWage: 70000,
      registered: [nomination.candidates[0].id],
      refusals: [],
    };
    expect(journalPayloadSchemas['registration-decided'].shape.calendar.safeParse(calendar).success).toBe(true);
    await holds(registrationCheck(nomination.id, '2023-02-16T11:00'), 'registration-decided', decided, [
      '.calendar',
      '.minimumWage',
      '.registered',
      '.refusals',
    ]);
    const withdrawal = {
      candidateId: nomination.candidates[0].id,
      kind: 'withdrawn',
      at: '2023-03-10T12:00',
      reason: 'personal reasons',
    };
    await holds(withdrawalCheck(withdrawal), 'candidate-withdrawn', { withdrawal });
    const postponed = { contestId: nomination.contestId, at: withdrawal.at, reason: 'all-candidates-withdrawn' };
    const both = withdrawalCheck(withdrawal);
    expect(await both([act('candidate-withdrawn', { withdrawal }), act('contest-postponed', postponed)])).toBeNull();
    for (const changed of mutations(postponed))
      expect(
        await both([act('candidate-withdrawn', { withdrawal }), act('contest-postponed', changed.payload)]),
        changed.path,
      ).not.toBeNull();
    const choice = { bodyId: 'majilis', partyId: 'amanat', chosen: ['majilis/list/amanat-001'] };
    await holds(deputiesCheck(choice), 'deputies-chosen', { ...choice, seats: 40 }, ['.seats']);
    const vacancy = { bodyId: 'majilis', candidateId: 'majilis/list/amanat-001', reason: 'appointed minister' };
    await holds(mandateCheck('mandate-vacated', vacancy), 'mandate-vacated', { ...vacancy, partyId: 'amanat' }, [
      '.partyId',
    ]);
    const fill = { bodyId: 'majilis', candidateId: 'majilis/list/amanat-041' };
    await holds(mandateCheck('mandate-filled', fill), 'mandate-filled', { ...fill, partyId: 'amanat' }, ['.partyId']);
  });
});
