/**
 * Everything of src/ the public site (web/) may use, imported there as `@saylau/web-shared`: pure
 * code the browser runs exactly as the server does, so that the site keeps no copies of its own
 * (docs/site.md, "Boundaries"). Nothing here may reach Node built-ins, the store or the server;
 * test/architecture.test.ts holds the site to this module and the generated API types.
 */
export {
  formatCount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMonth,
  formatPercent,
  formatScientific,
  formatShare,
  formatTimeOfDay,
  LOCALES,
  percentThreshold,
} from './i18n/format.ts';
export { formatMessage, isMessageCode, type MessageCode } from './i18n/messages.ts';
export { REQUIRED_CANDIDATE_DOCUMENTS, REQUIRED_NOMINATOR_DOCUMENTS } from './law/registration-rules.ts';
export { ACT_FORMAT, actText, type ActFields } from './model/act-text.ts';
export { PROTOCOL_LINE_NUMBERS, PROTOCOL_LINES, type ProtocolLine } from './model/protocol-lines.ts';
export { optionRowsLabel, protocolRows, type ProtocolRow } from './model/protocol-rows.ts';
export { checkProtocol, type ProtocolFinding } from './tally/protocol-checks.ts';
export { relationSums, type RelationSums } from './tally/relation-sums.ts';
export { holderOf } from './tally/seat-holder.ts';
