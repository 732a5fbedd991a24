import {
  checkProtocol,
  formatMessage,
  type MessageCode,
  PROTOCOL_LINE_NUMBERS,
  PROTOCOL_LINES,
} from '@saylau/web-shared';
import { type Answer, ApiRefusal, get, hasToken, post, setToken } from '../api.ts';
import { holderName } from '../common.ts';
import { h, replace } from '../dom.ts';
import { language, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview, StationPage } from '../types.ts';

/** A logged-in person: the public's answer of GET /api/session is not one. */
type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;

/** A refusal as the person should see it: its code, then the message in their language. */
function refusalView(error: unknown): HTMLElement {
  if (error instanceof ApiRefusal)
    return h(
      'p',
      { class: 'refusal', role: 'alert', 'data-code': error.refusal.code },
      h('code', {}, error.refusal.code),
      ' ',
      error.refusal.messages[language()] ?? error.refusal.message,
    );
  return h('p', { class: 'refusal', role: 'alert' }, String(error));
}

/** The commission console: log in, then enter, compare, resolve and accept protocols; approve. */
export async function consoleView(overview: Overview, rerender: () => void): Promise<HTMLElement> {
  if (!hasToken()) return loginView(rerender);
  let session: Session;
  try {
    const whoAmI = await get<Answer<'/api/session'>>('/api/session', { auth: true });
    if (!('username' in whoAmI)) throw new Error('not logged in');
    session = whoAmI;
  } catch {
    setToken(null);
    return loginView(rerender);
  }
  const header = h(
    'p',
    { class: 'whoami' },
    t('loggedInAs', { user: session.username, role: session.role, commission: session.commission ?? '—' }),
    ' ',
    h(
      'button',
      {
        type: 'button',
        onclick: () =>
          void post('/api/session', null, 'DELETE').finally(() => {
            setToken(null);
            rerender();
          }),
      },
      t('logout'),
    ),
    ' ',
    h('a', { href: '#/journal' }, t('journal')),
  );
  const stationInput = h('input', {
    id: 'station-id',
    name: 'station',
    required: true,
    autocomplete: 'off',
    placeholder: 'KZ-35/PS-0001',
  });
  const workspace = h('div', { id: 'workspace' });
  const openStation = async (event: Event) => {
    event.preventDefault();
    try {
      const page = await get<StationPage>(`/api/site/stations/${stationInput.value.trim()}`);
      replace(workspace, protocolForm(overview, page, session));
    } catch (error) {
      replace(workspace, refusalView(error));
    }
  };
  const finder = h(
    'form',
    { class: 'finder', onsubmit: (event: Event) => void openStation(event) },
    h('label', { for: 'station-id' }, t('stationId')),
    ' ',
    stationInput,
    ' ',
    h('button', { type: 'submit' }, t('open')),
  );
  const parts: HTMLElement[] = [h('h1', {}, t('consoleTitle')), header];
  if (session.role === 'operator' || session.role === 'chair') parts.push(finder, workspace);
  if (session.role === 'chair') parts.push(approvalForm());
  if (session.role !== 'observer')
    parts.push((await import('./registration-console.ts')).registrationConsole(overview, session, refusalView));
  return h('div', { class: 'page console' }, parts);
}

function loginView(rerender: () => void): HTMLElement {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const answer = await post<Answer<'/api/session', 'post'>>('/api/session', {
        username: username.value,
        password: password.value,
      });
      setToken(answer.token);
      rerender();
    } catch (error) {
      replace(message, refusalView(error));
    }
  };
  return h(
    'div',
    { class: 'page console' },
    h('h1', {}, t('consoleTitle')),
    h(
      'form',
      { class: 'login', onsubmit: (event: Event) => void submit(event) },
      h('label', { for: 'username' }, t('username')),
      username,
      h('label', { for: 'password' }, t('password')),
      password,
      h('button', { type: 'submit' }, t('login')),
    ),
    message,
  );
}

/** The paper form: numbered lines, then one line per option; relations checked as you type. */
function protocolForm(overview: Overview, page: StationPage, session: Session): HTMLElement {
  const select = h(
    'select',
    { id: 'contest', name: 'contest' },
    page.contests.map(({ contest }) => h('option', { value: contest.id }, nameOf(contest.name))),
  );
  const form = h('div', { class: 'protocol-form' });
  const build = () => {
    const entry = page.contests.find(({ contest }) => contest.id === select.value) ?? page.contests[0];
    if (entry === undefined) return;
    const { contest, candidates } = entry;
    const current = page.protocols.find((p) => p.contestId === contest.id);
    const names = new Map(candidates.map((c) => [c.id, nameOf(c.name)]));
    const version = h('input', {
      id: 'version',
      type: 'number',
      min: 1,
      value: current === undefined ? 1 : current.version + 1,
    });
    const reason = h('input', { id: 'reason', name: 'reason', autocomplete: 'off' });
    const inputs = new Map<string, HTMLInputElement>();
    const field = (key: string, label: string, number: string) => {
      const input = h('input', {
        id: `field-${key}`,
        name: key,
        type: 'number',
        min: 0,
        step: 1,
        inputmode: 'numeric',
        required: true,
        value: 0,
      });
      inputs.set(key, input);
      return h(
        'tr',
        {},
        h('td', { class: 'line-number' }, number),
        h('th', { scope: 'row' }, h('label', { for: `field-${key}` }, label)),
        h('td', {}, input),
      );
    };
    const checks = h('div', { class: 'checks', 'aria-live': 'polite', id: 'checks' });
    const outcome = h('div', { class: 'outcome', 'aria-live': 'polite', id: 'outcome' });
    const document = () => ({
      stationId: page.station.id,
      contestId: contest.id,
      version: Number(version.value),
      lines: Object.fromEntries(PROTOCOL_LINES.map((line) => [line, Number(inputs.get(`line-${line}`)?.value ?? 0)])),
      votes: Object.fromEntries(
        contest.options.map((option) => [option.id, Number(inputs.get(`vote-${option.id}`)?.value ?? 0)]),
      ),
    });
    let warnings: string[] = [];
    const recheck = () => {
      const protocol = document();
      const findings = checkProtocol({
        lines: protocol.lines as never,
        votes: protocol.votes,
        options: contest.options.map((o) => o.id),
      });
      warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.code);
      replace(
        checks,
        findings.length === 0
          ? h('p', { class: 'ok' }, t('checksPass'))
          : h(
              'ul',
              {},
              findings.map((f) =>
                h(
                  'li',
                  { class: f.severity, 'data-code': f.code },
                  h('code', {}, f.code),
                  ` (${f.lines.join(', ')}) `,
                  formatMessage(f.code as MessageCode, language(), {
                    lines: f.lines.join(', '),
                    option: f.optionId ?? '',
                  }),
                ),
              ),
            ),
      );
    };
    const act = async (kind: 'entries' | 'resolutions' | 'acceptances') => {
      try {
        const protocol = document();
        const body =
          kind === 'entries'
            ? { protocol, ...(reason.value.trim() === '' ? {} : { reason: reason.value.trim() }) }
            : kind === 'resolutions'
              ? { protocol }
              : { stationId: protocol.stationId, contestId: protocol.contestId, acknowledged: warnings };
        const answer = await post<Answer<`/api/protocols/${typeof kind}`, 'post'>>(`/api/protocols/${kind}`, body);
        replace(
          outcome,
          h(
            'p',
            { class: 'ok', role: 'status', 'data-decision': answer.decision },
            `${t('done')}: ${answer.decision}. `,
            t('entryState', { state: answer.state }),
            answer.differences.length > 0 ? ` ${t('differences', { fields: answer.differences.join(', ') })}` : '',
          ),
        );
      } catch (error) {
        replace(outcome, refusalView(error));
      }
    };
    const table = h(
      'table',
      { class: 'entry' },
      h(
        'tbody',
        {},
        PROTOCOL_LINES.map((line) => field(`line-${line}`, t(`line.${line}` as TextKey), PROTOCOL_LINE_NUMBERS[line])),
        contest.options.map((option) =>
          field(
            `vote-${option.id}`,
            contest.kind === 'list' ? holderName(overview, option.id) : (names.get(option.id) ?? option.id),
            '',
          ),
        ),
      ),
    );
    table.addEventListener('input', recheck);
    const buttons = [h('button', { type: 'button', id: 'do-enter', onclick: () => void act('entries') }, t('enter'))];
    if (session.role === 'chair')
      buttons.push(
        h('button', { type: 'button', id: 'do-resolve', onclick: () => void act('resolutions') }, t('resolve')),
        h('button', { type: 'button', id: 'do-accept', onclick: () => void act('acceptances') }, t('accept')),
      );
    replace(
      form,
      h(
        'p',
        {},
        h('label', { for: 'version' }, t('version')),
        ' ',
        version,
        ' ',
        h('label', { for: 'reason' }, t('reason')),
        ' ',
        reason,
      ),
      table,
      checks,
      h('p', { class: 'buttons' }, buttons),
      outcome,
    );
    recheck();
  };
  select.addEventListener('change', build);
  build();
  return h(
    'section',
    {},
    h('h2', {}, `${t('station')} ${page.station.id}`),
    h('p', {}, h('label', { for: 'contest' }, t('contest')), ' ', select),
    form,
  );
}

function approvalForm(): HTMLElement {
  const contest = h('input', { id: 'approve-contest', name: 'contest', placeholder: 'majilis/list' });
  const commission = h('input', { id: 'approve-commission', name: 'commission' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await post('/api/decisions/approvals', {
        contestId: contest.value.trim(),
        ...(commission.value.trim() === '' ? {} : { commissionId: commission.value.trim() }),
      });
      replace(outcome, h('p', { class: 'ok' }, t('done')));
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  return h(
    'form',
    { class: 'approval', onsubmit: (event: Event) => void submit(event) },
    h('h2', {}, t('approve')),
    h('label', { for: 'approve-contest' }, t('contest')),
    ' ',
    contest,
    ' ',
    h('label', { for: 'approve-commission' }, 'commission'),
    ' ',
    commission,
    ' ',
    h('button', { type: 'submit' }, t('approve')),
    outcome,
  );
}
