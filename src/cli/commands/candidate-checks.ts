import { cliText } from '../../i18n/cli-text.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { checkEligibility, type EligibilityInput, type EligibilityOutcome } from '../../law/candidate-eligibility.ts';
import { checkMandates, type MandateCheckInput, type MandateCheckOutcome } from '../../law/mandate-check.ts';
import { checkPartyList, type ListCheckInput, type ListCheckOutcome } from '../../law/party-list-check.ts';
import {
  parseEligibilityRequest,
  parseListCheckRequest,
  parseMandateCheckRequest,
} from '../../model/candidate-requests.ts';
import type { DocumentCommand } from '../run-document-command.ts';

export const checkCandidateCommand: DocumentCommand<EligibilityInput, EligibilityOutcome> = {
  parse: parseEligibilityRequest,
  run: checkEligibility,
  toJson: ({ eligible, age, reasons }) => ({ eligible, reasons, age }),
  toText: ({ eligible, age, reasons }, { language }) =>
    [
      `${cliText(eligible ? 'eligible' : 'notEligible', language)} (${cliText('age', language)}: ${age})`,
      ...reasons.map((code) => `  ${code}: ${formatMessage(code, language)}`),
    ].join('\n') + '\n',
};

export const checkListCommand: DocumentCommand<ListCheckInput, ListCheckOutcome> = {
  parse: parseListCheckRequest,
  run: checkPartyList,
  toJson: ({ ok, reasons, findings, maximumLength, quotaCount }) => ({
    ok,
    reasons,
    findings,
    maximumLength,
    quotaCount,
  }),
  toText: ({ ok, findings, maximumLength }, { language }) =>
    [
      cliText(ok ? 'listOk' : 'listNotOk', language),
      ...findings.map(
        ({ code, candidateIds }) =>
          `  ${code}: ${formatMessage(code, language, { maximum: maximumLength, ids: candidateIds.join(', ') })}`,
      ),
    ].join('\n') + '\n',
};

export const checkMandatesCommand: DocumentCommand<MandateCheckInput, MandateCheckOutcome> = {
  parse: parseMandateCheckRequest,
  run: checkMandates,
  toJson: ({ ok, reasons, required, quotaCount }) => ({ ok, reasons, required, quotaCount }),
  toText: ({ ok, reasons }, { language }) =>
    [
      cliText(ok ? 'mandatesOk' : 'mandatesNotOk', language),
      ...reasons.map((code) => `  ${code}: ${formatMessage(code, language)}`),
    ].join('\n') + '\n',
};
