import { get } from '../api.ts';
import { holderOf } from '@saylau/web-shared';
import {
  big,
  countCell,
  districtNumber,
  holderColour,
  holderName,
  listSeatsOf,
  stageLabel,
  swatch,
  validBallots,
  winnerOf,
} from '../common.ts';
import { h } from '../dom.ts';
import { formatCount, formatPercent, language, nameOf, t } from '../i18n.ts';
import type { BodyPage, ContestPage, Overview } from '../types.ts';
import { byVotes, figures, listVoteTable, placeLine, provisionalBanner, winnerMark } from './results-parts.ts';

/** Every maslikhat, grouped by region, each linking to its page. */
export function maslikhatsView(overview: Overview): HTMLElement {
  const groups = overview.regions.map((region) => {
    const bodies = overview.bodies
      .filter((body) => body.kind !== 'majilis' && body.regionId === region.id)
      .sort((a, b) =>
        a.kind === 'regional-maslikhat'
          ? -1
          : b.kind === 'regional-maslikhat'
            ? 1
            : nameOf(a.name).localeCompare(nameOf(b.name), language()),
      );
    return h(
      'section',
      { class: 'region-group' },
      h('h2', {}, nameOf(region.name)),
      h(
        'ul',
        { class: 'columns' },
        bodies.map((body) => h('li', {}, h('a', { href: `#/body/${body.id}` }, nameOf(body.name)), ` (${body.seats})`)),
      ),
    );
  });
  return h('div', { class: 'page maslikhats' }, h('h1', {}, t('maslikhatsTitle')), groups);
}

/** One maslikhat: composition, its list contest, its districts. */
export async function bodyView(overview: Overview, bodyId: string): Promise<HTMLElement> {
  const page = await get<BodyPage>(`/api/site/bodies/${bodyId}`);
  const candidates = new Map(page.candidates.map((c) => [c.id, c]));
  const result = page.result;
  const composition = h(
    'table',
    { class: 'results composition' },
    h(
      'caption',
      {},
      t('composition'),
      ' · ',
      t('filled', { filled: result?.filled ?? 0, seats: page.body.seats }),
      ' · ',
      result?.competent === true ? t('competent') : t('notCompetent'),
    ),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, t('results.holder')), h('th', { scope: 'col', class: 'num' }, t('seats'))),
    ),
    h(
      'tbody',
      {},
      Object.entries(result?.seats ?? {})
        .sort((a, b) => b[1] - a[1])
        .map(([holder, seats]) =>
          h(
            'tr',
            { 'data-party': holder },
            h('th', { scope: 'row' }, swatch(holderColour(overview, holder)), ' ', holderName(overview, holder)),
            h('td', { class: 'num' }, formatCount(seats)),
          ),
        ),
    ),
  );
  const contests = page.contests.map(({ contest, result: contestResult, turnout }) => {
    if (contest.kind !== 'list') return null;
    const totals = contestResult?.totals;
    return h(
      'section',
      { class: 'list-contest', 'data-contest': contest.id },
      provisionalBanner(totals?.stationsCounted ?? 0, totals?.stationsExpected ?? 0),
      figures(turnout, totals),
      listVoteTable(overview, {
        caption: [
          h('a', { href: `#/contest/${contest.id}` }, nameOf(contest.name)),
          ' · ',
          stageLabel(contestResult?.stage ?? 'partial'),
          ' · ',
          h('a', { href: `#/candidates/${contest.id}` }, t('candidatesLink')),
        ],
        options: contest.options.map((option) => option.id),
        votes: totals?.votes,
        againstAll: totals?.lines.againstAll,
        invalid: totals?.lines.invalid,
        valid: totals === undefined ? 0n : validBallots(totals.lines),
        seats: listSeatsOf(contestResult),
      }),
    );
  });
  const districts = page.contests.filter((c) => c.contest.kind === 'smd');
  const winners = h(
    'table',
    { class: 'results' },
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
        h('th', { scope: 'col' }, t('candidatesLink')),
      ),
    ),
    h(
      'tbody',
      {},
      districts.map(({ contest, result: contestResult }) => {
        const winnerId = winnerOf(contestResult);
        const winner = winnerId === null ? undefined : candidates.get(winnerId);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/contest/${contest.id}` }, `№ ${districtNumber(contest)}`)),
          h(
            'td',
            {},
            winner === undefined ? t('noWinnerYet') : [nameOf(winner.name), winnerMark(contestResult?.totals)],
          ),
          h('td', {}, winner === undefined ? '' : holderName(overview, holderOf(winner))),
          h('td', {}, h('a', { href: `#/candidates/${contest.id}` }, t('candidatesLink'))),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'page body' },
    h('p', {}, h('a', { href: '#/maslikhats' }, `← ${t('maslikhatsTitle')}`)),
    h('h1', {}, nameOf(page.body.name)),
    placeLine(overview, { regionId: page.body.regionId, territoryId: page.body.territoryId }),
    composition,
    contests,
    winners,
  );
}

/** One contest: for a list, every step of the allocation in words; for a district, its candidates. */
export async function contestView(overview: Overview, contestId: string): Promise<HTMLElement> {
  const page = await get<ContestPage>(`/api/site/contests/${contestId}`);
  const totals = page.result?.totals;
  const parts: (HTMLElement | null)[] = [];
  if (page.contest.kind === 'list' && page.steps !== null) {
    // The law engine's sentences name lists by id; the reader sees their names.
    const named = (sentence: string) =>
      page.contest.options.reduce(
        (text, option) =>
          text.replace(new RegExp(`(?<![\\w-])${option.id}(?![\\w-])`, 'g'), holderName(overview, option.id)),
        sentence,
      );
    const steps = page.steps[language()] ?? [];
    parts.push(
      h('h2', {}, t('seatsTitle')),
      h(
        'ol',
        { class: 'steps' },
        steps.map((sentence) => h('li', {}, named(sentence))),
      ),
    );
    parts.push(
      h(
        'p',
        {},
        Object.entries(page.allocation?.seats ?? {})
          .filter(([, seats]) => seats > 0)
          .map(([party, seats]) =>
            h(
              'span',
              { class: 'chip' },
              swatch(holderColour(overview, party)),
              ` ${holderName(overview, party)}: ${seats} `,
            ),
          ),
      ),
    );
  } else {
    const valid =
      Object.values(totals?.votes ?? {}).reduce((sum: bigint, votes) => sum + big(votes), 0n) +
      big(totals?.lines.againstAll);
    const winnerId = winnerOf(page.result);
    const ordered = byVotes(
      page.candidates.map((candidate) => candidate.id),
      totals?.votes,
    );
    const byId = new Map(page.candidates.map((candidate) => [candidate.id, candidate]));
    parts.push(
      h(
        'table',
        { class: 'results smd-result', id: 'smd-result' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('results.candidate')),
            h('th', { scope: 'col' }, t('nominatedBy')),
            h('th', { scope: 'col', class: 'num' }, t('votes')),
            h('th', { scope: 'col', class: 'num' }, t('shareOfValid')),
          ),
        ),
        h(
          'tbody',
          {},
          ordered.map((id) => {
            const candidate = byId.get(id);
            if (candidate === undefined) return null;
            const won = candidate.id === winnerId;
            return h(
              'tr',
              { class: won ? 'winner' : '', 'data-candidate': candidate.id },
              h('th', { scope: 'row' }, nameOf(candidate.name), won ? winnerMark(totals) : null),
              h(
                'td',
                {},
                swatch(holderColour(overview, holderOf(candidate))),
                ' ',
                holderName(overview, holderOf(candidate)),
              ),
              countCell(totals?.votes[candidate.id]),
              h('td', { class: 'num' }, formatPercent(big(totals?.votes[candidate.id]), valid)),
            );
          }),
          h(
            'tr',
            { class: 'against' },
            h('th', { scope: 'row' }, t('againstAll')),
            h('td', {}, ''),
            countCell(totals?.lines.againstAll),
            h('td', { class: 'num' }, formatPercent(big(totals?.lines.againstAll), valid)),
          ),
          h(
            'tr',
            { class: 'invalid' },
            h('th', { scope: 'row' }, t('invalidBallots')),
            h('td', {}, ''),
            countCell(totals?.lines.invalid),
            h('td', {}, ''),
          ),
        ),
      ),
    );
  }
  return h(
    'div',
    { class: 'page contest' },
    h('h1', {}, nameOf(page.contest.name)),
    page.contest.kind === 'smd' ? placeLine(overview, { regionId: null, regionIds: page.regions }) : null,
    provisionalBanner(totals?.stationsCounted ?? 0, totals?.stationsExpected ?? 0),
    figures(page.turnout, totals),
    h(
      'p',
      {},
      t('stage'),
      ': ',
      stageLabel(page.result?.stage ?? 'partial'),
      ' · ',
      h('a', { href: `#/candidates/${page.contest.id}`, class: 'candidates-link' }, t('candidatesTitle')),
    ),
    parts,
  );
}
