import { apiUrl } from './api.ts';
import { h } from './dom.ts';
import { formatCount, formatPercent, nameOf, t, type TextKey } from './i18n.ts';
import type { Contest, ContestResult, Count, Overview, Party } from './types.ts';

export const big = (value: Count | undefined): bigint => BigInt(value ?? 0);

/** Who holds a seat: a party, or the self-nominated, or a public association. */
export function holderName(overview: Overview, holder: string): string {
  const party = overview.parties.find((p) => p.id === holder);
  if (party !== undefined) return nameOf(party.name);
  if (holder === 'self-nominated') return t('selfNominated');
  if (holder === 'public-association') return t('publicAssociation');
  return holder;
}

export function holderColour(overview: Overview, holder: string): string {
  return overview.parties.find((p) => p.id === holder)?.colour ?? (holder === 'self-nominated' ? '#6d6d6d' : '#9e9e9e');
}

/** A list contest's seats by party; none for a district or a contest not counted yet. */
export function listSeatsOf(result: ContestResult | null | undefined): Readonly<Record<string, number>> {
  return result?.kind === 'list' ? result.seats : {};
}

/** A district's winner as the server's tally decided it, or null. */
export function winnerOf(result: ContestResult | null | undefined): string | null {
  return result?.kind === 'smd' ? result.winner : null;
}

/** A district's number; 0 for a list contest. */
export function districtNumber(contest: Contest): number {
  return contest.kind === 'smd' ? contest.number : 0;
}

export function swatch(colour: string): HTMLElement {
  return h('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
}

export function partiesInOrder(overview: Overview): Party[] {
  return [...overview.parties].sort((a, b) => a.ballotOrder - b.ballotOrder);
}

export function stageLabel(stage: string): string {
  return t(`stage.${stage}` as TextKey);
}

/** Share of valid ballots (lines 7 + 8 − 9) for display. */
export function validBallots(lines: Record<string, Count>): bigint {
  return big(lines.foundStationary) + big(lines.foundMobile) - big(lines.invalid);
}

/** The list threshold of both 2023 rule sets, kz-2023-majilis and kz-2023-maslikhat (docs/law.md §1.2). */
const LIST_THRESHOLD_PERCENT = 5;

/**
 * A list's share of valid ballots, the CEC's base: a list below the threshold is never shown at or
 * above it, nor the reverse (docs/formatting.md, "Near a threshold").
 */
export function listShare(votes: bigint, valid: bigint): string {
  return formatPercent(votes, valid, 2, [LIST_THRESHOLD_PERCENT]);
}

/**
 * The downloads every page offers, with how to check them: the command to run, with the CEC key's
 * fingerprint it pins once the server has told it (docs/server.md, `GET /api/site/cec-key`).
 */
export function downloads(cecFingerprint: string | undefined): HTMLElement {
  const link = (href: string, label: string) => h('li', {}, h('a', { href: apiUrl(href), download: '' }, label));
  const command = `tar -xf saylau-bundle.tar && saylau verify saylau-bundle --trust ${cecFingerprint ?? '…'}`;
  return h(
    'section',
    { class: 'downloads', 'aria-labelledby': 'downloads-title' },
    h('h2', { id: 'downloads-title' }, t('downloads')),
    h(
      'ul',
      {},
      link('/api/exports/results.json', 'JSON'),
      link('/api/exports/csv/contests.csv', 'CSV'),
      link('/api/exports/nist-err.json', 'NIST ERR v2'),
      link('/api/results', t('resultsSnapshot')),
      link('/api/exports/bundle.tar', t('bundleLink')),
    ),
    h('p', {}, t('verifyIntro')),
    h('pre', { class: 'verify-command' }, h('code', {}, command)),
    h(
      'p',
      { class: 'verify-fingerprint' },
      t('verifyFingerprint'),
      ' ',
      t('cecKeyFingerprint'),
      ': ',
      h('code', { id: 'cec-fingerprint', translate: 'no' }, cecFingerprint ?? '…'),
    ),
  );
}

export function countCell(value: Count | bigint | undefined): HTMLElement {
  return h('td', { class: 'num' }, formatCount(value ?? 0));
}
