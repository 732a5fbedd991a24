import type { Ballot } from '../registration/ballots.ts';

/** The two languages ballots are printed in (docs/registration.md, Ballots). */
export type BallotLanguage = 'kk' | 'ru';

const WORDS = {
  kk: {
    title: 'Сайлау бюллетені — баспа нұсқасының үлгісі',
    station: 'Сайлау учаскесі',
    againstAll: 'Барлығына қарсы',
    instruction: 'Таңдаған бір жолдың оң жағындағы бос шаршыға кез келген белгі қойыңыз.',
    proof: 'Үлгі: дауыс беруге жарамайды',
    empty: 'Бұл сайлау кейінге қалдырылды: тіркелген кандидат жоқ.',
  },
  ru: {
    title: 'Избирательный бюллетень — макет для печати',
    station: 'Избирательный участок',
    againstAll: 'Против всех',
    instruction: 'Поставьте любой знак в пустом квадрате справа от одной выбранной строки.',
    proof: 'Образец: для голосования не действителен',
    empty: 'Эти выборы перенесены: зарегистрированных кандидатов нет.',
  },
} as const;

export const BALLOT_PROOF_STYLE = `
@page { size: A5; margin: 10mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.ballot { page-break-after: always; break-after: page; padding: 4mm; }
.ballot:last-child { page-break-after: auto; break-after: auto; }
header { text-align: center; border-bottom: 1px solid #000; margin-bottom: 3mm; }
.proof { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.1em; }
h1 { font-size: 13pt; margin: 2mm 0; }
.station, .instruction { font-size: 9pt; margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; }
td { border: 1px solid #000; padding: 2mm; vertical-align: middle; }
.number { width: 6mm; text-align: center; font-size: 9pt; }
.name { font-weight: bold; font-size: 11pt; }
.detail { font-size: 8pt; }
.box { width: 12mm; }
.box span { display: block; width: 8mm; height: 8mm; border: 1.5px solid #000; margin: auto; }
.against-all .name { text-transform: uppercase; }
.empty { font-style: italic; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0) as number};`);
}

/**
 * Print-ready proofs of a station's ballots in one language: one ballot per page, options in
 * ballot order, "Against all" last, each with the square a voter marks. Plain HTML and CSS
 * (`@page`, A5), so any browser prints it or saves it as PDF; nothing is fetched.
 */
export function ballotProofHtml({
  stationId,
  ballots,
  language,
}: {
  stationId: string;
  ballots: readonly Ballot[];
  language: BallotLanguage;
}): string {
  const words = WORDS[language];
  const pages = ballots.map((ballot) => {
    const rows = ballot.options.map((option, index) => {
      const detail = option.detail === null ? '' : `<div class="detail">${escapeHtml(option.detail[language])}</div>`;
      return `<tr><td class="number">${index + 1}</td><td class="option"><div class="name">${escapeHtml(option.label[language])}</div>${detail}</td><td class="box"><span></span></td></tr>`;
    });
    rows.push(
      `<tr class="against-all"><td class="number"></td><td class="option"><div class="name">${words.againstAll}</div></td><td class="box"><span></span></td></tr>`,
    );
    const empty = ballot.options.length === 0 ? `<p class="empty">${words.empty}</p>` : '';
    return `<section class="ballot" data-contest="${escapeHtml(ballot.contestId)}"><header><div class="proof">${words.proof}</div><h1>${escapeHtml(ballot.title[language])}</h1><div class="station">${words.station}: ${escapeHtml(stationId)}</div><p class="instruction">${words.instruction}</p></header>${empty}<table>${rows.join('')}</table></section>`;
  });
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${words.title} — ${escapeHtml(stationId)}</title>
<style>${BALLOT_PROOF_STYLE}</style></head>
<body>
${pages.join('\n')}
</body></html>
`;
}
