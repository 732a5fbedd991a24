import { canonicalJson } from '../model/canonical-json.ts';
import type { Election } from '../model/election.ts';
import { createHash } from 'node:crypto';
import type { Accreditation, CopySample, Irregularity, ProtocolCopy } from '../model/observer.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { commissionCovers, commissionParents } from './entry-authority.ts';
import { indexElection } from './intake.ts';

// Who may watch where, and whose protocol copies are taken (docs/law.md §10.2). Pure: the service that journals an
// accreditation or a copy and `verify`, which replays the journal, decide alike.

/** The CEC's commission id: the commission that accredits international missions and country-wide observers. */
export const CEC_COMMISSION = 'cec';

/**
 * When the CEC's accreditation of international observers closes (docs/law.md §10.2, [A]): "five days before voting",
 * which the CEC closed on 13 March 2023 at 18:00 Astana time (UTC+6) for the vote of 19 March — five whole days before
 * it, six calendar days back.
 */
export const INTERNATIONAL_ACCREDITATION_CLOSES = { daysBefore: 6, time: '18:00', utcOffsetHours: 6 } as const;

/** The instant, in UTC, after which the CEC accredits no more international observers for an election on `date`. */
export function internationalDeadline(date: string): string {
  const { daysBefore, time, utcOffsetHours } = INTERNATIONAL_ACCREDITATION_CLOSES;
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const day = Date.parse(`${date}T00:00:00Z`) - daysBefore * 86_400_000;
  return new Date(day + (hours - utcOffsetHours) * 3_600_000 + minutes * 60_000).toISOString();
}

/** The calendar day of an instant in Astana time (UTC+6), as an accreditation's term counts days. */
export function astanaDate(instant: string): string {
  const offset = INTERNATIONAL_ACCREDITATION_CLOSES.utcOffsetHours * 3_600_000;
  return new Date(Date.parse(instant) + offset).toISOString().slice(0, 10);
}

/** A registered key as an accreditation reads it: its role and the commission it acts for, if any. */
export interface ObserverKeyView {
  readonly role: string;
  /** The commission the key acts for (a commission's own key, a chair's or operator's), 'cec' for the CEC's. */
  readonly commission: string | null;
}

/** The roles of those who sit on or speak for a commission: none of them may observe (docs/law.md §10.2). */
const COMMISSION_ROLES: readonly string[] = ['central-commission', 'commission', 'chair', 'operator'];

export interface AccreditationContext {
  readonly election: Election;
  /** The commission the accrediting key acts for ('cec' for the CEC), or null for a key that acts for none. */
  readonly accreditor: string | null;
  /** The key the accreditation names, as registered, or undefined when no such key is registered. */
  readonly observerKey: ObserverKeyView | undefined;
  /** When the act is signed (an ISO instant in UTC). */
  readonly at: string;
  /** The accreditation the journal holds under the same id, if any. */
  readonly held: Accreditation | undefined;
  /** The id of another accreditation the journal holds for the same key, if any. */
  readonly keyHeldBy: string | undefined;
}

export type AccreditationDecision = { readonly kind: 'unchanged' } | { readonly kind: 'accredited' };

/**
 * Whether an accreditation is taken, each refusal with its rule's code: the same accreditation again changes nothing;
 * the accrediting commission must cover every station of the scope, and international missions and the whole country
 * are the CEC's; the observer's key must be an observer's, held by no other accreditation; commission members and
 * candidates do not observe; a sender must be of the election; the term must include election day; the CEC's
 * international accreditation closes at its deadline.
 */
export function decideAccreditation(
  accreditation: Accreditation,
  context: AccreditationContext,
): Result<AccreditationDecision, CodedRefusal> {
  const { election, accreditor, observerKey, held } = context;
  const { id } = accreditation;
  if (held !== undefined)
    return canonicalJson(held) === canonicalJson(accreditation)
      ? ok({ kind: 'unchanged' })
      : refuse('OBSERVER_ALREADY_ACCREDITED', { id });
  if (accreditor === null) return refuse('OBSERVER_ACCREDITOR_NOT_COMMISSION', { id });
  if (observerKey === undefined) return refuse('KEY_NOT_REGISTERED', { fingerprint: accreditation.key });
  if (COMMISSION_ROLES.includes(observerKey.role))
    return refuse('OBSERVER_IS_COMMISSION_MEMBER', { id, role: observerKey.role });
  if (observerKey.role !== 'observer') return refuse('OBSERVER_KEY_NOT_OBSERVER', { id, role: observerKey.role });
  if (context.keyHeldBy !== undefined)
    return refuse('OBSERVER_KEY_ALREADY_ACCREDITED', { id, other: context.keyHeldBy });
  if (isCandidate(election, accreditation.person)) return refuse('OBSERVER_IS_CANDIDATE', { id });
  const refusal =
    senderRefusal(accreditation, election, accreditor) ?? scopeRefusal(accreditation, election, accreditor);
  if (refusal !== null) return err(refusal);
  const date = election.event.date;
  if (accreditation.from > accreditation.until || accreditation.from > date || accreditation.until < date)
    return refuse('OBSERVER_TERM_INVALID', { id, from: accreditation.from, until: accreditation.until, date });
  if (accreditation.sender === 'international-mission' && context.at > internationalDeadline(date))
    return refuse('OBSERVER_ACCREDITATION_LATE', { id, deadline: internationalDeadline(date) });
  return ok({ kind: 'accredited' });
}

/** A name compared as people write it: case, spaces and Ё/Е aside. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('ru').replaceAll('ё', 'е').split(/\s+/).filter(Boolean).join(' ');
}

const candidateNames = new WeakMap<Election, ReadonlySet<string>>();

/** Whether a person's name is that of a candidate who stands (registered) in the election, in any of its scripts. */
function isCandidate(election: Election, person: string): boolean {
  let names = candidateNames.get(election);
  if (names === undefined) {
    names = new Set(
      election.candidates
        .filter((candidate) => candidate.status === 'registered')
        .flatMap((candidate) => [candidate.name.kk, candidate.name.ru, candidate.name.latin].map(nameKey)),
    );
    candidateNames.set(election, names);
  }
  return names.has(nameKey(person));
}

function senderRefusal(accreditation: Accreditation, election: Election, accreditor: string): CodedRefusal | null {
  const { sender, senderId, id } = accreditation;
  const notEntitled = () =>
    ({ code: 'OBSERVER_SENDER_NOT_ENTITLED', params: { id, sender, senderId: senderId ?? '' } }) as const;
  switch (sender) {
    case 'international-mission':
      return accreditor === CEC_COMMISSION && senderId === null ? null : notEntitled();
    case 'public-association':
      return senderId === null ? null : notEntitled();
    case 'party':
      return election.parties.some((party) => party.id === senderId) ? null : notEntitled();
    case 'candidate':
      return election.candidates.some((c) => c.id === senderId && c.status === 'registered') ? null : notEntitled();
  }
}

function scopeRefusal(accreditation: Accreditation, election: Election, accreditor: string): CodedRefusal | null {
  const { scope, id } = accreditation;
  if (accreditor === CEC_COMMISSION) {
    if (scope.kind === 'region' && !election.regions.some((region) => region.id === scope.regionId))
      return { code: 'DATASET_UNKNOWN_REFERENCE', params: { id: scope.regionId } };
    if (scope.kind === 'stations') {
      const unknown = scope.stationIds.find((stationId) => stationCommissionOf(election, stationId) === undefined);
      if (unknown !== undefined) return { code: 'DATASET_UNKNOWN_REFERENCE', params: { id: unknown } };
    }
    return null;
  }
  const outside = { code: 'OBSERVER_SCOPE_OUTSIDE_COMMISSION', params: { id, commission: accreditor } } as const;
  if (scope.kind === 'country') return outside;
  const stations =
    scope.kind === 'region'
      ? election.stations.filter((station) => station.regionId === scope.regionId).map((station) => station.id)
      : scope.stationIds;
  if (stations.length === 0) return { code: 'DATASET_UNKNOWN_REFERENCE', params: { id: regionOrStation(scope) } };
  const parents = commissionParents(election);
  for (const stationId of stations) {
    const commission = stationCommissionOf(election, stationId);
    if (commission === undefined) return { code: 'DATASET_UNKNOWN_REFERENCE', params: { id: stationId } };
    if (!commissionCovers(accreditor, commission, parents)) return outside;
  }
  return null;
}

function regionOrStation(scope: Accreditation['scope']): string {
  return scope.kind === 'region' ? scope.regionId : '';
}

function stationCommissionOf(election: Election, stationId: string): string | undefined {
  return indexElection(election).stations.get(stationId)?.commissionId;
}

/** Whether an accreditation's scope includes a station of the election. */
export function scopeIncludes(election: Election, accreditation: Accreditation, stationId: string): boolean {
  const station = indexElection(election).stations.get(stationId);
  if (station === undefined) return false;
  const { scope } = accreditation;
  switch (scope.kind) {
    case 'country':
      return true;
    case 'region':
      return station.regionId === scope.regionId;
    case 'stations':
      return scope.stationIds.includes(stationId as (typeof scope.stationIds)[number]);
  }
}

export interface CopyContext {
  readonly election: Election;
  /** The accreditation the copy names, as the journal holds it, or undefined. */
  readonly accreditation: Accreditation | undefined;
  /** The fingerprint of the key that signs the copy. */
  readonly signer: string;
  readonly at: string;
  /** The copy the journal holds of the same station and contest from the same accreditation, if any. */
  readonly held: ProtocolCopy | undefined;
}

export type CopyDecision = { readonly kind: 'unchanged' } | { readonly kind: 'entered' };

/**
 * Whether an observer's protocol copy is taken (docs/law.md §10.2): signed by the key of a held accreditation, of a
 * station in its scope and a contest of that station, with votes for that contest's options only, on a day of its
 * term (Astana time). A copy is of paper handed over once: the same copy again changes nothing, another one of the
 * same station and contest is refused. A copy never touches an official protocol; it is compared with one.
 */
export function decideCopy(copy: ProtocolCopy, context: CopyContext): Result<CopyDecision, CodedRefusal> {
  const { election, accreditation, held } = context;
  const { stationId, contestId } = copy.protocol;
  if (accreditation === undefined || accreditation.key !== context.signer)
    return refuse('OBSERVER_NOT_ACCREDITED', { id: copy.accreditation, fingerprint: context.signer });
  const station = indexElection(election).stations.get(stationId);
  if (station === undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: stationId });
  const contest = indexElection(election).contests.get(contestId);
  if (contest === undefined || !station.contests.includes(contest.id))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: contestId });
  const options = new Set<string>(contest.options.map((option) => option.id));
  const stray = Object.keys(copy.protocol.votes).find((option) => !options.has(option));
  if (stray !== undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: stray });
  if (!scopeIncludes(election, accreditation, stationId))
    return refuse('OBSERVER_OUT_OF_SCOPE', { id: accreditation.id, station: stationId });
  const day = astanaDate(context.at);
  if (day < accreditation.from || day > accreditation.until)
    return refuse('OBSERVER_OUT_OF_TERM', { id: accreditation.id, day, until: accreditation.until });
  if (held !== undefined)
    return canonicalJson(held) === canonicalJson(copy)
      ? ok({ kind: 'unchanged' })
      : refuse('OBSERVER_COPY_ALREADY_ENTERED', { id: accreditation.id, station: stationId, contest: contestId });
  return ok({ kind: 'entered' });
}

/** The keys of the records of election day (the store's `election_day`) that observers' acts make. */
export const accreditationKey = (id: string): string => `observer ${id}`;
export const accreditationKeyOfKey = (fingerprint: string): string => `observer-key ${fingerprint}`;
export const copyKey = (stationId: string, contestId: string, accreditation: string): string =>
  `copy ${stationId} ${contestId} ${accreditation}`;

/** A record as the projection keeps it: what was taken, and the journal entry that took it, in canonical JSON. */
export function observerRecordText<T>(value: T, eventSeq: number): string {
  return canonicalJson({ eventSeq, value });
}

export function observerRecordOf<T>(text: string): { readonly value: T; readonly eventSeq: number } {
  return JSON.parse(text) as { value: T; eventSeq: number };
}

export interface SampleContext {
  readonly election: Election;
  readonly accreditation: Accreditation | undefined;
  readonly signer: string;
  /** Whether an official protocol of the contest is in the journal already. */
  readonly counted: boolean;
  /** The sample the journal holds of the same accreditation and contest, if any. */
  readonly held: CopySample | undefined;
}

export type SampleDecision = { readonly kind: 'unchanged' } | { readonly kind: 'drawn' };

/**
 * Whether a sample for a parallel vote tabulation is taken (docs/law.md §10.2): signed by the key of a held
 * accreditation, for a contest of the election, once per accreditation and contest, and before any official protocol
 * of the contest is in the journal — the journal's order, not a clock, shows that no result guided the seed.
 */
export function decideSample(sample: CopySample, context: SampleContext): Result<SampleDecision, CodedRefusal> {
  const { accreditation, held } = context;
  if (accreditation === undefined || accreditation.key !== context.signer)
    return refuse('OBSERVER_NOT_ACCREDITED', { id: sample.accreditation, fingerprint: context.signer });
  if (!indexElection(context.election).contests.has(sample.contestId))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: sample.contestId });
  if (held !== undefined)
    return canonicalJson(held) === canonicalJson(sample)
      ? ok({ kind: 'unchanged' })
      : refuse('OBSERVER_SAMPLE_ALREADY_DRAWN', { id: accreditation.id, contest: sample.contestId });
  if (context.counted)
    return refuse('OBSERVER_SAMPLE_AFTER_COUNT', { id: accreditation.id, contest: sample.contestId });
  return ok({ kind: 'drawn' });
}

/** The stations a sample is drawn from: those of the contest within the accreditation's scope, in id order. */
export function sampleFrame(election: Election, accreditation: Accreditation, contestId: string): string[] {
  return election.stations
    .filter(
      (station) =>
        station.contests.some((id) => id === contestId) && scopeIncludes(election, accreditation, station.id),
    )
    .map((station) => station.id as string)
    .sort();
}

export const sampleKey = (accreditation: string, contestId: string): string => `sample ${accreditation} ${contestId}`;

export interface IrregularityContext {
  readonly election: Election;
  readonly accreditation: Accreditation | undefined;
  readonly signer: string;
  readonly at: string;
  /** Whether the journal holds the same report already. */
  readonly held: boolean;
}

export type IrregularityDecision = { readonly kind: 'unchanged' } | { readonly kind: 'reported' };

/**
 * Whether an observer's report of an irregularity is taken (docs/law.md §10.2): from the key of a held accreditation,
 * of a station in its scope, on a day of its term (Astana time), and seen on a day of its term too. The same report
 * again changes nothing; reports are never edited, a later one says more.
 */
export function decideIrregularity(
  report: Irregularity,
  context: IrregularityContext,
): Result<IrregularityDecision, CodedRefusal> {
  const { election, accreditation } = context;
  if (accreditation === undefined || accreditation.key !== context.signer)
    return refuse('OBSERVER_NOT_ACCREDITED', { id: report.accreditation, fingerprint: context.signer });
  if (!indexElection(election).stations.has(report.stationId))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: report.stationId });
  if (!scopeIncludes(election, accreditation, report.stationId))
    return refuse('OBSERVER_OUT_OF_SCOPE', { id: accreditation.id, station: report.stationId });
  // Seen before it is reported (a few minutes of clocks aside): a report dated ahead would stay first for good.
  if (Date.parse(report.observedAt) > Date.parse(context.at) + 5 * 60_000)
    return refuse('OBSERVER_SEEN_AFTER_REPORTED', { id: accreditation.id, observedAt: report.observedAt });
  for (const instant of [context.at, report.observedAt]) {
    const day = astanaDate(instant);
    if (day < accreditation.from || day > accreditation.until)
      return refuse('OBSERVER_OUT_OF_TERM', { id: accreditation.id, day, until: accreditation.until });
  }
  return context.held ? ok({ kind: 'unchanged' }) : ok({ kind: 'reported' });
}

/** A report's record key: the same report, byte for byte, has the same key. */
export function irregularityKey(report: Irregularity): string {
  return `irregularity ${report.stationId} ${createHash('sha256').update(canonicalJson(report)).digest('hex')}`;
}
