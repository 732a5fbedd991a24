import { get } from '../api.ts';
import {
  big,
  countCell,
  districtNumber,
  holderColour,
  holderName,
  listSeatsOf,
  listShare,
  partiesInOrder,
  stageLabel,
  swatch,
  validBallots,
  winnerOf,
} from '../common.ts';
import { holderOf } from '@saylau/web-shared';
import { h, s } from '../dom.ts';
import { hemicycleSeats } from '../hemicycle.ts';
import { formatPercent, nameOf, t } from '../i18n.ts';
import type { BodyPage, ContestPage, Overview } from '../types.ts';

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
  const svg = s(
    'svg',
    { viewBox: '-1.05 -0.05 2.1 1.1', class: 'hemicycle', role: 'img', 'aria-labelledby': 'hemicycle-title' },
    s('title', { id: 'hemicycle-title' }, t('hemicycle')),
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
  );

  // The list vote, largest first, with the threshold drawn between those admitted and the rest.
  const totals = listResult?.totals;
  const valid = totals === undefined ? 0n : validBallots(totals.lines);
  const admitted = new Set(list.allocation?.admitted ?? []);
  const rows = [...(list.contest.options ?? [])]
    .map((o) => o.id)
    .sort((a, b) => Number(big(totals?.votes[b]) - big(totals?.votes[a])));
  const tbody = h('tbody', {});
  let lineDrawn = false;
  for (const party of rows) {
    if (!admitted.has(party) && !lineDrawn && admitted.size > 0) {
      tbody.append(h('tr', { class: 'threshold' }, h('td', { colspan: 4 }, t('thresholdLine'))));
      lineDrawn = true;
    }
    tbody.append(
      h(
        'tr',
        { 'data-party': party },
        h('th', { scope: 'row' }, swatch(holderColour(overview, party)), ' ', holderName(overview, party)),
        countCell(totals?.votes[party]),
        h('td', { class: 'num' }, listShare(big(totals?.votes[party]), valid)),
        h('td', { class: 'num seats' }, String(listSeatsOf(listResult)[party] ?? 0)),
      ),
    );
  }
  tbody.append(
    h(
      'tr',
      { class: 'against' },
      h('th', { scope: 'row' }, t('againstAll')),
      countCell(totals?.lines.againstAll),
      h('td', { class: 'num' }, formatPercent(big(totals?.lines.againstAll), valid)),
      h('td', {}, ''),
    ),
  );
  tbody.append(
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, t('invalidBallots')),
      countCell(totals?.lines.invalid),
      h('td', {}, ''),
      h('td', {}, ''),
    ),
  );
  const table = h(
    'table',
    { class: 'results', id: 'list-table' },
    h('caption', {}, t('listVotes'), ' · ', t('stage'), ': ', stageLabel(listResult?.stage ?? 'partial')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('party')),
        h('th', { scope: 'col', class: 'num' }, t('votes')),
        h('th', { scope: 'col', class: 'num' }, t('shareOfValid')),
        h('th', { scope: 'col', class: 'num' }, t('seats')),
      ),
    ),
    tbody,
  );

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
          h('td', {}, winner === undefined ? t('noWinnerYet') : nameOf(winner.name)),
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
    { class: 'page majilis' },
    h('h1', {}, t('majilisTitle')),
    h('figure', { class: 'chamber' }, svg, h('figcaption', {}, legend)),
    table,
    winners,
  );
}
