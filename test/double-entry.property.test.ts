import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventBodyOf, type JournalEvent, type JournalPayload } from '../src/journal/events.ts';
import { applyEvent, emptyProjection, protocolKeyOf } from '../src/journal/projection.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
import type { Protocol } from '../src/model/protocol.ts';
import {
  acceptedVersion,
  type DoubleEntry,
  type EntryEvent,
  evolve,
  fromRecord,
  toRecord,
} from '../src/tally/double-entry.ts';
import { commissionCovers } from '../src/tally/entry-authority.ts';
import { decideEntry, type EntryAction } from '../src/tally/entry-flow.ts';
import { indexElection } from '../src/tally/intake.ts';
import { CONTEST, HOME_STATION, parents, people, protocolOf, tinyElection } from './double-entry-fixture.ts';

// Random sequences of entries, resolutions, acceptances and imports by random people, checked
// against what double entry promises (docs/tabulation.md, "Double entry"), with the history kept
// here apart from the machine.

const index = indexElection(tinyElection);
const actors = Object.values(people);
const STATION_COMMISSION = `${HOME_STATION}/pec`;

/** Three readings of the paper form: the figures, a typo, and one with a warning. */
const readings = [{ alpha: 30 }, { alpha: 32 }, { alpha: 25, invalid: 10 }] as const;

type Step =
  | { kind: 'enter'; who: number; reading: number; versionShift: number; reason: string | null }
  | { kind: 'resolve'; who: number; reading: number; versionShift: number }
  | { kind: 'accept'; who: number; acknowledgeAll: boolean }
  | { kind: 'import'; reading: number };

// Mostly the home commission's people, so that rounds get somewhere; now and then anyone.
const home = [0, 1, 2].map((i) => fc.constant(i));
const who = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(...home) },
  { weight: 1, arbitrary: fc.nat({ max: actors.length - 1 }) },
);
const reading = fc.nat({ max: readings.length - 1 });
// Mostly the right version: the interesting paths need it.
const versionShift = fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('enter' as const),
      who,
      reading,
      versionShift,
      reason: fc.constantFrom(null, 'recount', 'recount', ' '),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), who, reading, versionShift }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('accept' as const), who, acknowledgeAll: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), reading }) },
);

/** What the test itself remembers of the round under way: the entries made and the last resolution. */
interface History {
  entries: { operator: string; content: string; reason: string | null }[];
  resolution: string | null;
  accepted: { version: number; content: string } | null;
}

/** The journal event a machine event is recorded as, so that the projection can replay it. */
function sealed(event: EntryEvent, actor: string, seq: number, via: 'entry' | 'import'): JournalEvent {
  const payload: JournalPayload =
    event.kind === 'entered'
      ? { type: 'protocol-entered', protocol: event.protocol, entry: event.entry, reason: event.reason }
      : event.kind === 'resolved'
        ? { type: 'protocol-resolved', protocol: event.protocol }
        : { type: 'protocol-accepted', protocol: event.protocol, acknowledged: event.acknowledged, via, reason: null };
  return { seq, at: '2023-03-19T20:00:00Z', prev: '', actor, hash: '', signature: '', ...eventBodyOf(payload) };
}

describe('double entry under random sequences of actions', () => {
  it('holds its promises whatever is tried, by whomever', () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60, size: 'max' }), (steps) => {
        let state: DoubleEntry = { status: 'empty' };
        const history: History = { entries: [], resolution: null, accepted: null };
        const projection = emptyProjection();
        const key = protocolKeyOf(HOME_STATION, CONTEST);
        let seq = 0;
        for (const s of steps) {
          const version = acceptedVersion(state) + 1;
          if (s.kind === 'import') {
            // An import of the next version, decided by the intake: it ends any round.
            const protocol = protocolOf({ ...readings[s.reading], version });
            const event: EntryEvent = { kind: 'accepted', protocol, acknowledged: [], reason: null };
            state = evolve(state, event);
            applyEvent(projection, sealed(event, 'fp-importer', ++seq, 'import'), tinyElection);
            history.entries = [];
            history.resolution = null;
            history.accepted = { version, content: canonicalJson(protocol) };
            expect(projection.entries.get(key)).toBeUndefined();
            expect(fromRecord(projection.entries.get(key), projection.protocols.get(key))).toEqual(state);
            continue;
          }
          const actor = actors[s.who]!;
          const action: EntryAction =
            s.kind === 'accept'
              ? {
                  kind: 'accept',
                  stationId: HOME_STATION,
                  contestId: CONTEST,
                  actor,
                  acknowledged: s.acknowledgeAll ? ['PROTOCOL_INVALID_SHARE_HIGH'] : [],
                }
              : {
                  kind: s.kind,
                  document: protocolOf({ ...readings[s.reading], version: version + s.versionShift }),
                  actor,
                  reason: s.kind === 'enter' ? s.reason : null,
                };
          const transition = decideEntry(action, { index, parents, state });
          if (!transition.ok) {
            // A refusal changes nothing: it carries no next state.
            count(transition.error.code);
            continue;
          }
          const { event: decision, next } = transition.value;
          // Whoever took a step had the role for it and the station in their commission's scope.
          expect(commissionCovers(actor.commission, STATION_COMMISSION, parents)).toBe(true);
          expect(decision.kind === 'entered' ? ['operator', 'chair'] : ['chair']).toContain(actor.role);
          switch (decision.kind) {
            case 'entered':
              history.entries.push({
                operator: actor.fingerprint,
                content: canonicalJson(decision.protocol),
                reason: decision.reason,
              });
              expect(history.entries.length).toBe(decision.entry);
              expect(decision.protocol.version).toBe((history.accepted?.version ?? 0) + 1);
              break;
            case 'resolved':
              // Only two entries that differ are resolved.
              expect(history.entries.length).toBe(2);
              expect(history.entries[0]!.content).not.toBe(history.entries[1]!.content);
              history.resolution = canonicalJson(decision.protocol);
              break;
            case 'accepted': {
              // Nothing is accepted without two entries by two different people…
              const [first, second] = history.entries;
              expect(history.entries.length).toBe(2);
              expect(first!.operator).not.toBe(second!.operator);
              // …and what is accepted is exactly what they agreed, or else what the chair resolved.
              const agreed = first!.content === second!.content ? first!.content : history.resolution;
              expect(canonicalJson(decision.protocol)).toBe(agreed);
              // A correction carries the reason given with its first entry.
              const version = decision.protocol.version;
              expect(version).toBe((history.accepted?.version ?? 0) + 1);
              if (version > 1) expect(decision.reason?.trim()).toBeTruthy();
              expect(decision.reason).toBe(first!.reason);
              // Every warning of it was acknowledged: only the reading with a sixth invalid has one.
              const invalid = (JSON.parse(agreed!) as Protocol).lines.invalid;
              expect(decision.acknowledged).toEqual(invalid === 10 ? ['PROTOCOL_INVALID_SHARE_HIGH'] : []);
              count(first!.content === second!.content ? 'accepted as entered' : 'accepted as resolved');
              if (version > 1) count('correction accepted');
              history.entries = [];
              history.resolution = null;
              history.accepted = { version, content: agreed! };
              break;
            }
          }
          applyEvent(projection, sealed(decision, actor.fingerprint, ++seq, 'entry'), tinyElection);
          state = next;
          // The projection of the journal, which the store keeps, is the stored form of the state, and reads it back.
          expect(projection.entries.get(key)).toEqual(toRecord(state));
          expect(fromRecord(projection.entries.get(key), projection.protocols.get(key))).toEqual(state);
        }
      }),
      { numRuns: 300 },
    );
    // The sequences reach every outcome, so that the invariants above are not checked in vain.
    expect([...seen.keys()].sort()).toEqual([
      'ENTRY_ALREADY_DOUBLE',
      'ENTRY_DIFFERENCES_UNRESOLVED',
      'ENTRY_NOTHING_TO_RESOLVE',
      'ENTRY_NOT_CHAIR',
      'ENTRY_NOT_DOUBLE',
      'ENTRY_NOT_OPERATOR',
      'ENTRY_OUT_OF_SCOPE',
      'ENTRY_REASON_REQUIRED',
      'ENTRY_SAME_OPERATOR',
      'ENTRY_WRONG_VERSION',
      'PROTOCOL_STALE_VERSION',
      'WARNINGS_NOT_ACKNOWLEDGED',
      'accepted as entered',
      'accepted as resolved',
      'correction accepted',
    ]);
  });
});
