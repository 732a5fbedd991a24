import { big, countCell, holderColour, holderName, swatch } from '../common.ts';
import { h } from '../dom.ts';
import { formatCount, formatPercent, nameOf, t } from '../i18n.ts';
import type { Count, Overview, Translated } from '../types.ts';

/** Participation of a place as the server sums it (src/tally/turnout.ts). */
export interface TurnoutFigures {
  readonly votersOnList: Count;
  readonly ballotsIssued: Count;
  readonly ballotsCast: Count;
}

/** A station as people know it: "№ 260" for `KZ-10/PS-0260`. */
export function stationNumber(stationId: string): string {
  const digits = /(\d+)$/.exec(stationId)?.[1];
  return digits === undefined ? stationId : `№ ${Number(digits)}`;
}

/** Turnout as the CEC reports it: ballots issued (3 + 4) over the voters on the list (1). */
export function turnoutShare(turnout: TurnoutFigures | null | undefined): string {
  return turnout === null || turnout === undefined
    ? '—'
    : formatPercent(big(turnout.ballotsIssued), big(turnout.votersOnList), 1);
}

/** The figures of a place: turnout, voters, ballots issued and cast, and how much is counted. */
export function figures(
  turnout: TurnoutFigures | null | undefined,
  counted?: { readonly stationsCounted: number; readonly stationsExpected: number },
): HTMLElement {
  const item = (label: string, value: string, name: string) =>
    h('div', { class: 'figure', 'data-figure': name }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'dl',
    { class: 'figures', 'aria-label': t('results.figures') },
    item(t('turnout'), turnoutShare(turnout), 'turnout'),
    item(t('results.votersOnList'), formatCount(turnout?.votersOnList ?? 0), 'voters'),
    item(t('results.ballotsIssued'), formatCount(turnout?.ballotsIssued ?? 0), 'issued'),
    item(t('results.ballotsCast'), formatCount(turnout?.ballotsCast ?? 0), 'cast'),
    counted === undefined
      ? null
      : item(
          t('results.stationsCounted'),
          `${formatCount(counted.stationsCounted)} / ${formatCount(counted.stationsExpected)}`,
          'counted',
        ),
  );
}

/**
 * While stations are still to be counted, a banner no one can miss: the seats shown are not final.
 * Nothing once every station is in.
 */
export function provisionalBanner(counted: number, expected: number): HTMLElement | null {
  if (expected === 0 || counted >= expected) return null;
  return h(
    'p',
    { class: 'provisional-banner', role: 'status' },
    h('strong', { class: 'provisional-tag' }, t('results.provisionalTag')),
    ' ',
    t('results.provisional', {
      share: formatPercent(big(counted), big(expected), 1),
      counted: formatCount(counted),
      expected: formatCount(expected),
    }),
  );
}

/** Beside a district's winner: "leading" while its stations are still being counted, "elected" once all are in. */
export function winnerMark(totals: { stationsCounted: number; stationsExpected: number } | undefined): HTMLElement {
  const counting = (totals?.stationsCounted ?? 0) < (totals?.stationsExpected ?? 0);
  return h(
    'span',
    { class: `winner-mark${counting ? ' leading' : ''}` },
    `✓ ${counting ? t('results.leading') : t('results.elected')}`,
  );
}

/** Where a place lies: its territory and region, each a link. */
export function placeLine(
  overview: Overview,
  {
    regionId,
    territoryId,
    regionIds = [],
  }: { readonly regionId: string | null; readonly territoryId?: string | null; readonly regionIds?: readonly string[] },
): HTMLElement {
  const territory = overview.territories.find((r) => r.id === territoryId);
  const parts: HTMLElement[] = [];
  if (territory !== undefined)
    parts.push(h('a', { href: `#/region/${territory.regionId}/${territory.id}` }, nameOf(territory.name)));
  for (const region of overview.regions.filter((r) => r.id === regionId || regionIds.includes(r.id)))
    parts.push(h('a', { href: `#/region/${region.id}` }, nameOf(region.name)));
  return h(
    'p',
    { class: 'place' },
    `${t('results.place')}: `,
    parts.length === 0 ? t('setting.abroad') : parts.flatMap((part, i) => (i === 0 ? [part] : [' · ', part])),
  );
}

/** List options by votes, most first; equal votes in ballot order. */
export function byVotes(optionIds: readonly string[], votes: Readonly<Record<string, Count>> | undefined): string[] {
  const order = new Map(optionIds.map((id, index) => [id, index]));
  return [...optionIds].sort((a, b) => {
    const difference = big(votes?.[b]) - big(votes?.[a]);
    return difference !== 0n ? (difference > 0n ? 1 : -1) : (order.get(a) ?? 0) - (order.get(b) ?? 0);
  });
}

/** Whether a list's votes reach 5 % of the valid votes, compared exactly (docs/law.md §1.2). */
export const reachesThreshold = (votes: bigint, valid: bigint): boolean => valid > 0n && votes * 100n >= valid * 5n;

/**
 * A party-list vote: lists by votes, the 5 % line drawn under the last that reaches it, then
 * "against all" (every ballot has the line, docs/law.md §2.1) and, if given, invalid ballots.
 */
export function listVoteTable(
  overview: Overview,
  {
    caption,
    options,
    votes,
    againstAll,
    invalid,
    valid,
    seats,
    admitted,
    id,
  }: {
    caption: (Node | string)[];
    options: readonly string[];
    votes: Readonly<Record<string, Count>> | undefined;
    againstAll: Count | undefined;
    invalid?: Count | undefined;
    valid: bigint;
    seats?: Readonly<Record<string, number>>;
    /** The lists the allocation admitted, where it is known: the line falls where the law drew it. */
    admitted?: ReadonlySet<string>;
    id?: string;
  },
): HTMLElement {
  const columns = seats === undefined ? 3 : 4;
  const tbody = h('tbody', {});
  let lineDrawn = false;
  const ordered = byVotes(options, votes);
  const passes = (party: string) =>
    admitted !== undefined && admitted.size > 0 ? admitted.has(party) : reachesThreshold(big(votes?.[party]), valid);
  const anyAbove = ordered.some(passes);
  for (const party of ordered) {
    if (anyAbove && !lineDrawn && !passes(party)) {
      tbody.append(h('tr', { class: 'threshold' }, h('td', { colspan: columns }, t('thresholdLine'))));
      lineDrawn = true;
    }
    tbody.append(
      h(
        'tr',
        { 'data-party': party },
        h('th', { scope: 'row' }, swatch(holderColour(overview, party)), ' ', holderName(overview, party)),
        countCell(votes?.[party]),
        h('td', { class: 'num' }, formatPercent(big(votes?.[party]), valid)),
        seats === undefined ? null : h('td', { class: 'num seats' }, formatCount(seats[party] ?? 0)),
      ),
    );
  }
  tbody.append(
    h(
      'tr',
      { class: 'against' },
      h('th', { scope: 'row' }, t('againstAll')),
      countCell(againstAll),
      h('td', { class: 'num' }, formatPercent(big(againstAll), valid)),
      seats === undefined ? null : h('td', {}, ''),
    ),
  );
  if (invalid !== undefined)
    tbody.append(
      h(
        'tr',
        { class: 'invalid' },
        h('th', { scope: 'row' }, t('invalidBallots')),
        countCell(invalid),
        h('td', {}, ''),
        seats === undefined ? null : h('td', {}, ''),
      ),
    );
  return h(
    'table',
    { class: 'results list-vote', ...(id === undefined ? {} : { id }) },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('party')),
        h('th', { scope: 'col', class: 'num' }, t('votes')),
        h('th', { scope: 'col', class: 'num' }, t('shareOfValid')),
        seats === undefined ? null : h('th', { scope: 'col', class: 'num' }, t('seats')),
      ),
    ),
    tbody,
  );
}

export const unnamed = (id: string): Translated => ({ kk: id, ru: id, en: id });
