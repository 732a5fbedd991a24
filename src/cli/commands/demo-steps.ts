import type { Language } from '../../i18n/language.ts';
import { formatMessage } from '../../i18n/messages.ts';
import type { Election } from '../../model/election.ts';
import { type CodedRefusal, refuse } from '../../model/refusal.ts';
import { ok, type Result } from '../../model/result.ts';
import { ingestProtocols } from '../../services/intake-service.ts';
import {
  registerNominations,
  type RegistrationOutcome,
  submitNominations,
} from '../../services/registration-service.ts';
import type { Keyring } from '../../store/keyring.ts';
import type { Store } from '../../store/store.ts';

// The steps of `saylau demo` that journal what the generated dataset says, each checked: a demo that carried on past
// a refused nomination or protocol would show a half-registered election or results with stations missing as if they
// were whole.

/**
 * Every nomination of the dataset received and registered: the first one refused — by the registry, or by the law in
 * the commission's decision — stops the demo, named with its reason in the reader's language.
 */
export async function registerDemoCandidates({
  store,
  definition,
  keyring,
  nominations,
  language,
}: {
  store: Store;
  definition: Election;
  keyring: Keyring;
  nominations: readonly unknown[];
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  const received = firstRefusal(
    await submitNominations({ store, definition, keyring, documents: nominations }),
    language,
  );
  if (!received.ok) return received;
  return firstRefusal(
    await registerNominations({ store, definition, keyring, nominationIds: null, decidedAt: '2023-02-15T12:00' }),
    language,
  );
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

/** One batch of the night's protocols ingested: any protocol refused stops the demo, the first one named. */
export async function ingestDemoBatch({
  store,
  election,
  keyring,
  protocols,
  language,
}: {
  store: Store;
  election: Election;
  keyring: Keyring;
  protocols: readonly unknown[];
  language: Language;
}): Promise<Result<void, CodedRefusal>> {
  const summary = await ingestProtocols({ store, election, documents: protocols, keyring });
  const first = summary.refusals[0];
  if (summary.refused === 0 || first === undefined) return ok(undefined);
  return refuse('DEMO_PROTOCOL_REFUSED', {
    count: summary.refused,
    station: first.stationId ?? `#${first.index + 1}`,
    code: first.code,
    reason: formatMessage(first.code, language, first.params),
  });
}
