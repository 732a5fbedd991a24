import { type ActSigner, signsLocally } from '../journal/act.ts';
import { applyEvent, emptyProjection, protocolKeyOf, type ProjectionState } from '../journal/projection.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { Election } from '../model/election.ts';
import { decideVersion, type ElectionIndex, indexElection } from '../tally/intake.ts';
import { authorityRefusal, commissionParents } from '../tally/entry-authority.ts';
import { writeChanges } from '../store/projection-writes.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import {
  checkHere,
  importInBatches,
  IntakePreparation,
  type PreparedDocument,
  type Sharing,
} from './intake-preparation.ts';
import { append, type PlannedAct } from './journal-append.ts';
import { entryActorOf } from './act-author.ts';
import { journalActScope } from '../store/act-scope.ts';
import { assertDefined } from '../law/assert.ts';

export interface IngestSummary {
  accepted: number;
  warned: number;
  unchanged: number;
  refused: number;
  readonly refusedByCode: Map<string, number>;
  /** What became of each document, by its index. */
  readonly outcomes: ('accepted' | 'warned' | 'unchanged' | 'refused')[];
  readonly refusals: {
    readonly index: number;
    readonly code: MessageCode;
    readonly params: Readonly<Record<string, string | number>>;
    readonly stationId?: string;
    readonly contestId?: string;
  }[];
}

/**
 * `saylau ingest`: protocols from a dataset or another system, each checked and journaled as a
 * single accepted entry by the importing user. Batches commit one by one, so after an interruption
 * the committed ones are there and a new run finds them unchanged: safe to run again.
 */
export async function ingestProtocols({
  store,
  election,
  index = indexElection(election),
  documents,
  signer,
  batchSize = 5000,
  onProgress,
  sharing,
}: {
  store: Store;
  election: Election;
  /** The election's index, when the caller keeps one (a server ingesting request after request). */
  index?: ElectionIndex;
  documents: readonly unknown[];
  /**
   * Who imports and signs the batch: a commission's key file (`saylau ingest --key`) for its own stations, the CEC's
   * or an administrator's for any (docs/keys.md).
   */
  signer: ActSigner;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** How the two threads share a batch (intake-preparation.ts): its defaults, unless a test asks for smaller parts. */
  sharing?: Sharing;
}): Promise<IngestSummary> {
  const parents = commissionParents(election);
  // Each batch after the first is prepared on a second thread while the one before it is written
  // (intake-preparation.ts).
  const preparation =
    documents.length > batchSize && signsLocally(signer)
      ? new IntakePreparation(index, await journalActScope(store, election.event.id), signer, sharing)
      : null;
  const summary = emptySummary();
  await importInBatches({
    documents,
    batchSize,
    preparation,
    here: (document) => checkHere(document, index),
    write: (offers, start) =>
      store.write((writer) => ingestBatch(writer, { election, index, parents, signer, summary, start, offers })),
    onProgress,
  });
  return summary;
}

/**
 * Imports sent through the API, each by its own sender, journaled in one transaction — one commit for all — and each
 * decided against everything committed and imported before it, as one after the other. Each request is one batch,
 * signed by its sender over that request alone (docs/server.md, "Signing in the client"): a request whose signatures
 * do not cover its acts is refused whole, and the others are journaled all the same.
 */
export async function ingestRequests({
  store,
  election,
  index = indexElection(election),
  requests,
}: {
  store: Store;
  election: Election;
  index?: ElectionIndex;
  requests: readonly { readonly documents: readonly unknown[]; readonly signer: ActSigner }[];
}): Promise<IngestSummary[]> {
  const parents = commissionParents(election);
  const summaries = requests.map(emptySummary);
  await store.write(async (writer) => {
    for (const [at, { documents, signer }] of requests.entries()) {
      const offers = documents.map((document) => checkHere(document, index));
      const summary = assertDefined(summaries[at]);
      await ingestBatch(writer, { election, index, parents, signer, summary, start: 0, offers });
    }
  });
  return summaries;
}

function emptySummary(): IngestSummary {
  return { accepted: 0, warned: 0, unchanged: 0, refused: 0, refusedByCode: new Map(), outcomes: [], refusals: [] };
}

/**
 * One batch of one importer, decided and journaled in `writer`'s transaction: its outcomes added to `summary`, from
 * `start` on. Returns how many first versions it accepted (intake-preparation.ts makes their acts ahead while most
 * are).
 */
async function ingestBatch(
  writer: StoreWriter,
  {
    election,
    index,
    parents,
    signer,
    summary,
    start,
    offers,
  }: {
    election: Election;
    index: ElectionIndex;
    parents: ReturnType<typeof commissionParents>;
    signer: ActSigner;
    summary: IngestSummary;
    start: number;
    offers: readonly PreparedDocument[];
  },
): Promise<number> {
  let firstVersions = 0;
  // Lock the chain head first: a concurrent writer's protocols are then visible to this batch's decisions.
  await writer.head();
  const state = await loadBatchState(writer, offers);
  // Stations whose result a decision on a complaint annulled take no protocol again (docs/law.md §10.3).
  const { annulled } = await writer.decisions();
  const author = await writer.signingKey(signer.fingerprint);
  const actor = author === null ? null : entryActorOf(author);
  const refuseDocument = (offset: number, refusal: CodedRefusal, stationId?: string, contestId?: string) => {
    summary.refused += 1;
    summary.outcomes[start + offset] = 'refused';
    summary.refusedByCode.set(refusal.code, (summary.refusedByCode.get(refusal.code) ?? 0) + 1);
    summary.refusals.push({
      index: start + offset,
      code: refusal.code,
      params: refusal.params,
      ...(stationId === undefined ? {} : { stationId }),
      ...(contestId === undefined ? {} : { contestId }),
    });
  };
  const payloads: PlannedAct[] = [];
  /** The offset in the batch of each payload's document. */
  const payloadOffsets: number[] = [];
  // A second copy of a protocol within one batch compares with the first, not with the database.
  const pending = new Map<string, { version: number; content: string }>();
  offers.forEach((offered, offset) => {
    // The protocol's own station and contest, as checked: a refused document needs none.
    const key = offered.kind === 'checked' ? protocolKeyOf(offered.protocol.stationId, offered.protocol.contestId) : '';
    const current = pending.get(key) ?? state.protocols.get(key);
    const decision = decideVersion(offered, current);
    switch (decision.kind) {
      case 'unchanged':
        summary.unchanged += 1;
        summary.outcomes[start + offset] = 'unchanged';
        return;
      case 'refuse':
        refuseDocument(offset, decision, decision.stationId, decision.contestId);
        return;
      case 'accept': {
        const { stationId, contestId } = decision.protocol;
        const refusal = annulled.has(key)
          ? { code: 'PROTOCOL_STATION_ANNULLED' as const, params: { station: stationId, contest: contestId } }
          : actor === null
            ? { code: 'KEY_NOT_REGISTERED' as const, params: { fingerprint: signer.fingerprint } }
            : authorityRefusal('import', actor, {
                stationId,
                stationCommission: index.stations.get(stationId)?.commissionId,
                parents,
              });
        if (refusal !== null) {
          refuseDocument(offset, refusal, stationId, contestId);
          return;
        }
        if (decision.acknowledged.length > 0) summary.warned += 1;
        else summary.accepted += 1;
        summary.outcomes[start + offset] = decision.acknowledged.length > 0 ? 'warned' : 'accepted';
        pending.set(key, { version: decision.protocol.version, content: canonicalJson(decision.protocol) });
        // The act made ahead is the one to append when nothing was accepted before: a first version.
        if (decision.protocol.version === 1) firstVersions += 1;
        payloadOffsets.push(offset);
        if (offered.kind === 'checked' && offered.firstVersion !== null && current === undefined) {
          payloads.push(offered.firstVersion);
          return;
        }
        payloads.push({
          payload: {
            type: 'protocol-accepted',
            protocol: decision.protocol,
            acknowledged: decision.acknowledged,
            via: 'import',
            reason: decision.reason,
          },
          signer,
        });
        return;
      }
    }
  });
  const appended = await append(writer, election.event.id, payloads);
  if (!appended.ok) {
    // The whole batch refused (a revoked key, a replay): each of its accepted documents counted refused instead.
    payloads.forEach(({ payload }, at) => {
      if (payload.type !== 'protocol-accepted') return;
      const offset = assertDefined(payloadOffsets[at]);
      if (summary.outcomes[start + offset] === 'warned') summary.warned -= 1;
      else summary.accepted -= 1;
      refuseDocument(offset, appended.error, payload.protocol.stationId, payload.protocol.contestId);
    });
    return 0;
  }
  for (const event of appended.value) applyEvent(state, event, election);
  await writeChanges(writer, state);
  return firstVersions;
}

/** What the batch's decisions read: the accepted protocols, totals and waiting entries of its checked protocols. */
async function loadBatchState(writer: StoreWriter, offers: readonly PreparedDocument[]): Promise<ProjectionState> {
  const keys: [string, string][] = [];
  const contests = new Set<string>();
  for (const offered of offers)
    if (offered.kind === 'checked') {
      keys.push([offered.protocol.stationId, offered.protocol.contestId]);
      contests.add(offered.protocol.contestId);
    }
  const state = emptyProjection();
  for (const [key, row] of await writer.protocols(keys)) state.protocols.set(key, row);
  for (const [id, totals] of await writer.contestTotals([...contests])) state.totals.set(id, totals);
  for (const [key, pending] of await writer.entries(keys)) state.entries.set(key, pending);
  return state;
}
