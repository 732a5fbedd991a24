import { formatMessage, formatScientific, isMessageCode } from '@saylau/web-shared';
import { type Answer, get } from '../api.ts';
import { h, s } from '../dom.ts';
import { formatCount, formatNumber, formatPercentOfOne, language, t, type TextKey } from '../i18n.ts';
import type { Overview } from '../types.ts';

/** GET /api/analysis/forensics as the OpenAPI document publishes it (src/analysis/forensics/analyse.ts). */
type ForensicsAnswer = Answer<'/api/analysis/forensics'>;
type IntegerCount = ForensicsAnswer['integerPercent']['either'];
type FlagReason = ForensicsAnswer['flags'][number]['reasons'][number];

/** Flags listed on the page; the JSON has them all. */
const FLAG_ROWS = 200;

const number = formatNumber;
const share = (value: number | null): string => (value === null ? '—' : formatPercentOfOne(value, 2));
/** Below 10⁻⁴ a p-value is written as a power of ten: `3,5 × 10⁻⁷`, never `3.5e-7`. */
const pValue = (value: number): string => (value < 1e-4 ? formatScientific(value, language()) : number(value, 4));

/** The fingerprint as an SVG heat map: one cell per non-empty bin, darker for more stations (log scale). */
function fingerprintImage(fingerprint: ForensicsAnswer['fingerprint']): SVGElement {
  const { bins, counts } = fingerprint;
  const most = Math.max(1, ...counts.flat());
  const cells: SVGElement[] = [];
  counts.forEach((row, turnout) =>
    row.forEach((count, leader) => {
      if (count === 0) return;
      const level = Math.log(1 + count) / Math.log(1 + most);
      cells.push(
        s(
          'rect',
          {
            x: turnout,
            y: bins - 1 - leader,
            width: 1,
            height: 1,
            fill: `hsl(215, 80%, ${Math.round(92 - 72 * level)}%)`,
          },
          s('title', {}, `${turnout}–${turnout + 1} % × ${leader}–${leader + 1} %: ${count}`),
        ),
      );
    }),
  );
  // Axis values every 25 %: the bins are 1 % wide, so a bin's index is its percentage.
  const ticks = [0, 25, 50, 75, 100].map((percent) => (percent * bins) / 100);
  return s(
    'svg',
    {
      viewBox: `-14 -4 ${bins + 18} ${bins + 18}`,
      class: 'fingerprint',
      role: 'img',
      'aria-label': t('forensics.fingerprintTitle'),
    },
    s('rect', { x: 0, y: 0, width: bins, height: bins, fill: '#fff', stroke: '#999', 'stroke-width': 0.3 }),
    cells,
    ticks.map((at, index) =>
      s(
        'g',
        { class: 'axis-tick' },
        s('line', { x1: at, x2: at, y1: bins, y2: bins + 1.5, stroke: '#555', 'stroke-width': 0.3 }),
        s('text', { x: at, y: bins + 5, 'text-anchor': 'middle', 'font-size': 3 }, String(index * 25)),
        s('line', { x1: -1.5, x2: 0, y1: bins - at, y2: bins - at, stroke: '#555', 'stroke-width': 0.3 }),
        s('text', { x: -2.5, y: bins - at + 1, 'text-anchor': 'end', 'font-size': 3 }, String(index * 25)),
      ),
    ),
    s('text', { x: bins / 2, y: bins + 11, 'text-anchor': 'middle', 'font-size': 3.5 }, t('forensics.axisTurnout')),
    s(
      'text',
      { x: -10, y: bins / 2, 'text-anchor': 'middle', 'font-size': 3.5, transform: `rotate(-90 -10 ${bins / 2})` },
      t('forensics.axisLeader'),
    ),
  );
}

/**
 * Stations by 1 % of turnout, with the leader's votes and the votes Shpilkin's ratio would give them above the mode.
 */
function turnoutHistogram(shpilkin: ForensicsAnswer['shpilkin']): SVGElement {
  const bins = shpilkin.bins;
  const most = Math.max(1, ...bins.map((bin) => Math.max(bin.leader, bin.others)));
  const bar = (bin: number, value: number, colour: string, offset: number): SVGElement =>
    s('rect', { x: bin + offset, y: 60 - (60 * value) / most, width: 0.45, height: (60 * value) / most, fill: colour });
  return s(
    'svg',
    // Wide enough on both sides for the first and last labels ("0 %", "100 %") centred on their ticks.
    { viewBox: '-6 -2 114 76', class: 'turnout-histogram', role: 'img', 'aria-label': t('forensics.histogramCaption') },
    bins.flatMap((bin) => [
      bar(bin.bin, bin.leader, '#c0392b', 0),
      bar(bin.bin, bin.others, '#7f8c8d', 0.5),
      bin.cleanLeader === null
        ? null
        : s('rect', { x: bin.bin, y: 60 - (60 * bin.cleanLeader) / most, width: 0.45, height: 0.6, fill: '#000' }),
    ]),
    shpilkin.modalBin === null
      ? null
      : s('line', {
          x1: shpilkin.modalBin + 0.5,
          x2: shpilkin.modalBin + 0.5,
          y1: 0,
          y2: 60,
          stroke: '#2c3e50',
          'stroke-dasharray': '1 1',
          'stroke-width': 0.3,
        }),
    s('line', { x1: 0, x2: 100, y1: 60, y2: 60, stroke: '#555', 'stroke-width': 0.3 }),
    [0, 25, 50, 75, 100].map((x) => s('text', { x, y: 65, 'text-anchor': 'middle', 'font-size': 3 }, `${x} %`)),
    s('text', { x: 50, y: 71, 'text-anchor': 'middle', 'font-size': 3.5 }, t('forensics.axisTurnout')),
  );
}

/** The checks a protocol failed, as their messages say them in the reader's language (docs/protocol-checks.md). */
function findingsInWords(codes: readonly string[]): string {
  // A code this site does not know (a newer server) is shown as it came rather than breaking the page.
  return codes.map((code) => (isMessageCode(code) ? formatMessage(code, language(), {}) : code)).join('; ');
}

function reasonText(reason: FlagReason, answer: ForensicsAnswer): string {
  switch (reason.kind) {
    case 'turnout-and-leader-high':
      return t('forensics.reason.high', {
        turnout: share(reason.turnout),
        share: share(reason.leaderShare),
        threshold: answer.parameters.highPercent,
      });
    case 'identical-protocol':
      return t('forensics.reason.identical', { other: reason.other });
    case 'control-relation':
      return t('forensics.reason.relation', { codes: findingsInWords(reason.codes) });
    case 'protocol-warning':
      return t('forensics.reason.warning', { codes: findingsInWords(reason.codes) });
    case 'district-outlier':
      return t('forensics.reason.outlier', {
        statistic: t(reason.statistic === 'turnout' ? 'forensics.turnout' : 'forensics.leaderShare'),
        value: share(reason.value),
        median: share(reason.median),
        z: number(reason.z, 1),
        threshold: answer.parameters.outlierZ,
      });
  }
}

/** `#/forensics`: the statistical forensics of the Majilis list protocols counted so far. */
export async function forensicsView(overview: Overview): Promise<HTMLElement> {
  const answer = await get<ForensicsAnswer>('/api/analysis/forensics');
  const party = overview.parties.find((p) => p.id === answer.leader?.id);
  const leaderName = party === undefined ? (answer.leader?.id ?? '—') : party.name[language()];
  const integer = answer.integerPercent;
  const integerRow = (key: TextKey, count: IntegerCount) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, t(key)),
      h('td', { class: 'num' }, formatCount(count.observed)),
      h('td', { class: 'num' }, number(count.expected, 1)),
      h('td', { class: 'num' }, number(count.excess, 1)),
      h('td', { class: 'num' }, number(count.sd, 1)),
      h('td', { class: 'num' }, number(count.z, 1)),
    );
  const shpilkin = answer.shpilkin;
  return h(
    'div',
    { class: 'page forensics' },
    h('h1', {}, t('forensics.title')),
    h(
      'p',
      {},
      t('forensics.intro', {
        stations: formatCount(answer.stations),
        leader: leaderName,
        share: share(answer.leader?.share ?? null),
      }),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('forensics.fingerprintTitle')),
      h('p', {}, t('forensics.fingerprintText', { stations: formatCount(answer.fingerprint.stations) })),
      fingerprintImage(answer.fingerprint),
    ),
    h(
      'section',
      { id: 'integer-percentages' },
      h('h2', {}, t('forensics.integerTitle')),
      h(
        'p',
        {},
        t('forensics.integerText', { stations: formatCount(integer.stations), runs: integer.runs, seed: integer.seed }),
      ),
      h(
        'table',
        { class: 'results' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, ''),
            ...(
              ['forensics.observed', 'forensics.expected', 'forensics.excess', 'forensics.sd', 'forensics.z'] as const
            ).map((key) => h('th', { class: 'num' }, t(key))),
          ),
        ),
        h(
          'tbody',
          {},
          integerRow('forensics.turnout', integer.turnout),
          integerRow('forensics.leaderShare', integer.leaderShare),
          integerRow('forensics.either', integer.either),
        ),
      ),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('forensics.shpilkinTitle')),
      h(
        'p',
        { id: 'shpilkin' },
        t('forensics.shpilkinText', {
          bin: shpilkin.modalBin ?? '—',
          ratio: shpilkin.ratio === null ? '—' : number(shpilkin.ratio, 3),
          votes: formatCount(shpilkin.anomalousVotes),
          clean: share(shpilkin.cleanLeaderShare),
          share: share(shpilkin.leaderShare),
        }),
      ),
      turnoutHistogram(shpilkin),
      h('p', { class: 'note' }, t('forensics.histogramCaption')),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('forensics.digitsTitle')),
      h('p', { class: 'note' }, t('forensics.weakScreen')),
      h(
        'ul',
        {},
        answer.digits.map((test) =>
          h(
            'li',
            {},
            t(test.test === 'second-digit-benford' ? 'forensics.secondDigit' : 'forensics.lastDigit'),
            ', ',
            t(test.series === 'leader' ? 'forensics.seriesLeader' : 'forensics.seriesAll'),
            `: n = ${formatCount(test.counts)}, χ² = ${number(test.chiSquare, 1)}, p = ${pValue(test.pValue)}`,
          ),
        ),
      ),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('forensics.flagsTitle', { count: formatCount(answer.flags.length) })),
      h(
        'table',
        { class: 'results', id: 'flags' },
        h('thead', {}, h('tr', {}, h('th', {}, t('forensics.station')), h('th', {}, t('forensics.reasons')))),
        h(
          'tbody',
          {},
          answer.flags
            .slice(0, FLAG_ROWS)
            .map((flag) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/station/${flag.stationId}` }, flag.stationId)),
                h('td', {}, flag.reasons.map((reason) => reasonText(reason, answer)).join('; ')),
              ),
            ),
        ),
      ),
      answer.flags.length > FLAG_ROWS
        ? h('p', {}, t('forensics.more', { count: formatCount(answer.flags.length - FLAG_ROWS) }))
        : null,
    ),
  );
}
