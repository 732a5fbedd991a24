import { z } from 'zod';

/**
 * The answer of `GET /api/analysis/forensics` (docs/forensics.md): the report of
 * src/analysis/forensics/analyse.ts with the journal head and the contest. For the OpenAPI
 * document and the site's generated types; test/forensics-server.test.ts parses a real answer.
 */
const integerCount = z.strictObject({
  observed: z.number(),
  expected: z.number(),
  excess: z.number(),
  sd: z.number(),
  z: z.number(),
});
const flagReason = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('turnout-and-leader-high'), turnout: z.number(), leaderShare: z.number() }),
  z.strictObject({ kind: z.literal('identical-protocol'), other: z.string() }),
  z.strictObject({ kind: z.literal('control-relation'), codes: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('protocol-warning'), codes: z.array(z.string()) }),
  z.strictObject({
    kind: z.literal('district-outlier'),
    statistic: z.enum(['turnout', 'leader-share']),
    value: z.number(),
    median: z.number(),
    mad: z.number(),
    z: z.number(),
  }),
]);

export const forensicsResponse = z.strictObject({
  seq: z.number().int(),
  contestId: z.string(),
  format: z.literal('saylau-forensics/1'),
  stations: z.number().int(),
  options: z.array(z.string()),
  leader: z.strictObject({ id: z.string(), votes: z.number(), share: z.number().nullable() }).nullable(),
  /** Every parameter of the analysis (src/analysis/forensics/parameters.ts), the seed among them. */
  parameters: z.looseObject({ runs: z.number(), seed: z.number(), highPercent: z.number(), outlierZ: z.number() }),
  fingerprint: z.strictObject({ bins: z.number(), stations: z.number(), counts: z.array(z.array(z.number())) }),
  integerPercent: z.strictObject({
    stations: z.number(),
    runs: z.number(),
    seed: z.number(),
    turnout: integerCount,
    leaderShare: integerCount,
    either: integerCount,
  }),
  shpilkin: z.strictObject({
    modalBin: z.number().nullable(),
    ratio: z.number().nullable(),
    anomalousVotes: z.number(),
    cleanLeaderShare: z.number().nullable(),
    leaderShare: z.number().nullable(),
    bins: z.array(
      z.strictObject({
        bin: z.number(),
        stations: z.number(),
        votersOnList: z.number(),
        issued: z.number(),
        found: z.number(),
        leader: z.number(),
        others: z.number(),
        cleanLeader: z.number().nullable(),
      }),
    ),
  }),
  digits: z.array(
    z.strictObject({
      test: z.enum(['second-digit-benford', 'last-digit-uniform']),
      series: z.enum(['leader', 'all-options']),
      counts: z.number(),
      observed: z.array(z.number()),
      expected: z.array(z.number()),
      chiSquare: z.number(),
      degreesOfFreedom: z.number(),
      pValue: z.number(),
      weakScreen: z.literal(true),
    }),
  ),
  flagCounts: z.record(z.string(), z.number()),
  flags: z.array(z.strictObject({ stationId: z.string(), district: z.string(), reasons: z.array(flagReason) })),
});
