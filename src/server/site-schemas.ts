import { z } from 'zod';
import { bodySchema, candidateSchema, contestSchema, electionSchema, stationSchema } from '../model/election.ts';
import { bigCountSchema, protocolSchema } from '../model/protocol.ts';
import { TURNOUT_HOURS } from '../model/turnout-report.ts';
import { irregularitySchema } from '../model/observer.ts';
import { complaintDecisionSchema, complaintSchema, violationCaseSchema } from '../model/complaint.ts';
import {
  bodyResultSchema,
  listContestResultSchema,
  smdContestResultSchema,
  totalsSchema,
} from '../model/results-document.ts';

/**
 * The answers of /api/site/…, for the OpenAPI document and so for the site's generated API types
 * (docs/site.md, "Boundaries"); the server's tests parse real answers with them.
 */
const contestResult = z.discriminatedUnion('kind', [listContestResultSchema, smdContestResultSchema]);
/** What a page needs of a district candidate (site-routes.ts, `candidateCard`). */
export const candidateCard = z.strictObject(
  candidateSchema.pick({ id: true, contestId: true, name: true, nomination: true, nominatedBy: true, status: true })
    .shape,
);

/** Participation of a place in one contest (src/tally/turnout.ts): lines 1, 3 + 4 and 7 + 8, summed exactly. */
export const turnoutSchema = z.strictObject({
  votersOnList: bigCountSchema,
  ballotsIssued: bigCountSchema,
  ballotsCast: bigCountSchema,
});

/** A place's sums of one contest, with its turnout. */
const placeTotals = z.strictObject({ ...totalsSchema.shape, turnout: turnoutSchema });

export const overviewResponse = z.strictObject(
  electionSchema.pick({ event: true, parties: true, regions: true, territories: true, bodies: true }).shape,
);

export const bodyPageResponse = z.strictObject({
  body: bodySchema,
  result: bodyResultSchema.nullable(),
  contests: z.array(
    z.strictObject({ contest: contestSchema, result: contestResult.nullable(), turnout: turnoutSchema.nullable() }),
  ),
  candidates: z.array(candidateCard),
});

/** One hour of turnout through the day (src/tally/turnout-day.ts, `sumTurnout`): the stations that had reported. */
const turnoutHour = z.strictObject({
  hour: z.enum(TURNOUT_HOURS),
  stationsReported: z.number(),
  votersOnList: bigCountSchema,
  received: bigCountSchema,
});

/** Turnout through election day (docs/law.md §10.1), nationally and for each region, hour by hour. */
export const turnoutDayResponse = z.strictObject({
  hours: z.array(z.enum(TURNOUT_HOURS)),
  /** Stations that issue the Majilis party-list ballot: how many a complete hour is made of. */
  stationsExpected: z.number(),
  national: z.array(turnoutHour),
  regions: z.record(z.string(), z.array(turnoutHour)),
  /** A previous election's national share at each hour, in percent, when the server was given one. */
  previous: z
    .strictObject({
      date: z.string(),
      national: z.array(z.strictObject({ hour: z.enum(TURNOUT_HOURS), percent: z.number() })),
    })
    .nullable(),
});

export const regionsResponse = z.strictObject({
  contestId: z.string(),
  regions: z.record(z.string(), placeTotals),
});

export const regionPageResponse = z.strictObject({
  regionId: z.string(),
  contestId: z.string(),
  /** The region as a whole, then each of its territories (a region without any is its own). */
  totals: placeTotals,
  territories: z.record(z.string(), placeTotals),
  stations: z.array(
    z.strictObject({
      id: z.string(),
      territoryId: z.string().nullable(),
      setting: stationSchema.shape.setting,
      contests: z.number().int(),
      counted: z.number().int(),
    }),
  ),
});

/**
 * An allocation as `saylau allocate --json` writes it (src/law/allocation-json.ts); the steps as
 * docs/law.md lists them.
 */
const allocation = z.looseObject({
  status: z.enum(['complete', 'no-list-admitted', 'lots-required']),
  seats: z.record(z.string(), z.number()),
  vacant: z.record(z.string(), z.number()),
  vacantSeats: z.number(),
  admitted: z.array(z.string()),
  tied: z.array(z.string()).optional(),
  seatsAtStake: z.number().optional(),
  rules: z.looseObject({ name: z.string().nullable() }),
  uncertain: z.array(z.string()),
  steps: z.array(z.looseObject({ kind: z.string() })),
});

export const contestPageResponse = z.strictObject({
  contest: contestSchema,
  candidates: z.array(candidateSchema),
  result: contestResult.nullable(),
  turnout: turnoutSchema.nullable(),
  /** The regions whose stations issue the contest's ballot (none for a contest only abroad). */
  regions: z.array(z.string()),
  allocation: allocation.nullable(),
  /** Each step of the allocation as a sentence, in every language. */
  steps: z.strictObject({ kk: z.array(z.string()), ru: z.array(z.string()), en: z.array(z.string()) }).nullable(),
});

/** The key `saylau verify --trust` pins: the journal's first entry, the CEC registering itself. */
export const cecKeyResponse = z.strictObject({
  holder: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
});

export const stationPageResponse = z.strictObject({
  station: stationSchema,
  contests: z.array(
    z.strictObject({
      contest: contestSchema,
      candidates: z.array(candidateCard),
      /** From the station's current protocol of the contest; null before it is counted. */
      turnout: turnoutSchema.nullable(),
    }),
  ),
  protocols: z.array(protocolSchema),
});

/** How a region's (or the country's) observers' copies compare with the official protocols (docs/law.md §10.2). */
const copyCounts = z.strictObject({
  copies: z.number(),
  matching: z.number(),
  differing: z.number(),
  awaitingOfficial: z.number(),
  stationsDiffering: z.number(),
});

/** The public discrepancy list: counts, then every copy that differs, figure by figure. */
export const copiesResponse = z.strictObject({
  observers: z.number(),
  counts: z.strictObject({ national: copyCounts, regions: z.record(z.string(), copyCounts) }),
  /** Observers' reports of irregularities, latest seen first (docs/law.md §10.2). */
  irregularities: z.array(
    z.strictObject({
      ...irregularitySchema.shape,
      organisation: z.string(),
      regionId: z.string().nullable(),
      eventSeq: z.number(),
    }),
  ),
  /** Samples for a parallel vote tabulation, each share estimated with its 95 % margin beside the official one. */
  samples: z.array(
    z.strictObject({
      accreditation: z.string(),
      organisation: z.string(),
      contestId: z.string(),
      seed: z.string(),
      size: z.number(),
      drawn: z.number(),
      withCopies: z.number(),
      shares: z.array(
        z.strictObject({
          option: z.string(),
          estimate: z.number(),
          margin: z.number().nullable(),
          official: z.number().nullable(),
        }),
      ),
    }),
  ),
  discrepancies: z.array(
    z.strictObject({
      stationId: z.string(),
      contestId: z.string(),
      regionId: z.string().nullable(),
      accreditation: z.string(),
      organisation: z.string(),
      eventSeq: z.number(),
      comparison: z.strictObject({
        status: z.literal('differs'),
        officialVersion: z.number(),
        differences: z.array(z.strictObject({ line: z.string(), copy: z.number(), official: z.number() })),
      }),
    }),
  ),
});

/** The public register of complaints and administrative cases (docs/law.md §10.3; docs/site.md, "The register"). */
export const registerResponse = z.strictObject({
  complaints: z.array(
    z.strictObject({
      id: z.string(),
      complainantKind: complaintSchema.shape.complainant.shape.kind,
      complainant: z.strictObject({ kk: z.string(), ru: z.string(), en: z.string() }),
      commissionId: z.string(),
      stationId: z.string().nullable(),
      regionId: z.string().nullable(),
      subject: z.string(),
      filedAt: z.string(),
      due: z.string(),
      status: z.enum(['upheld', 'rejected', 'pending', 'overdue']),
      filedSeq: z.number(),
      decision: z.strictObject({ ...complaintDecisionSchema.shape, seq: z.number() }).nullable(),
    }),
  ),
  violations: z.array(z.strictObject({ ...violationCaseSchema.shape, seq: z.number() })),
});
