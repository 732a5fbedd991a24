import { get } from '../api.ts';
import { big, countCell, holderColour, holderName, turnout } from '../common.ts';
import { h } from '../dom.ts';
import { formatCount, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview, RegionPage, RegionsPage, StationPage, Totals } from '../types.ts';

/** A tile grid of Kazakhstan's 20 regions (ISO 3166-2:KZ), roughly where each lies. */
const TILES: Readonly<Record<string, readonly [number, number]>> = {
  'KZ-27': [0, 0],
  'KZ-39': [2, 0],
  'KZ-59': [3, 0],
  'KZ-55': [4, 0],
  'KZ-23': [0, 1],
  'KZ-15': [1, 1],
  'KZ-11': [3, 1],
  'KZ-71': [4, 1],
  'KZ-63': [5, 1],
  'KZ-47': [0, 2],
  'KZ-43': [1, 2],
  'KZ-62': [2, 2],
  'KZ-35': [3, 2],
  'KZ-10': [4, 2],
  'KZ-61': [1, 3],
  'KZ-79': [2, 3],
  'KZ-31': [3, 3],
  'KZ-19': [4, 3],
  'KZ-33': [5, 3],
  'KZ-75': [4, 4],
};

function leaderOf(totals: Totals | undefined): string | null {
  if (totals === undefined || totals.stationsCounted === 0) return null;
  let best: string | null = null;
  for (const [party, votes] of Object.entries(totals.votes))
    if (best === null || big(votes) > big(totals.votes[best])) best = party;
  return best;
}

export async function mapView(overview: Overview): Promise<HTMLElement> {
  const page = await get<RegionsPage>('/api/site/regions');
  const grid = h('ol', { class: 'tiles', 'aria-label': t('mapTitle') });
  for (const region of overview.regions) {
    const [column, row] = TILES[region.id] ?? [0, 5];
    const totals = page.regions[region.id];
    const leader = leaderOf(totals);
    grid.append(
      h(
        'li',
        {
          class: 'tile',
          style: `grid-column:${column + 1};grid-row:${row + 1};--tile:${leader === null ? '#e0e0e0' : holderColour(overview, leader)}`,
          'data-region': region.id,
          'data-leader': leader ?? '',
        },
        h(
          'a',
          { href: `#/region/${region.id}` },
          h('span', { class: 'tile-code' }, region.id.slice(3)),
          h('span', { class: 'tile-name' }, nameOf(region.name)),
          h(
            'span',
            { class: 'tile-turnout' },
            totals === undefined || totals.stationsCounted === 0 ? '—' : turnout(totals.lines),
          ),
        ),
      ),
    );
  }
  const table = h(
    'table',
    { class: 'results' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('region')),
        h('th', { scope: 'col' }, t('leader')),
        h('th', { scope: 'col', class: 'num' }, t('turnout')),
        h('th', { scope: 'col', class: 'num' }, t('stations')),
      ),
    ),
    h(
      'tbody',
      {},
      overview.regions.map((region) => {
        const totals = page.regions[region.id];
        const leader = leaderOf(totals);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/region/${region.id}` }, nameOf(region.name))),
          h('td', {}, leader === null ? '—' : holderName(overview, leader)),
          h('td', { class: 'num' }, totals === undefined ? '—' : turnout(totals.lines)),
          h(
            'td',
            { class: 'num' },
            `${formatCount(totals?.stationsCounted ?? 0)} / ${formatCount(totals?.stationsExpected ?? 0)}`,
          ),
        );
      }),
    ),
  );
  return h('div', { class: 'page map' }, h('h1', {}, t('mapTitle')), h('p', {}, t('mapHelp')), grid, table);
}

export async function regionView(overview: Overview, regionId: string): Promise<HTMLElement> {
  const page = await get<RegionPage>(`/api/site/regions/${regionId}`);
  const region = overview.regions.find((r) => r.id === regionId);
  const territoryName = (id: string) =>
    nameOf(overview.territories.find((t) => t.id === id)?.name ?? region?.name ?? { kk: id, ru: id, en: id });
  const territories = h(
    'table',
    { class: 'results' },
    h('caption', {}, t('territory')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('territory')),
        h('th', { scope: 'col' }, t('leader')),
        h('th', { scope: 'col', class: 'num' }, t('turnout')),
        h('th', { scope: 'col', class: 'num' }, t('stations')),
      ),
    ),
    h(
      'tbody',
      {},
      Object.entries(page.territories).map(([id, totals]) => {
        const leader = leaderOf(totals);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/region/${regionId}/${id}` }, territoryName(id))),
          h('td', {}, leader === null ? '—' : holderName(overview, leader)),
          h('td', { class: 'num' }, turnout(totals.lines)),
          h('td', { class: 'num' }, `${formatCount(totals.stationsCounted)} / ${formatCount(totals.stationsExpected)}`),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'page region' },
    h('p', {}, h('a', { href: '#/map' }, `← ${t('navMap')}`)),
    h('h1', {}, nameOf(region?.name ?? { kk: regionId, ru: regionId, en: regionId })),
    territories,
  );
}

export async function territoryView(overview: Overview, regionId: string, territoryId: string): Promise<HTMLElement> {
  const page = await get<RegionPage>(`/api/site/regions/${regionId}`);
  const name = nameOf(
    overview.territories.find((t) => t.id === territoryId)?.name ??
      overview.regions.find((r) => r.id === regionId)?.name ?? { kk: territoryId, ru: territoryId, en: territoryId },
  );
  const stations = page.stations.filter((station) => (station.territoryId ?? regionId) === territoryId);
  const list = h(
    'table',
    { class: 'results' },
    h('caption', {}, t('stations')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('station')),
        h('th', { scope: 'col' }, t('setting')),
        h('th', { scope: 'col', class: 'num' }, t('protocols')),
      ),
    ),
    h(
      'tbody',
      {},
      stations.map((station) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/station/${station.id}` }, station.id)),
          h('td', {}, t(`setting.${station.setting}` as TextKey)),
          h('td', { class: 'num' }, `${station.counted} / ${station.contests}`),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'page territory' },
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/region/${regionId}` },
        `← ${nameOf(overview.regions.find((r) => r.id === regionId)?.name ?? { kk: '', ru: '', en: '' })}`,
      ),
    ),
    h('h1', {}, name),
    list,
  );
}

/** Line numbers as printed on the form (docs/dataset.md §1.4), in the form's order. */
export const LINE_NUMBERS: Readonly<Record<string, string>> = {
  votersOnList: '1',
  ballotsReceived: '2',
  issuedInPremises: '3',
  issuedOutside: '4',
  absentee: '5',
  cancelled: '6',
  foundStationary: '7',
  foundMobile: '8',
  invalid: '9',
  againstAll: 'A',
  lost: 'L',
  unaccounted: 'U',
};

export async function stationView(
  overview: Overview,
  stationId: string,
  checks: (
    protocol: StationPage['protocols'][number],
    options: string[],
  ) => { code: string; severity: string; message: string }[],
): Promise<HTMLElement> {
  const page = await get<StationPage>(`/api/site/stations/${stationId}`);
  const sections = page.contests.map(({ contest, candidates }) => {
    const protocol = page.protocols.find((p) => p.contestId === contest.id);
    const names = new Map(candidates.map((c) => [c.id, nameOf(c.name)]));
    const optionName = (id: string) => (contest.kind === 'list' ? holderName(overview, id) : (names.get(id) ?? id));
    if (protocol === undefined)
      return h('section', { class: 'protocol' }, h('h2', {}, nameOf(contest.name)), h('p', {}, t('notCounted')));
    const findings = checks(
      protocol,
      contest.options.map((o) => o.id),
    );
    return h(
      'section',
      { class: 'protocol', 'data-contest': contest.id },
      h('h2', {}, nameOf(contest.name), ` · ${t('version')} ${protocol.version}`),
      h(
        'p',
        { class: findings.length === 0 ? 'ok' : 'warn' },
        findings.length === 0
          ? t('checksPass')
          : findings.map((f) => h('span', { class: 'finding' }, h('code', {}, f.code), ' ', f.message)),
      ),
      h(
        'table',
        { class: 'results protocol-lines' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('line')),
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col', class: 'num' }, t('value')),
          ),
        ),
        h(
          'tbody',
          {},
          Object.keys(LINE_NUMBERS).map((line) =>
            h(
              'tr',
              {},
              h('td', {}, LINE_NUMBERS[line] ?? ''),
              h('th', { scope: 'row' }, t(`line.${line}` as TextKey)),
              countCell(protocol.lines[line]),
            ),
          ),
          Object.entries(protocol.votes).map(([option, value]) =>
            h('tr', {}, h('td', {}, ''), h('th', { scope: 'row' }, optionName(option)), countCell(value)),
          ),
        ),
      ),
    );
  });
  const station = page.station;
  return h(
    'div',
    { class: 'page station' },
    h(
      'p',
      {},
      station.regionId === null
        ? ''
        : h(
            'a',
            { href: `#/region/${station.regionId}/${station.territoryId ?? station.regionId}` },
            `← ${t('stations')}`,
          ),
    ),
    h('h1', {}, `${t('station')} ${station.id}`),
    h(
      'p',
      {},
      t(`setting.${station.setting}` as TextKey),
      ' · ',
      h('a', { href: `#/ballots/${station.id}`, class: 'ballots-link' }, t('ballotsLink')),
    ),
    sections,
  );
}
