import type { ActSigner } from '../../journal/act.ts';
import type { Language } from '../../i18n/language.ts';
import { formatMessage, type MessageCode } from '../../i18n/messages.ts';
import type { Election } from '../../model/election.ts';
import { type CodedRefusal, type RefusalParams, refuse } from '../../model/refusal.ts';
import { ok, type Result } from '../../model/result.ts';
import { ingestProtocols } from '../../services/intake-service.ts';
import { ingestTurnout } from '../../services/turnout-service.ts';
import type { TurnoutReport } from '../../model/turnout-report.ts';
import {
  registerNominations,
  type RegistrationOutcome,
  submitNominations,
} from '../../services/registration-service.ts';
import type { ClientKeys } from '../demo-clients.ts';
import { regionalCommissionOf, registerKeys } from '../demo-clients.ts';
import { keySigner } from '../../journal/act.ts';
import { generateSigningKey } from '../../journal/keys.ts';
import type { ObserverPlan } from '../../generate/observer-copies.ts';
import type { RegisterPlan } from '../../generate/register-plan.ts';
import { groupBy } from '../../model/group-by.ts';
import { decideComplaints, fileComplaints, recordViolations } from '../../services/complaint-service.ts';
import { accreditObservers, drawSamples, enterCopies, reportIrregularities } from '../../services/observer-service.ts';
import type { Store } from '../../store/store.ts';

// The steps of `saylau demo` that journal what the generated dataset says, each checked: a demo that carried on past
// a refused nomination or protocol would show a half-registered election or results with stations missing as if they
// were whole.

/**
 * Every nomination of the dataset received and registered, each by its contest's commission with that commission's
 * own key: the first one refused — by the registry, or by the law in the commission's decision — stops the demo, named
 * with its reason in the reader's language.
 */
export async function registerDemoCandidates({
  store,
  definition,
  clients,
  nominations,
  language,
}: {
  store: Store;
  definition: Election;
  clients: ClientKeys;
  nominations: readonly unknown[];
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  const commissionOf = (contestId: unknown): string =>
    definition.contests.find((contest) => contest.id === contestId)?.commissionId ?? 'cec';
  // Each contest's commission receives and decides with its own key, all in two transactions (as one commission's
  // batch would be): one signer per commission, the nominations in runs of one commission each.
  const signers = new Map<string, ActSigner>();
  const signerFor = (commission: string): ActSigner => {
    let signer = signers.get(commission);
    if (signer === undefined) {
      signer = clients.signer(commission);
      signers.set(commission, signer);
    }
    return signer;
  };
  const byCommission = groupBy(nominations, (nomination) =>
    commissionOf((nomination as { contestId?: unknown } | null)?.contestId),
  );
  const received = firstRefusal(
    await submitNominations({ store, definition, signer: signerFor, documents: [...byCommission.values()].flat() }),
    language,
  );
  if (!received.ok) return received;
  const decided = firstRefusal(
    await registerNominations({
      store,
      definition,
      signer: signerFor,
      nominationIds: [...byCommission.values()].flat().map((document) => String((document as { id?: unknown }).id)),
      decidedAt: '2023-02-15T12:00',
    }),
    language,
  );
  if (!decided.ok) return decided;
  return ok(undefined);
}

function firstRefusal(outcomes: readonly RegistrationOutcome[], language: Language): Result<void, CodedRefusal> {
  for (const { id, result } of outcomes) {
    const refusal = result.ok ? result.value.refusals?.[0] : result.error;
    if (refusal === undefined) continue;
    // An input error's message names the field it is about.
    const path = 'path' in refusal ? refusal.path : undefined;
    const params = path === undefined ? refusal.params : { field: path, ...refusal.params };
    return refuse('DEMO_REGISTRATION_REFUSED', {
      id,
      code: refusal.code,
      reason: formatMessage(refusal.code, language, params),
    });
  }
  return ok(undefined);
}

/**
 * The day's turnout reports (docs/law.md §10.1), each regional commission reporting for its stations with its own key
 * (`saylau turnout --key`): any report refused stops the demo, the first one named.
 */
export function ingestDemoTurnout({
  store,
  election,
  clients,
  reports,
  language,
}: {
  store: Store;
  election: Election;
  clients: ClientKeys;
  reports: readonly TurnoutReport[];
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  return byRegionalCommission(election, reports, language, clients, (documents, signer) =>
    ingestTurnout({ store, election, documents, signer }),
  );
}

/**
 * One batch of the night's protocols ingested, each regional commission signing those of its stations with its own
 * key (`saylau ingest --key`): any protocol refused stops the demo, the first one named.
 */
export function ingestDemoBatch({
  store,
  election,
  clients,
  protocols,
  language,
}: {
  store: Store;
  election: Election;
  clients: ClientKeys;
  protocols: readonly unknown[];
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  return byRegionalCommission(election, protocols, language, clients, (documents, signer) =>
    ingestProtocols({ store, election, documents, signer }),
  );
}

/** What an import's summary says of its refusals: how many, and each with its place and code. */
interface RefusedSummary {
  readonly refused: number;
  readonly refusals: readonly {
    readonly index: number;
    readonly stationId?: string;
    readonly code: MessageCode;
    readonly params: RefusalParams;
  }[];
}

/** Documents ingested by the regional commission of each one's station, with its key: the first refusal stops it. */
async function byRegionalCommission<T>(
  election: Election,
  documents: readonly T[],
  language: Language,
  clients: ClientKeys,
  ingest: (documents: T[], signer: ActSigner) => Promise<RefusedSummary>,
): Promise<Result<void, CodedRefusal>> {
  const regional = regionalCommissionOf(election);
  for (const [commission, own] of groupBy(documents, (document) =>
    regional(String((document as { stationId?: unknown } | null)?.stationId)),
  )) {
    const summary = await ingest(own, clients.signer(commission));
    const first = summary.refusals[0];
    if (summary.refused === 0 || first === undefined) continue;
    return refuse('DEMO_PROTOCOL_REFUSED', {
      count: summary.refused,
      station: first.stationId ?? `#${first.index + 1}`,
      code: first.code,
      reason: formatMessage(first.code, language, first.params),
    });
  }
  return ok(undefined);
}

/**
 * The demo's observers before the day (docs/law.md §10.2): each one's key made and registered by the CEC, the
 * observer accredited by the commission the plan names with that commission's key, and a planned sample drawn with
 * the observer's key before any protocol is in. The first refusal stops the demo, named. Gives each plan's signer.
 */
export async function accreditDemoObservers({
  store,
  election,
  clients,
  plans,
  language,
}: {
  store: Store;
  election: Election;
  clients: ClientKeys;
  plans: readonly ObserverPlan[];
  language: Language;
}): Promise<Result<Map<ObserverPlan, ActSigner>, CodedRefusal>> {
  const signers = new Map<ObserverPlan, ActSigner>();
  for (const plan of plans) {
    const key = generateSigningKey();
    const { id } = plan.accreditation;
    const registered = await registerKeys(store, election, clients.signer('cec'), [
      { holder: `observer-${id}`, role: 'observer', commission: null, publicKey: key.publicKey },
    ]);
    if (!registered.ok) return registered;
    signers.set(plan, keySigner(key));
    const accredited = await accreditObservers({
      store,
      election,
      documents: [{ ...plan.accreditation, key: key.fingerprint }],
      signer: clients.signer(plan.accreditor),
    });
    const refused = observerRefusal(id, accredited, language);
    if (refused !== null) return refused;
    if (plan.sample === undefined) continue;
    const drawn = await drawSamples({ store, election, documents: [plan.sample], signer: keySigner(key) });
    const late = observerRefusal(id, drawn, language);
    if (late !== null) return late;
  }
  return ok(signers);
}

/** The copies each demo observer was handed and what they saw, entered with the observer's own key after the count. */
export async function enterDemoCopies({
  store,
  election,
  signers,
  language,
}: {
  store: Store;
  election: Election;
  signers: ReadonlyMap<ObserverPlan, ActSigner>;
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  for (const [plan, signer] of signers) {
    for (const ingest of [enterCopies, reportIrregularities]) {
      const documents = ingest === enterCopies ? plan.copies : plan.irregularities;
      const refused = observerRefusal(
        plan.accreditation.id,
        await ingest({ store, election, documents, signer }),
        language,
      );
      if (refused !== null) return refused;
    }
  }
  return ok(undefined);
}

function observerRefusal(
  id: string,
  summary: { readonly refused: number; readonly refusals: readonly { code: MessageCode; params: RefusalParams }[] },
  language: Language,
) {
  const first = summary.refusals[0];
  return first === undefined
    ? null
    : refuse('DEMO_OBSERVER_REFUSED', {
        id,
        count: summary.refused,
        code: first.code,
        reason: formatMessage(first.code, language, first.params),
      });
}

/**
 * The demo's register (docs/law.md §10.3): the complaints filed and decided and the administrative cases, each act
 * signed by the CEC's key (which registers and decides for any commission). The first refusal stops the demo.
 */
export async function fileDemoRegister({
  store,
  election,
  clients,
  plan,
  language,
}: {
  store: Store;
  election: Election;
  clients: ClientKeys;
  plan: RegisterPlan;
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  const signer = clients.signer('cec');
  for (const [ingest, documents] of [
    [fileComplaints, plan.complaints],
    [decideComplaints, plan.decisions],
    [recordViolations, plan.violations],
  ] as const) {
    const refused = observerRefusal('cec', await ingest({ store, election, documents, signer }), language);
    if (refused !== null) return refused;
  }
  return ok(undefined);
}
