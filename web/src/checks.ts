import { checkProtocol, formatMessage, type MessageCode } from '@saylau/web-shared';
import { language } from './i18n.ts';
import type { Protocol } from './types.ts';

/** The same control relations the server applies (src/tally), with their messages in the reader's language. */
export function findingsOf(
  protocol: Protocol,
  options: string[],
): { code: string; severity: string; message: string }[] {
  return checkProtocol({ lines: protocol.lines, votes: protocol.votes, options }).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    message: formatMessage(finding.code as MessageCode, language(), {
      lines: finding.lines.join(', '),
      option: finding.optionId ?? '',
    }),
  }));
}
