import './styles.css';
import { ApiRefusal, get, subscribe } from './api.ts';
import { big, downloads } from './common.ts';
import { h, replace } from './dom.ts';
import {
  formatCount,
  formatPercent,
  formatTime,
  initialLanguage,
  LANGUAGES,
  type Language,
  setLanguage,
  t,
  type TextKey,
} from './i18n.ts';
import type { BodyPage, Overview } from './types.ts';

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const languages = document.getElementById('languages') as HTMLElement;
const progress = document.getElementById('progress') as HTMLElement;
const footer = document.getElementById('footer') as HTMLElement;
let overview: Overview;
let lastUpdate = new Date();
/** The CEC key's fingerprint for the footer's verify command: it never changes, so it is asked for once. */
let cecFingerprint: string | undefined;

const SECTIONS: readonly [string, TextKey][] = [
  ['#/', 'navMajilis'],
  ['#/map', 'navMap'],
  ['#/maslikhats', 'navMaslikhats'],
  ['#/contest/majilis/list', 'navSeats'],
  ['#/analysis', 'navAnalysis'],
  ['#/console', 'navConsole'],
];

function chrome(): void {
  nav.setAttribute('aria-label', t('navLabel'));
  languages.setAttribute('aria-label', t('languagesLabel'));
  replace(
    nav,
    h(
      'ul',
      {},
      SECTIONS.map(([href, key]) =>
        h('li', {}, h('a', { href, 'aria-current': (location.hash || '#/') === href ? 'page' : undefined }, t(key))),
      ),
    ),
  );
  replace(
    languages,
    LANGUAGES.map((code) => {
      const button = h(
        'button',
        {
          type: 'button',
          lang: code,
          'data-lang': code,
          'aria-pressed': String(document.documentElement.lang === code),
        },
        LANGUAGE_NAMES[code],
      );
      button.addEventListener('click', () => switchLanguage(code));
      return button;
    }),
  );
  const skip = document.querySelector('[data-i18n="skip"]');
  if (skip !== null) skip.textContent = t('skip');
  replace(footer, downloads(cecFingerprint));
}

const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

function switchLanguage(code: Language): void {
  setLanguage(code);
  localStorage.setItem('saylau.lang', code);
  const url = new URL(location.href);
  url.searchParams.set('lang', code);
  history.replaceState(null, '', url);
  void render();
}

async function updateProgress(): Promise<void> {
  const page = await get<BodyPage>('/api/site/bodies/majilis');
  const list = page.contests.find((c) => c.contest.id === 'majilis/list')?.result;
  const counted = list?.totals.stationsCounted ?? 0;
  const expected = list?.totals.stationsExpected ?? 0;
  replace(
    progress,
    h('progress', { max: Math.max(1, expected), value: counted, 'aria-hidden': 'true' }),
    h(
      'span',
      { id: 'counted', 'data-counted': counted },
      t('counted', {
        // Until the last station is in, never "100,0 %" (docs/formatting.md, "Near a threshold").
        share: formatPercent(big(counted), big(expected), 1, [100]),
        counted: formatCount(counted),
        expected: formatCount(expected),
      }),
    ),
    ' · ',
    h('span', { id: 'updated' }, t('updated', { time: formatTime(lastUpdate) })),
  );
}

let rendering = 0;

/** Renders the page the address names; a newer render supersedes one still loading. */
async function render(): Promise<void> {
  const ticket = ++rendering;
  chrome();
  const hash = location.hash;
  const route = (hash.replace(/^#/, '') || '/').split('/').filter((part) => part !== '');
  try {
    const view = await viewFor(route);
    if (ticket !== rendering) return;
    replace(main, view);
    document.title = `${main.querySelector('h1')?.textContent ?? ''} · saylau`;
  } catch (error) {
    if (ticket === rendering) {
      replace(main, errorPage(error, route));
      document.title = `${main.querySelector('h1')?.textContent ?? ''} · saylau`;
    }
  }
  // Which address the page now shows: what a script (or a test) following the page waits for after a hash change.
  if (ticket === rendering) main.dataset.rendered = hash;
  void updateProgress();
}

/** What a page that names something the election does not have says, by what the address named. */
const NOT_FOUND_TITLES: Readonly<Record<string, TextKey>> = {
  station: 'notFoundStation',
  contest: 'notFoundContest',
  candidates: 'notFoundContest',
  ballots: 'notFoundStation',
  whatif: 'notFoundContest',
  region: 'notFoundRegion',
  body: 'notFoundBody',
};

/** A page the site does not have, in the reader's language, with the way back. */
function notFoundPage(title: TextKey, text: string): HTMLElement {
  return h(
    'div',
    { class: 'page not-found', 'data-not-found': '' },
    h('h1', {}, t(title)),
    h('p', {}, text),
    h('p', {}, h('a', { href: '#/' }, t('backHome'))),
  );
}

/** A refusal in the reader's words: an unknown station, contest, region or body is a missing page, not an error. */
function errorPage(error: unknown, route: readonly string[]): HTMLElement {
  const [section = '', ...rest] = route;
  if (error instanceof ApiRefusal && ['DATASET_UNKNOWN_REFERENCE', 'API_NOT_FOUND'].includes(error.refusal.code))
    return notFoundPage(NOT_FOUND_TITLES[section] ?? 'notFoundTitle', t('notFoundReference', { id: rest.join('/') }));
  // The details of a defect are for whoever opens the browser's console, not for the page.
  if (!(error instanceof ApiRefusal)) console.error(error);
  const message = error instanceof ApiRefusal ? error.refusal.message : t('errorUnexpected');
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, t('error')),
    h('p', { role: 'alert' }, message),
    h('p', {}, h('a', { href: '#/' }, t('backHome'))),
  );
}

/** An address that names a region or body the election does not have (their list is in the overview). */
function unknownPlace(section: string | undefined, rest: readonly string[]): boolean {
  if (section === 'region') return !overview.regions.some((region) => region.id === rest[0]);
  if (section === 'body') return !overview.bodies.some((body) => body.id === rest.join('/'));
  return false;
}

async function viewFor(route: string[]): Promise<HTMLElement> {
  const [section, ...rest] = route;
  if (unknownPlace(section, rest))
    return notFoundPage(
      NOT_FOUND_TITLES[section ?? ''] ?? 'notFoundTitle',
      t('notFoundReference', { id: rest.join('/') }),
    );
  switch (section) {
    case undefined:
      return (await import('./views/majilis.ts')).majilisView(overview);
    case 'map':
      return (await import('./views/map.ts')).mapView(overview);
    case 'region': {
      const map = await import('./views/map.ts');
      return rest.length > 1
        ? map.territoryView(overview, rest[0] as string, rest.slice(1).join('/'))
        : map.regionView(overview, rest[0] as string);
    }
    case 'station': {
      const [map, checks] = await Promise.all([import('./views/map.ts'), import('./checks.ts')]);
      return map.stationView(overview, rest.join('/'), checks.findingsOf);
    }
    case 'maslikhats':
      return (await import('./views/bodies.ts')).maslikhatsView(overview);
    case 'body':
      return (await import('./views/bodies.ts')).bodyView(overview, rest.join('/'));
    case 'contest':
      return (await import('./views/bodies.ts')).contestView(overview, rest.join('/'));
    case 'candidates':
      return (await import('./views/registration.ts')).candidatesView(overview, rest.join('/'));
    case 'ballots':
      return (await import('./views/registration.ts')).ballotsView(rest.join('/'));
    case 'analysis':
      return (await import('./views/whatif.ts')).analysisView();
    case 'whatif':
      return (await import('./views/whatif.ts')).whatIfView(overview, rest.length > 0 ? rest.join('/') : undefined);
    case 'forecast':
      return (await import('./views/forecast.ts')).forecastView(overview);
    case 'forensics':
      return (await import('./views/forensics.ts')).forensicsView(overview);
    case 'console':
      return (await import('./views/console.ts')).consoleView(overview, () => void render());
    case 'journal':
      return (await import('./views/journal.ts')).journalView(overview);
    case 'register':
      return (await import('./views/register.ts')).registerView(overview);
    case 'observers':
      return (await import('./views/observers.ts')).observersView(overview);
    default:
      return notFoundPage('notFoundTitle', t('notFoundPage'));
  }
}

async function start(): Promise<void> {
  setLanguage(initialLanguage());
  replace(main, h('p', {}, t('loading')));
  overview = await get<Overview>('/api/site/overview');
  void get<{ fingerprint: string }>('/api/site/cec-key').then(({ fingerprint }) => {
    cecFingerprint = fingerprint;
    replace(footer, downloads(cecFingerprint));
  });
  window.addEventListener('hashchange', () => void render());
  // Live: a new version of the results re-renders the page, unless someone is typing in a form.
  let pending: ReturnType<typeof setTimeout> | undefined;
  subscribe(() => {
    lastUpdate = new Date();
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (main.querySelector('form, .protocol-form') === null) void render();
      else void updateProgress();
    }, 100);
  });
  await render();
}

void start();
