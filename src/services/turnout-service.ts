import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { RefusalParams } from '../model/refusal.ts';
import { TURNOUT_HOURS, type TurnoutReport } from '../model/turnout-report.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { type ActSigner, signsLocally } from '../journal/act.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { authorityRefusal, commissionParents } from '../tally/entry-authority.ts';
import {
  decideTurnoutReport,
  finalTurnoutOf,
  TURNOUT_CONTEST,
  turnoutKey,
  turnoutRecordOf,
  turnoutRecordText,
} from '../tally/turnout-day.ts';
import { entryActorOf } from './act-author.ts';
import { append, BatchRefused, type PlannedAct } from './journal-append.ts';
import { journalActScope } from '../store/act-scope.ts';
import { importInBatches, type Sharing } from './intake-preparation.ts';
import { type PreparedReport, reportHere, TurnoutPreparation } from './turnout-preparation.ts';

/** What a turnout import did with each report (docs/law.md §10.1). */
export interface TurnoutIngestSummary {
  reported: number;
  corrected: number;
  unchanged: number;
  /** Reports taken with a warning: they disagree with the station's protocol, which stands. */
  warned: number;
  refused: number;
  readonly refusals: { index: number; stationId?: string; hour?: string; code: MessageCode; params: RefusalParams }[];
  readonly warnings: { index: number; stationId: string; hour: string; code: MessageCode; params: RefusalParams }[];
}

/**
 * `saylau turnout`: stations' reports of how many voters have received a ballot, each signed by `signer` and journaled
 * as `turnout-reported`, in batches that commit one by one (safe to run again: a report the journal holds is
 * unchanged). A report of an hour already reported is a correction, taken only with `reason`. Each report is refused
 * with a code when it is not of the schema, of an unknown station, outside the signer's commission, or breaks a rule
 * of the day; one that disagrees with the station's protocol is taken with a warning.
 */
export async function ingestTurnout({
  store,
  election,
  documents,
  signer,
  reason = null,
  batchSize = 5000,
  onProgress,
  sharing,
}: {
  store: Store;
  election: Election;
  documents: readonly unknown[];
  signer: ActSigner;
  reason?: string | null;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** How the two threads share a batch (intake-preparation.ts): its defaults, unless a test asks for smaller parts. */
  sharing?: Sharing;
}): Promise<TurnoutIngestSummary> {
  // The records of the day have a table of their own since schema version 8.
  await store.migrate();
  const summary: TurnoutIngestSummary = {
    reported: 0,
    corrected: 0,
    unchanged: 0,
    warned: 0,
    refused: 0,
    refusals: [],
    warnings: [],
  };
  const thisImport: TurnoutImport = {
    election,
    signer,
    reason,
    stationCommission: new Map(election.stations.map((station) => [station.id as string, station.commissionId])),
    parents: commissionParents(election),
    summary,
  };
  // The batches are parsed, and their first reports' acts signed, on both threads, each the next while the one before
  // it is written (turnout-preparation.ts), as the protocols of a bulk import are.
  const preparation =
    documents.length > batchSize && signsLocally(signer)
      ? new TurnoutPreparation(await journalActScope(store, election.event.id), signer, sharing)
      : null;
  await importInBatches({
    documents,
    batchSize,
    preparation,
    here: reportHere,
    write: (offers, start) => store.write((writer) => ingestBatch(writer, thisImport, offers, start)),
    onProgress,
  });
  return summary;
}

/** What every batch of one turnout import shares: its election, signer and reason, and the summary it adds to. */
interface TurnoutImport {
  readonly election: Election;
  readonly signer: ActSigner;
  readonly reason: string | null;
  readonly stationCommission: ReadonlyMap<string, string>;
  readonly parents: ReturnType<typeof commissionParents>;
  readonly summary: TurnoutIngestSummary;
}

/**
 * One batch, decided and journaled in `writer`'s transaction, its outcomes counted from `start`. Returns how many
 * first reports it took.
 */
async function ingestBatch(
  writer: StoreWriter,
  { election, signer, reason, stationCommission, parents, summary }: TurnoutImport,
  offers: readonly PreparedReport[],
  start: number,
): Promise<number> {
  await writer.head();
  const author = await writer.signingKey(signer.fingerprint);
  const stations = [...new Set(offers.flatMap((offer) => (offer.kind === 'report' ? [offer.report.stationId] : [])))];
  // The stations' reports so far and their protocols, read once for the batch; updated as the batch is decided.
  const held = await writer.dayRecords(stations.flatMap((id) => TURNOUT_HOURS.map((hour) => turnoutKey(id, hour))));
  const byStation = new Map<string, TurnoutReport[]>();
  for (const text of held.values()) {
    const { report } = turnoutRecordOf(text);
    byStation.set(report.stationId, [...(byStation.get(report.stationId) ?? []), report]);
  }
  const protocols = await writer.protocols(stations.map((id) => [id, TURNOUT_CONTEST] as const));
  // Each station's final turnout read once for the batch, not once for each of its six reports.
  const finals = new Map<string, ReturnType<typeof finalTurnoutOf> | undefined>();
  const finalOf = (stationId: string) => {
    if (!finals.has(stationId)) {
      const protocol = protocols.get(protocolKeyOf(stationId, TURNOUT_CONTEST));
      finals.set(
        stationId,
        protocol === undefined ? undefined : finalTurnoutOf(JSON.parse(protocol.content) as Protocol),
      );
    }
    return finals.get(stationId);
  };
  const planned: PlannedAct[] = [];
  const counted: { kind: 'first' | 'correction'; warned: boolean }[] = [];
  const refuse = (index: number, code: MessageCode, params: RefusalParams, report?: TurnoutReport) => {
    summary.refused += 1;
    summary.refusals.push({
      index,
      code,
      params,
      ...(report === undefined ? {} : { stationId: report.stationId, hour: report.hour }),
    });
  };
  offers.forEach((offer, offset) => {
    const index = start + offset;
    if (offer.kind === 'invalid') return refuse(index, 'DATASET_SCHEMA', { detail: offer.detail });
    const { report } = offer;
    const commission = stationCommission.get(report.stationId);
    if (commission === undefined) return refuse(index, 'DATASET_UNKNOWN_REFERENCE', { id: report.stationId }, report);
    if (author === null) return refuse(index, 'KEY_NOT_REGISTERED', { fingerprint: signer.fingerprint }, report);
    // Reported as protocols are imported: by the station's commission or one above it, or the CEC.
    const outside = authorityRefusal('import', entryActorOf(author), {
      stationId: report.stationId,
      stationCommission: commission,
      parents,
    });
    if (outside !== null) return refuse(index, outside.code, outside.params, report);
    const own = byStation.get(report.stationId) ?? [];
    const decision = decideTurnoutReport(report, reason, own, finalOf(report.stationId));
    if (!decision.ok) return refuse(index, decision.error.code, decision.error.params, report);
    if (decision.value.kind === 'unchanged') {
      summary.unchanged += 1;
      return;
    }
    for (const warning of decision.value.warnings)
      summary.warnings.push({
        index,
        stationId: report.stationId,
        hour: report.hour,
        code: warning.code,
        params: warning.params,
      });
    byStation.set(report.stationId, [...own.filter((other) => other.hour !== report.hour), report]);
    // The act made ahead is the one to append for a first report of its hour.
    if (decision.value.kind === 'first' && offer.firstReport !== null) planned.push(offer.firstReport);
    else
      planned.push({
        payload: { type: 'turnout-reported', report, reason: decision.value.kind === 'correction' ? reason : null },
        signer,
      });
    counted.push({ kind: decision.value.kind, warned: decision.value.warnings.length > 0 });
  });
  if (planned.length === 0) return 0;
  const appended = await append(writer, election.event.id, planned);
  // A refusal of the whole batch (the signer's key revoked, say) is the caller's to report: nothing is written.
  if (!appended.ok) throw new BatchRefused(appended.error.code, appended.error.params);
  const records = new Map<string, string>();
  for (const event of appended.value)
    if (event.type === 'turnout-reported')
      records.set(
        turnoutKey(event.payload.report.stationId, event.payload.report.hour),
        turnoutRecordText(event.payload.report, event.seq),
      );
  await writer.putDayRecords(records);
  for (const { kind, warned } of counted) {
    if (kind === 'first') summary.reported += 1;
    else summary.corrected += 1;
    if (warned) summary.warned += 1;
  }
  return counted.filter(({ kind }) => kind === 'first').length;
}
