import { createHash } from 'node:crypto';
import { eventHash, GENESIS, type SealedEvent, type UnsignedEvent } from '../journal/event.ts';
import { signDigests } from '../journal/parallel-signer.ts';
import { eventBodyOf, type JournalEvent, type JournalPayload } from '../journal/events.ts';
import type { SigningKey } from '../journal/keys.ts';
import { applyEvent, emptyProjection, protocolKeyOf, type ProjectionState } from '../journal/projection.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { type Election, electionSchema } from '../model/election.ts';
import { addProtocol, emptyTotals, summaryHash } from '../tally/aggregate.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import { commissionCovers } from '../tally/entry-authority.ts';
import { decideIntake, type ElectionIndex, indexElection } from '../tally/intake.ts';
import { type ElectionTally, tallyFromTotals } from '../tally/tally-election.ts';
import { generateSigningKey } from '../journal/keys.ts';
import type { PersonRole } from '../journal/events.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import { emptyRegistry, type Registry } from '../registration/registry.ts';
import { IMPORTER, type Keyring, withKey } from './keyring.ts';
import { StoreError } from './store-error.ts';
import type { Store, StoreReader, StoreWriter } from './store.ts';

const ELECTION_META = 'election';

export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

/**
 * Appends events to the chain inside a write transaction: seq and prev follow the locked head.
 * Consecutive events of one key are sealed together, so that their signatures use both cores.
 */
export async function append(
  writer: StoreWriter,
  payloads: readonly { payload: JournalPayload; key: SigningKey }[],
  at: string,
): Promise<JournalEvent[]> {
  let head = await writer.head();
  const events: JournalEvent[] = [];
  for (let start = 0; start < payloads.length;) {
    const key = (payloads[start] as { key: SigningKey }).key;
    let end = start;
    while (end < payloads.length && (payloads[end] as { key: SigningKey }).key === key) end += 1;
    const run = payloads
      .slice(start, end)
      .map(({ payload }, offset) => ({ seq: head.seq + offset + 1, at, ...eventBodyOf(payload) }));
    const sealed = await sealChain(run, head.hash, key);
    events.push(...sealed);
    head = { seq: head.seq + run.length, hash: sealed.at(-1)?.hash ?? head.hash };
    start = end;
  }
  await writer.appendEvents(events);
  return events;
}

/** Hashes a run in order, each event's prev the hash before it, then signs them together. */
async function sealChain<E extends Omit<UnsignedEvent, 'actor' | 'prev'>>(
  run: readonly E[],
  prev: string,
  key: SigningKey,
): Promise<(E & SealedEvent)[]> {
  const hashed: { unsigned: E & UnsignedEvent; hash: string }[] = [];
  for (const event of run) {
    const unsigned = { ...event, prev, actor: key.fingerprint };
    const hash = eventHash(unsigned);
    hashed.push({ unsigned, hash });
    prev = hash;
  }
  const signatures = await signDigests(
    hashed.map((item) => item.hash),
    key,
  );
  return hashed.map(({ unsigned, hash }, index) => ({ ...unsigned, hash, signature: signatures[index] as string }));
}

/**
 * `saylau init`: the election definition and the commissions' public keys into a new database.
 * The CEC's key registers itself first — the root an observer pins — then signs the definition
 * and every other key.
 */
export async function initElection({
  store,
  electionText,
  keyring,
  clock = systemClock,
}: {
  store: Store;
  electionText: string;
  keyring: Keyring;
  clock?: Clock;
}): Promise<{ electionId: string; cecFingerprint: string; events: number }> {
  const parsed = electionSchema.safeParse(parseOrUndefined(electionText));
  if (!parsed.success)
    throw new StoreError(
      'DATASET_SCHEMA',
      { detail: `election.json: ${parsed.error.issues[0]?.message ?? 'not JSON'}` },
      'DIR',
    );
  const election = parsed.data;
  await store.migrate();
  const register = (holder: string, role: 'central-commission' | 'commission' | 'user', key: SigningKey) => ({
    payload: { type: 'key-registered' as const, holder, role, publicKey: key.publicKey, fingerprint: key.fingerprint },
    key: keyring.cec,
  });
  const payloads = [
    register('cec', 'central-commission', keyring.cec),
    {
      payload: {
        type: 'election-defined' as const,
        electionId: election.event.id,
        electionSha256: createHash('sha256').update(electionText).digest('hex'),
      },
      key: keyring.cec,
    },
    ...[...keyring.commissions].map(([id, key]) => register(id, 'commission', key)),
    ...[...keyring.users].map(([id, key]) => register(id, 'user', key)),
  ];
  const events = await store.write(async (writer) => {
    // Decided under the chain-head lock, so that two concurrent inits cannot both write a root.
    const head = await writer.head();
    const existing = await store.meta(ELECTION_META);
    if (head.seq !== 0 || existing !== null)
      throw new StoreError('STORE_ALREADY_INITIALISED', {
        election: existing === null ? '?' : (JSON.parse(existing) as Election).event.id,
      });
    await writer.setMeta(ELECTION_META, electionText);
    const appended = await append(writer, payloads, clock());
    const state = emptyProjection();
    for (const event of appended) applyEvent(state, event, election);
    await writer.putKeys([...state.keys.values()]);
    return appended;
  });
  return { electionId: election.event.id, cecFingerprint: keyring.cec.fingerprint, events: events.length };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export { StoreError } from './store-error.ts';

/**
 * The election a database holds: `definition` as the CEC signed it (`text`), and `election`, the
 * same with the ballots registration in this journal has made (src/registration).
 */
export async function loadElection(
  store: StoreReader,
): Promise<{ election: Election; definition: Election; text: string }> {
  let text: string | null;
  try {
    text = await store.meta(ELECTION_META);
  } catch {
    // No tables: nothing was ever initialised here.
    text = null;
  }
  if (text === null) throw new StoreError('STORE_NOT_INITIALISED');
  const definition = electionSchema.parse(JSON.parse(text));
  let registry: Registry;
  try {
    registry = await store.registry();
  } catch {
    // A database made before registration existed has no registry table: nothing was registered.
    registry = emptyRegistry();
  }
  return { election: electionWithRegistry(definition, registry), definition, text };
}

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
  keyring,
  importer: importerKey,
  clock = systemClock,
  batchSize = 5000,
  onProgress,
}: {
  store: Store;
  election: Election;
  /** The election's index, when the caller keeps one (a server ingesting request after request). */
  index?: ElectionIndex;
  documents: readonly unknown[];
  keyring: Keyring;
  /** Who imports: an administrator's key through the server; the database's importer key from the CLI. */
  importer?: SigningKey;
  clock?: Clock;
  batchSize?: number;
  onProgress?: (done: number) => void;
}): Promise<IngestSummary> {
  const importer = importerKey ?? keyring.users.get(IMPORTER);
  if (importer === undefined) throw new StoreError('KEYS_UNREADABLE', { path: 'importer key' });
  const summary: IngestSummary = {
    accepted: 0,
    warned: 0,
    unchanged: 0,
    refused: 0,
    refusedByCode: new Map(),
    outcomes: [],
    refusals: [],
  };
  for (let start = 0; start < documents.length; start += batchSize) {
    const batch = documents.slice(start, start + batchSize);
    await store.write(async (writer) => {
      // Lock the chain head first: a concurrent writer's protocols are then visible to this batch's decisions.
      await writer.head();
      const state = await loadBatchState(writer, batch);
      const payloads: { payload: JournalPayload; key: SigningKey }[] = [];
      // A second copy of a protocol within one batch compares with the first, not with the database.
      const pending = new Map<string, { version: number; content: string }>();
      batch.forEach((document, offset) => {
        const raw = document as { stationId?: unknown; contestId?: unknown } | null;
        const key =
          typeof raw?.stationId === 'string' && typeof raw.contestId === 'string'
            ? protocolKeyOf(raw.stationId, raw.contestId)
            : '';
        const current = pending.get(key) ?? state.protocols.get(key);
        const decision = decideIntake(document, index, current);
        switch (decision.kind) {
          case 'unchanged':
            summary.unchanged += 1;
            summary.outcomes[start + offset] = 'unchanged';
            return;
          case 'refuse':
            summary.refused += 1;
            summary.outcomes[start + offset] = 'refused';
            summary.refusedByCode.set(decision.code, (summary.refusedByCode.get(decision.code) ?? 0) + 1);
            summary.refusals.push({
              index: start + offset,
              code: decision.code,
              params: decision.params,
              ...(decision.stationId === undefined ? {} : { stationId: decision.stationId }),
              ...(decision.contestId === undefined ? {} : { contestId: decision.contestId }),
            });
            return;
          case 'accept':
            if (decision.acknowledged.length > 0) summary.warned += 1;
            else summary.accepted += 1;
            summary.outcomes[start + offset] = decision.acknowledged.length > 0 ? 'warned' : 'accepted';
            pending.set(key, { version: decision.protocol.version, content: canonicalJson(decision.protocol) });
            payloads.push({
              payload: {
                type: 'protocol-accepted',
                protocol: decision.protocol,
                acknowledged: decision.acknowledged,
                via: 'import',
                reason: decision.reason,
              },
              key: importer,
            });
            return;
        }
      });
      const events = await append(writer, payloads, clock());
      for (const event of events) applyEvent(state, event, election);
      await writeChanges(writer, state);
    });
    onProgress?.(Math.min(documents.length, start + batchSize));
  }
  return summary;
}

/** Writes what applying events changed: protocols, totals, pending entries. */
export async function writeChanges(writer: StoreWriter, state: ProjectionState): Promise<void> {
  await writer.putProtocols(
    [...state.changedProtocols].map(
      (key) => state.protocols.get(key) as NonNullable<ReturnType<typeof state.protocols.get>>,
    ),
  );
  await writer.putContestTotals(
    new Map(
      [...state.changedContests].map((id) => [
        id,
        state.totals.get(id) as NonNullable<ReturnType<typeof state.totals.get>>,
      ]),
    ),
  );
  await writer.putDecisions(
    new Map([...state.changedDecisions].map((key) => [key, state.decisions.get(key) as string])),
  );
  await writer.putEntries(
    [...state.changedEntries].map((key) => {
      const [stationId, contestId] = key.split(' ') as [string, string];
      const pending = state.entries.get(key);
      return { stationId, contestId, state: pending ?? null };
    }),
  );
}

async function loadBatchState(writer: StoreWriter, batch: readonly unknown[]): Promise<ProjectionState> {
  const keys: [string, string][] = [];
  const contests = new Set<string>();
  for (const document of batch) {
    const raw = document as { stationId?: unknown; contestId?: unknown } | null;
    if (typeof raw?.stationId === 'string' && typeof raw.contestId === 'string') {
      keys.push([raw.stationId, raw.contestId]);
      contests.add(raw.contestId);
    }
  }
  const state = emptyProjection();
  for (const [key, row] of await writer.protocols(keys)) state.protocols.set(key, row);
  for (const [id, totals] of await writer.contestTotals([...contests])) state.totals.set(id, totals);
  for (const [key, pending] of await writer.entries(keys)) state.entries.set(key, pending);
  return state;
}

/** The results the database holds, as `saylau tally` computes them, from the totals projection. */
export async function currentTally({
  store,
  election,
  decisions,
}: {
  store: StoreReader;
  election: Election;
  decisions?: Decisions;
}): Promise<ElectionTally> {
  const totals = await store.allContestTotals();
  return tallyFromTotals({ election, totals, decisions: decisions ?? (await currentDecisions(store)) });
}

export async function currentDecisions(store: StoreReader): Promise<Decisions> {
  return store.decisions();
}

export type DecisionOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: MessageCode; readonly params: Readonly<Record<string, string | number>> };

/**
 * A decision by a commission (docs/tabulation.md): a drawn order for a tie, the approval that
 * establishes a contest, the CEC's certification of a body. Checked against the committed state
 * (the chain head locked first), journaled with the commission's signature, or refused.
 */
export async function decide({
  store,
  election,
  keyring,
  decision,
  clock = systemClock,
}: {
  store: Store;
  election: Election;
  keyring: Keyring;
  decision:
    | { readonly kind: 'lots'; readonly contestId: string; readonly order: readonly string[] }
    | { readonly kind: 'approve'; readonly contestId: string; readonly commissionId?: string | undefined }
    | { readonly kind: 'certify'; readonly bodyId: string };
  clock?: Clock;
}): Promise<DecisionOutcome> {
  const signer = (commissionId: string): SigningKey | undefined =>
    commissionId === 'cec' ? keyring.cec : keyring.commissions.get(commissionId);
  return store.write(async (writer): Promise<DecisionOutcome> => {
    // `append` locks the chain head first thing; the decision is made under that lock.
    await writer.head();
    const tally = await currentTallyIn(writer, election);
    let payload: JournalPayload;
    let key: SigningKey | undefined;
    switch (decision.kind) {
      case 'lots': {
        const result = tally.contests.find((c) => c.contest.id === decision.contestId);
        if (result === undefined)
          return { ok: false, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: decision.contestId } };
        const tied =
          result.kind === 'list'
            ? result.allocation.status === 'lots-required'
              ? result.allocation.tied
              : []
            : result.outcome.status === 'tie'
              ? result.outcome.tied
              : [];
        if (tied.length === 0) return { ok: false, code: 'LOTS_NOT_REQUIRED', params: { contest: decision.contestId } };
        if (!tied.every((id) => decision.order.includes(id)))
          return { ok: false, code: 'LOTS_INCOMPLETE', params: { tied: tied.join(', ') } };
        payload = { type: 'lots-drawn', contestId: decision.contestId, order: decision.order };
        key = signer(result.contest.commissionId);
        break;
      }
      case 'approve': {
        const result = tally.contests.find((c) => c.contest.id === decision.contestId);
        if (result === undefined)
          return { ok: false, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: decision.contestId } };
        const approver = decision.commissionId ?? result.contest.commissionId;
        if (approver !== result.contest.commissionId) {
          // A lower commission approves the summary of its part: the stations below it.
          const part = await partSummary(writer, election, decision.contestId, approver);
          if (part === null) return { ok: false, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: approver } };
          if (part.totals.stations < part.expected)
            return {
              ok: false,
              code: 'SUMMARY_INCOMPLETE',
              params: { counted: part.totals.stations, expected: part.expected },
            };
          payload = {
            type: 'summary-approved',
            commissionId: approver,
            contestId: decision.contestId,
            summarySha256: summaryHash(part.totals),
            stationsCounted: part.totals.stations,
          };
          key = signer(approver);
          break;
        }
        if (result.totals.stations < result.stationsExpected)
          return {
            ok: false,
            code: 'SUMMARY_INCOMPLETE',
            params: { counted: result.totals.stations, expected: result.stationsExpected },
          };
        payload = {
          type: 'summary-approved',
          commissionId: approver,
          contestId: decision.contestId,
          summarySha256: summaryHash(result.totals),
          stationsCounted: result.totals.stations,
        };
        key = signer(approver);
        break;
      }
      case 'certify': {
        const decisions = await writer.decisions();
        const contests = tally.contests.filter((c) => c.contest.bodyId === decision.bodyId);
        if (contests.length === 0)
          return { ok: false, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: decision.bodyId } };
        const pending = contests.filter((c) => decisions.approvals.get(c.contest.id) !== summaryHash(c.totals));
        if (pending.length > 0)
          return {
            ok: false,
            code: 'BODY_NOT_ESTABLISHED',
            params: {
              contests: pending
                .slice(0, 5)
                .map((c) => c.contest.id)
                .join(', '),
            },
          };
        payload = { type: 'results-certified', bodyId: decision.bodyId };
        key = keyring.cec;
        break;
      }
    }
    if (key === undefined) throw new StoreError('KEYS_UNREADABLE', { path: 'commission key' });
    const state = emptyProjection();
    for (const event of await append(writer, [{ payload, key }], clock())) applyEvent(state, event, election);
    await writeChanges(writer, state);
    return { ok: true };
  });
}

/**
 * The exact sum of a contest's protocols below one commission, and how many stations are expected there; null if none
 * is below it.
 */
async function partSummary(
  writer: StoreWriter,
  election: Election,
  contestId: string,
  commissionId: string,
): Promise<{ totals: ReturnType<typeof emptyTotals>; expected: number } | null> {
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  // Above the station's precinct commission: the same walk that decides whose a station is.
  const below = (stationCommission: string): boolean =>
    commissionCovers(commissionId, parents.get(stationCommission) ?? '', parents);
  const stations = new Set(
    election.stations
      .filter((s) => s.contests.includes(contestId as never) && below(s.commissionId))
      .map((s) => s.id as string),
  );
  if (stations.size === 0) return null;
  const contest = election.contests.find((c) => c.id === contestId);
  const totals = emptyTotals(contest?.options.map((option) => option.id) ?? []);
  for (const row of await writer.protocolsOfContest(contestId))
    if (stations.has(row.stationId)) addProtocol(totals, JSON.parse(row.content) as Protocol);
  return { totals, expected: stations.size };
}

/** The tally inside a write transaction: the same as `currentTally`, read on the transaction's own connection. */
export async function currentTallyIn(writer: StoreWriter, election: Election): Promise<ElectionTally> {
  const ids = election.contests.map((contest) => contest.id as string);
  const totals = await writer.contestTotals(ids);
  return tallyFromTotals({ election, totals, decisions: await writer.decisions() });
}

/**
 * The results a new protocol affects — its contests — recomputed from their totals alone: how a
 * live page learns of one protocol without recounting the country (≤ 10 ms, docs/tabulation.md).
 */
export async function affectedTally({
  store,
  election,
  contestIds,
}: {
  store: Store;
  election: Election;
  contestIds: readonly string[];
}): Promise<ElectionTally> {
  const wanted = new Set(contestIds);
  const totals = await store.contestTotalsOf(contestIds);
  return tallyFromTotals({
    election: { ...election, contests: election.contests.filter((contest) => wanted.has(contest.id)) },
    totals,
  });
}

/** Every projection rebuilt from the journal alone (docs/tabulation.md): replay gives the same rows. */
export async function rebuildProjections({ store, election }: { store: Store; election: Election }): Promise<number> {
  const state = emptyProjection();
  let count = 0;
  let prev = GENESIS;
  for await (const event of store.events()) {
    if (event.prev !== prev) throw new Error(`journal chain broken at ${event.seq}`);
    prev = event.hash;
    applyEvent(state, event, election);
    count += 1;
  }
  await store.write(async (writer) => {
    await writer.head();
    await replaceProjections(writer, state);
  });
  return count;
}

/** Empties the projections and writes those of `state` instead: a replay's result, in the caller's transaction. */
export async function replaceProjections(writer: StoreWriter, state: ProjectionState): Promise<void> {
  await writer.clearProjections();
  await writer.putKeys([...state.keys.values()]);
  await writer.putProtocols([...state.protocols.values()]);
  await writer.putContestTotals(state.totals);
  await writer.putDecisions(state.decisions);
  await writer.putRegistry(state.registry, 'all');
  await writer.putEntries(
    [...state.entries]
      .filter(([, pending]) => pending !== undefined)
      .map(([key, pending]) => {
        const [stationId, contestId] = key.split(' ') as [string, string];
        return { stationId, contestId, state: pending as PendingEntry };
      }),
  );
}

/**
 * Registers a person: a new key, signed into the journal by the CEC, and — with a password hash —
 * the server account that signs with it, in the same transaction. Operators and chairs act for a
 * commission; administrators and observers for none. `reloadKeyring` reads the key file again
 * under the chain-head lock, so that two server processes adding people never lose each other's keys.
 */
export async function addUser({
  store,
  election,
  keyring,
  id,
  role,
  commission,
  passwordHash,
  clock = systemClock,
  beforeCommit,
  reloadKeyring,
}: {
  store: Store;
  election: Election;
  keyring: Keyring;
  id: string;
  role: PersonRole;
  commission: string | null;
  passwordHash?: string;
  clock?: Clock;
  beforeCommit?: (next: Keyring) => void;
  reloadKeyring?: () => Keyring;
}): Promise<{ keyring: Keyring; fingerprint: string; commission: string | null }> {
  const scoped = role === 'operator' || role === 'chair';
  if (scoped && commission === null)
    throw new StoreError('INPUT_MISSING_FIELD', { field: 'commission' }, '--commission');
  // Refused rather than dropped: whoever named one expected it to mean something.
  if (!scoped && commission !== null) throw new StoreError('ACCOUNT_COMMISSION_NOT_TAKEN', { role }, '--commission');
  if (commission !== null && !election.commissions.some((c) => c.id === commission))
    throw new StoreError('DATASET_UNKNOWN_REFERENCE', { id: commission }, '--commission');
  const key = generateSigningKey();
  return store.write(async (writer) => {
    await writer.head();
    const base = reloadKeyring?.() ?? keyring;
    // A user's id can be neither a commission's nor another user's: authority is read from it.
    if (
      base.users.has(id) ||
      id === 'cec' ||
      election.commissions.some((c) => c.id === id) ||
      (await store.keys()).some((row) => row.holder === id) ||
      (await store.account(id)) !== null
    )
      throw new StoreError('DATASET_DUPLICATE_ID', { id }, '--id');
    const next = { ...base, users: withKey(base.users, id, key) };
    const events = await append(
      writer,
      [
        {
          payload: {
            type: 'key-registered',
            holder: id,
            role,
            publicKey: key.publicKey,
            fingerprint: key.fingerprint,
            commission,
          },
          key: keyring.cec,
        },
      ],
      clock(),
    );
    const state = emptyProjection();
    for (const event of events) applyEvent(state, event, election);
    await writer.putKeys([...state.keys.values()]);
    if (passwordHash !== undefined) await writer.putAccount({ username: id, passwordHash, role, commission });
    beforeCommit?.(next);
    return { keyring: next, fingerprint: key.fingerprint, commission };
  });
}
