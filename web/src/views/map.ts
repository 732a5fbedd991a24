import { protocolRows } from '@saylau/web-shared';
import { type Answer, get } from '../api.ts';
import { big, countCell, holderColour, holderName, partiesInOrder } from '../common.ts';
import { h } from '../dom.ts';
import { formatCount, formatPercent, language, nameOf, t, type TextKey } from '../i18n.ts';
import type { Count, Overview, RegionPage, RegionsPage, StationPage, Totals } from '../types.ts';
import {
  figures,
  listVoteTable,
  placeLine,
  provisionalBanner,
  stationNumber,
  turnoutShare,
  unnamed,
} from './results-parts.ts';

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

/** What the map shades: turnout, or one party's share of the valid votes. */
let shading = 'turnout';

/** The prefix of a shading by turnout at an hour of election day: `turnout@14:00` (docs/law.md §10.1). */
const AT_HOUR = 'turnout@';

type TurnoutDay = Answer<'/api/site/turnout'>;

/** A region's turnout at an hour of the day as the stations that had reported give it; null before any report. */
function hourShare(day: TurnoutDay, regionId: string, hour: string): { received: bigint; list: bigint } | null {
  const cell = day.regions[regionId]?.find((candidate) => candidate.hour === hour);
  if (cell === undefined || cell.stationsReported === 0 || big(cell.votersOnList) === 0n) return null;
  return { received: big(cell.received), list: big(cell.votersOnList) };
}

/** A region's value under the current shading, in percent (for the shade only; the figures shown are exact). */
function shadeValue(totals: Totals | undefined, hourly: { received: bigint; list: bigint } | null): number | null {
  if (shading.startsWith(AT_HOUR))
    return hourly === null ? null : Number((hourly.received * 10000n) / hourly.list) / 100;
  if (totals === undefined || totals.stationsCounted === 0) return null;
  if (shading === 'turnout') {
    const voters = big(totals.turnout.votersOnList);
    return voters === 0n ? null : Number((big(totals.turnout.ballotsIssued) * 10000n) / voters) / 100;
  }
  const valid = Object.values(totals.votes).reduce((sum: bigint, v) => sum + big(v), 0n) + big(totals.lines.againstAll);
  return valid === 0n ? null : Number((big(totals.votes[shading]) * 10000n) / valid) / 100;
}

const SHADES = 5;

/** Five equal steps between the lowest and the highest whole percent any region has. */
function bands(values: readonly number[]): { low: number; high: number }[] {
  if (values.length === 0) return [];
  const low = Math.floor(Math.min(...values));
  const high = Math.max(low + 1, Math.ceil(Math.max(...values)));
  const step = Math.max(1, Math.ceil((high - low) / SHADES));
  return Array.from({ length: SHADES }, (_, i) => ({ low: low + i * step, high: low + (i + 1) * step })).filter(
    (band) => band.low < high,
  );
}

function bandOf(value: number, steps: readonly { low: number; high: number }[]): number {
  const index = steps.findIndex((band) => value < band.high);
  return index === -1 ? steps.length - 1 : index;
}

/** The colour of band i of n: the measure's colour (#rrggbb) mixed with white, lighter for less. */
function shadeColour(base: string, band: number, count: number): string {
  const strength = 0.2 + (0.8 * (band + 1)) / Math.max(1, count);
  const channels = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(base)?.slice(1) ?? ['9e', '9e', '9e'];
  return `#${channels
    .map((hex) =>
      Math.round(255 - (255 - parseInt(hex, 16)) * strength)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Whether white text reads better than dark ink on a colour (WCAG relative luminance; white wins below 0.21). */
function wantsLightText(colour: string): boolean {
  const [r, g, b] = (colour.slice(1).match(/../g) ?? []).map((hex) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 1) + 0.7152 * (g ?? 1) + 0.0722 * (b ?? 1) < 0.21;
}

const percent = (value: number): string => formatPercent(BigInt(value), 100n, 0);

/** What a tile says: the hour's turnout when the map is shaded by it, else the evening's turnout. */
function tileValue(
  value: number | null,
  totals: Totals | undefined,
  hourly: { received: bigint; list: bigint } | null,
): string {
  if (value === null) return '—';
  return hourly === null ? turnoutShare(totals?.turnout) : formatPercent(hourly.received, hourly.list);
}

export async function mapView(overview: Overview): Promise<HTMLElement> {
  const [page, day] = await Promise.all([get<RegionsPage>('/api/site/regions'), get<TurnoutDay>('/api/site/turnout')]);
  // The hours some station has reported: each a shading of its own (the day's turnout, docs/law.md §10.1).
  const hours = day.national.filter((hour) => hour.stationsReported > 0).map((hour) => hour.hour);
  if (shading.startsWith(AT_HOUR) && !hours.includes(shading.slice(AT_HOUR.length) as (typeof hours)[number]))
    shading = 'turnout';
  const hourlyOf = (regionId: string) =>
    shading.startsWith(AT_HOUR) ? hourShare(day, regionId, shading.slice(AT_HOUR.length)) : null;
  const grid = h('ol', { class: 'tiles', 'aria-label': t('mapTitle') });
  const legend = h('ul', { class: 'map-legend', 'aria-label': t('results.legend') });
  const paint = () => {
    const base = shading === 'turnout' || shading.startsWith(AT_HOUR) ? '#0b5cad' : holderColour(overview, shading);
    const values = new Map(
      overview.regions.map((region) => [region.id, shadeValue(page.regions[region.id], hourlyOf(region.id))]),
    );
    const steps = bands([...values.values()].filter((value): value is number => value !== null));
    grid.replaceChildren();
    // By name in the reader's language: the order a screen reader and a phone (where the tiles are a list) follow.
    const byName = [...overview.regions].sort((a, b) => nameOf(a.name).localeCompare(nameOf(b.name), language()));
    for (const region of byName) {
      const [column, row] = TILES[region.id] ?? [0, 5];
      const totals = page.regions[region.id];
      const value = values.get(region.id) ?? null;
      const band = value === null ? null : bandOf(value, steps);
      const colour = band === null ? '#e0e0e0' : shadeColour(base, band, steps.length);
      grid.append(
        h(
          'li',
          {
            class: `tile${wantsLightText(colour) ? ' dark' : ''}`,
            style: `grid-column:${column + 1};grid-row:${row + 1};--tile:${colour}`,
            'data-region': region.id,
            'data-band': band === null ? '' : String(band),
          },
          h(
            'a',
            { href: `#/region/${region.id}` },
            h('span', { class: 'tile-name' }, nameOf(region.name)),
            h('span', { class: 'tile-value' }, tileValue(value, totals, hourlyOf(region.id))),
          ),
        ),
      );
    }
    legend.replaceChildren(
      ...steps.map((band, i) =>
        h(
          'li',
          { 'data-band': String(i) },
          h('span', {
            class: 'legend-swatch',
            style: `background:${shadeColour(base, i, steps.length)}`,
            'aria-hidden': 'true',
          }),
          ` ${percent(band.low)} – ${percent(band.high)}`,
        ),
      ),
      h(
        'li',
        {},
        h('span', { class: 'legend-swatch', style: 'background:#e0e0e0', 'aria-hidden': 'true' }),
        ` ${t('results.noData')}`,
      ),
    );
  };
  const select = h(
    'select',
    { id: 'map-shading' },
    h('option', { value: 'turnout' }, t('turnout')),
    hours.map((hour) => h('option', { value: `${AT_HOUR}${hour}` }, t('mapTurnoutAt', { hour }))),
    partiesInOrder(overview).map((party) =>
      h('option', { value: party.id }, t('results.shareOf', { party: nameOf(party.name) })),
    ),
  );
  select.value = shading;
  select.addEventListener('change', () => {
    shading = select.value;
    paint();
  });
  paint();
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
          h('td', { class: 'num' }, turnoutShare(totals?.stationsCounted === 0 ? null : totals?.turnout)),
          h(
            'td',
            { class: 'num' },
            `${formatCount(totals?.stationsCounted ?? 0)} / ${formatCount(totals?.stationsExpected ?? 0)}`,
          ),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'page map' },
    h('h1', {}, t('mapTitle')),
    h('p', {}, t('mapHelp')),
    h('p', { class: 'map-controls' }, h('label', { for: 'map-shading' }, `${t('results.shadeBy')}: `), select),
    grid,
    legend,
    table,
  );
}

/** The Majilis party-list vote of a place, from its sums. */
function placeVote(overview: Overview, totals: Totals): HTMLElement {
  const parties = partiesInOrder(overview)
    .map((party) => party.id)
    .filter((id) => id in totals.votes);
  return listVoteTable(overview, {
    caption: [t('results.majilisList')],
    options: parties,
    votes: totals.votes,
    againstAll: totals.lines.againstAll,
    invalid: totals.lines.invalid,
    valid: Object.values(totals.votes).reduce((sum: bigint, v) => sum + big(v), 0n) + big(totals.lines.againstAll),
  });
}

/** Links to the councils elected in a place. */
function councilsOf(overview: Overview, where: (body: Overview['bodies'][number]) => boolean): HTMLElement | null {
  const bodies = overview.bodies.filter((body) => body.kind !== 'majilis' && where(body));
  return bodies.length === 0
    ? null
    : h(
        'ul',
        { class: 'councils' },
        bodies.map((body) => h('li', {}, h('a', { href: `#/body/${body.id}` }, nameOf(body.name)))),
      );
}

export async function regionView(overview: Overview, regionId: string): Promise<HTMLElement> {
  const page = await get<RegionPage>(`/api/site/regions/${regionId}`);
  const region = overview.regions.find((r) => r.id === regionId);
  const territoryName = (id: string) =>
    nameOf(overview.territories.find((t) => t.id === id)?.name ?? region?.name ?? unnamed(id));
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
          h('td', { class: 'num' }, turnoutShare(totals.stationsCounted === 0 ? null : totals.turnout)),
          h('td', { class: 'num' }, `${formatCount(totals.stationsCounted)} / ${formatCount(totals.stationsExpected)}`),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'page region' },
    h('p', {}, h('a', { href: '#/map' }, `← ${t('navMap')}`)),
    h('h1', {}, nameOf(region?.name ?? unnamed(regionId))),
    provisionalBanner(page.totals.stationsCounted, page.totals.stationsExpected),
    figures(page.totals.stationsCounted === 0 ? null : page.totals.turnout, page.totals),
    placeVote(overview, page.totals),
    councilsOf(overview, (body) => body.regionId === regionId && body.kind === 'regional-maslikhat'),
    territories,
  );
}

export async function territoryView(overview: Overview, regionId: string, territoryId: string): Promise<HTMLElement> {
  const page = await get<RegionPage>(`/api/site/regions/${regionId}`);
  const name = nameOf(
    overview.territories.find((t) => t.id === territoryId)?.name ??
      overview.regions.find((r) => r.id === regionId)?.name ??
      unnamed(territoryId),
  );
  const totals = page.territories[territoryId];
  const stations = page.stations.filter((station) => (station.territoryId ?? regionId) === territoryId);
  const list = h(
    'table',
    { class: 'results stations' },
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
          { 'data-station': station.id },
          h('th', { scope: 'row' }, h('a', { href: `#/station/${station.id}` }, stationNumber(station.id))),
          h('td', {}, t(`setting.${station.setting}` as TextKey)),
          h('td', { class: 'num' }, `${formatCount(station.counted)} / ${formatCount(station.contests)}`),
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
        `← ${nameOf(overview.regions.find((r) => r.id === regionId)?.name ?? unnamed(regionId))}`,
      ),
    ),
    h('h1', {}, name),
    placeLine(overview, { regionId }),
    totals === undefined ? null : provisionalBanner(totals.stationsCounted, totals.stationsExpected),
    totals === undefined ? null : figures(totals.stationsCounted === 0 ? null : totals.turnout, totals),
    totals === undefined ? null : placeVote(overview, totals),
    councilsOf(overview, (body) => body.territoryId === territoryId),
    list,
  );
}

export async function stationView(
  overview: Overview,
  stationId: string,
  checks: (
    protocol: StationPage['protocols'][number],
    options: string[],
  ) => { code: string; severity: string; message: string }[],
): Promise<HTMLElement> {
  const [page, copies] = await Promise.all([
    get<StationPage>(`/api/site/stations/${stationId}`),
    // The observers' copies that differ from this station's protocols (docs/law.md §10.2): said beside each protocol.
    get<Answer<'/api/site/copies'>>('/api/site/copies').catch(() => null),
  ]);
  const differing = (copies?.discrepancies ?? []).filter((row) => row.stationId === stationId);
  const sections = page.contests.map(({ contest, candidates, turnout }) => {
    const protocol = page.protocols.find((p) => p.contestId === contest.id);
    const names = new Map(candidates.map((c) => [c.id, nameOf(c.name)]));
    const optionName = (id: string) => (contest.kind === 'list' ? holderName(overview, id) : (names.get(id) ?? id));
    if (protocol === undefined)
      return h(
        'section',
        { class: 'protocol', 'data-contest': contest.id },
        h('h2', {}, nameOf(contest.name)),
        h('p', {}, t('notCounted')),
      );
    const findings = checks(
      protocol,
      contest.options.map((o) => o.id),
    );
    // The options in ballot order, numbered from line 10 as on the paper form; votes for an option
    // the contest does not list (a protocol the checks flag) after them.
    const optionIds = [
      ...contest.options.map((o) => o.id),
      ...Object.keys(protocol.votes).filter((id) => !contest.options.some((o) => o.id === id)),
    ];
    // The form's rows (protocolRows); against all, lost and unaccounted by name only: their letters are the
    // project's shorthand (docs/protocol-checks.md), not something a reader of the page knows.
    const row = (number: string, label: string, value: Count | undefined, name: string) =>
      h('tr', { 'data-line': name }, h('td', {}, number), h('th', { scope: 'row' }, label), countCell(value));
    return h(
      'section',
      { class: 'protocol', 'data-contest': contest.id },
      h('h2', {}, nameOf(contest.name), ` · ${t('version')} ${formatCount(protocol.version)}`),
      figures(turnout),
      differing
        .filter((row) => row.contestId === contest.id)
        .map((row) =>
          h(
            'p',
            { class: 'warn copy-differs', 'data-accreditation': row.accreditation },
            t('stationCopyDiffers', { organisation: row.organisation }),
            ' ',
            row.comparison.differences
              .map((difference) =>
                t('stationCopyFigure', {
                  line: difference.line.startsWith('votes:')
                    ? optionName(difference.line.slice('votes:'.length))
                    : t(`line.${difference.line}` as TextKey),
                  copy: formatCount(difference.copy),
                  official: formatCount(difference.official),
                }),
              )
              .join('; '),
            ' ',
            h('a', { href: '#/observers' }, t('copiesLinkTitle')),
          ),
        ),
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
            h('th', { scope: 'col' }, t('results.lineName')),
            h('th', { scope: 'col', class: 'num' }, t('value')),
          ),
        ),
        h(
          'tbody',
          {},
          protocolRows(optionIds).map((form) =>
            form.kind === 'option'
              ? row(form.number, optionName(form.optionId), protocol.votes[form.optionId], `option:${form.optionId}`)
              : row(
                  /^\d+$/.test(form.number) ? form.number : '',
                  t(`line.${form.line}` as TextKey),
                  protocol.lines[form.line],
                  form.line,
                ),
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
    h('h1', {}, `${t('station')} ${stationNumber(station.id)}`),
    placeLine(overview, { regionId: station.regionId, territoryId: station.territoryId }),
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
