import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/model/canonical-json.ts';
import type { Protocol } from '../src/model/protocol.ts';
import {
  type DoubleEntry,
  type EntryEvent,
  evolve,
  fromRecord,
  toRecord,
  type Transition,
} from '../src/tally/double-entry.ts';
import { authorityRefusal, commissionCovers } from '../src/tally/entry-authority.ts';
import { type Actor } from '../src/tally/entry-authority.ts';
import { decideEntry } from '../src/tally/entry-flow.ts';
import { indexElection } from '../src/tally/intake.ts';
import {
  CONTEST,
  ELSEWHERE,
  HOME,
  HOME_STATION,
  OTHER_STATION,
  parents,
  people,
  protocolOf,
  REGION,
  tinyElection,
} from './double-entry-fixture.ts';

// One test per transition of the double entry machine and per refusal (docs/tabulation.md,
// "Double entry"), on a tiny election: the machine is pure, so no store is needed.

const index = indexElection(tinyElection);
type Result = Transition;

const enterAs = (state: DoubleEntry, actor: Actor, document: unknown, reason: string | null = null): Result =>
  decideEntry({ kind: 'enter', document, actor, reason }, { index, parents, state });
const resolveAs = (state: DoubleEntry, actor: Actor, document: unknown): Result =>
  decideEntry({ kind: 'resolve', document, actor }, { index, parents, state });
const acceptAs = (state: DoubleEntry, actor: Actor, acknowledged: string[] = [], stationId = HOME_STATION): Result =>
  decideEntry({ kind: 'accept', stationId, contestId: CONTEST, actor, acknowledged }, { index, parents, state });

/** The state a step leads to; the step must not be refused. */
function after(result: Result): DoubleEntry {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value.next;
}

/** The event a step journals; the step must not be refused. */
function eventOf(result: Result): EntryEvent {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value.event;
}

/** A refusal, with its code and parameters: it carries no next state, so the state stays as it was. */
function expectRefused(result: Result, code: string, params: Record<string, string | number> = {}): void {
  expect(result).toEqual({ ok: false, error: { code, params: expect.objectContaining(params) as unknown } });
}

const empty: DoubleEntry = { status: 'empty' };
const agreed = protocolOf();
/** The second operator's typo: two votes moved from beta to alpha. */
const typo = protocolOf({ alpha: agreed.votes.alpha! + 2 });
/** A protocol with a warning: a sixth of the ballots invalid. */
const warned = protocolOf({ invalid: 10, alpha: 25 });
const content = (protocol: Protocol) => canonicalJson(protocol);

const firstEntered = after(enterAs(empty, people.first, agreed));
const entriesMatch = after(enterAs(firstEntered, people.second, agreed));
const entriesDiffer = after(enterAs(firstEntered, people.second, typo));
const resolved = after(resolveAs(entriesDiffer, people.chair, agreed));
const accepted = after(acceptAs(entriesMatch, people.chair));

describe('transitions', () => {
  it('enter, from empty: the first entry of version 1 starts a round', () => {
    const result = enterAs(empty, people.first, agreed);
    expect(eventOf(result)).toEqual({ kind: 'entered', operator: 'fp-op-1', protocol: agreed, entry: 1, reason: null });
    expect(after(result)).toEqual({
      status: 'first-entered',
      round: { kind: 'first-version', version: 1, reason: null },
      first: { operator: 'fp-op-1', content: content(agreed) },
    });
  });

  it('enter, from first-entered, the same protocol by another operator: the entries match', () => {
    const result = enterAs(firstEntered, people.second, agreed);
    expect(eventOf(result)).toMatchObject({ kind: 'entered', entry: 2, operator: 'fp-op-2' });
    expect(after(result)).toEqual({
      status: 'entries-match',
      round: { kind: 'first-version', version: 1, reason: null },
      first: { operator: 'fp-op-1', content: content(agreed) },
      second: { operator: 'fp-op-2', content: content(agreed) },
    });
  });

  it('enter, from first-entered, another protocol: the entries differ, field by field', () => {
    const result = enterAs(firstEntered, people.second, typo);
    expect(eventOf(result)).toMatchObject({ kind: 'entered', entry: 2 });
    expect(after(result)).toMatchObject({
      status: 'entries-differ',
      second: { operator: 'fp-op-2', content: content(typo) },
      differences: ['votes.alpha', 'votes.beta'],
    });
  });

  it('enter, the second entry by a chair of a commission above the station (the region)', () => {
    expect(after(enterAs(firstEntered, people.regionChair, agreed)).status).toBe('entries-match');
  });

  it('resolve, from entries-differ: the chair says what the paper says', () => {
    const result = resolveAs(entriesDiffer, people.chair, agreed);
    expect(eventOf(result)).toEqual({ kind: 'resolved', protocol: agreed });
    expect(after(result)).toEqual({ ...entriesDiffer, status: 'resolved', resolution: content(agreed) });
  });

  it('resolve, from resolved: the chair may resolve again, the last resolution counts', () => {
    const result = resolveAs(resolved, people.chair, typo);
    expect(after(result)).toEqual({ ...resolved, resolution: content(typo) });
  });

  it('accept, from entries-match: what the two operators agreed, with the round reason', () => {
    const result = acceptAs(entriesMatch, people.chair);
    expect(eventOf(result)).toEqual({ kind: 'accepted', protocol: agreed, acknowledged: [], reason: null });
    expect(after(result)).toEqual({ status: 'accepted', accepted: { version: 1, content: content(agreed) } });
  });

  it("accept, from resolved: the chair's resolution, not either entry", () => {
    const result = acceptAs(after(resolveAs(entriesDiffer, people.chair, warned)), people.chair, [
      'PROTOCOL_INVALID_SHARE_HIGH',
    ]);
    expect(eventOf(result)).toEqual({
      kind: 'accepted',
      protocol: warned,
      acknowledged: ['PROTOCOL_INVALID_SHARE_HIGH'],
      reason: null,
    });
    expect(after(result)).toEqual({ status: 'accepted', accepted: { version: 1, content: content(warned) } });
  });

  it('enter, from accepted: a correction — the next version, with its reason, correcting the accepted one', () => {
    const correction = protocolOf({ version: 2, alpha: 20 });
    const result = enterAs(accepted, people.second, correction, 'recount');
    expect(eventOf(result)).toMatchObject({ kind: 'entered', entry: 1, reason: 'recount' });
    expect(after(result)).toEqual({
      status: 'first-entered',
      round: { kind: 'correction', version: 2, reason: 'recount', corrects: { version: 1, content: content(agreed) } },
      first: { operator: 'fp-op-2', content: content(correction) },
    });
    // The reason of the round is the first entry's; the second entry needs none.
    const second = enterAs(after(result), people.first, correction);
    expect(eventOf(second)).toMatchObject({ kind: 'entered', entry: 2, reason: 'recount' });
    expect(eventOf(acceptAs(after(second), people.chair))).toMatchObject({ kind: 'accepted', reason: 'recount' });
  });

  it('an import accepted while a round is under way supersedes it (evolve)', () => {
    for (const state of [firstEntered, entriesMatch, entriesDiffer, resolved]) {
      const imported = protocolOf({ alpha: 10 });
      expect(evolve(state, { kind: 'accepted', protocol: imported, acknowledged: [], reason: null })).toEqual({
        status: 'accepted',
        accepted: { version: 1, content: content(imported) },
      });
    }
  });
});

describe('refusals', () => {
  it('PROTOCOL_VOTE_BALANCE (and every check of the intake) before the machine', () => {
    const broken = { ...agreed, lines: { ...agreed.lines, invalid: agreed.lines.invalid + 1 } };
    expectRefused(enterAs(empty, people.first, broken), 'PROTOCOL_VOTE_BALANCE');
    expectRefused(resolveAs(entriesDiffer, people.chair, broken), 'PROTOCOL_VOTE_BALANCE');
  });

  it('ENTRY_NOT_OPERATOR: an observer or an administrator does not enter', () => {
    expectRefused(enterAs(empty, people.observer, agreed), 'ENTRY_NOT_OPERATOR');
    expectRefused(enterAs(firstEntered, people.administrator, agreed), 'ENTRY_NOT_OPERATOR');
  });

  it('ENTRY_OUT_OF_SCOPE: an operator or chair of another commission, for any step', () => {
    const params = { station: HOME_STATION, commission: ELSEWHERE };
    expectRefused(enterAs(empty, people.outsider, agreed), 'ENTRY_OUT_OF_SCOPE', params);
    expectRefused(resolveAs(entriesDiffer, people.outsideChair, agreed), 'ENTRY_OUT_OF_SCOPE', params);
    expectRefused(acceptAs(entriesMatch, people.outsideChair), 'ENTRY_OUT_OF_SCOPE', params);
  });

  it('ENTRY_WRONG_VERSION: a first protocol other than version 1, a correction other than the next', () => {
    expectRefused(enterAs(empty, people.first, protocolOf({ version: 2 })), 'ENTRY_WRONG_VERSION', {
      version: 2,
      current: 0,
      expected: 1,
    });
    expectRefused(enterAs(accepted, people.first, protocolOf({ version: 3 }), 'x'), 'ENTRY_WRONG_VERSION', {
      expected: 2,
    });
  });

  it('PROTOCOL_STALE_VERSION: a version already accepted, for an entry and a resolution', () => {
    expectRefused(enterAs(accepted, people.first, agreed, 'again'), 'PROTOCOL_STALE_VERSION', {
      version: 1,
      current: 1,
    });
    expectRefused(resolveAs(empty, people.chair, protocolOf({ version: 0 })), 'PROTOCOL_STALE_VERSION');
  });

  it('ENTRY_REASON_REQUIRED: a correction without a reason, or with a blank one', () => {
    const correction = protocolOf({ version: 2 });
    expectRefused(enterAs(accepted, people.first, correction), 'ENTRY_REASON_REQUIRED', { version: 2 });
    expectRefused(enterAs(accepted, people.first, correction, '  '), 'ENTRY_REASON_REQUIRED');
  });

  it('ENTRY_SAME_OPERATOR: the second entry by the operator of the first', () => {
    expectRefused(enterAs(firstEntered, people.first, agreed), 'ENTRY_SAME_OPERATOR');
  });

  it('ENTRY_ALREADY_DOUBLE: a third entry, whatever the two say', () => {
    for (const state of [entriesMatch, entriesDiffer, resolved])
      expectRefused(enterAs(state, people.chair, agreed), 'ENTRY_ALREADY_DOUBLE', { state: state.status });
  });

  it('ENTRY_NOT_CHAIR: an operator neither resolves nor accepts', () => {
    expectRefused(resolveAs(entriesDiffer, people.first, agreed), 'ENTRY_NOT_CHAIR');
    expectRefused(acceptAs(entriesMatch, people.second), 'ENTRY_NOT_CHAIR');
  });

  it('ENTRY_NOTHING_TO_RESOLVE: a resolution with no differing entries', () => {
    for (const state of [empty, firstEntered, entriesMatch])
      expectRefused(resolveAs(state, people.chair, agreed), 'ENTRY_NOTHING_TO_RESOLVE');
    expect(resolveAs(entriesMatch, people.chair, agreed)).toMatchObject({
      error: { params: { state: 'entries-match' } },
    });
  });

  it('ENTRY_NOT_DOUBLE: an acceptance before two entries, or after the round ended', () => {
    expectRefused(acceptAs(empty, people.chair), 'ENTRY_NOT_DOUBLE', { state: 'none' });
    expectRefused(acceptAs(firstEntered, people.chair), 'ENTRY_NOT_DOUBLE', { state: 'first-entered' });
    expectRefused(acceptAs(accepted, people.chair), 'ENTRY_NOT_DOUBLE', { state: 'none' });
  });

  it('ENTRY_DIFFERENCES_UNRESOLVED: an acceptance while the entries differ, naming the fields', () => {
    expectRefused(acceptAs(entriesDiffer, people.chair), 'ENTRY_DIFFERENCES_UNRESOLVED', {
      fields: 'votes.alpha, votes.beta',
    });
  });

  it('WARNINGS_NOT_ACKNOWLEDGED: each warning of the agreed protocol must be acknowledged', () => {
    const state = after(enterAs(after(enterAs(empty, people.first, warned)), people.second, warned));
    expectRefused(acceptAs(state, people.chair), 'WARNINGS_NOT_ACKNOWLEDGED', {
      codes: 'PROTOCOL_INVALID_SHARE_HIGH',
    });
    expectRefused(acceptAs(state, people.chair, ['PROTOCOL_TURNOUT_HIGH']), 'WARNINGS_NOT_ACKNOWLEDGED');
  });

  it('DATASET_UNKNOWN_REFERENCE: an acceptance of a station the election does not have', () => {
    expectRefused(acceptAs(empty, people.chair, [], 'KZ-01/PS-9999'), 'DATASET_UNKNOWN_REFERENCE', {
      id: 'KZ-01/PS-9999',
    });
  });
});

describe('authority, written once', () => {
  const place = (stationId: string, stationCommission: string | undefined) => ({
    stationId,
    stationCommission,
    parents,
  });

  it("a commission covers the stations of its precinct commissions and of those below it, and no one else's", () => {
    expect(commissionCovers(HOME, `${HOME_STATION}/pec`, parents)).toBe(true);
    expect(commissionCovers(REGION, `${OTHER_STATION}/pec`, parents)).toBe(true);
    expect(commissionCovers('cec', `${OTHER_STATION}/pec`, parents)).toBe(true);
    expect(commissionCovers(ELSEWHERE, `${HOME_STATION}/pec`, parents)).toBe(false);
    expect(commissionCovers(null, `${HOME_STATION}/pec`, parents)).toBe(false);
  });

  it('the role is judged before the scope, and an unknown station is out of everyone’s scope', () => {
    expect(authorityRefusal('resolve', people.outsider, place(HOME_STATION, `${HOME_STATION}/pec`))?.code).toBe(
      'ENTRY_NOT_CHAIR',
    );
    expect(authorityRefusal('enter', people.chair, place('KZ-01/PS-9999', undefined))?.code).toBe('ENTRY_OUT_OF_SCOPE');
  });

  it('an import is an administrator’s (or the importer key’s), for any station; a chair’s is refused', () => {
    const anywhere = place(OTHER_STATION, `${OTHER_STATION}/pec`);
    expect(authorityRefusal('import', people.administrator, anywhere)).toBeNull();
    expect(authorityRefusal('import', { fingerprint: 'fp-importer', role: 'user', commission: null }, anywhere)).toBe(
      null,
    );
    expect(authorityRefusal('import', people.chair, anywhere)).toEqual({
      code: 'AUTH_FORBIDDEN',
      params: { role: 'chair', action: 'import' },
    });
  });
});

describe('the stored form', () => {
  it('every state is stored as the round record an earlier saylau wrote, and read back the same', () => {
    const acceptedProtocol = { version: 1, content: content(agreed) };
    expect(toRecord(entriesDiffer)).toEqual({
      version: 1,
      reason: null,
      first: { operator: 'fp-op-1', content: content(agreed) },
      second: { operator: 'fp-op-2', content: content(typo) },
      resolved: null,
    });
    expect(toRecord(resolved)).toMatchObject({ resolved: content(agreed) });
    for (const state of [empty, firstEntered, entriesMatch, entriesDiffer, resolved])
      expect(fromRecord(toRecord(state), undefined)).toEqual(state);
    expect(toRecord(accepted)).toBeUndefined();
    expect(fromRecord(undefined, acceptedProtocol)).toEqual(accepted);
    const correcting = after(enterAs(accepted, people.first, protocolOf({ version: 2 }), 'recount'));
    expect(fromRecord(toRecord(correcting), acceptedProtocol)).toEqual(correcting);
  });
});
