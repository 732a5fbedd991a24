import { apiUrl, get, isStatic } from '../api.ts';
import { holderColour, holderName, swatch } from '../common.ts';
import { h } from '../dom.ts';
import { formatDay, language, nameOf, t, type TextKey } from '../i18n.ts';
import type { BallotsPage, CandidatesPage, Overview, RegisteredCandidate } from '../types.ts';

/** Who put a candidate forward, in words: the party, the association, or themself. */
function nominator(overview: Overview, candidate: RegisteredCandidate): string {
  if (candidate.nomination === 'list' || candidate.nomination === 'party')
    return holderName(overview, candidate.nominatedBy ?? '');
  if (candidate.nomination === 'public-association') return candidate.nominatedBy ?? t('publicAssociation');
  return t('selfNominated');
}

/** A contest's registered candidates in ballot order, with their nomination and what became of them. */
export async function candidatesView(overview: Overview, contestId: string): Promise<HTMLElement> {
  const page = await get<CandidatesPage>(`/api/candidates/${contestId}`);
  const list = page.contest.kind === 'list';
  const rows = page.candidates.map((candidate) =>
    h(
      'tr',
      {
        'data-candidate': candidate.id,
        'data-status': candidate.status,
        class: candidate.status === 'registered' ? '' : 'not-standing',
      },
      list ? h('td', { class: 'num' }, String(candidate.listPosition ?? '')) : null,
      h('th', { scope: 'row' }, nameOf(candidate.name)),
      h('td', {}, formatDay(candidate.birthDate)),
      h(
        'td',
        {},
        swatch(holderColour(overview, candidate.nominatedBy ?? candidate.nomination)),
        ' ',
        nominator(overview, candidate),
        ' · ',
        t(`nomination.${candidate.nomination}` as TextKey),
      ),
      h(
        'td',
        {},
        t(`status.${candidate.status}` as TextKey),
        candidate.statusAt === null
          ? ''
          : ` (${candidate.statusAt}${candidate.statusReason === null ? '' : `: ${candidate.statusReason}`})`,
      ),
    ),
  );
  const table = h(
    'table',
    { class: 'results candidates' },
    h('caption', {}, t('candidatesTitle')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        list ? h('th', { scope: 'col', class: 'num' }, t('listPosition')) : null,
        h('th', { scope: 'col' }, t('candidate')),
        h('th', { scope: 'col' }, t('born')),
        h('th', { scope: 'col' }, t('nomination')),
        h('th', { scope: 'col' }, t('status')),
      ),
    ),
    h('tbody', {}, rows),
  );
  return h(
    'div',
    { class: 'page candidates' },
    h('p', {}, h('a', { href: `#/contest/${page.contest.id}` }, `← ${nameOf(page.contest.name)}`)),
    h('h1', {}, `${t('candidatesTitle')}: ${nameOf(page.contest.name)}`),
    page.postponed === null
      ? null
      : h('p', { class: 'warn', role: 'status' }, t('postponed', { at: formatDay(page.postponed.at) })),
    page.candidates.length === 0 ? h('p', {}, t('noCandidates')) : table,
  );
}

/** A station's ballots as registration made them, with the print-ready proofs in Kazakh and Russian. */
export async function ballotsView(stationId: string): Promise<HTMLElement> {
  const page = await get<BallotsPage>(`/api/ballots/${stationId}`);
  const path = `/api/ballots/print/${stationId}`;
  // A site published as files has the ballots, but no server to print them on demand.
  const print = isStatic()
    ? null
    : h(
        'p',
        { class: 'print' },
        h('a', { href: apiUrl(`${path}?lang=kk`), target: '_blank', rel: 'noopener', 'data-lang': 'kk' }, t('printKk')),
        ' · ',
        h('a', { href: apiUrl(`${path}?lang=ru`), target: '_blank', rel: 'noopener', 'data-lang': 'ru' }, t('printRu')),
      );
  const lang = language();
  const ballots = page.ballots.map((ballot) =>
    h(
      'section',
      { class: 'ballot', 'data-contest': ballot.contestId },
      h('h2', {}, ballot.title[lang], ' · ', h('a', { href: `#/candidates/${ballot.contestId}` }, t('candidatesLink'))),
      h(
        'ol',
        {},
        ballot.options.map((option) =>
          h(
            'li',
            { 'data-option': option.id },
            h('strong', {}, option.label[lang]),
            option.detail === null ? '' : ` — ${option.detail[lang]}`,
          ),
        ),
        h('li', { class: 'against-all' }, h('strong', {}, t('againstAll'))),
      ),
    ),
  );
  return h(
    'div',
    { class: 'page ballots' },
    h('p', {}, h('a', { href: `#/station/${stationId}` }, `← ${t('station')} ${stationId}`)),
    h('h1', {}, `${t('ballotsTitle')}: ${stationId}`),
    print,
    ballots,
  );
}
