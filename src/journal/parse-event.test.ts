import { describe, expect, it } from 'vitest';
import { CALENDAR_2023, MINIMUM_WAGE_2023 } from '../law/registration-rules.ts';
import { nominationSchema, withdrawalSchema } from '../model/nomination.ts';
import { protocolSchema } from '../model/protocol.ts';
import { turnoutReportSchema } from '../model/turnout-report.ts';
import { commissionIdSchema, contestIdSchema, regionIdSchema, stationIdSchema } from '../model/ids.ts';
import { eventHash, GENESIS, type SealedEvent } from './event.ts';
import { eventBodyOf, type JournalEventType, type JournalPayload, journalPayloadSchemas, payloadOf } from './events.ts';
import { generateSigningKey, signDigest } from './keys.ts';
import { malformedProblem, parseJournalEvent } from './parse-event.ts';

// Ids of the refusal deck's election (src/registration/refusal-deck/election.json).
const district = 'majilis/smd-09';
const candidateId = `${district}/r-1`;
const key = generateSigningKey();
const protocol = protocolSchema.parse({
  stationId: 'KZ-11/PS-0189',
  contestId: 'majilis/list',
  version: 1,
  lines: {
    votersOnList: 1000,
    ballotsReceived: 900,
    issuedInPremises: 700,
    issuedOutside: 50,
    absentee: 0,
    cancelled: 150,
    foundStationary: 700,
    foundMobile: 50,
    invalid: 10,
    againstAll: 40,
  },
  votes: { amanat: 500, respublica: 200 },
});
const nomination = nominationSchema.parse({
  id: 'r-1',
  contestId: district,
  nomination: 'self-nominated',
  nominatedBy: null,
  submittedAt: '2023-02-01T10:00',
  candidates: [
    {
      id: candidateId,
      personId: 'R1',
      name: { kk: 'Кандидат Бір', ru: 'Кандидат Один', latin: 'Candidate One' },
      birthDate: '1980-01-01',
      gender: 'female',
      disability: false,
      citizen: true,
      residenceYears: 30,
      residesInRegion: true,
      criminalRecord: false,
      corruptionOffence: false,
      legallyIncapable: false,
      partyMember: null,
      depositPaid: 1_050_000,
      documents: ['consent', 'declaration'],
    },
  ],
});

const withdrawal = withdrawalSchema.parse({
  candidateId,
  kind: 'withdrawn',
  at: '2023-03-01T10:00',
  reason: 'by own wish',
});

/** One valid payload of every type, as the code that appends them writes them. */
const EXAMPLES: readonly JournalPayload[] = [
  {
    type: 'key-registered',
    holder: 'cec',
    role: 'central-commission',
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
  },
  {
    type: 'key-registered',
    holder: 'op1',
    role: 'operator',
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    commission: 'KZ-11/D01/tec',
  },
  { type: 'election-defined', electionId: 'refusal-deck', electionSha256: 'a'.repeat(64) },
  { type: 'account-disabled', holder: 'op1', by: 'admin', reason: 'left the commission' },
  { type: 'account-enabled', holder: 'op1', by: 'cec', reason: 'back' },
  { type: 'protocol-entered', protocol, entry: 1, reason: null },
  { type: 'protocol-resolved', protocol },
  { type: 'protocol-accepted', protocol, acknowledged: ['CHECK_TURNOUT_OVER_100'], via: 'entry', reason: null },
  { type: 'lots-drawn', contestId: district, order: [candidateId, `${district}/r-2`] },
  {
    type: 'summary-approved',
    commissionId: 'cec',
    contestId: 'majilis/list',
    summarySha256: 'b'.repeat(64),
    stationsCounted: 1,
  },
  { type: 'results-certified', bodyId: 'majilis' },
  {
    type: 'turnout-reported',
    report: turnoutReportSchema.parse({ stationId: 'KZ-11/PS-0189', hour: '20:00', votersOnList: 1200, received: 655 }),
    reason: 'miscounted at the close',
  },
  {
    type: 'observer-accredited',
    accreditation: {
      id: 'osce-odihr-1',
      person: 'Jane Doe',
      organisation: 'OSCE/ODIHR',
      sender: 'international-mission',
      senderId: null,
      scope: { kind: 'country' },
      from: '2023-02-01',
      until: '2023-03-31',
      key: 'c'.repeat(64),
    },
  },
  {
    type: 'protocol-copy-entered',
    copy: {
      accreditation: 'osce-odihr-1',
      protocol: {
        stationId: stationIdSchema.parse('KZ-11/PS-0189'),
        contestId: contestIdSchema.parse('majilis/list'),
        lines: {
          votersOnList: 1200,
          ballotsReceived: 1200,
          issuedInPremises: 600,
          issuedOutside: 55,
          absentee: 0,
          cancelled: 545,
          foundStationary: 600,
          foundMobile: 55,
          invalid: 10,
          againstAll: 5,
          lost: 0,
          unaccounted: 0,
        },
        votes: { amanat: 640 },
      },
    },
  },
  {
    type: 'copy-sample-drawn',
    sample: {
      accreditation: 'osce-odihr-1',
      contestId: contestIdSchema.parse('majilis/list'),
      seed: 'a'.repeat(64),
      size: 300,
    },
  },
  {
    type: 'irregularity-reported',
    report: {
      accreditation: 'osce-odihr-1',
      stationId: stationIdSchema.parse('KZ-11/PS-0189'),
      category: 'carousel-voting',
      observedAt: '2023-03-19T05:30:00Z',
      text: 'The same voters came back',
    },
  },
  {
    type: 'complaint-filed',
    complaint: {
      id: 'c-1',
      complainant: { kind: 'voter', name: 'Айгерім Әбенова', ref: null },
      against: {
        commissionId: commissionIdSchema.parse('KZ-11/PS-0189/pec'),
        stationId: stationIdSchema.parse('KZ-11/PS-0189'),
      },
      subject: 'Observers removed during the count',
      filedAt: '2023-03-19T16:00:00Z',
    },
  },
  {
    type: 'complaint-decided',
    decision: {
      complaintId: 'c-1',
      outcome: 'upheld',
      reason: 'Confirmed by the video',
      consequences: [
        {
          kind: 'annulment',
          stationId: stationIdSchema.parse('KZ-11/PS-0189'),
          contestIds: [contestIdSchema.parse('majilis/list')],
        },
        { kind: 'referral', to: 'prosecutor' },
      ],
    },
  },
  {
    type: 'violation-recorded',
    violation: {
      id: 'v-1',
      authority: 'Prosecutor',
      article: '102',
      type: 'illegal-campaigning',
      regionId: regionIdSchema.parse('KZ-11'),
      outcome: 'fine',
      recordedAt: '2023-03-10T09:00:00Z',
    },
  },
  { type: 'nomination-submitted', nomination },
  {
    type: 'registration-decided',
    nominationId: 'r-1',
    decidedAt: '2023-02-10T12:00',
    calendar: CALENDAR_2023,
    minimumWage: MINIMUM_WAGE_2023,
    registered: [],
    refusals: [{ code: 'NOMINATION_DEPOSIT_NOT_PAID', candidateIds: [candidateId], params: { paid: 1, required: 2 } }],
  },
  {
    type: 'candidate-withdrawn',
    withdrawal,
    calendar: CALENDAR_2023,
  },
  { type: 'contest-postponed', contestId: district, at: '2023-03-01T10:00', reason: 'all-candidates-withdrawn' },
  { type: 'deputies-chosen', bodyId: 'majilis', partyId: 'amanat', seats: 1, chosen: [withdrawal.candidateId] },
  { type: 'mandate-vacated', bodyId: 'majilis', partyId: 'amanat', candidateId, reason: 'resigned' },
  { type: 'mandate-filled', bodyId: 'majilis', partyId: 'amanat', candidateId },
  {
    type: 'key-revoked',
    fingerprint: key.fingerprint,
    by: 'cec',
    reason: 'laptop stolen',
    voidFrom: '2023-03-19T18:00:00.000Z',
  },
  {
    type: 'log-key-registered',
    origin: 'saylau/kz-2023-03-19',
    verifierKey: `saylau/kz-2023-03-19+0a1b2c3d+${Buffer.from([1, ...new Array<number>(32).fill(7)]).toString('base64')}`,
  },
  {
    type: 'witness-registered',
    organisation: 'OSCE/ODIHR',
    name: 'osce.example/odihr',
    verifierKey: `osce.example/odihr+0a1b2c3d+${Buffer.from([4, ...new Array<number>(32).fill(9)]).toString('base64')}`,
  },
  {
    type: 'witness-deregistered',
    verifierKey: `osce.example/odihr+0a1b2c3d+${Buffer.from([4, ...new Array<number>(32).fill(9)]).toString('base64')}`,
    reason: 'the mission withdrew',
  },
];

/** The payloads as a signed chain, each event's type on the envelope: what the store and a bundle hold. */
function sealed(payloads: readonly JournalPayload[]): SealedEvent[] {
  let prev = GENESIS;
  return payloads.map((payload, index) => {
    const unsigned = {
      seq: index + 1,
      prev,
      actor: key.fingerprint,
      at: '2023-03-19T20:00:00.000Z',
      ...eventBodyOf(payload),
    };
    const hash = eventHash(unsigned);
    prev = hash;
    return { ...unsigned, hash, signature: signDigest(hash, key) };
  });
}

/** A copy of a JSON value with one change: what a dishonest signer could have signed instead. */
function edited(event: SealedEvent, change: (event: Record<string, unknown>) => void): SealedEvent {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  change(copy);
  return copy as unknown as SealedEvent;
}

function refusal(raw: unknown): { path: string; problem: string } {
  const parsed = parseJournalEvent(raw);
  if (parsed.ok) throw new Error('parsed what it should refuse');
  return { path: parsed.error.path, problem: malformedProblem(parsed.error) };
}

describe('parseJournalEvent', () => {
  it('parses one event of every type into the event that was signed, nothing added or dropped', () => {
    expect(new Set(EXAMPLES.map((payload) => payload.type))).toEqual(
      new Set(Object.keys(journalPayloadSchemas) as JournalEventType[]),
    );
    for (const event of sealed(EXAMPLES)) {
      const parsed = parseJournalEvent(JSON.parse(JSON.stringify(event)));
      expect(parsed, event.type).toEqual({ ok: true, value: event });
      if (!parsed.ok) continue;
      expect(eventHash(parsed.value)).toBe(event.hash);
      expect(payloadOf(parsed.value).type).toBe(event.type);
    }
  });

  it('refuses a missing field, a wrong type, a field no schema names and an unknown type, naming where', () => {
    const [, , , , , , , accepted] = sealed(EXAMPLES);
    if (accepted?.type !== 'protocol-accepted') throw new Error('the examples changed order');
    expect(refusal(edited(accepted, (e) => delete (e.payload as Record<string, unknown>).via))).toMatchObject({
      path: 'payload.via',
    });
    const wrongType = refusal(
      edited(accepted, (e) => {
        (e.payload as { protocol: { lines: Record<string, unknown> } }).protocol.lines.invalid = '10';
      }),
    );
    expect(wrongType.path).toBe('payload.protocol.lines.invalid');
    expect(wrongType.problem).toContain('expected number');
    // Strict at every level: a signed event holds nothing a reader would drop without a word.
    expect(refusal(edited(accepted, (e) => Object.assign(e.payload as object, { note: 'x' })))).toEqual({
      path: 'payload.note',
      problem: 'payload.note: not a field of this event type',
    });
    expect(
      refusal(
        edited(accepted, (e) =>
          Object.assign((e.payload as { protocol: { lines: object } }).protocol.lines, { spoiled: 1 }),
        ),
      ).path,
    ).toBe('payload.protocol.lines.spoiled');
    // A default of the intake form is not filled in: the protocol signed had every line.
    expect(
      refusal(
        edited(accepted, (e) => delete (e.payload as { protocol: { lines: { lost?: number } } }).protocol.lines.lost),
      ).path,
    ).toBe('payload.protocol.lines.lost');
    expect(refusal(edited(accepted, (e) => (e.type = 'protocol-burned')))).toEqual({
      path: 'type',
      problem: 'type: unknown event type "protocol-burned"',
    });
    expect(refusal(edited(accepted, (e) => (e.payload = null))).path).toBe('payload');
    expect(refusal(edited(accepted, (e) => (e.seq = 1.5))).path).toBe('seq');
    expect(refusal([accepted]).problem).toBe('not an object');
  });

  it('refuses malformed registration payloads deep inside, and a refusal code that is no message code', () => {
    const events = sealed(EXAMPLES);
    const submitted = events.find((event) => event.type === 'nomination-submitted') as SealedEvent;
    expect(
      refusal(
        edited(submitted, (e) =>
          Object.assign(
            (e.payload as { nomination: { candidates: { name: object }[] } }).nomination.candidates[0]!.name,
            {
              nickname: 'x',
            },
          ),
        ),
      ).path,
    ).toBe('payload.nomination.candidates[0].name.nickname');
    const decided = events.find((event) => event.type === 'registration-decided') as SealedEvent;
    expect(
      refusal(
        edited(decided, (e) => ((e.payload as { refusals: { code: string }[] }).refusals[0]!.code = 'NOT_A_CODE')),
      ),
    ).toMatchObject({ path: 'payload.refusals[0].code' });
    const withdrawn = events.find((event) => event.type === 'candidate-withdrawn') as SealedEvent;
    // Journals written before the calendar was recorded: 2023's applied (src/registration/recheck.ts).
    expect(parseJournalEvent(edited(withdrawn, (e) => delete (e.payload as { calendar?: unknown }).calendar)).ok).toBe(
      true,
    );
  });
});
