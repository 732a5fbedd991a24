import type { Election } from '../model/election.ts';
import type { Accreditation, CopySample, Irregularity, ProtocolCopy } from '../model/observer.ts';
import type { Protocol } from '../model/protocol.ts';
import { csvDocument } from '../export/csv.ts';
import { compareCopies, type CopyCounts, type CopyRow } from '../tally/protocol-copies.ts';
import { observerRecordOf, sampleFrame } from '../tally/observers.ts';
import { indexElection } from '../tally/intake.ts';
import { drawSample, estimateShares, type SampleEstimate } from '../tally/copy-sample.ts';

// The public discrepancy list (docs/site.md, "Observers' copies"): every observer's copy held in the records of
// election day, compared with the official protocol as it stands; what the site shows and offers as CSV and JSON.

export interface CopyDiscrepancies {
  /** Accreditations in the journal. */
  readonly observers: number;
  readonly counts: { readonly national: CopyCounts; readonly regions: Readonly<Record<string, CopyCounts>> };
  /** Each sample for a parallel vote tabulation, with its estimate beside the official shares. */
  readonly samples: readonly SampleRow[];
  /** Observers' reports of irregularities, latest seen first: public at once, as the observers' statements. */
  readonly irregularities: readonly IrregularityRow[];
  /** The copies that differ from their official protocol, each with every figure that differs. */
  readonly discrepancies: readonly (CopyRow & { readonly comparison: { readonly status: 'differs' } })[];
}

/** A report of an irregularity as the site shows it: the organisation, never the person (docs/site.md). */
export interface IrregularityRow extends Irregularity {
  readonly organisation: string;
  readonly regionId: string | null;
  readonly eventSeq: number;
}

/** A sample as the site shows it: whose, of which contest, drawn how, and what its copies estimate. */
export interface SampleRow extends CopySample, SampleEstimate {
  readonly organisation: string;
}

/**
 * The discrepancy list from the records of election day (key → text, as the store holds them) and the official
 * protocols; `officialOf` gives a station's current protocol of a contest. Copies of stations the election does not
 * have are left out: the journal holds none (verify checks it), and the list should not have to trust that.
 */
export function copyDiscrepancies(
  records: ReadonlyMap<string, string>,
  election: Election,
  officialOf: (stationId: string, contestId: string) => Protocol | undefined,
): CopyDiscrepancies {
  const regionOf = new Map(election.stations.map((station) => [station.id as string, station.regionId]));
  const accreditations = new Map<string, Accreditation>();
  const copies: { copy: ProtocolCopy; eventSeq: number }[] = [];
  const samples: CopySample[] = [];
  const reports: { report: Irregularity; eventSeq: number }[] = [];
  for (const [key, text] of records) {
    if (key.startsWith('observer ')) {
      const { value } = observerRecordOf<Accreditation>(text);
      accreditations.set(value.id, value);
    } else if (key.startsWith('sample ')) samples.push(observerRecordOf<CopySample>(text).value);
    else if (key.startsWith('irregularity ')) {
      const { value, eventSeq } = observerRecordOf<Irregularity>(text);
      if (regionOf.has(value.stationId)) reports.push({ report: value, eventSeq });
    } else if (key.startsWith('copy ')) {
      const { value, eventSeq } = observerRecordOf<ProtocolCopy>(text);
      if (regionOf.has(value.protocol.stationId)) copies.push({ copy: value, eventSeq });
    }
  }
  const { rows, counts } = compareCopies(
    copies.map(({ copy, eventSeq }) => ({
      copy,
      eventSeq,
      organisation: accreditations.get(copy.accreditation)?.organisation ?? '',
    })),
    officialOf,
    (stationId) => regionOf.get(stationId) ?? null,
  );
  const national = counts.get('') ?? {
    copies: 0,
    matching: 0,
    differing: 0,
    awaitingOfficial: 0,
    stationsDiffering: 0,
  };
  return {
    observers: accreditations.size,
    counts: {
      national,
      regions: Object.fromEntries([...counts].filter(([area]) => area !== '').sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    samples: samples.flatMap((sample) => {
      const accreditation = accreditations.get(sample.accreditation);
      return accreditation === undefined ? [] : [sampleRow(sample, accreditation, { election, copies, officialOf })];
    }),
    irregularities: reports
      .map(({ report, eventSeq }) => ({
        ...report,
        organisation: accreditations.get(report.accreditation)?.organisation ?? '',
        regionId: regionOf.get(report.stationId) ?? null,
        eventSeq,
      }))
      // Latest seen first, by instant (texts of instants with and without seconds do not sort as times).
      .sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt) || b.eventSeq - a.eventSeq),
    discrepancies: rows.filter(
      (row): row is CopyRow & { comparison: { status: 'differs' } } => row.comparison.status === 'differs',
    ),
  };
}

/**
 * A sample drawn again from its seed over its frame (the contest's stations in the accreditation's scope) and
 * estimated from the accreditation's own copies at the sampled stations, beside the official shares of the same frame
 * once all of it is counted.
 */
function sampleRow(
  sample: CopySample,
  accreditation: Accreditation,
  {
    election,
    copies,
    officialOf,
  }: {
    election: Election;
    copies: readonly { copy: ProtocolCopy }[];
    officialOf: (stationId: string, contestId: string) => Protocol | undefined;
  },
): SampleRow {
  const frame = sampleFrame(election, accreditation, sample.contestId);
  const sampled = drawSample(frame, sample);
  // Only the sample's own accreditation's copies: anyone may name an organisation, and the sampled stations are public
  // from the seed, so copies of others at those stations could steer the estimate.
  const ownCopies = new Map<string, ProtocolCopy['protocol']>();
  for (const { copy } of copies)
    if (copy.accreditation === sample.accreditation && copy.protocol.contestId === sample.contestId)
      ownCopies.set(copy.protocol.stationId, copy.protocol);
  const contest = indexElection(election).contests.get(sample.contestId);
  const options = contest?.options.map((option) => option.id) ?? [];
  const official = new Map<string, bigint>();
  let counted = 0;
  for (const stationId of frame) {
    const protocol = officialOf(stationId, sample.contestId);
    if (protocol === undefined) continue;
    counted += 1;
    for (const option of options)
      official.set(option, (official.get(option) ?? 0n) + BigInt(protocol.votes[option] ?? 0));
    official.set('againstAll', (official.get('againstAll') ?? 0n) + BigInt(protocol.lines.againstAll));
  }
  // The official shares once every station of the frame is counted: a partial count is another population.
  const estimate = estimateShares(
    sampled,
    (id) => ownCopies.get(id),
    options,
    frame.length,
    counted === frame.length ? official : null,
  );
  return { ...sample, organisation: accreditation.organisation, ...estimate };
}

/** The discrepancy list as CSV: one row per figure that differs, with the journal entry of the copy. */
export function discrepanciesCsv(list: CopyDiscrepancies): string {
  return csvDocument(
    [
      'station',
      'region',
      'contest',
      'accreditation',
      'organisation',
      'line',
      'copy',
      'official',
      'official_version',
      'journal_seq',
    ],
    list.discrepancies.flatMap((row) =>
      row.comparison.differences.map((difference) => [
        row.stationId,
        row.regionId ?? '',
        row.contestId,
        row.accreditation,
        row.organisation,
        difference.line,
        difference.copy,
        difference.official,
        row.comparison.officialVersion,
        row.eventSeq,
      ]),
    ),
  );
}
