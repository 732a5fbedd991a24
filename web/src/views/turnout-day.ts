import { type Answer, get } from '../api.ts';
import { h, s } from '../dom.ts';
import { formatCount, formatDay, formatPercent, formatPercentOfOne, nameOf, t } from '../i18n.ts';

import type { Overview } from '../types.ts';

type TurnoutDay = Answer<'/api/site/turnout'>;
type Hour = TurnoutDay['national'][number];

const share = (hour: Hour): string =>
  hour.stationsReported === 0 ? '—' : formatPercent(BigInt(hour.received), BigInt(hour.votersOnList));
const percentOf = (hour: Hour): number =>
  hour.stationsReported === 0 ? 0 : (100 * Number(hour.received)) / Number(hour.votersOnList);

/**
 * Turnout through election day (docs/law.md §10.1): the national line by hour, and a table of every region's hours.
 * Nothing until a station has reported; each figure says how many stations it is made of.
 */
export async function turnoutDaySection(overview: Overview): Promise<HTMLElement | null> {
  const day = await get<TurnoutDay>('/api/site/turnout');
  if (day.national.every((hour) => hour.stationsReported === 0)) return null;
  const reported = (hour: Hour) =>
    t('turnoutReported', {
      reported: formatCount(hour.stationsReported),
      expected: formatCount(day.stationsExpected),
    });
  const cell = (hour: Hour) =>
    h(
      'td',
      {
        class: 'num',
        title: `${formatCount(hour.received)} / ${formatCount(hour.votersOnList)} · ${reported(hour)}`,
      },
      share(hour),
    );
  const regionName = (id: string) => {
    const region = overview.regions.find((candidate) => candidate.id === id);
    return region === undefined ? id : nameOf(region.name);
  };
  return h(
    'section',
    { class: 'turnout-day', id: 'turnout-day' },
    h('h2', {}, t('turnoutDay')),
    h('p', { class: 'note' }, t('turnoutDayNote')),
    chart(day),
    day.previous === null
      ? null
      : h(
          'p',
          { class: 'note turnout-legend' },
          h('span', { class: 'swatch current', 'aria-hidden': 'true' }),
          ` ${t('turnoutThisElection')}  `,
          h('span', { class: 'swatch previous', 'aria-hidden': 'true' }),
          ` ${t('turnoutPrevious', { date: formatDay(day.previous.date) })}`,
        ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results turnout-table', id: 'turnout-table' },
        h('caption', {}, t('turnoutTable')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('region')),
            day.hours.map((hour) => h('th', { scope: 'col', class: 'num' }, hour)),
          ),
        ),
        h(
          'tbody',
          {},
          h('tr', { class: 'national' }, h('th', { scope: 'row' }, t('turnoutNational')), day.national.map(cell)),
          Object.entries(day.regions).map(([id, hours]) =>
            h('tr', { 'data-region': id }, h('th', { scope: 'row' }, regionName(id)), hours.map(cell)),
          ),
        ),
      ),
    ),
  );
}

/** The national line: one point an hour, its share written beside it, on a scale from 0 to the next ten above. */
function chart(day: TurnoutDay): SVGElement {
  const width = 340;
  const height = 170;
  const left = 40;
  const bottom = 150;
  const top = 14;
  const previous = day.previous?.national ?? [];
  const ceiling = Math.max(
    10,
    Math.ceil(Math.max(...day.national.map(percentOf), ...previous.map((hour) => hour.percent)) / 10) * 10,
  );
  const x = (index: number) => left + (index * (width - left - 36)) / (day.hours.length - 1);
  // The first label starts at its point and the last ends at it, so that neither leaves the chart or meets the axis.
  const anchor = (index: number) => (index === 0 ? 'start' : index === day.hours.length - 1 ? 'end' : 'middle');
  const y = (percent: number) => bottom - ((bottom - top) * percent) / ceiling;
  const points = day.national.filter((hour) => hour.stationsReported > 0);
  const indexOf = (hour: Hour) => day.hours.indexOf(hour.hour);
  return s(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      class: 'turnout-chart',
      role: 'img',
      'aria-labelledby': 'turnout-chart-title',
    },
    s('title', { id: 'turnout-chart-title' }, t('turnoutChart')),
    Array.from({ length: ceiling / 10 + 1 }, (_, step) =>
      s(
        'g',
        { class: 'grid' },
        s('line', { x1: left, x2: width - 8, y1: y(step * 10), y2: y(step * 10) }),
        s('text', { x: left - 4, y: y(step * 10) + 3, 'text-anchor': 'end' }, `${step * 10} %`),
      ),
    ),
    day.hours.map((hour, index) =>
      s('text', { x: x(index), y: height - 4, 'text-anchor': 'middle', class: 'hour' }, hour),
    ),
    s('polyline', {
      class: 'current',
      points: points.map((hour) => `${x(indexOf(hour)).toFixed(1)},${y(percentOf(hour)).toFixed(1)}`).join(' '),
    }),
    points.map((hour) =>
      s(
        'g',
        { class: 'point', 'data-hour': hour.hour },
        s('circle', { cx: x(indexOf(hour)).toFixed(1), cy: y(percentOf(hour)).toFixed(1), r: 3 }),
        s(
          'text',
          {
            x: x(indexOf(hour)).toFixed(1),
            // Above the line and below it by turns: the evening's points lie close, and their labels would meet.
            y: (y(percentOf(hour)) + (indexOf(hour) % 2 === 0 ? -7 : 14)).toFixed(1),
            'text-anchor': anchor(indexOf(hour)),
          },
          share(hour),
        ),
        s('title', {}, `${hour.hour}: ${share(hour)}`),
      ),
    ),
    // The previous election's line last, dashed and grey, so that it shows where the two lines meet.
    previous.length === 0
      ? null
      : s(
          'g',
          { class: 'previous' },
          s('polyline', {
            points: previous
              .map((hour) => `${x(day.hours.indexOf(hour.hour)).toFixed(1)},${y(hour.percent).toFixed(1)}`)
              .join(' '),
          }),
          previous.map((hour) =>
            s(
              'circle',
              { cx: x(day.hours.indexOf(hour.hour)).toFixed(1), cy: y(hour.percent).toFixed(1), r: 2 },
              s('title', {}, `${hour.hour}: ${formatPercentOfOne(hour.percent / 100)}`),
            ),
          ),
        ),
  );
}
