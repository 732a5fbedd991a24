import { get } from '../api.ts';
import {
  districtNumber,
  holderColour,
  holderName,
  listSeatsOf,
  partiesInOrder,
  stageLabel,
  swatch,
  validBallots,
  winnerOf,
} from '../common.ts';
import { holderOf } from '@saylau/web-shared';
import { h, s } from '../dom.ts';
import { hemicycleSeats } from '../hemicycle.ts';
import { nameOf, t } from '../i18n.ts';
import type { BodyPage, ContestPage, Overview } from '../types.ts';
import { figures, listVoteTable, provisionalBanner, winnerMark } from './results-parts.ts';
import { witnessesBlock } from './witnesses.ts';
import { turnoutDaySection } from './turnout-day.ts';

/**
 * A line from the centre out between seat n and seat n + 1, counted from the left: whoever holds
 * the seats left of it has n. Seats are numbered by angle (hemicycle.ts), so the line is radial.
 */
function seatLine(
  positions: readonly { x: number; y: number }[],
  { seats, label, kind }: { seats: number; label: string; kind: string },
): SVGElement | null {
  const before = positions[seats - 1];
  const after = positions[seats];
  if (before === undefined || after === undefined) return null;
  const angle = (Math.atan2(before.y, before.x) + Math.atan2(after.y, after.x)) / 2;
  const point = (radius: number) => ({ x: radius * Math.cos(angle), y: 1 - radius * Math.sin(angle) });
  const inner = point(0.38);
  const outer = point(1.04);
  const text = point(0.3);
  return s(
    'g',
    { class: `seat-line ${kind}`, 'data-line': kind, 'data-seats': seats },
    s('title', {}, label),
    s('line', {
      x1: inner.x.toFixed(4),
      y1: inner.y.toFixed(4),
      x2: outer.x.toFixed(4),
      y2: outer.y.toFixed(4),
    }),
    s('text', { x: text.x.toFixed(4), y: text.y.toFixed(4), 'text-anchor': 'middle' }, String(seats)),
  );
}

/** The national page: the hemicycle, the list vote, the district winners. */
export async function majilisView(overview: Overview): Promise<HTMLElement> {
  const [page, list] = await Promise.all([
    get<BodyPage>('/api/site/bodies/majilis'),
    get<ContestPage>('/api/site/contests/majilis/list'),
  ]);
  const listResult = list.result;
  const candidates = new Map(page.candidates.map((c) => [c.id, c]));
  const smd = page.contests
    .filter((c) => c.contest.kind === 'smd')
    .sort((a, b) => districtNumber(a.contest) - districtNumber(b.contest));

  // Seats by holder as the server's tally counts them: the body's seats, of which the list contest's are list seats
  // and the rest district seats (both from the same version of the results).
  const listSeats = new Map(Object.entries(listSeatsOf(page.contests.find((c) => c.contest.kind === 'list')?.result)));
  const smdSeats = new Map(
    Object.entries(page.result?.seats ?? {}).map(([holder, seats]) => [holder, seats - (listSeats.get(holder) ?? 0)]),
  );
  const holders = [...partiesInOrder(overview).map((p) => p.id), 'public-association', 'self-nominated'];
  const seats: { party: string; kind: 'list' | 'smd' }[] = [];
  for (const holder of holders) {
    for (let i = 0; i < (listSeats.get(holder) ?? 0); i++) seats.push({ party: holder, kind: 'list' });
    for (let i = 0; i < (smdSeats.get(holder) ?? 0); i++) seats.push({ party: holder, kind: 'smd' });
  }
  const listTotal = page.body.listSeats;
  const filledList = seats.filter((seat) => seat.kind === 'list').length;
  const filledSmd = seats.length - filledList;
  for (let i = filledList; i < listTotal; i++) seats.push({ party: 'unfilled', kind: 'list' });
  for (let i = filledSmd; i < page.body.smdSeats; i++) seats.push({ party: 'unfilled', kind: 'smd' });

  const positions = hemicycleSeats(seats.length, 6);
  const total = page.body.seats;
  const majority = Math.floor(total / 2) + 1;
  const twoThirds = Math.ceil((2 * total) / 3);
  const svg = s(
    'svg',
    { viewBox: '-1.05 -0.05 2.1 1.1', class: 'hemicycle', role: 'img', 'aria-labelledby': 'hemicycle-title' },
    s('title', { id: 'hemicycle-title' }, t('hemicycle')),
    [
      { seats: majority, label: t('results.majority', { seats: majority }), kind: 'majority' },
      { seats: twoThirds, label: t('results.twoThirds', { seats: twoThirds }), kind: 'two-thirds' },
    ].map((line) => seatLine(positions, line)),
    seats.map((seat, index) => {
      const { x, y } = positions[index] as { x: number; y: number };
      const colour = seat.party === 'unfilled' ? '#e0e0e0' : holderColour(overview, seat.party);
      const title = `${seat.party === 'unfilled' ? '—' : holderName(overview, seat.party)} · ${seat.kind === 'list' ? t('listSeat') : t('smdSeat')}`;
      return seat.kind === 'list'
        ? s(
            'circle',
            {
              cx: x.toFixed(4),
              cy: (1 - y).toFixed(4),
              r: 0.032,
              fill: colour,
              'data-party': seat.party,
              'data-kind': 'list',
            },
            s('title', {}, title),
          )
        : s(
            'rect',
            {
              x: (x - 0.03).toFixed(4),
              y: (1 - y - 0.03).toFixed(4),
              width: 0.06,
              height: 0.06,
              fill: colour,
              'data-party': seat.party,
              'data-kind': 'smd',
            },
            s('title', {}, title),
          );
    }),
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    holders
      .filter((holder) => (listSeats.get(holder) ?? 0) + (smdSeats.get(holder) ?? 0) > 0)
      .map((holder) =>
        h(
          'li',
          {},
          swatch(holderColour(overview, holder)),
          ` ${holderName(overview, holder)}: ${(listSeats.get(holder) ?? 0) + (smdSeats.get(holder) ?? 0)}`,
        ),
      ),
    h(
      'li',
      { class: 'key' },
      h('span', { class: 'key-list', 'aria-hidden': 'true' }),
      ` ${t('listSeat')}`,
      '  ',
      h('span', { class: 'key-smd', 'aria-hidden': 'true' }),
      ` ${t('smdSeat')}`,
    ),
    h(
      'li',
      { class: 'key' },
      h('span', { class: 'key-majority', 'aria-hidden': 'true' }),
      ` ${t('results.majority', { seats: majority })}`,
      '  ',
      h('span', { class: 'key-two-thirds', 'aria-hidden': 'true' }),
      ` ${t('results.twoThirds', { seats: twoThirds })}`,
    ),
  );

  // The list vote, largest first, with the threshold drawn between those admitted and the rest.
  const totals = listResult?.totals;
  const table = listVoteTable(overview, {
    id: 'list-table',
    caption: [t('listVotes'), ' · ', t('stage'), ': ', stageLabel(listResult?.stage ?? 'partial')],
    options: (list.contest.options ?? []).map((o) => o.id),
    votes: totals?.votes,
    againstAll: totals?.lines.againstAll,
    invalid: totals?.lines.invalid ?? 0,
    valid: totals === undefined ? 0n : validBallots(totals.lines),
    seats: listSeatsOf(listResult),
    admitted: new Set(list.allocation?.admitted ?? []),
  });
  const counted = totals?.stationsCounted ?? 0;
  const expected = totals?.stationsExpected ?? 0;
  const provisional = counted < expected;

  const winners = h(
    'table',
    { class: 'results', id: 'smd-table' },
    h('caption', {}, t('smdWinners')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('district')),
        h('th', { scope: 'col' }, t('winner')),
        h('th', { scope: 'col' }, t('nominatedBy')),
      ),
    ),
    h(
      'tbody',
      {},
      smd.map(({ contest, result }) => {
        const winnerId = winnerOf(result);
        const winner = winnerId === null ? undefined : candidates.get(winnerId);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/contest/${contest.id}` }, `№ ${districtNumber(contest)}`)),
          h('td', {}, winner === undefined ? t('noWinnerYet') : [nameOf(winner.name), winnerMark(result?.totals)]),
          h(
            'td',
            {},
            winner === undefined
              ? ''
              : h(
                  'span',
                  {},
                  swatch(holderColour(overview, holderOf(winner))),
                  ' ',
                  holderName(overview, holderOf(winner)),
                ),
          ),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: `page majilis${provisional ? ' counting' : ''}` },
    h('h1', {}, t('majilisTitle')),
    provisionalBanner(counted, expected),
    figures(page.contests.find((c) => c.contest.kind === 'list')?.turnout, {
      stationsCounted: counted,
      stationsExpected: expected,
    }),
    h(
      'figure',
      { class: `chamber${provisional ? ' provisional' : ''}`, 'data-provisional': String(provisional) },
      provisional
        ? h('span', { class: 'provisional-stamp', 'aria-hidden': 'true' }, t('results.provisionalTag'))
        : null,
      svg,
      h('figcaption', {}, legend),
    ),
    table,
    await turnoutDaySection(overview),
    winners,
    await witnessesBlock(),
  );
}
