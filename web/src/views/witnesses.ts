import { type Answer, get } from '../api.ts';
import { h } from '../dom.ts';
import { formatCount, formatTime, t } from '../i18n.ts';

type Witnesses = Answer<'/api/log/witnesses'>;

/** Whole minutes from `iso` to now, never negative (a witness's clock may run a little ahead). */
function minutesSince(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
}

/**
 * Which observers' witnesses have cosigned the log, and how far behind each is (docs/witness.md, "What the site
 * shows"): its data from GET /api/log/witnesses. Nothing when the server serves no log.
 */
export async function witnessesBlock(): Promise<HTMLElement | null> {
  let answer: Witnesses;
  try {
    answer = await get<Witnesses>('/api/log/witnesses');
  } catch {
    return null;
  }
  const heading = h('h2', {}, t('witnesses'));
  if (answer.witnesses.length === 0)
    return h('section', { class: 'witnesses', 'aria-label': t('witnesses') }, heading, h('p', {}, t('witnessesNone')));
  return h(
    'section',
    { class: 'witnesses', 'aria-label': t('witnesses') },
    heading,
    h('p', {}, t('witnessesHelp', { size: formatCount(answer.size) })),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results witnesses-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('witnessOrganisation')),
            h('th', { scope: 'col', class: 'num wide-only' }, t('witnessCosignedSize')),
            h('th', { scope: 'col' }, t('witnessBehind')),
            h('th', { scope: 'col' }, t('witnessLast')),
          ),
        ),
        h(
          'tbody',
          {},
          answer.witnesses.map((witness) =>
            h(
              'tr',
              { 'data-witness': witness.name, 'data-behind': String(witness.behind ?? '') },
              h(
                'td',
                {},
                witness.organisation,
                h('br'),
                h('code', { translate: 'no', title: witness.verifierKey }, witness.name),
              ),
              h('td', { class: 'num wide-only' }, witness.size === null ? '—' : formatCount(witness.size)),
              h(
                'td',
                { class: witness.behind === 0 ? 'witness-current' : 'witness-behind' },
                witness.behind === null
                  ? t('witnessNever')
                  : witness.behind === 0
                    ? t('witnessUpToDate')
                    : t('witnessEntriesBehind', { count: formatCount(witness.behind) }),
              ),
              h(
                'td',
                {},
                witness.cosignedAt === null
                  ? '—'
                  : h(
                      'time',
                      { datetime: witness.cosignedAt },
                      t('witnessAgo', {
                        time: formatTime(new Date(witness.cosignedAt)),
                        minutes: minutesSince(witness.cosignedAt),
                      }),
                    ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
