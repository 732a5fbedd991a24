import { type Answer, get } from '../api.ts';
import { holderColour, holderName, swatch } from '../common.ts';
import { h, s } from '../dom.ts';
import { hemicycleSeats } from '../hemicycle.ts';
import { formatDay, formatNumber, formatPercentOfOne, language, nameOf, t } from '../i18n.ts';
import type { BodyPage, Candidate, Overview } from '../types.ts';

/** GET /api/analysis/forecast as the OpenAPI document publishes it (docs/forecast.md §6). */
type ForecastAnswer = Answer<'/api/analysis/forecast'>;
type ListForecast = ForecastAnswer['lists'][number];
type Holder = ListForecast | ForecastAnswer['otherHolders'][number];
type SeatDistribution = Holder['totalSeats'];

/**
 * A probability: one decimal, two below 0.1 % so that a small chance does not read as none, and
 * never 100 % short of certainty (docs/formatting.md, "Near a threshold").
 */
const percent = (p: number): string => formatPercentOfOne(p, p > 0 && p < 0.001 ? 2 : 1, [100]);
const range = (interval: readonly [number, number]): string => `${interval[0]}–${interval[1]}`;

/** P(total ≥ k) from a holder's histogram. */
function atLeast(distribution: SeatDistribution, k: number): number {
  const { min, counts } = distribution.histogram;
  const all = counts.reduce((a, b) => a + b, 0);
  let sum = 0;
  counts.forEach((count, i) => {
    if (min + i >= k) sum += count;
  });
  return all === 0 ? 0 : sum / all;
}

/**
 * The probabilistic hemicycle: each holder's wedge is its expected seats (rounded by largest
 * remainders to 98), and the k-th seat of a wedge is as opaque as the probability that the holder
 * wins at least k seats — solid seats are near-certain, faint ones a long shot.
 */
function probabilisticHemicycle(overview: Overview, holders: readonly Holder[], total: number): SVGElement {
  const exact = holders.map((holder) => holder.totalSeats.mean);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) if (left-- > 0) whole[i] = (whole[i] as number) + 1;
  const seats: { holder: Holder; k: number }[] = [];
  holders.forEach((holder, i) => {
    for (let k = 1; k <= (whole[i] as number); k++) seats.push({ holder, k });
  });
  const positions = hemicycleSeats(seats.length, 6);
  return s(
    'svg',
    { viewBox: '-1.05 -0.05 2.1 1.1', class: 'hemicycle', role: 'img', 'aria-labelledby': 'forecast-hemicycle-title' },
    s('title', { id: 'forecast-hemicycle-title' }, t('forecastHemicycle')),
    seats.map(({ holder, k }, index) => {
      const { x, y } = positions[index] as { x: number; y: number };
      const p = atLeast(holder.totalSeats, k);
      return s(
        'circle',
        {
          cx: x.toFixed(4),
          cy: (1 - y).toFixed(4),
          r: 0.032,
          fill: holderColour(overview, holder.id),
          'fill-opacity': Math.max(0.08, p).toFixed(3),
          stroke: holderColour(overview, holder.id),
          'stroke-width': 0.004,
          'data-party': holder.id,
          'data-probability': p.toFixed(4),
        },
        s('title', {}, t('forecastSeatTitle', { holder: holderName(overview, holder.id), k, probability: percent(p) })),
      );
    }),
  );
}

/** A small bar chart of a holder's total seats: the 80 % interval darker, majority lines marked. */
function histogram(overview: Overview, holder: Holder, total: number, majority: number, twoThirds: number): SVGElement {
  const { min, counts } = holder.totalSeats.histogram;
  const peak = Math.max(1, ...counts);
  const width = 300;
  const height = 70;
  const step = width / (total + 1);
  const [low, high] = holder.totalSeats.interval80;
  const marker = (seats: number, label: string): SVGElement =>
    s(
      'g',
      {},
      s('line', {
        x1: (seats * step).toFixed(2),
        x2: (seats * step).toFixed(2),
        y1: 0,
        y2: height,
        class: 'forecast-line',
      }),
      s('text', { x: (seats * step + 2).toFixed(2), y: 9, class: 'forecast-line-label' }, label),
    );
  return s(
    'svg',
    {
      viewBox: `0 0 ${width} ${height + 12}`,
      class: 'forecast-histogram',
      role: 'img',
      'aria-label': t('forecastHistogramLabel', {
        holder: holderName(overview, holder.id),
        median: holder.totalSeats.median,
        low,
        high,
      }),
    },
    counts.map((count, i) => {
      const seats = min + i;
      const barHeight = (count / peak) * height;
      return s('rect', {
        x: (seats * step).toFixed(2),
        y: (height - barHeight).toFixed(2),
        width: Math.max(0.5, step - 0.3).toFixed(2),
        height: barHeight.toFixed(2),
        fill: holderColour(overview, holder.id),
        'fill-opacity': seats >= low && seats <= high ? 1 : 0.4,
      });
    }),
    marker(majority, String(majority)),
    marker(twoThirds, String(twoThirds)),
    s('text', { x: 0, y: height + 11, class: 'forecast-axis' }, '0'),
    s('text', { x: width - 14, y: height + 11, class: 'forecast-axis' }, String(total)),
  );
}

/**
 * The forecast from polls (docs/forecast.md): threshold chances, seat distributions, a
 * probabilistic hemicycle, districts.
 */
export async function forecastView(overview: Overview): Promise<HTMLElement> {
  const [forecast, majilis] = await Promise.all([
    get<ForecastAnswer>('/api/analysis/forecast'),
    get<BodyPage>('/api/site/bodies/majilis'),
  ]);
  const lang = language();
  const translation = lang === 'en' ? undefined : forecast.translations[lang];
  const assumed = new Set(forecast.polls.flatMap((poll) => poll.assumed));
  const candidateName = districtCandidateNames(majilis.candidates);
  const holders: Holder[] = [...forecast.lists, ...forecast.otherHolders];
  const { total, majority, twoThirds } = forecast.seats;

  const summary = h(
    'table',
    { class: 'results forecast-table' },
    h('caption', {}, t('forecastTableCaption', { total, majority, twoThirds })),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          t('holder'),
          t('forecastPoll'),
          t('forecastPass'),
          t('forecastMedian'),
          t('forecastInterval80'),
          t('forecastInterval95'),
          t('forecastMajority', { seats: majority }),
          t('forecastTwoThirds', { seats: twoThirds }),
        ].map((text) => h('th', { scope: 'col' }, text)),
      ),
    ),
    h(
      'tbody',
      {},
      holders.map((holder) => {
        const list = forecast.lists.find((entry) => entry.id === holder.id);
        return h(
          'tr',
          { 'data-holder': holder.id },
          h('th', { scope: 'row' }, swatch(holderColour(overview, holder.id)), ' ', holderName(overview, holder.id)),
          h(
            'td',
            { class: 'num', 'data-assumed': assumed.has(holder.id) ? '' : undefined },
            list === undefined
              ? ''
              : `${formatNumber(list.pollAverage, 1)}\u00A0%${assumed.has(holder.id) ? ' *' : ''}`,
          ),
          h(
            'td',
            { class: 'num', 'data-pass': list?.passThreshold ?? '' },
            list === undefined ? '' : percent(list.passThreshold),
          ),
          h('td', { class: 'num' }, String(holder.totalSeats.median)),
          h('td', { class: 'num' }, range(holder.totalSeats.interval80)),
          h('td', { class: 'num' }, range(holder.totalSeats.interval95)),
          h('td', { class: 'num' }, percent(holder.majority)),
          h('td', { class: 'num' }, percent(holder.twoThirds)),
        );
      }),
    ),
  );

  const threshold = h(
    'div',
    { class: 'forecast-threshold' },
    h('h2', {}, t('forecastThresholdHeading')),
    forecast.lists.map((list) =>
      h(
        'div',
        { class: 'forecast-threshold-row', 'data-holder': list.id },
        h('span', { class: 'forecast-threshold-name' }, holderName(overview, list.id)),
        s(
          'svg',
          { viewBox: '0 0 200 12', class: 'forecast-threshold-bar', 'aria-hidden': 'true' },
          s('rect', { x: 0, y: 0, width: 200, height: 12, fill: '#eeeeee' }),
          s('rect', {
            x: 0,
            y: 0,
            width: (200 * list.passThreshold).toFixed(2),
            height: 12,
            fill: holderColour(overview, list.id),
          }),
        ),
        h('span', { class: 'num' }, percent(list.passThreshold)),
      ),
    ),
  );

  const histograms = h(
    'div',
    { class: 'forecast-histograms' },
    h('h2', {}, t('forecastHistogramsHeading')),
    h('p', {}, t('forecastHistogramsNote', { majority, twoThirds })),
    holders
      .filter((holder) => holder.totalSeats.histogram.counts.length > 1 || holder.totalSeats.median > 0)
      .map((holder) =>
        h(
          'figure',
          { 'data-holder': holder.id },
          h(
            'figcaption',
            {},
            `${holderName(overview, holder.id)}: ${holder.totalSeats.median} [${range(holder.totalSeats.interval80)}]`,
          ),
          histogram(overview, holder, total, majority, twoThirds),
        ),
      ),
  );

  const districts = h(
    'table',
    { class: 'results forecast-districts' },
    h('caption', {}, t('forecastDistricts')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('district'), t('forecastRegion'), t('forecastFavourite'), t('forecastChance')].map((text) =>
          h('th', { scope: 'col' }, text),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      forecast.districts.map((district) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `№ ${district.number}`),
          h('td', {}, regionName(overview, district.region)),
          h(
            'td',
            {},
            swatch(holderColour(overview, district.favourite.nomination)),
            ' ',
            holderName(overview, district.favourite.nomination),
            favouriteName(candidateName, district.favourite),
          ),
          h('td', { class: 'num' }, percent(district.favourite.probability)),
        ),
      ),
    ),
  );

  const poll = forecast.polls
    .map(
      (p) =>
        `${translation?.pollsters?.[p.pollster] ?? p.pollster}, ${p.fieldworkStart}…${p.fieldworkEnd}, n = ${p.sampleSize}`,
    )
    .join('; ');
  const assumptions = translation?.assumptions ?? forecast.assumptions;
  return h(
    'div',
    { class: 'page forecast' },
    h('h1', {}, t('forecastTitle')),
    h(
      'p',
      {},
      t('forecastIntro', {
        simulations: forecast.simulations,
        seed: forecast.seed,
        asOf: formatDay(forecast.asOf),
        poll,
      }),
    ),
    h('figure', {}, probabilisticHemicycle(overview, holders, total), h('figcaption', {}, t('forecastHemicycleNote'))),
    summary,
    assumed.size === 0 ? null : h('p', { class: 'note forecast-assumed-note' }, t('forecastAssumedNote')),
    threshold,
    histograms,
    districts,
    h('p', { class: 'note forecast-districts-note' }, t('forecastDistrictsNote')),
    h('h2', {}, t('forecastAssumptions')),
    h(
      'ul',
      { class: 'forecast-assumptions' },
      assumptions.map((assumption) => h('li', {}, assumption)),
    ),
    h(
      'p',
      { class: 'forecast-model' },
      t('forecastModel', {
        halfLife: forecast.model.halfLifeDays,
        deff: forecast.model.designEffect,
        neff: forecast.model.effectiveSampleSize,
        sigma: forecast.model.systematicErrorSigma,
        regional: forecast.model.regionalSwingSigma,
      }),
    ),
  );
}

function regionName(overview: Overview, regionId: string): string {
  const region = overview.regions.find((candidate) => candidate.id === regionId);
  return region === undefined ? regionId : nameOf(region.name);
}

/** District candidates by id with their transliterated name, to find a forecast's favourite among them. */
function districtCandidateNames(candidates: readonly Candidate[]): Map<string, Candidate> {
  return new Map(candidates.map((candidate) => [candidate.id, candidate]));
}

/**
 * The favourite's name in the reader's language. The forecast's districts come from the shipped
 * 2023 result, which names candidates in Latin letters only; the election served has them in
 * Kazakh and Russian too when it is that election. A name that is not this election's candidate is
 * left out rather than shown in another script.
 */
function favouriteName(
  candidates: ReadonlyMap<string, Candidate>,
  favourite: ForecastAnswer['districts'][number]['favourite'],
): string {
  const candidate = candidates.get(favourite.candidateId);
  if (candidate === undefined || favourite.name === null || candidate.name.latin !== favourite.name) return '';
  return ` (${nameOf(candidate.name)})`;
}
