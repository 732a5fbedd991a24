import { WitnessRegistry } from '../witness/witness-registry.ts';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileLines, fileSha256 } from './file-lines.ts';
import { join } from 'node:path';
import { attestationText } from '../journal/attestation.ts';
import { eventHash, GENESIS, type SealedEvent } from '../journal/event.ts';
import { type JournalEvent, type JournalPayload, payloadOf, PERSON_ROLES } from '../journal/events.ts';
import { malformedProblem, parseJournalEvent } from '../journal/parse-event.ts';
import { publicKeyObject, verifyDigest } from '../journal/keys.ts';
import { checkActSignatures } from './act-signatures.ts';
import { observerActProblem } from './observer-acts.ts';
import { complaintActProblem } from './complaint-acts.ts';
import { actsForCommission, approvesFor, registersFor, speaksForCec } from '../journal/key-authority.ts';
import { applyEvent, emptyProjection, type ProjectedProtocol, protocolKeyOf } from '../journal/projection.ts';
import { ProtocolTable } from '../journal/protocol-table.ts';
import { formatMessage } from '../i18n/messages.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { electionSchema, type Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import { CALENDAR_2023, MINIMUM_WAGE_2023 } from '../law/registration-rules.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import { listSeatsOfBody } from '../registration/list-seats.ts';
import { type RecheckContext, registrationEventProblem } from '../registration/recheck.ts';
import { isRegistrationPayload } from '../registration/registration-events.ts';
import { decisionsFromRows } from '../tally/decisions.ts';
import { annulledKey } from '../tally/complaints.ts';
import { accept, acceptedVersion, enter, fromRecord, resolve } from '../tally/double-entry.ts';
import { type Actor, authorityRefusal } from '../tally/entry-authority.ts';
import { checkProtocol } from '../tally/protocol-checks.ts';
import {
  decideTurnoutReport,
  finalTurnoutOf,
  TURNOUT_CONTEST,
  turnoutKey,
  turnoutRecordOf,
} from '../tally/turnout-day.ts';
import { TURNOUT_HOURS } from '../model/turnout-report.ts';
import { resultsToJson } from '../tally/results-json.ts';
import { tallyElection } from '../tally/tally-election.ts';
import { checkAgainstCheckpoint, checkBundleLog } from './log-check.ts';
import { readJournalLines } from './journal-lines.ts';
import { checkWitnesses } from './witness-check.ts';

// This module must not import the store or the server (docs/tabulation.md): an observer runs it on a bundle alone.

export interface VerifyCheck {
  readonly number: number;
  readonly name: string;
  readonly ok: boolean;
  /** The first bad entry, named: a file, a line, a journal sequence number. */
  readonly detail: string;
}

const FILES = ['election.json', 'journal.ndjson', 'protocols.ndjson', 'results.json'] as const;
const EVENT_KEYS = ['actor', 'at', 'hash', 'payload', 'prev', 'seq', 'signature', 'type'].join(',');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The key of a published protocol's line, or undefined when the line is not a protocol's JSON. */
function protocolKeyOfLine(line: string): string | undefined {
  try {
    const { stationId, contestId } = JSON.parse(line) as { stationId?: unknown; contestId?: unknown };
    return typeof stationId === 'string' && typeof contestId === 'string'
      ? protocolKeyOf(stationId, contestId)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What an observer gives `verify` beside the bundle. */
export interface VerifyOptions {
  readonly trust?: string | undefined;
  /**
   * Checkpoints an observer kept (`--checkpoint FILE …`), each checked against the journal (src/verify/log-check.ts),
   * and with the tiles served beside them; all of them, and the bundle's own, meet in the witness check.
   */
  readonly checkpoints?: readonly string[] | undefined;
  readonly tiles?: string | undefined;
  /** `--witness VKEY … --quorum K` (src/verify/witness-check.ts); skipped when no witness is named. */
  readonly witnesses?: { readonly keys: readonly string[]; readonly quorum: number } | undefined;
}

/**
 * Recomputes every hash, signature, protocol, summary and seat of a bundle (docs/tabulation.md, The
 * bundle) and returns numbered checks. Stops at the first failed check, since later ones build on
 * earlier ones, and never throws on a damaged bundle: damage is a failed check naming where it is.
 */
export async function verifyBundle(
  directory: string,
  { trust, checkpoints = [], tiles, witnesses }: VerifyOptions = {},
): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): boolean => {
    checks.push({ number: checks.length + 1, name, ok, detail });
    return ok;
  };
  const fail = (name: string, detail: string): VerifyCheck[] => (check(name, false, detail), checks);

  // 1. Manifest and file hashes.
  const manifestPath = join(directory, 'MANIFEST.json');
  if (!existsSync(manifestPath)) return fail('manifest', 'MANIFEST.json is missing');
  type Manifest = {
    files?: Record<string, { sha256?: string }>;
    electionId?: string;
    attestation?: { head?: { seq: number; hash: string }; signature?: string };
  };
  const manifest = parse<Manifest>(readFileSync(manifestPath, 'utf8'));
  if (manifest === undefined || typeof manifest !== 'object' || manifest === null)
    return fail('manifest', 'MANIFEST.json is not JSON');
  check('manifest', true, 'MANIFEST.json');
  // Hashed as they are read, and read again where they are used: the journal and the protocols are never held whole.
  for (const file of FILES) {
    const path = join(directory, file);
    if (!existsSync(path)) return fail('file hashes', `${file} is missing`);
    if (manifest.files?.[file]?.sha256 !== fileSha256(path))
      return fail('file hashes', `${file}: SHA-256 differs from MANIFEST.json`);
  }
  check('file hashes', true, `${FILES.length} files`);

  // 2. The election definition.
  const electionText = readFileSync(join(directory, 'election.json'), 'utf8');
  const parsedElection = electionSchema.safeParse(parse(electionText));
  if (!parsedElection.success) return fail('election definition', 'election.json does not match the schema');
  check('election definition', true, parsedElection.data.event.id);
  let election: Election = parsedElection.data;

  // 3. The hash chain: every line an event with exactly the signed fields, in canonical form.
  // 4. Every event of a known type, each field as its type's schema says (src/journal/events.ts):
  // an event signed but malformed is named there, not met as a crash by the checks after. Parsed
  // as the chain is read, so that a national journal is held once, but reported after it.
  const events: JournalEvent[] = [];
  let malformed: string | undefined;
  let prev = GENESIS;
  /** What is wrong with the journal's line `index` (0-based), or nothing: the event it holds is then kept. */
  function chainProblem(line: string | null, index: number): string | undefined {
    const where = `journal.ndjson line ${index + 1}`;
    if (line === null) return `${where}: not UTF-8`;
    const event = parse<SealedEvent>(line);
    if (event === undefined || typeof event !== 'object' || event === null) return `${where}: not JSON`;
    if (Object.keys(event).sort().join(',') !== EVENT_KEYS) return `${where}: fields other than the signed ones`;
    if (typeof event.payload !== 'object' || event.payload === null || Object.hasOwn(event.payload, 'type'))
      return `${where}: a payload must be an object without its own type`;
    const at = `${where} (seq ${event.seq})`;
    if (event.seq !== index + 1) return `${at}: sequence number out of place`;
    if (event.prev !== prev) return `${at}: prev does not match the hash of the entry before`;
    let canonical: string;
    try {
      // Not remembered (src/model/canonical-json.ts): every event is kept, and so would be each of its texts.
      canonical = canonicalJson(event, false);
    } catch {
      return `${at}: not canonical JSON (a number that is not a safe integer)`;
    }
    if (eventHash(event, false) !== event.hash) return `${at}: hash does not match the content`;
    if (canonical !== line) return `${at}: not in canonical form`;
    prev = event.hash;
    if (malformed !== undefined) return undefined;
    const parsed = parseJournalEvent(event);
    if (parsed.ok) events.push(parsed.value);
    else malformed = `${at}: ${event.type}: ${malformedProblem(parsed.error)}`;
    return undefined;
  }
  let broken: string | undefined;
  const journal = readJournalLines(join(directory, 'journal.ndjson'), (line, index) => {
    broken = chainProblem(line, index);
    return broken === undefined;
  });
  if (broken !== undefined) return fail('hash chain', broken);
  check('hash chain', true, `${journal.count} entries, head ${prev.slice(0, 16)}…`);
  if (malformed !== undefined) return fail('event schemas', malformed);
  check('event schemas', true, `${events.length} entries, each as its type's schema says`);

  // 5. Trust: the root key, registered by itself, is the CEC's and is the one pinned.
  const root = events[0];
  const rootOk =
    root?.type === 'key-registered' &&
    root.payload.holder === 'cec' &&
    root.payload.role === 'central-commission' &&
    root.payload.fingerprint === root.actor &&
    (trust === undefined || trust === root.actor);
  if (root?.type !== 'key-registered' || !rootOk)
    return fail(
      'trust root',
      `journal.ndjson line 1: the first entry is not the CEC key${trust === undefined ? '' : ' pinned by --trust'}`,
    );
  check(
    'trust root',
    true,
    `CEC ${root.actor}${trust === undefined ? ' (not pinned: pass --trust FINGERPRINT)' : ' = --trust'}`,
  );

  // 6. The attestation of the export: the journal's head, so that nothing was cut off. The CEC signs it when it
  // exports with its own key file; a server, which holds no CEC key, leaves the head to its transparency log, whose
  // checkpoint must then be of the whole journal (the log check below, docs/keys.md "What the server never holds").
  const attestation = manifest.attestation;
  if (attestation === undefined) {
    if (!events.some((event) => event.type === 'log-key-registered'))
      return fail(
        'attestation',
        'MANIFEST.json: no CEC signature of the journal head, and no transparency log to sign it in its place',
      );
    check('attestation', true, `journal head seq ${events.length}: signed by the log's checkpoint, checked below`);
  } else {
    const headOk = attestation.head?.seq === events.length && attestation.head.hash === prev;
    let signedOk = false;
    try {
      signedOk =
        headOk &&
        attestation.signature !== undefined &&
        verifyDigest(
          sha256(attestationText({ electionId: election.event.id, head: { seq: events.length, hash: prev } })),
          attestation.signature,
          publicKeyObject(root.payload.publicKey),
        );
    } catch {
      signedOk = false;
    }
    if (!signedOk)
      return fail(
        'attestation',
        headOk
          ? 'MANIFEST.json: the CEC signature of the journal head does not verify'
          : `MANIFEST.json: the attested head is not the journal's last entry (seq ${events.length})`,
      );
    check('attestation', true, `journal head seq ${events.length} signed by the CEC`);
  }

  // 7. Every signer registered before it signs, by an authority that may register it; no act twice; no act of a
  // revoked key from its voidFrom on; every author's signature valid over its act (src/verify/act-signatures.ts).
  const signed = await checkActSignatures(events, election.event.id, root.actor);
  if (!signed.ok) return fail(signed.name, signed.detail);
  check('signers', true, signed.signers);
  check('signatures', true, signed.signatures);

  // 8. The definition is the one the CEC signed.
  const defined = events.find((event) => event.type === 'election-defined');
  const definedSha = defined?.type === 'election-defined' ? defined.payload.electionSha256 : undefined;
  if (defined === undefined || defined.actor !== root.actor || definedSha !== sha256(electionText))
    return fail(
      'election signed',
      defined === undefined ? 'no election-defined entry' : 'election.json differs from the definition the CEC signed',
    );
  check('election signed', true, 'election.json is the signed definition');

  // 9. Authority, replaying the journal: each event by a user entitled to it when it was made,
  // and double entry followed — two entries by different operators, the chair accepting what they
  // agreed or what the chair resolved.
  // The protocols as numbers: at ten times Kazakhstan's size their texts and rows would take 270 MB (docs/scale.md).
  const state = emptyProjection(new ProtocolTable());
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  const stationCommission = new Map(election.stations.map((s) => [s.id as string, s.commissionId as string]));
  const contestCommission = new Map(election.contests.map((c) => [c.id as string, c.commissionId as string]));
  const above = new Map<string, Set<string>>();
  for (const station of election.stations) {
    for (let id = parents.get(station.commissionId) ?? null; id !== null; id = parents.get(id) ?? null) {
      for (const contestId of station.contests) {
        if (!above.has(contestId)) above.set(contestId, new Set());
        above.get(contestId)?.add(id);
      }
    }
  }
  let firstWrongRegistration: { seq: number; type: string; problem: string } | null = null;
  // A key may still sign in the moment its account is disabled (a request already under way): noted, not refused.
  const disabledHolders = new Set<string>();
  const signedWhileDisabled: number[] = [];
  let counting: Set<string> | null = null;
  // A witness key registered once, ever, and deregistered at most once, while registered (docs/witness.md).
  const witnessRegistry = new WitnessRegistry();
  for (const event of events) {
    const signer = state.keys.get(event.actor);
    const role = signer?.role ?? '';
    const problem = authorityProblem(event, {
      election,
      role,
      holder: signer?.holder ?? '',
      // A commission's own key acts for that commission (src/services/intake-service.ts, the same rule).
      commission: signer?.role === 'commission' ? signer.holder : (signer?.commission ?? null),
      state,
      parents,
      stationCommission,
      contestCommission,
      above,
    });
    if (problem !== null) return fail('authority', `journal.ndjson line ${event.seq}: ${event.type} ${problem}`);
    const witnessProblem = witnessRegistry.apply(event);
    if (witnessProblem !== null)
      return fail('authority', `journal.ndjson line ${event.seq}: ${event.type} ${witnessProblem}`);
    if (disabledHolders.has(signer?.holder ?? '')) signedWhileDisabled.push(event.seq);
    if (event.type === 'account-disabled' || event.type === 'account-enabled') {
      const { holder } = event.payload;
      if (disabledHolders.has(holder) === (event.type === 'account-disabled'))
        return fail(
          'authority',
          `journal.ndjson line ${event.seq}: ${event.type} of ${holder}, who is already ${event.type === 'account-disabled' ? 'disabled' : 'enabled'}`,
        );
      if (event.type === 'account-disabled') disabledHolders.add(holder);
      else disabledHolders.delete(holder);
    }
    const payload = payloadOf(event);
    if (firstWrongRegistration === null && isRegistrationPayload(payload)) {
      counting ??= new Set([...state.totals].filter(([, totals]) => totals.stations > 0).map(([id]) => id));
      const problem = registrationEventProblem(payload, recheckContext(election, state, counting));
      if (problem !== null) firstWrongRegistration = { seq: event.seq, type: event.type, problem };
    }
    applyEvent(state, event, election);
    // The contests counting change only with an accepted protocol: worked out again only then.
    if (event.type === 'protocol-accepted') counting = null;
  }
  const disabledNote =
    signedWhileDisabled.length === 0
      ? ''
      : `; ${signedWhileDisabled.length} signed by a person whose account was disabled before (lines ${signedWhileDisabled.slice(0, 5).join(', ')}${signedWhileDisabled.length > 5 ? ', …' : ''})`;
  check(
    'authority',
    true,
    `every entry, acceptance and decision by a user entitled to it, double entry followed${disabledNote}`,
  );

  // 10. Registration: every registration event checked again against the journal before it — a
  // nomination receivable, a decision the very one the law takes with the calendar it recorded, a
  // withdrawal in time and of someone standing, a postponement only of an empty contest, nothing
  // changing a contest already counting, deputies within the established seats and the quota.
  if (firstWrongRegistration !== null)
    return fail(
      'registration',
      `journal.ndjson line ${firstWrongRegistration.seq}: ${firstWrongRegistration.type}: ${firstWrongRegistration.problem}`,
    );
  const registrationEvents = events.map(payloadOf).filter(isRegistrationPayload);
  const decisionsTaken = events.flatMap((event) => (event.type === 'registration-decided' ? [event] : []));
  // Another calendar or minimum wage than 2023's is lawful for a postponed district, but an observer should see it.
  const calendar2023 = canonicalJson(CALENDAR_2023);
  const overridden = decisionsTaken.filter(
    ({ payload }) => canonicalJson(payload.calendar) !== calendar2023 || payload.minimumWage !== MINIMUM_WAGE_2023,
  );
  const overriddenLines =
    overridden
      .slice(0, 5)
      .map((event) => event.seq)
      .join(', ') + (overridden.length > 5 ? ', …' : '');
  const note =
    overridden.length === 0
      ? ''
      : `; ${overridden.length} under another calendar or minimum wage than 2023's (lines ${overriddenLines})`;
  check(
    'registration',
    true,
    registrationEvents.length === 0
      ? 'no nominations in this journal'
      : `${registrationEvents.length} registration events checked again, ${decisionsTaken.length} decisions on nominations taken again${note}`,
  );
  // The ballots protocols count are those registration made (the definition when it never ran).
  election = electionWithRegistry(election, state.registry);

  // 11. Protocols: replaying the journal gives protocols.ndjson, and each holds every control relation.
  // Each published line must be one replayed protocol, once; read a line at a time, as the journal was.
  const published = new Set<string>();
  let differing: number | undefined;
  for (const line of fileLines(join(directory, 'protocols.ndjson'))) {
    const key = line === null ? undefined : protocolKeyOfLine(line);
    if (key === undefined || published.has(key) || state.protocols.get(key)?.content !== line) {
      differing = published.size + 1;
      break;
    }
    published.add(key);
  }
  if (differing !== undefined) return fail('protocols', `protocols.ndjson line ${differing}: differs from the journal`);
  const publishedCount = published.size;
  if (publishedCount < state.protocols.size) {
    // Of the current protocols missing, the one whose acceptance has the lowest seq.
    let missing: ProjectedProtocol | undefined;
    for (const [key, row] of state.protocols)
      if (!published.has(key) && (missing === undefined || row.eventSeq < missing.eventSeq)) missing = row;
    return fail(
      'protocols',
      `protocols.ndjson lacks ${state.protocols.size - publishedCount} protocols the journal accepted, the first: ${missing?.stationId} ${missing?.contestId} (seq ${missing?.eventSeq})`,
    );
  }
  check('protocols', true, `${publishedCount} protocols replayed from the journal`);
  // The protocols as the journal's events hold them, parsed already (the event of seq n is events[n - 1]).
  const current = [...state.protocols.values()].map((row): Protocol => {
    const event = events[row.eventSeq - 1];
    return event?.type === 'protocol-accepted' ? event.payload.protocol : (JSON.parse(row.content) as Protocol);
  });
  const options = new Map(
    election.contests.map((contest) => [contest.id as string, contest.options.map((option) => option.id as string)]),
  );
  for (const protocol of current) {
    const error = checkProtocol({
      lines: protocol.lines,
      votes: protocol.votes,
      options: options.get(protocol.contestId) ?? [],
    }).find((finding) => finding.severity === 'error');
    if (error !== undefined)
      return fail('control relations', `${protocol.stationId} ${protocol.contestId}: ${error.code}`);
  }
  check('control relations', true, 'every accepted protocol');

  // 12. Summaries, seats, winners and stages recomputed equal results.json.
  const decisions = decisionsFromRows(state.decisions);
  const recomputed = `${JSON.stringify(resultsToJson(tallyElection({ election, protocols: current, decisions }), decisions))}\n`;
  const results = readFileSync(join(directory, 'results.json'), 'utf8');
  if (
    !check(
      'results',
      recomputed === results,
      recomputed === results
        ? 'every sum, seat and winner recomputed'
        : `results.json: differs from the recomputation at character ${[...recomputed].findIndex((c, i) => c !== results[i])}`,
    )
  )
    return checks;

  // The transparency log the bundle carries, then the checkpoints an observer kept (src/verify/log-check.ts) and the
  // witnesses' cosignatures on them (docs/witness.md). Several checkpoints meet first in the witness check, so that
  // two that disagree are named as a split view; a checkpoint alone that disagrees with the journal is named by the
  // first entry that differs.
  const log = checkBundleLog(directory, events, journal);
  if (!check('transparency log', log.ok, log.detail)) return checks;
  const witnessCheck = (): boolean =>
    witnesses === undefined && checkpoints.length < 2
      ? true
      : (({ ok, detail }) => check('witnesses', ok, detail))(
          checkWitnesses(directory, events, journal, {
            witnesses: witnesses?.keys ?? [],
            quorum: witnesses?.quorum ?? 0,
            checkpointFiles: checkpoints,
            tilesDirectory: tiles,
          }),
        );
  if (checkpoints.length > 1 && !witnessCheck()) return checks;
  for (const checkpoint of checkpoints) {
    const kept = checkAgainstCheckpoint(events, journal, checkpoint, tiles);
    if (!check('checkpoint', kept.ok, kept.detail)) return checks;
  }
  if (checkpoints.length <= 1) witnessCheck();
  return checks;
}

interface AuthorityContext {
  readonly election: Election;
  readonly role: string;
  readonly holder: string;
  readonly commission: string | null;
  readonly state: ReturnType<typeof emptyProjection>;
  readonly parents: ReadonlyMap<string, string | null>;
  readonly stationCommission: ReadonlyMap<string, string>;
  readonly contestCommission: ReadonlyMap<string, string>;
  readonly above: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Why an event was not the signer's to make, or null. Roles are those registered before the event. */
function authorityProblem(event: JournalEvent, context: AuthorityContext): string | null {
  const { role, holder, commission, state, contestCommission, above } = context;
  const payload = payloadOf(event);
  const key = { role, holder, commission };
  switch (payload.type) {
    case 'key-registered':
    case 'election-defined':
    case 'key-revoked':
      // Who registers and revokes whom is checked with the signatures (check 7, src/verify/act-signatures.ts).
      return null;
    case 'account-disabled':
    case 'account-enabled':
      return accountEventProblem(payload, role, state);
    case 'lots-drawn':
      return actsForCommission(key, contestCommission.get(payload.contestId) ?? '')
        ? null
        : `signed by ${holder || 'an unknown key'}, not the contest's commission`;
    case 'summary-approved':
      return approvesFor(key, payload.commissionId) &&
        (payload.commissionId === contestCommission.get(payload.contestId) ||
          (above.get(payload.contestId)?.has(payload.commissionId) ?? false))
        ? null
        : `signed by ${holder || 'an unknown key'}, not a commission entitled to approve it`;
    case 'results-certified':
      return speaksForCec(key) ? null : 'not signed by the CEC';
    case 'witness-registered':
    case 'witness-deregistered':
    case 'log-key-registered':
      return role === 'central-commission' ? null : 'not signed by the CEC';
    case 'nomination-submitted':
    case 'registration-decided':
    case 'candidate-withdrawn':
    case 'contest-postponed': {
      const contestId = registrationContest(payload, state);
      return registersFor(key, contestCommission.get(contestId) ?? 'cec')
        ? null
        : `signed by ${holder || 'an unknown key'}, not the commission of ${contestId || 'a known contest'}`;
    }
    case 'deputies-chosen':
    case 'mandate-vacated':
    case 'mandate-filled': {
      const listContest = [...contestCommission.keys()].find((id) => id === `${payload.bodyId}/list`) ?? '';
      return registersFor(key, contestCommission.get(listContest) ?? 'cec')
        ? null
        : `signed by ${holder || 'an unknown key'}, not the commission establishing ${payload.bodyId}`;
    }
    case 'protocol-entered':
    case 'protocol-resolved':
    case 'protocol-accepted':
      return entryEventProblem(payload, { fingerprint: event.actor, role, commission }, context);
    case 'complaint-filed':
    case 'complaint-decided':
    case 'violation-recorded':
      // Decided as the service decides: on the election as registration has made it so far (who stands, what is held).
      state.registeredElection ??= electionWithRegistry(context.election, state.registry);
      return complaintActProblem(
        payload,
        { fingerprint: event.actor, ...key },
        event.at,
        state,
        state.registeredElection,
      );
    case 'turnout-reported':
      return turnoutEventProblem(payload, { fingerprint: event.actor, role, commission }, context);
    case 'observer-accredited':
    case 'protocol-copy-entered':
    case 'copy-sample-drawn':
    case 'irregularity-reported':
      // Decided as the service decides: on the election as registration has made it so far (who stands).
      state.registeredElection ??= electionWithRegistry(context.election, state.registry);
      return observerActProblem(
        payload,
        { fingerprint: event.actor, ...key },
        event.at,
        state,
        state.registeredElection,
      );
  }
}

/** A turnout report the service would not have taken (docs/law.md §10.1): out of the signer's scope, or refused. */
function turnoutEventProblem(
  payload: Extract<JournalPayload, { type: 'turnout-reported' }>,
  actor: Actor,
  context: AuthorityContext,
): string | null {
  const { stationId } = payload.report;
  const stationCommission = context.stationCommission.get(stationId);
  if (stationCommission === undefined) return `a report of ${stationId}, which is no station of the election`;
  const place = { stationId, stationCommission, parents: context.parents };
  // Reported as protocols are imported: by the commission of the station or one above it, or the CEC.
  if (authorityRefusal('import', actor, place) !== null) return `a report by a ${actor.role || 'key without a role'}`;
  const held = TURNOUT_HOURS.flatMap((hour) => {
    const text = context.state.dayRecords.get(turnoutKey(stationId, hour));
    return text === undefined ? [] : [turnoutRecordOf(text).report];
  });
  const protocol = context.state.protocols.get(protocolKeyOf(stationId, TURNOUT_CONTEST));
  const final = protocol === undefined ? undefined : finalTurnoutOf(JSON.parse(protocol.content) as Protocol);
  const decision = decideTurnoutReport(payload.report, payload.reason, held, final);
  if (!decision.ok) return `refused: ${formatMessage(decision.error.code, 'en', decision.error.params)}`;
  if (decision.value.kind === 'unchanged') return 'a report the journal held already';
  // The service journals a reason with corrections only.
  return decision.value.kind === 'first' && payload.reason !== null ? 'a first report with a reason' : null;
}

/**
 * Why a step of double entry or an import is not what the machine allows from the state replayed
 * so far (src/tally/double-entry.ts, with the authority of src/tally/entry-authority.ts), or null.
 */
function entryEventProblem(
  payload: Extract<JournalPayload, { type: 'protocol-entered' | 'protocol-resolved' | 'protocol-accepted' }>,
  actor: Actor,
  context: AuthorityContext,
): string | null {
  const { stationId, contestId } = payload.protocol;
  const key = protocolKeyOf(stationId, contestId);
  const before = fromRecord(context.state.entries.get(key), context.state.protocols.get(key));
  const place = { stationId, stationCommission: context.stationCommission.get(stationId), parents: context.parents };
  const problem = (refusal: CodedRefusal): string => `refused: ${formatMessage(refusal.code, 'en', refusal.params)}`;
  switch (payload.type) {
    case 'protocol-entered': {
      const transition = enter(before, { actor, protocol: payload.protocol, reason: payload.reason }, place);
      if (!transition.ok) return problem(transition.error);
      return transition.value.event.kind === 'entered' && transition.value.event.entry === payload.entry
        ? null
        : `entry ${payload.entry} out of turn`;
    }
    case 'protocol-resolved': {
      const transition = resolve(before, { actor, protocol: payload.protocol }, place);
      return transition.ok ? null : problem(transition.error);
    }
    case 'protocol-accepted': {
      // A station's result annulled in the contest takes no protocol again (docs/law.md §10.3).
      if (context.state.decisions.has(annulledKey(stationId, contestId)))
        return `refused: ${formatMessage('PROTOCOL_STATION_ANNULLED', 'en', { station: stationId, contest: contestId })}`;
      const expected = acceptedVersion(before) + 1;
      if (payload.protocol.version !== expected)
        return `of version ${payload.protocol.version} where ${expected} comes next`;
      if (payload.via === 'import') {
        const refusal = authorityRefusal('import', actor, place);
        return refusal === null ? null : `import by a ${actor.role || 'key without a role'}`;
      }
      // The warnings the chair acknowledged are the chair's record; the control relations of the
      // accepted protocols are checked again on their own (check 13).
      const transition = accept(before, { actor, acknowledged: payload.acknowledged }, place, () => []);
      if (!transition.ok) return problem(transition.error);
      return canonicalJson(transition.value.event.protocol) === canonicalJson(payload.protocol)
        ? null
        : 'of a protocol two operators did not enter, or the chair did not resolve';
    }
  }
}

/**
 * An account disabled or enabled: by the CEC's key, of a person's registered key, by an
 * administrator registered before (or `cec`, the key file's holder), disabling and enabling in turn.
 */
function accountEventProblem(
  payload: Extract<JournalPayload, { type: 'account-disabled' | 'account-enabled' }>,
  role: string,
  state: ReturnType<typeof emptyProjection>,
): string | null {
  if (role !== 'central-commission' && role !== 'administrator') return 'not signed by the CEC or an administrator';
  const holders = [...state.keys.values()];
  if (!holders.some((key) => key.holder === payload.holder && (PERSON_ROLES as readonly string[]).includes(key.role)))
    return `of ${payload.holder}, who holds no person's key`;
  if (payload.by !== 'cec' && !holders.some((key) => key.holder === payload.by && key.role === 'administrator'))
    return `by ${payload.by}, not an administrator`;
  return null;
}

/**
 * What the registration checks need at an event of the replay: the registry so far, the contests counting, a body's
 * list seats.
 */
function recheckContext(
  definition: Election,
  state: ReturnType<typeof emptyProjection>,
  counting: ReadonlySet<string>,
): RecheckContext {
  return {
    definition,
    registry: state.registry,
    counting,
    listSeats: (bodyId) =>
      listSeatsOfBody({
        election: electionWithRegistry(definition, state.registry),
        totals: state.totals,
        decisions: decisionsFromRows(state.decisions),
        bodyId,
      }),
  };
}

/** The contest a registration event is about. */
function registrationContest(
  payload: Extract<
    JournalPayload,
    { type: 'nomination-submitted' | 'registration-decided' | 'candidate-withdrawn' | 'contest-postponed' }
  >,
  state: ReturnType<typeof emptyProjection>,
): string {
  switch (payload.type) {
    case 'nomination-submitted':
      return payload.nomination.contestId;
    case 'registration-decided':
      return state.registry.nominations.get(payload.nominationId)?.nomination.contestId ?? '';
    case 'candidate-withdrawn':
      return state.registry.candidates.get(payload.withdrawal.candidateId)?.contestId ?? '';
    case 'contest-postponed':
      return payload.contestId;
  }
}
