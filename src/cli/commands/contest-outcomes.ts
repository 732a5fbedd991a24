import { cliText } from '../../i18n/cli-text.ts';
import type { Language } from '../../i18n/language.ts';
import { toJsonForm } from '../../law/json-form.ts';
import { decideRecall, type RecallInput, type RecallOutcome } from '../../law/recall.ts';
import { decideSmd, type SmdInput, type SmdOutcome } from '../../law/smd-outcome.ts';
import { parseRecallRequest, parseSmdRequest } from '../../model/contest-requests.ts';
import { formatCount } from '../../i18n/format.ts';
import type { DocumentCommand } from '../run-document-command.ts';

export const smdCommand: DocumentCommand<SmdInput, SmdOutcome> = {
  parse: parseSmdRequest,
  run: decideSmd,
  toJson: toJsonForm,
  toText: (outcome, { language }) => `${smdText(outcome, language)}\n`,
};

function smdText(outcome: SmdOutcome, language: Language): string {
  switch (outcome.status) {
    case 'winner': {
      const lines = [
        cliText('smd.winner', language, { winner: outcome.winner, votes: formatCount(outcome.votes, language) }),
      ];
      if (outcome.decidedByLots) lines[0] += ` — ${cliText('smd.byLots', language)}`;
      if (outcome.againstAllPrevailed) lines.push(cliText('smd.againstAllPrevailed', language));
      return lines.join('\n');
    }
    case 'tie':
      return cliText('smd.tie', language, {
        tied: outcome.tied.join(', '),
        votes: formatCount(outcome.votes, language),
        decision: cliText(`smd.decision.${outcome.decision}`, language),
      });
    case 'void':
      return cliText('smd.void', language);
    case 'postponed':
      return cliText('smd.postponed', language);
  }
}

export const recallCommand: DocumentCommand<RecallInput, RecallOutcome> = {
  parse: parseRecallRequest,
  run: decideRecall,
  toJson: toJsonForm,
  toText: (outcome, { language }) => `${cliText(`recall.${outcome.status}`, language)}\n`,
};
