import { PROTOCOL_LINE_NAMES } from '../i18n/protocol-line-names.ts';
import type { Language } from '../i18n/language.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { protocolRows } from '../model/protocol-rows.ts';

/** One contest's protocol as the paper form prints it: its title and its numbered rows. */
export interface PaperProtocol {
  readonly contestId: string;
  readonly title: string;
  readonly rows: readonly { readonly number: string; readonly label: string; readonly value: number }[];
}

const WORDS = {
  kk: { heading: 'Учаскелік комиссияның хаттамасы', station: 'Сайлау учаскесі' },
  ru: { heading: 'Протокол участковой комиссии', station: 'Избирательный участок' },
  en: { heading: 'Precinct commission protocol', station: 'Polling station' },
} as const;

/**
 * The protocols of one station as the commission's paper forms give them, in the station's order of
 * contests: every line with its form number, the options in ballot order (docs/protocol-checks.md),
 * names in `language`. What the demo's visitor copies into the console.
 */
export function paperProtocols(
  election: Election,
  stationId: string,
  protocols: readonly Protocol[],
  language: Language,
): PaperProtocol[] {
  const station = election.stations.find((s) => s.id === stationId);
  const parties = new Map(election.parties.map((party) => [party.id as string, party.name[language]]));
  const candidates = new Map(
    election.candidates.map((c) => [c.id as string, language === 'en' ? c.name.latin : c.name[language]]),
  );
  return (station?.contests ?? []).flatMap((contestId) => {
    const contest = election.contests.find((c) => c.id === contestId);
    const protocol = protocols.find((p) => p.stationId === stationId && p.contestId === contestId);
    if (contest === undefined || protocol === undefined) return [];
    const names = contest.kind === 'list' ? parties : candidates;
    const rows = protocolRows(contest.options.map((option) => option.id)).map((row) =>
      row.kind === 'line'
        ? { number: row.number, label: PROTOCOL_LINE_NAMES[row.line][language], value: protocol.lines[row.line] }
        : {
            number: row.number,
            label: names.get(row.optionId) ?? row.optionId,
            value: protocol.votes[row.optionId] ?? 0,
          },
    );
    return [{ contestId, title: contest.name[language], rows }];
  });
}

/** The protocols as plain text for a terminal: a heading, then one aligned row per line of each form. */
export function paperProtocolText(stationId: string, forms: readonly PaperProtocol[], language: Language): string {
  const words = WORDS[language];
  const blocks = forms.map((form) => {
    const width = Math.min(56, Math.max(...form.rows.map((row) => row.label.length)));
    const lines = form.rows.map(
      (row) => `  ${row.number.padStart(2)}  ${row.label.padEnd(width)}  ${String(row.value).padStart(7)}`,
    );
    return [`${form.title} (${form.contestId})`, ...lines].join('\n');
  });
  return [`${words.heading} · ${words.station} ${stationId}`, ...blocks].join('\n\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0) as number};`);
}

/** The same protocols as a printable page: plain HTML, no style or script, so the site's policy allows it. */
export function paperProtocolHtml(stationId: string, forms: readonly PaperProtocol[], language: Language): string {
  const words = WORDS[language];
  const sections = forms.map(
    (form) =>
      `<section data-contest="${escapeHtml(form.contestId)}"><h2>${escapeHtml(form.title)}</h2><table border="1" cellpadding="4">${form.rows
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row.number)}</td><th scope="row" align="left">${escapeHtml(row.label)}</th><td align="right">${row.value}</td></tr>`,
        )
        .join('')}</table></section>`,
  );
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${words.heading} — ${escapeHtml(stationId)}</title></head>
<body><h1>${words.heading}</h1><p>${words.station}: ${escapeHtml(stationId)}</p>
${sections.join('\n')}
</body></html>
`;
}
