import { type Answer, get } from '../api.ts';
import { h, replace } from '../dom.ts';
import { formatCount, formatTime, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview } from '../types.ts';

type Register = Answer<'/api/site/register'>;
type ComplaintRow = Register['complaints'][number];
type Consequence = NonNullable<ComplaintRow['decision']>['consequences'][number];

const STATUSES = ['pending', 'overdue', 'upheld', 'rejected'] as const;

/** Rows of each table drawn on the page. */
const SHOWN = 500;

/**
 * The public register of complaints and administrative cases (docs/site.md, "The register"): each complaint with who
 * filed it (a private person by initials), against whom, its deadline and where it stands, and what its decision
 * ordered; filtered by region, status and kind of case in the page.
 */
export async function registerView(overview: Overview): Promise<HTMLElement> {
  const register = await get<Register>('/api/site/register');
  const regionName = (id: string | null) => {
    const region = overview.regions.find((candidate) => candidate.id === id);
    return region === undefined ? '—' : nameOf(region.name);
  };
  const select = (id: string, label: TextKey, options: readonly (readonly [string, string])[]) => {
    const control = h(
      'select',
      { id },
      h('option', { value: '' }, t('registerAll')),
      options.map(([value, text]) => h('option', { value }, text)),
    );
    return { control, field: h('label', { class: 'filter' }, t(label), ' ', control) };
  };
  const region = select(
    'register-region',
    'region',
    overview.regions.map((candidate) => [candidate.id, nameOf(candidate.name)] as const),
  );
  const status = select(
    'register-status',
    'registerStatus',
    STATUSES.map((value) => [value, t(`complaintStatus.${value}`)] as const),
  );
  const kind = select(
    'register-type',
    'registerViolationType',
    [...new Set(register.violations.map((row) => row.type))].map(
      (value) => [value, t(`violationType.${value}`)] as const,
    ),
  );
  const complaintsBody = h('tbody', {});
  const violationsBody = h('tbody', {});
  const counts = h('p', { id: 'register-counts', role: 'status' });
  const draw = () => {
    const complaints = register.complaints.filter(
      (row) =>
        (region.control.value === '' || row.regionId === region.control.value) &&
        (status.control.value === '' || row.status === status.control.value),
    );
    const violations = register.violations.filter(
      (row) =>
        (region.control.value === '' || row.regionId === region.control.value) &&
        (kind.control.value === '' || row.type === kind.control.value),
    );
    replace(
      complaintsBody,
      complaints.map((row) => complaintRow(row, regionName)),
    );
    replace(
      violationsBody,
      violations.map((row) => violationRow(row, regionName)),
    );
    replace(
      counts,
      t('registerCounts', {
        complaints: formatCount(complaints.length),
        violations: formatCount(violations.length),
      }),
      complaints.length > SHOWN || violations.length > SHOWN
        ? ` ${t('registerShown', { shown: formatCount(SHOWN) })}`
        : '',
    );
  };
  for (const { control } of [region, status, kind]) control.addEventListener('change', draw);
  draw();
  return h(
    'div',
    { class: 'page register' },
    h('h1', {}, t('registerTitle')),
    h('p', { class: 'note' }, t('registerIntro')),
    h(
      'p',
      { class: 'downloads' },
      `${t('downloads')}: `,
      h('a', { href: '/api/site/register', download: 'register.json' }, 'JSON'),
      ' · ',
      h('a', { href: '/api/site/register.csv', download: 'complaints.csv' }, 'CSV'),
    ),
    h('div', { class: 'filters' }, region.field, status.field, kind.field),
    counts,
    h('h2', { id: 'register-complaints-title' }, t('registerComplaints')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results cards-on-phone', id: 'register-complaints', 'aria-labelledby': 'register-complaints-title' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            (
              ['registerFiled', 'registerComplainant', 'registerAgainst', 'registerStatus', 'registerDecision'] as const
            ).map((key) => h('th', { scope: 'col' }, t(key))),
          ),
        ),
        complaintsBody,
      ),
    ),
    h('h2', { id: 'register-violations-title' }, t('registerViolations')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results cards-on-phone', id: 'register-violations', 'aria-labelledby': 'register-violations-title' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            (
              ['registerRecorded', 'registerViolationType', 'registerArticle', 'region', 'registerOutcome'] as const
            ).map((key) => h('th', { scope: 'col' }, t(key))),
          ),
        ),
        violationsBody,
      ),
    ),
  );
}

function complaintRow(row: ComplaintRow, regionName: (id: string | null) => string): HTMLElement {
  return h(
    'tr',
    { 'data-status': row.status, 'data-id': row.id },
    h(
      'td',
      { 'data-label': t('registerFiled') },
      formatTime(new Date(row.filedAt)),
      h('br'),
      h('small', { translate: 'no' }, row.id),
    ),
    h(
      'td',
      { 'data-label': t('registerComplainant') },
      h('span', { class: 'complainant' }, nameOf(row.complainant)),
      h('br'),
      h('small', {}, t(`complainantKind.${row.complainantKind}`)),
    ),
    h(
      'td',
      { 'data-label': t('registerAgainst') },
      row.stationId === null
        ? h('span', { translate: 'no' }, row.commissionId)
        : h('a', { href: `#/station/${row.stationId}` }, row.stationId),
      h('br'),
      h('small', {}, regionName(row.regionId)),
      h('br'),
      h('span', { class: 'subject' }, row.subject),
    ),
    h(
      'td',
      { 'data-label': t('registerStatus') },
      h('strong', {}, t(`complaintStatus.${row.status}`)),
      h('br'),
      h('small', {}, t('registerDue', { due: formatTime(new Date(row.due)) })),
    ),
    h(
      'td',
      { 'data-label': t('registerDecision') },
      row.decision === null
        ? '—'
        : [
            row.decision.reason,
            ...row.decision.consequences.map((consequence) =>
              h('div', { class: 'consequence' }, consequenceText(consequence)),
            ),
            h(
              'div',
              {},
              h('small', {}, t('registerHistory', { filed: String(row.filedSeq), decided: String(row.decision.seq) })),
            ),
          ],
    ),
  );
}

function consequenceText(consequence: Consequence): string {
  if (consequence.kind === 'referral') return t('consequence.referral');
  return t(`consequence.${consequence.kind}`, {
    station: consequence.stationId,
    contests: consequence.contestIds.join(', '),
  });
}

function violationRow(row: Register['violations'][number], regionName: (id: string | null) => string): HTMLElement {
  return h(
    'tr',
    { 'data-type': row.type },
    h('td', { 'data-label': t('registerRecorded') }, formatTime(new Date(row.recordedAt))),
    h(
      'td',
      { 'data-label': t('registerViolationType') },
      t(`violationType.${row.type}`),
      h('br'),
      h('small', {}, row.authority),
    ),
    h('td', { 'data-label': t('registerArticle') }, row.article),
    h('td', { 'data-label': t('region') }, regionName(row.regionId)),
    h('td', { 'data-label': t('registerOutcome') }, t(`violationOutcome.${row.outcome}`)),
  );
}
