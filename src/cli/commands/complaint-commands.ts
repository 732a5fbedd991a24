import { COMPLAINT_DECISIONS_FILE, COMPLAINTS_FILE, VIOLATIONS_FILE } from '../../dataset/files.ts';
import { decideComplaints, fileComplaints, recordViolations } from '../../services/complaint-service.ts';
import type { CliContext } from '../context.ts';
import { runSignedActs } from './observer-commands.ts';
import type { DbOptions } from './store-commands.ts';

/** `saylau complaints DIR|FILE --key …`: complaints, registered by the deciding commission (docs/law.md §10.3). */
export function runComplaints(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, COMPLAINTS_FILE, options, context, fileComplaints);
}

/** `saylau decisions DIR|FILE --key …`: decisions on complaints, a recount, an annulment or a referral among them. */
export function runComplaintDecisions(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, COMPLAINT_DECISIONS_FILE, options, context, decideComplaints);
}

/** `saylau violations DIR|FILE --key …`: administrative cases, entered by the CEC. */
export function runViolations(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return runSignedActs(source, VIOLATIONS_FILE, options, context, recordViolations);
}
