import { type Answer, ApiRefusal, get, hasToken, post, setToken } from '../api.ts';
import { approvalCheck } from '../act-checks.ts';
import { h, replace } from '../dom.ts';
import { setSigningElection, SigningRefused, signedPost } from '../signing.ts';
import { language, t, type TextKey } from '../i18n.ts';
import type { Overview, StationPage } from '../types.ts';
import { receiptPanel } from './receipt.ts';

/** A logged-in person: the public's answer of GET /api/session is not one. */
type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;

/** A refusal as the person should see it: the message in their language, then its code for support. */
function refusalView(error: unknown): HTMLElement {
  if (error instanceof ApiRefusal)
    return h(
      'p',
      { class: 'refusal', role: 'alert', 'data-code': error.refusal.code },
      error.refusal.messages[language()] ?? error.refusal.message,
      ' ',
      h('small', {}, `(${t('refusalCode')} `, h('code', {}, error.refusal.code), ')'),
    );
  // The browser refused to sign what the server proposed: marked as loudly as a server's refusal.
  if (error instanceof SigningRefused)
    return h('p', { class: 'refusal signing-refused', role: 'alert', 'data-code': error.code }, error.reason);
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
    t('loggedInAs', {
      user: session.username,
      role: t(`role.${session.role}` as TextKey),
      commission: session.commission ?? '—',
    }),
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
      const page = await get<StationPage>(`/api/site/stations/${encodeURIComponent(stationInput.value.trim())}`);
      const { protocolDesk } = await import('./protocol-desk.ts');
      replace(workspace, protocolDesk(overview, page, session, refusalView));
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
  // Each person sees what their role does (docs/server.md, "The commission console"): operators
  // enter protocols and nothing else; chairs also resolve, accept, approve and register;
  // administrators register; observers read the journal.
  const parts: HTMLElement[] = [h('h1', {}, t('consoleTitle')), header, receiptPanel()];
  // Every act is signed by the person's own key in this browser (views/key-panel.ts); observers make no acts.
  // A key that needs the person (waiting, lost, revoked) comes first; a registered one, ready, after the work.
  let readyKey: HTMLElement | null = null;
  if (session.role !== 'observer') {
    setSigningElection(overview.event.id);
    const keys = await import('./key-panel.ts');
    const panel = await keys.keyPanel(session, refusalView, rerender);
    if (panel.dataset.keyState === 'registered') readyKey = panel;
    else parts.push(panel);
    if (session.role === 'administrator') parts.push(await keys.pendingKeysPanel(refusalView));
  }
  if (session.role === 'operator' || session.role === 'chair') parts.push(finder, workspace);
  if (readyKey !== null) parts.push(readyKey);
  if (session.role === 'chair') parts.push(approvalForm());
  if (session.role === 'chair' || session.role === 'administrator')
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

function approvalForm(): HTMLElement {
  const contest = h('input', { id: 'approve-contest', name: 'contest', placeholder: 'majilis/list' });
  const commission = h('input', { id: 'approve-commission', name: 'commission' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const contestId = contest.value.trim();
      const commissionId = commission.value.trim() === '' ? null : commission.value.trim();
      await signedPost(
        '/api/decisions/approvals',
        { contestId, ...(commissionId === null ? {} : { commissionId }) },
        approvalCheck(contestId, commissionId),
      );
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
    h('label', { for: 'approve-commission' }, t('commissionLabel')),
    ' ',
    commission,
    ' ',
    h('button', { type: 'submit' }, t('approve')),
    outcome,
  );
}
