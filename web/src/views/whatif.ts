import { type Answer, get } from '../api.ts';
import { holderColour, holderName, swatch } from '../common.ts';
import { h, replace, s } from '../dom.ts';
import { language, t, type TextKey } from '../i18n.ts';
import type { Overview } from '../types.ts';

/** GET /api/analysis/whatif as the OpenAPI document publishes it (docs/whatif.md). */
type WhatIfAnswer = Answer<'/api/analysis/whatif'>;

/** What the page shows first: the rules of 2023 and the alternatives people argue about. */
const FIRST_SHOWN = [
  'kz-2023-majilis',
  'threshold-7',
  'threshold-3',
  'base-without-against-all',
  'dhondt',
  'sainte-lague',
  'all-list-2021',
];

/** The label of a rule set in the reader's language; `threshold-N` for any N. */
function variantLabel(id: string): string {
  const threshold = /^threshold-(.+)$/.exec(id);
  if (threshold !== null && !['threshold-7', 'threshold-3'].includes(id))
    return t('variant.threshold', { percent: threshold[1] as string });
  return t(`variant.${id}` as TextKey);
}

/** One row of coloured blocks: a rule set's seats by holder, proportional to the body's size. */
function seatBar(overview: Overview, seats: Readonly<Record<string, number>>, total: number): SVGElement {
  let x = 0;
  const blocks = Object.entries(seats)
    .filter(([, count]) => count > 0)
    .map(([holder, count]) => {
      const width = (count / total) * 600;
      const block = s(
        'rect',
        {
          x: x.toFixed(2),
          y: 0,
          width: width.toFixed(2),
          height: 18,
          fill: holderColour(overview, holder),
          'data-holder': holder,
        },
        s('title', {}, `${holderName(overview, holder)}: ${count}`),
      );
      x += width;
      return block;
    });
  return s('svg', { viewBox: '0 0 600 18', class: 'seat-bar', role: 'img', 'aria-hidden': 'true' }, blocks);
}

/**
 * The same votes under other rules (docs/whatif.md): toggles for the rule sets, the seats side by
 * side with each one's difference from the first, and a bar of the body's seats under each.
 */
export async function whatIfView(overview: Overview, contestId = 'majilis/list'): Promise<HTMLElement> {
  const chosen = new Set(FIRST_SHOWN);
  const first = await get<WhatIfAnswer>(`/api/analysis/whatif?contest=${encodeURIComponent(contestId)}`);
  const result = h('div', { class: 'whatif-result', 'aria-live': 'polite' });
  const show = (answer: WhatIfAnswer): void => {
    const holders = [...new Set(answer.variants.flatMap((variant) => Object.keys(variant.totalSeats)))];
    const table = h(
      'table',
      { class: 'results whatif' },
      h('caption', {}, t('whatifCaption', { seats: answer.bodySeats })),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('holder')),
          answer.variants.map((variant) =>
            h('th', { scope: 'col', 'data-variant': variant.variant }, variantLabel(variant.variant)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        holders.map((holder) =>
          h(
            'tr',
            { 'data-holder': holder },
            h('th', { scope: 'row' }, swatch(holderColour(overview, holder)), ' ', holderName(overview, holder)),
            answer.variants.map((variant, index) => {
              const difference = variant.difference[holder] ?? 0;
              return h(
                'td',
                { class: 'num', 'data-variant': variant.variant },
                String(variant.totalSeats[holder] ?? 0),
                index > 0 && difference !== 0
                  ? h('span', { class: difference > 0 ? 'up' : 'down' }, ` (${difference > 0 ? '+' : ''}${difference})`)
                  : '',
              );
            }),
          ),
        ),
        answer.variants.some((variant) => variant.status !== 'complete')
          ? h(
              'tr',
              {},
              h('th', { scope: 'row' }, t('status')),
              answer.variants.map((variant) =>
                h('td', {}, variant.status === 'complete' ? '' : t(`whatifStatus.${variant.status}`)),
              ),
            )
          : null,
      ),
    );
    const bars = h(
      'div',
      { class: 'whatif-bars' },
      answer.variants.map((variant) =>
        h(
          'figure',
          {},
          h('figcaption', {}, variantLabel(variant.variant)),
          seatBar(overview, variant.totalSeats, answer.bodySeats),
        ),
      ),
    );
    replace(result, table, bars);
  };
  const refresh = async (): Promise<void> => {
    const rules = first.available.map((variant) => variant.id).filter((id) => chosen.has(id));
    if (rules.length === 0) return;
    show(
      await get<WhatIfAnswer>(`/api/analysis/whatif?contest=${encodeURIComponent(contestId)}&rules=${rules.join(',')}`),
    );
  };
  const toggles = h(
    'fieldset',
    { class: 'toggles' },
    h('legend', {}, t('whatifRules')),
    first.available.map((variant) => {
      const box = h('input', { type: 'checkbox', name: 'rules', value: variant.id, checked: chosen.has(variant.id) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(variant.id);
        else chosen.delete(variant.id);
        void refresh();
      });
      // The API describes each rule set in English only; the label says it in the reader's words.
      return h(
        'label',
        { title: language() === 'en' ? variant.description : undefined },
        box,
        ' ',
        variantLabel(variant.id),
      );
    }),
  );
  show(first);
  return h(
    'div',
    { class: 'page whatif' },
    h('h1', {}, t('whatifTitle')),
    h('p', {}, t('whatifIntro')),
    toggles,
    result,
  );
}

/** The analysis tools: the same votes under other rules, a forecast from polls, forensics. */
export function analysisView(): HTMLElement {
  const item = (href: string, title: TextKey, text: TextKey) => h('li', {}, h('a', { href }, t(title)), ' — ', t(text));
  return h(
    'div',
    { class: 'page analysis' },
    h('h1', {}, t('navAnalysis')),
    h(
      'ul',
      {},
      item('#/whatif', 'whatifTitle', 'whatifIntro'),
      item('#/forecast', 'forecastLinkTitle', 'forecastLinkText'),
      item('#/forensics', 'forensicsLinkTitle', 'forensicsLinkText'),
      item('#/observers', 'copiesLinkTitle', 'copiesLinkText'),
      item('#/register', 'registerLinkTitle', 'registerLinkText'),
    ),
  );
}
