import type { Election } from '../model/election.ts';
import type { Accreditation, ProtocolCopy } from '../model/observer.ts';
import type { Protocol } from '../model/protocol.ts';
import { csvDocument } from '../export/csv.ts';
import { compareCopies, type CopyCounts, type CopyRow } from '../tally/protocol-copies.ts';
import { observerRecordOf } from '../tally/observers.ts';

// The public discrepancy list (docs/site.md, "Observers' copies"): every observer's copy held in the records of
// election day, compared with the official protocol as it stands; what the site shows and offers as CSV and JSON.

export interface CopyDiscrepancies {
  /** Accreditations in the journal. */
  readonly observers: number;
  readonly counts: { readonly national: CopyCounts; readonly regions: Readonly<Record<string, CopyCounts>> };
  /** The copies that differ from their official protocol, each with every figure that differs. */
  readonly discrepancies: readonly (CopyRow & { readonly comparison: { readonly status: 'differs' } })[];
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
  const organisations = new Map<string, string>();
  const copies: { copy: ProtocolCopy; eventSeq: number }[] = [];
  for (const [key, text] of records) {
    if (key.startsWith('observer ')) {
      const { value } = observerRecordOf<Accreditation>(text);
      organisations.set(value.id, value.organisation);
    } else if (key.startsWith('copy ')) {
      const { value, eventSeq } = observerRecordOf<ProtocolCopy>(text);
      if (regionOf.has(value.protocol.stationId)) copies.push({ copy: value, eventSeq });
    }
  }
  const { rows, counts } = compareCopies(
    copies.map(({ copy, eventSeq }) => ({
      copy,
      eventSeq,
      organisation: organisations.get(copy.accreditation) ?? '',
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
    observers: organisations.size,
    counts: {
      national,
      regions: Object.fromEntries([...counts].filter(([area]) => area !== '').sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    discrepancies: rows.filter(
      (row): row is CopyRow & { comparison: { status: 'differs' } } => row.comparison.status === 'differs',
    ),
  };
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
