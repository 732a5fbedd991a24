import { PROTOCOL_LINES, type Protocol, type ProtocolLine } from '../model/protocol.ts';
import type { ProtocolCopy } from '../model/observer.ts';

// Observers' protocol copies against the official protocols (docs/law.md §10.2): line by line, each difference named.
// Pure and read-only: a copy is compared with the official figures and never moves one.

/** One figure where a copy and the official protocol differ: a protocol line, or an option's votes (line 10…). */
export interface CopyDifference {
  /** A line of the form by name, or `votes:<option id>`. */
  readonly line: ProtocolLine | `votes:${string}`;
  readonly copy: number;
  readonly official: number;
}

export type CopyComparison =
  /** No official protocol of the station and contest is accepted yet. */
  | { readonly status: 'awaiting-official' }
  | { readonly status: 'matches'; readonly officialVersion: number }
  | { readonly status: 'differs'; readonly officialVersion: number; readonly differences: readonly CopyDifference[] };

/**
 * A copy against the latest accepted version of the official protocol, in the form's order: lines 1–9, A, L, U, then
 * the votes by option id. An option missing on one side counts 0 there, as a blank box on the form does.
 */
export function compareCopy(copy: ProtocolCopy['protocol'], official: Protocol | undefined): CopyComparison {
  if (official === undefined) return { status: 'awaiting-official' };
  const differences: CopyDifference[] = [];
  for (const line of PROTOCOL_LINES) {
    const [ours, theirs] = [copy.lines[line], official.lines[line]];
    if (ours !== theirs) differences.push({ line, copy: ours, official: theirs });
  }
  const options = [...new Set([...Object.keys(official.votes), ...Object.keys(copy.votes)])].sort();
  for (const option of options) {
    const [ours, theirs] = [copy.votes[option] ?? 0, official.votes[option] ?? 0];
    if (ours !== theirs) differences.push({ line: `votes:${option}`, copy: ours, official: theirs });
  }
  return differences.length === 0
    ? { status: 'matches', officialVersion: official.version }
    : { status: 'differs', officialVersion: official.version, differences };
}

/** A copy as the discrepancy list shows it: whose, where, and how it compares. */
export interface CopyRow {
  readonly stationId: string;
  readonly contestId: string;
  readonly regionId: string | null;
  readonly accreditation: string;
  readonly organisation: string;
  /** The journal entry of the copy: anyone can look the signed act up. */
  readonly eventSeq: number;
  readonly comparison: CopyComparison;
}

/** How a region's copies (or the country's, under '') compare. */
export interface CopyCounts {
  copies: number;
  matching: number;
  differing: number;
  awaitingOfficial: number;
  /** Stations with at least one differing copy. */
  stationsDiffering: number;
}

export interface CopyComparisonInput {
  readonly copy: ProtocolCopy;
  readonly organisation: string;
  readonly eventSeq: number;
}

/**
 * Every copy compared with its official protocol, and counts by region and for the country (''): the public
 * discrepancy list. Rows in the order of station, contest and accreditation, so that the list reads the same every
 * time. `officialOf` looks up the accepted protocol; `regionOf` a station's region (null abroad).
 */
export function compareCopies(
  copies: Iterable<CopyComparisonInput>,
  officialOf: (stationId: string, contestId: string) => Protocol | undefined,
  regionOf: (stationId: string) => string | null,
): { readonly rows: CopyRow[]; readonly counts: Map<string, CopyCounts> } {
  const rows: CopyRow[] = [];
  for (const { copy, organisation, eventSeq } of copies) {
    const { stationId, contestId } = copy.protocol;
    rows.push({
      stationId,
      contestId,
      regionId: regionOf(stationId),
      accreditation: copy.accreditation,
      organisation,
      eventSeq,
      comparison: compareCopy(copy.protocol, officialOf(stationId, contestId)),
    });
  }
  rows.sort(
    (a, b) =>
      compareText(a.stationId, b.stationId) ||
      compareText(a.contestId, b.contestId) ||
      compareText(a.accreditation, b.accreditation),
  );
  const counts = new Map<string, CopyCounts>([['', emptyCounts()]]);
  const differingStations = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const area of row.regionId === null ? [''] : ['', row.regionId]) {
      let count = counts.get(area);
      if (count === undefined) counts.set(area, (count = emptyCounts()));
      count.copies += 1;
      if (row.comparison.status === 'matches') count.matching += 1;
      else if (row.comparison.status === 'differs') {
        count.differing += 1;
        let stations = differingStations.get(area);
        if (stations === undefined) differingStations.set(area, (stations = new Set()));
        stations.add(row.stationId);
      } else count.awaitingOfficial += 1;
    }
  }
  for (const [area, stations] of differingStations) {
    const count = counts.get(area);
    if (count !== undefined) count.stationsDiffering = stations.size;
  }
  return { rows, counts };
}

function emptyCounts(): CopyCounts {
  return { copies: 0, matching: 0, differing: 0, awaitingOfficial: 0, stationsDiffering: 0 };
}

/** Code-point order, the same in every locale: ids sort alike on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
