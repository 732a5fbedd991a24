import { describe, expect, it } from 'vitest';
import { assertDefined } from '../src/law/assert.ts';
import type { Accreditation, ProtocolCopy } from '../src/model/observer.ts';
import { accreditationSchema } from '../src/model/observer.ts';
import type { Protocol } from '../src/model/protocol.ts';
import {
  type AccreditationContext,
  decideAccreditation,
  decideCopy,
  decideIrregularity,
  decideSample,
  internationalDeadline,
  irregularityKey,
} from '../src/tally/observers.ts';
import { drawSample, estimateShares } from '../src/tally/copy-sample.ts';
import { contestIdSchema, stationIdSchema } from '../src/model/ids.ts';
import { createHash } from 'node:crypto';
import { compareCopies, compareCopy } from '../src/tally/protocol-copies.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';

// Observers and their protocol copies (docs/law.md §10.2): the rules of accreditation and of a copy, one case per
// edge, each a document beside the code it must give; and the comparison of a copy with the official protocol.

const { election } = tinyElection().dataset;
const KEY = 'a'.repeat(64);
const DAY = election.event.date;
const party = assertDefined(election.parties[0]).id;
const candidate = assertDefined(election.candidates.find((c) => c.status === 'registered'));

const accreditation = (changes: Partial<Accreditation> = {}): Accreditation =>
  accreditationSchema.parse({
    id: 'amanat-1',
    person: 'Асель Нурланқызы Сейітова',
    organisation: 'Party observers',
    sender: 'party',
    senderId: party,
    scope: { kind: 'stations', stationIds: [TINY.cityStations[0]] },
    from: DAY,
    until: DAY,
    key: KEY,
    ...changes,
  });
const context = (changes: Partial<AccreditationContext> = {}): AccreditationContext => ({
  election,
  accreditor: TINY.cityCommission,
  observerKey: { role: 'observer', commission: null },
  at: `${DAY}T03:00:00.000Z`,
  held: undefined,
  keyHeldBy: undefined,
  ...changes,
});

describe('accreditation (docs/law.md §10.2)', () => {
  const deck: readonly {
    name: string;
    accreditation: Accreditation;
    context?: Partial<AccreditationContext>;
    code: string;
  }[] = [
    { name: 'a party’s observer at a station of the commission', accreditation: accreditation(), code: 'accredited' },
    { name: 'the same again', accreditation: accreditation(), context: { held: accreditation() }, code: 'unchanged' },
    {
      name: 'the same id, another accreditation',
      accreditation: accreditation({ organisation: 'Other' }),
      context: { held: accreditation() },
      code: 'OBSERVER_ALREADY_ACCREDITED',
    },
    {
      name: 'by a key acting for no commission',
      accreditation: accreditation(),
      context: { accreditor: null },
      code: 'OBSERVER_ACCREDITOR_NOT_COMMISSION',
    },
    {
      name: 'an unregistered key',
      accreditation: accreditation(),
      context: { observerKey: undefined },
      code: 'KEY_NOT_REGISTERED',
    },
    {
      name: 'an operator’s key: a commission member',
      accreditation: accreditation(),
      context: { observerKey: { role: 'operator', commission: TINY.cityCommission } },
      code: 'OBSERVER_IS_COMMISSION_MEMBER',
    },
    {
      name: 'an importer’s key',
      accreditation: accreditation(),
      context: { observerKey: { role: 'user', commission: null } },
      code: 'OBSERVER_KEY_NOT_OBSERVER',
    },
    {
      name: 'a key another accreditation holds',
      accreditation: accreditation(),
      context: { keyHeldBy: 'x' },
      code: 'OBSERVER_KEY_ALREADY_ACCREDITED',
    },
    {
      name: 'a registered candidate, whatever the case and spacing of the name',
      accreditation: accreditation({ person: `  ${candidate.name.ru.toUpperCase()} ` }),
      code: 'OBSERVER_IS_CANDIDATE',
    },
    {
      name: 'a party not in the election',
      accreditation: accreditation({ senderId: 'no-such-party' }),
      code: 'OBSERVER_SENDER_NOT_ENTITLED',
    },
    {
      name: 'a candidate’s observer',
      accreditation: accreditation({ sender: 'candidate', senderId: candidate.id }),
      code: 'accredited',
    },
    {
      name: 'an international mission accredited by a commission',
      accreditation: accreditation({ sender: 'international-mission', senderId: null }),
      code: 'OBSERVER_SENDER_NOT_ENTITLED',
    },
    {
      name: 'an international mission for the country, by the CEC, before the deadline',
      accreditation: accreditation({ sender: 'international-mission', senderId: null, scope: { kind: 'country' } }),
      context: { accreditor: 'cec', at: '2023-03-13T11:59:59.000Z' },
      code: 'accredited',
    },
    {
      name: 'the same, a second after the deadline (13 March 2023, 18:00 Astana)',
      accreditation: accreditation({ sender: 'international-mission', senderId: null, scope: { kind: 'country' } }),
      context: { accreditor: 'cec', at: '2023-03-13T12:00:00.001Z' },
      code: 'OBSERVER_ACCREDITATION_LATE',
    },
    {
      name: 'the whole country by a territorial commission',
      accreditation: accreditation({ scope: { kind: 'country' } }),
      code: 'OBSERVER_SCOPE_OUTSIDE_COMMISSION',
    },
    {
      name: 'a station of another territory',
      accreditation: accreditation({
        scope: { kind: 'stations', stationIds: [TINY.districtStations[0]] },
      } as Partial<Accreditation>),
      code: 'OBSERVER_SCOPE_OUTSIDE_COMMISSION',
    },
    {
      name: 'the region, by its regional commission',
      accreditation: accreditation({ scope: { kind: 'region', regionId: TINY.region } } as Partial<Accreditation>),
      context: { accreditor: TINY.regionalCommission },
      code: 'accredited',
    },
    {
      name: 'an unknown station, by the CEC',
      accreditation: accreditation({
        scope: { kind: 'stations', stationIds: ['KZ-35/PS-0999'] },
      } as Partial<Accreditation>),
      context: { accreditor: 'cec' },
      code: 'DATASET_UNKNOWN_REFERENCE',
    },
    {
      name: 'a term ending before election day',
      accreditation: accreditation({ from: '2023-03-01', until: '2023-03-18' }),
      code: 'OBSERVER_TERM_INVALID',
    },
    {
      name: 'a term ending before it starts',
      accreditation: accreditation({ from: '2023-03-20', until: '2023-03-19' }),
      code: 'OBSERVER_TERM_INVALID',
    },
  ];
  it.each(deck)('$name: $code', ({ accreditation: document, context: changes, code }) => {
    const decision = decideAccreditation(document, context(changes));
    expect(decision.ok ? decision.value.kind : decision.error.code).toBe(code);
  });

  it('the deadline is 5 days before voting at 18:00 Astana time (UTC+6)', () => {
    expect(internationalDeadline('2023-03-19')).toBe('2023-03-13T12:00:00.000Z');
  });
});

const official: Protocol = assertDefined(
  tinyElection().dataset.protocols.find(
    (protocol) => protocol.stationId === TINY.cityStations[0] && protocol.contestId === TINY.majilisList,
  ),
);
const copyOf = (changes: Partial<Protocol> = {}, id = 'amanat-1'): ProtocolCopy => {
  const { stationId, contestId, lines, votes } = { ...official, ...changes };
  return { accreditation: id, protocol: { stationId, contestId, lines, votes } };
};

describe('a protocol copy (docs/law.md §10.2)', () => {
  const held = accreditation();
  const decide = (copy: ProtocolCopy, changes: Partial<Parameters<typeof decideCopy>[1]> = {}) => {
    const decision = decideCopy(copy, {
      election,
      accreditation: held,
      signer: KEY,
      at: `${DAY}T15:00:00.000Z`,
      held: undefined,
      ...changes,
    });
    return decision.ok ? decision.value.kind : decision.error.code;
  };
  it('is taken from the accredited key, at a station of its scope, on a day of its term', () => {
    expect(decide(copyOf())).toBe('entered');
  });
  it('the same copy again changes nothing; another copy of the same protocol is refused', () => {
    expect(decide(copyOf(), { held: copyOf() })).toBe('unchanged');
    expect(decide(copyOf({ votes: { ...official.votes, [party]: 1 } }), { held: copyOf() })).toBe(
      'OBSERVER_COPY_ALREADY_ENTERED',
    );
  });
  it('is refused without an accreditation, or from another key', () => {
    expect(decide(copyOf(), { accreditation: undefined })).toBe('OBSERVER_NOT_ACCREDITED');
    expect(decide(copyOf(), { signer: 'b'.repeat(64) })).toBe('OBSERVER_NOT_ACCREDITED');
  });
  it('is refused outside the scope, outside the term, of an unknown station, contest or option', () => {
    expect(decide(copyOf({ stationId: official.stationId.replace('0001', '0002') as Protocol['stationId'] }))).toBe(
      'OBSERVER_OUT_OF_SCOPE',
    );
    // 20 March, 00:30 in Astana is still 19 March in UTC: the term counts Astana days.
    expect(decide(copyOf(), { at: `${DAY}T18:30:00.000Z` })).toBe('OBSERVER_OUT_OF_TERM');
    expect(decide(copyOf({ stationId: 'KZ-35/PS-0999' as Protocol['stationId'] }))).toBe('DATASET_UNKNOWN_REFERENCE');
    expect(decide(copyOf({ contestId: TINY.majilisDistrict.replace('18', '01') as Protocol['contestId'] }))).toBe(
      'DATASET_UNKNOWN_REFERENCE',
    );
    expect(decide(copyOf({ votes: { ...official.votes, 'no-such-party': 1 } }))).toBe('DATASET_UNKNOWN_REFERENCE');
  });
});

describe('a copy against the official protocol', () => {
  it('matches, differs line by line in the form’s order, or waits for the official protocol', () => {
    expect(compareCopy(copyOf().protocol, official)).toEqual({ status: 'matches', officialVersion: official.version });
    expect(compareCopy(copyOf().protocol, undefined)).toEqual({ status: 'awaiting-official' });
    const changed = copyOf({
      lines: { ...official.lines, invalid: official.lines.invalid + 3, votersOnList: official.lines.votersOnList + 1 },
      votes: { ...official.votes, [party]: assertDefined(official.votes[party]) - 3 },
    });
    expect(compareCopy(changed.protocol, official)).toEqual({
      status: 'differs',
      officialVersion: official.version,
      differences: [
        { line: 'votersOnList', copy: official.lines.votersOnList + 1, official: official.lines.votersOnList },
        { line: 'invalid', copy: official.lines.invalid + 3, official: official.lines.invalid },
        { line: `votes:${party}`, copy: assertDefined(official.votes[party]) - 3, official: official.votes[party] },
      ],
    });
  });

  it('a blank option on the copy counts 0, as on the paper form', () => {
    const rest = Object.fromEntries(Object.entries(official.votes).filter(([option]) => option !== party));
    const comparison = compareCopy(copyOf({ votes: rest }).protocol, official);
    expect(comparison.status === 'differs' && comparison.differences).toEqual(
      official.votes[party] === 0 ? false : [{ line: `votes:${party}`, copy: 0, official: official.votes[party] }],
    );
  });

  it('counts by region and for the country, each differing station once, rows in a stable order', () => {
    const differing = copyOf({ lines: { ...official.lines, invalid: official.lines.invalid + 1 } }, 'b-observer');
    const { rows, counts } = compareCopies(
      [differing, copyOf(), copyOf({}, 'c-observer')].map((copy, eventSeq) => ({ copy, organisation: 'O', eventSeq })),
      (stationId, contestId) =>
        stationId === official.stationId && contestId === official.contestId ? official : undefined,
      () => TINY.region,
    );
    expect(rows.map((row) => row.accreditation)).toEqual(['amanat-1', 'b-observer', 'c-observer']);
    expect(counts.get('')).toEqual({ copies: 3, matching: 2, differing: 1, awaitingOfficial: 0, stationsDiffering: 1 });
    expect(counts.get(TINY.region)).toEqual(counts.get(''));
  });
});

describe('a sample for a parallel vote tabulation (docs/law.md §10.2)', () => {
  const stations = ['KZ-35/PS-0001', 'KZ-35/PS-0002', 'KZ-35/PS-0003', 'KZ-35/PS-0004', 'KZ-71/PS-0001'];
  const seed = 'ab'.repeat(32);

  it('draws the stations of smallest SHA-256 of "<seed> <id>", whatever the order given, in id order', () => {
    const byHash = [...stations].sort((a, b) => {
      const [x, y] = [a, b].map((id) => createHash('sha256').update(`${seed} ${id}`).digest('hex'));
      return (x ?? '') < (y ?? '') ? -1 : 1;
    });
    const drawn = drawSample(stations, { seed, size: 3 });
    expect(drawn).toEqual(byHash.slice(0, 3).sort());
    expect(drawSample([...stations].reverse(), { seed, size: 3 })).toEqual(drawn);
    expect(drawSample(stations, { seed: 'cd'.repeat(32), size: 5 })).toEqual([...stations].sort());
  });

  it('estimates a share as a ratio, with the margin of a ratio estimator at 95 %', () => {
    // Three stations of a hundred: list A has 50/100, 80/200, 180/300 of the votes; B the rest, none against all.
    const copies = new Map(
      [
        [100, 50],
        [200, 80],
        [300, 180],
      ].map(([x, a], index) => [
        `S${index}`,
        {
          ...copyOf().protocol,
          lines: { ...official.lines, againstAll: 0 },
          votes: { A: a ?? 0, B: (x ?? 0) - (a ?? 0) },
        },
      ]),
    );
    const estimate = estimateShares(['S0', 'S1', 'S2'], (id) => copies.get(id), ['A', 'B'], 100, null);
    const a = assertDefined(estimate.shares[0]);
    expect(a.estimate).toBeCloseTo(310 / 600, 12);
    // SE² = (1 − 3/100) / (3 · 200²) · ((50 − 51.67)² + (80 − 103.33)² + (180 − 155)²) / 2
    const residuals = (50 - (310 / 600) * 100) ** 2 + (80 - (310 / 600) * 200) ** 2 + (180 - (310 / 600) * 300) ** 2;
    expect(a.margin).toBeCloseTo(1.96 * Math.sqrt((0.97 / (3 * 200 ** 2)) * (residuals / 2)), 12);
    expect(a.margin).toBeCloseTo(0.1349, 4);
    expect(estimate).toMatchObject({ drawn: 3, withCopies: 3 });
    // Every station sampled: no sampling error is left.
    expect(estimateShares(['S0', 'S1', 'S2'], (id) => copies.get(id), ['A', 'B'], 3, null).shares[0]?.margin).toBe(0);
    // A station without a copy is left out and counted as such.
    expect(estimateShares(['S0', 'S9'], (id) => copies.get(id), ['A', 'B'], 100, null)).toMatchObject({
      drawn: 2,
      withCopies: 1,
      shares: [{ option: 'A', estimate: 0.5, margin: null }, { option: 'B' }, { option: 'againstAll' }],
    });
  });

  it('is taken from the accredited key before the count, once; the same again changes nothing', () => {
    const sample = { accreditation: 'amanat-1', contestId: contestIdSchema.parse(TINY.majilisList), seed, size: 2 };
    const decide = (changes: Partial<Parameters<typeof decideSample>[1]> = {}) => {
      const decision = decideSample(sample, {
        election,
        accreditation: accreditation(),
        signer: KEY,
        counted: false,
        held: undefined,
        ...changes,
      });
      return decision.ok ? decision.value.kind : decision.error.code;
    };
    expect(decide()).toBe('drawn');
    expect(decide({ counted: true })).toBe('OBSERVER_SAMPLE_AFTER_COUNT');
    expect(decide({ held: sample, counted: true })).toBe('unchanged');
    expect(decide({ held: { ...sample, size: 3 } })).toBe('OBSERVER_SAMPLE_ALREADY_DRAWN');
    expect(decide({ signer: 'b'.repeat(64) })).toBe('OBSERVER_NOT_ACCREDITED');
  });
});

describe('a report of an irregularity (docs/law.md §10.2)', () => {
  const report = {
    accreditation: 'amanat-1',
    stationId: stationIdSchema.parse(TINY.cityStations[0]),
    category: 'carousel-voting' as const,
    observedAt: `${DAY}T05:30:00Z`,
    text: 'The same three voters came back twice',
  };
  const decide = (changes: Partial<Parameters<typeof decideIrregularity>[1]> = {}, changed: object = {}) => {
    const decision = decideIrregularity(
      { ...report, ...changed },
      { election, accreditation: accreditation(), signer: KEY, at: `${DAY}T06:00:00.000Z`, held: false, ...changes },
    );
    return decision.ok ? decision.value.kind : decision.error.code;
  };
  it('is taken from the accredited key, of a station in scope, seen and reported within the term', () => {
    expect(decide()).toBe('reported');
    expect(decide({ held: true })).toBe('unchanged');
    expect(decide({ signer: 'b'.repeat(64) })).toBe('OBSERVER_NOT_ACCREDITED');
    expect(decide({}, { stationId: TINY.cityStations[1] })).toBe('OBSERVER_OUT_OF_SCOPE');
    expect(decide({}, { stationId: 'KZ-35/PS-0999' })).toBe('DATASET_UNKNOWN_REFERENCE');
    expect(decide({}, { observedAt: '2023-03-17T10:00:00Z' })).toBe('OBSERVER_OUT_OF_TERM');
    expect(decide({ at: '2023-03-21T10:00:00.000Z' })).toBe('OBSERVER_OUT_OF_TERM');
    // Dated ahead of its act, a report would stay first in "latest seen" for good.
    expect(decide({}, { observedAt: `${DAY}T07:00:00Z` })).toBe('OBSERVER_SEEN_AFTER_REPORTED');
  });
  it('the same words give the same record key; other words another', () => {
    expect(irregularityKey(report)).toBe(irregularityKey({ ...report }));
    expect(irregularityKey(report)).not.toBe(irregularityKey({ ...report, text: `${report.text}.` }));
  });
});
