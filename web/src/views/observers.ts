import { type Answer, get } from '../api.ts';
import { holderName } from '../common.ts';
import { h } from '../dom.ts';
import { formatCount, formatPercentOfOne, formatTime, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview } from '../types.ts';

type Copies = Answer<'/api/site/copies'>;
type Counts = Copies['counts']['national'];

/** Rows of the discrepancy list drawn on the page; the downloads hold every one. */
const SHOWN = 200;

/**
 * Observers' protocol copies against the official protocols (docs/site.md, "Observers' copies"): how many copies
 * match by region, and every figure where a copy differs, with the journal entry of the copy. A copy never changes an
 * official figure; the list is where a reader sees where the two disagree.
 */
export async function observersView(overview: Overview): Promise<HTMLElement> {
  const copies = await get<Copies>('/api/site/copies');
  const { national } = copies.counts;
  // The contests' names in the reader's language: few (a copy is mostly of the Majilis party list), each asked once.
  const contestNames = new Map(
    await Promise.all(
      [...new Set([...copies.discrepancies, ...copies.samples].map((row) => row.contestId))].map(async (id) => {
        const page = await get<Answer<'/api/site/contests/{id}'>>(`/api/site/contests/${id}`).catch(() => null);
        return [id, page === null ? id : nameOf(page.contest.name)] as const;
      }),
    ),
  );
  const regionName = (id: string | null) => {
    const region = overview.regions.find((candidate) => candidate.id === id);
    return region === undefined ? t('abroadRegion') : nameOf(region.name);
  };
  const lineName = (line: string) =>
    line.startsWith('votes:')
      ? t('copiesVotesFor', { option: holderName(overview, line.slice('votes:'.length)) })
      : t(`line.${line}` as TextKey);
  const optionName = (option: string) =>
    option === 'againstAll' ? t('line.againstAll') : holderName(overview, option);
  const countCells = (counts: Counts) =>
    [counts.copies, counts.matching, counts.differing, counts.stationsDiffering, counts.awaitingOfficial].map((value) =>
      h('td', { class: 'num' }, formatCount(value)),
    );
  const rows = copies.discrepancies.flatMap((row) =>
    row.comparison.differences.map((difference) => ({ row, difference })),
  );
  return h(
    'div',
    { class: 'page observers' },
    h('h1', {}, t('copiesTitle')),
    h('p', { class: 'note' }, t('copiesIntro')),
    h(
      'p',
      { id: 'copies-summary' },
      t('copiesSummary', {
        observers: formatCount(copies.observers),
        copies: formatCount(national.copies),
        matching: formatCount(national.matching),
        differing: formatCount(national.differing),
        stations: formatCount(national.stationsDiffering),
        awaiting: formatCount(national.awaitingOfficial),
      }),
    ),
    h(
      'p',
      { class: 'downloads' },
      `${t('downloads')}: `,
      h('a', { href: '/api/site/copies', download: 'copy-discrepancies.json' }, 'JSON'),
      ' · ',
      h('a', { href: '/api/site/copies.csv', download: 'copy-discrepancies.csv' }, 'CSV'),
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results', id: 'copies-by-region' },
        h('caption', {}, t('copiesByRegion')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('region')),
            (
              ['copiesCount', 'copiesMatching', 'copiesDiffering', 'copiesStationsDiffering', 'copiesAwaiting'] as const
            ).map((key) => h('th', { scope: 'col', class: 'num' }, t(key))),
          ),
        ),
        h(
          'tbody',
          {},
          Object.entries(copies.counts.regions).map(([id, counts]) =>
            h('tr', {}, h('th', { scope: 'row' }, regionName(id)), countCells(counts)),
          ),
        ),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('copiesCountry')), countCells(national))),
      ),
    ),
    // At most ten samples drawn: any accreditation may draw one a contest; all are in the JSON.
    copies.samples.slice(0, 10).map((sample) => sampleSection(sample, contestNames, optionName)),
    irregularitiesSection(copies.irregularities, regionName),
    h('h2', { id: 'copies-discrepancies-title' }, t('copiesDiscrepancies')),
    rows.length === 0
      ? h('p', { id: 'copies-none' }, t('copiesNone'))
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            {
              class: 'results cards-on-phone',
              id: 'copies-discrepancies',
              'aria-labelledby': 'copies-discrepancies-title',
            },
            rows.length > SHOWN
              ? h('caption', {}, t('copiesShown', { shown: formatCount(SHOWN), all: formatCount(rows.length) }))
              : null,
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                (['copiesStation', 'copiesObserver', 'copiesLine', 'copiesCopy', 'copiesOfficial'] as const).map(
                  (key) =>
                    h(
                      'th',
                      { scope: 'col', class: key === 'copiesCopy' || key === 'copiesOfficial' ? 'num' : undefined },
                      t(key),
                    ),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              rows
                .slice(0, SHOWN)
                .map(({ row, difference }) =>
                  h(
                    'tr',
                    {},
                    h(
                      'td',
                      { 'data-label': t('copiesStation') },
                      h('a', { href: `#/station/${row.stationId}` }, row.stationId),
                      h('br'),
                      h(
                        'small',
                        {},
                        `${regionName(row.regionId)} · ${contestNames.get(row.contestId) ?? row.contestId}`,
                      ),
                    ),
                    h(
                      'td',
                      { 'data-label': t('copiesObserver') },
                      row.organisation,
                      h('br'),
                      h('small', { translate: 'no' }, t('copiesJournalEntry', { seq: String(row.eventSeq) })),
                    ),
                    h('td', { 'data-label': t('copiesLine') }, lineName(difference.line)),
                    h('td', { class: 'num', 'data-label': t('copiesCopy') }, formatCount(difference.copy)),
                    h('td', { class: 'num', 'data-label': t('copiesOfficial') }, formatCount(difference.official)),
                  ),
                ),
            ),
          ),
        ),
  );
}

/**
 * A parallel vote tabulation: each option's share estimated from the copies of a sample of stations, with its 95 %
 * margin, beside the official share; a row whose official share lies outside the margin is marked, in words too.
 */
function sampleSection(
  sample: Copies['samples'][number],
  contestNames: ReadonlyMap<string, string>,
  optionName: (option: string) => string,
): HTMLElement {
  const id = `sample-${sample.accreditation}-${sample.contestId.replace(/\W/g, '-')}`;
  return h(
    'section',
    { class: 'copy-sample', id },
    h('h2', { id: `${id}-title` }, t('sampleTitle', { organisation: sample.organisation })),
    h(
      'p',
      { class: 'note' },
      t('sampleIntro', {
        contest: contestNames.get(sample.contestId) ?? sample.contestId,
        drawn: formatCount(sample.drawn),
        withCopies: formatCount(sample.withCopies),
      }),
    ),
    h('p', { class: 'note' }, t('sampleSeed'), ' ', h('code', { translate: 'no', class: 'seed' }, sample.seed)),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results', 'aria-labelledby': `${id}-title` },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('sampleOption')),
            h('th', { scope: 'col', class: 'num' }, t('sampleEstimate')),
            h('th', { scope: 'col', class: 'num' }, t('sampleOfficial')),
            h('th', { scope: 'col' }, t('sampleVerdict')),
          ),
        ),
        h(
          'tbody',
          {},
          sample.shares.map((share) => {
            const outside =
              share.margin !== null &&
              share.official !== null &&
              Math.abs(share.official - share.estimate) > share.margin;
            return h(
              'tr',
              { class: outside ? 'outside-margin' : undefined },
              h('th', { scope: 'row' }, optionName(share.option)),
              h(
                'td',
                { class: 'num' },
                share.margin === null
                  ? formatPercentOfOne(share.estimate)
                  : `${formatPercentOfOne(share.estimate)} ± ${formatPercentOfOne(share.margin)}`,
              ),
              h('td', { class: 'num' }, share.official === null ? '—' : formatPercentOfOne(share.official)),
              h(
                'td',
                {},
                share.official === null || share.margin === null ? '—' : t(outside ? 'sampleOutside' : 'sampleWithin'),
              ),
            );
          }),
        ),
      ),
    ),
  );
}

/**
 * Observers' reports of irregularities, latest seen first: the observer's statement as signed, by the organisation
 * that sent them; public at once and not reviewed by anyone (docs/law.md §10.2).
 */
function irregularitiesSection(
  reports: Copies['irregularities'],
  regionName: (id: string | null) => string,
): HTMLElement {
  return h(
    'section',
    { class: 'irregularities', id: 'irregularities' },
    h('h2', { id: 'irregularities-title' }, t('irregularitiesTitle')),
    h('p', { class: 'note' }, t('irregularitiesIntro')),
    reports.length === 0
      ? h('p', {}, t('irregularitiesNone'))
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'results cards-on-phone', 'aria-labelledby': 'irregularities-title' },
            reports.length > SHOWN
              ? h('caption', {}, t('copiesShown', { shown: formatCount(SHOWN), all: formatCount(reports.length) }))
              : null,
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                (['irregularityWhen', 'copiesStation', 'irregularityCategory', 'copiesObserver'] as const).map((key) =>
                  h('th', { scope: 'col' }, t(key)),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              reports
                .slice(0, SHOWN)
                .map((report) =>
                  h(
                    'tr',
                    { 'data-category': report.category },
                    h('td', { 'data-label': t('irregularityWhen') }, formatTime(new Date(report.observedAt))),
                    h(
                      'td',
                      { 'data-label': t('copiesStation') },
                      h('a', { href: `#/station/${report.stationId}` }, report.stationId),
                      h('br'),
                      h('small', {}, regionName(report.regionId)),
                    ),
                    h(
                      'td',
                      { 'data-label': t('irregularityCategory') },
                      h('strong', {}, t(`irregularity.${report.category}` as TextKey)),
                      h('br'),
                      h('span', { class: 'irregularity-text' }, report.text),
                    ),
                    h(
                      'td',
                      { 'data-label': t('copiesObserver') },
                      report.organisation,
                      h('br'),
                      h('small', {}, t('copiesJournalEntry', { seq: String(report.eventSeq) })),
                    ),
                  ),
                ),
            ),
          ),
        ),
  );
}
