import { actDigestOfText, type ActScope, type ActSigner } from '../journal/act.ts';
import { signDigestWith } from '../journal/keys.ts';
import type { JournalPayload } from '../journal/events.ts';
import { canonicalJson, parseCanonicalJson } from '../model/canonical-json.ts';
import { type TurnoutReport, turnoutReportSchema } from '../model/turnout-report.ts';
import { type AheadOf, AheadPreparation, type Sharing } from './intake-preparation.ts';
import type { PlannedAct, PreparedAct } from './journal-append.ts';

// The day's turnout reports, prepared as the protocols of a bulk import are (intake-preparation.ts): the checking
// thread parses each report, and digests and signs the act that takes it as a first report of its hour. The main
// thread decides each report against the database as before; where the decision is a first report, it appends the act
// made ahead, and anything else (a correction, a repeat, a refusal) it makes as it always has.

/** What the checking thread answers for one document: not a report, or the report with its act. */
export type TurnoutAhead =
  | { readonly kind: 'invalid'; readonly detail: string }
  | {
      readonly kind: 'report';
      /** The report as `turnoutReportSchema` parsed it, in canonical JSON. */
      readonly reportText: string;
      /** The act a first report journals, its digest and signature: its payload's text is `firstReportText`. */
      readonly firstReport: Pick<PreparedAct, 'digest' | 'signature'> | null;
    };

/** A document of a batch prepared ahead: not a report (why, in the schema's words), or the report with its act. */
export type PreparedReport =
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'report'; readonly report: TurnoutReport; readonly firstReport: PlannedAct | null };

/** The payload that takes a report as the first of its hour: the act made ahead. */
export function firstReportPayload(report: TurnoutReport): JournalPayload {
  return { type: 'turnout-reported', report, reason: null };
}

/** The canonical text of `firstReportPayload`'s body, written around the report's (a test holds it to the schema). */
export function firstReportText(reportText: string): string {
  return `{"reason":null,"report":${reportText}}`;
}

const TYPE = 'turnout-reported' satisfies JournalPayload['type'];

/** One document parsed, and if it is a report and `ahead` has a key, its act made: digested and signed. */
export function turnoutAhead(document: unknown, ahead: AheadOf): TurnoutAhead {
  const parsed = reportHere(document);
  // Nothing of the checking thread's outlives its chunk: the report's text is not remembered with it.
  return parsed.kind === 'invalid' ? parsed : reportAhead(parsed.report, ahead, false);
}

/** `remember`: whether the report's canonical text stays with it, as on the main thread, which journals it. */
function reportAhead(
  report: TurnoutReport,
  ahead: AheadOf,
  remember: boolean,
): Extract<TurnoutAhead, { kind: 'report' }> {
  // Not parsed again with the event's schema: the report is what `turnoutReportSchema` has just parsed, and the rest is
  // of one fixed shape (test/turnout-preparation.test.ts), as for the protocols' first versions.
  const reportText = canonicalJson(report, remember);
  if (ahead.key === null) return { kind: 'report', reportText, firstReport: null };
  const digest = actDigestOfText(
    ahead.scope,
    { type: TYPE, actor: ahead.actor, at: ahead.at },
    firstReportText(reportText),
  );
  return { kind: 'report', reportText, firstReport: { digest, signature: signDigestWith(digest, ahead.key) } };
}

/** A report parsed on this thread, with no act made: every batch of a small import, and the checking thread's start. */
export function reportHere(document: unknown): PreparedReport {
  const parsed = turnoutReportSchema.safeParse(document);
  return parsed.success
    ? { kind: 'report', report: parsed.data, firstReport: null }
    : { kind: 'invalid', detail: parsed.error.issues[0]?.message ?? 'not a turnout report' };
}

/** The turnout reports of a bulk import, parsed and their first reports' acts signed ahead. */
export class TurnoutPreparation extends AheadPreparation<TurnoutAhead, PreparedReport> {
  constructor(scope: ActScope, signer: ActSigner, sharing?: Sharing) {
    super('turnout', null, scope, signer, sharing);
  }

  protected here(document: unknown, ahead: AheadOf): PreparedReport {
    const parsed = reportHere(document);
    return parsed.kind === 'invalid'
      ? parsed
      : this.prepared(reportAhead(parsed.report, ahead, true), parsed.report, ahead);
  }

  protected fromWorker(result: TurnoutAhead, ahead: AheadOf): PreparedReport {
    return result.kind === 'invalid'
      ? result
      : this.prepared(result, parseCanonicalJson(result.reportText) as TurnoutReport, ahead);
  }

  private prepared(
    result: Extract<TurnoutAhead, { kind: 'report' }>,
    report: TurnoutReport,
    ahead: AheadOf,
  ): PreparedReport {
    if (result.firstReport === null) return { kind: 'report', report, firstReport: null };
    // `append` makes the digest again from this text and refuses the act unless it is the digest signed.
    const firstReport: PlannedAct = {
      payload: firstReportPayload(report),
      signer: this.signer,
      prepared: { at: ahead.at, payloadText: firstReportText(result.reportText), ...result.firstReport },
    };
    return { kind: 'report', report, firstReport };
  }
}
