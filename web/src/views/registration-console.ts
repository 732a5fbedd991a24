import { REQUIRED_CANDIDATE_DOCUMENTS, REQUIRED_NOMINATOR_DOCUMENTS } from '@saylau/web-shared';
import { type Answer, get } from '../api.ts';
import { deputiesCheck, mandateCheck, nominationCheck, registrationCheck, withdrawalCheck } from '../act-checks.ts';
import { signedPost } from '../signing.ts';
import { holderName, partiesInOrder } from '../common.ts';
import { h, replace } from '../dom.ts';
import { language, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview, RegistrationRefusal } from '../types.ts';

/** A logged-in person, as GET /api/session names them. */
type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;
type RefusalView = (error: unknown) => HTMLElement;

/** Now in the commission's local time, as the API's `YYYY-MM-DDTHH:MM` (and a datetime-local field's value). */
function localNow(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

const input = (id: string, attributes: Record<string, string | number | boolean> = {}) =>
  h('input', { id, name: id, autocomplete: 'off', ...attributes });
const labelled = (id: string, key: TextKey, field: HTMLElement) =>
  h('p', {}, h('label', { for: id }, t(key)), ' ', field);

/** The law's refusals in the reader's language, each with its code. */
function refusalsList(refusals: readonly RegistrationRefusal[]): HTMLElement {
  return h(
    'ul',
    {},
    refusals.map((r) =>
      h(
        'li',
        { class: 'refusal', 'data-code': r.code },
        h('code', {}, r.code),
        ' ',
        r.messages[language()],
        r.candidateIds.length > 0 ? ` (${r.candidateIds.join(', ')})` : '',
      ),
    ),
  );
}

/** Registration in the console (docs/registration.md): what the person's role allows, for their commission. */
export function registrationConsole(overview: Overview, session: Session, refusalView: RefusalView): HTMLElement {
  const decides = session.role === 'chair' || session.role === 'administrator';
  return h(
    'section',
    { class: 'registration' },
    h('h2', {}, t('registrationTitle')),
    nominationForm(session, refusalView),
    decides ? pendingList(overview, session, refusalView) : null,
    decides ? withdrawalForm(refusalView) : null,
    decides ? deputiesForm(overview, refusalView) : null,
    decides ? vacancyForm(refusalView) : null,
  );
}

/** A nomination received: pasted as JSON (a party's list, say), or one district candidate typed in. */
function nominationForm(session: Session, refusalView: RefusalView): HTMLElement {
  const outcome = h('div', { 'aria-live': 'polite', id: 'nomination-outcome' });
  const send = async (nomination: unknown) => {
    try {
      const answer = await signedPost<Answer<'/api/nominations', 'post'>>(
        '/api/nominations',
        { nomination },
        nominationCheck(nomination),
      );
      replace(
        outcome,
        h(
          'p',
          { class: 'ok', role: 'status', 'data-nomination': answer.id },
          `${t('done')}: ${answer.id} — ${t('status.submitted')}`,
        ),
      );
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  const json = h('textarea', {
    id: 'nomination-json',
    name: 'nomination-json',
    rows: 6,
    cols: 60,
    spellcheck: 'false',
  });
  const pasted = h(
    'form',
    {
      class: 'nomination-json',
      onsubmit: (event: Event) => {
        event.preventDefault();
        let parsed: unknown;
        try {
          parsed = JSON.parse(json.value);
        } catch (error) {
          replace(outcome, refusalView(error));
          return;
        }
        void send(parsed);
      },
    },
    labelled('nomination-json', 'nominationJson', json),
    h('button', { type: 'submit' }, t('submitNomination')),
  );

  const contest = input('n-contest', {
    required: true,
    placeholder: session.commission?.replace(/\/dec$/, '') ?? 'KZ-35/maslikhat/smd-01',
  });
  const candidate = input('n-candidate', { required: true, placeholder: 'KZ-35/maslikhat/smd-01/c-99' });
  const [kk, ru, latin] = [
    input('n-name-kk', { required: true }),
    input('n-name-ru', { required: true }),
    input('n-name-latin', { required: true }),
  ];
  const person = input('n-person', { required: true, pattern: '[0-9A-Za-z-]{1,40}' });
  const born = input('n-born', { type: 'date', required: true });
  const gender = h(
    'select',
    { id: 'n-gender', name: 'n-gender' },
    h('option', { value: 'female' }, t('female')),
    h('option', { value: 'male' }, t('male')),
  );
  const kind = h(
    'select',
    { id: 'n-kind', name: 'n-kind' },
    ['party', 'public-association', 'self-nominated'].map((k) =>
      h('option', { value: k }, t(`nomination.${k}` as TextKey)),
    ),
  );
  const by = input('n-by', {});
  const deposit = input('n-deposit', { type: 'number', min: 0, step: 1, value: 350000 });
  const submitted = input('n-submitted', { type: 'datetime-local', required: true, value: localNow() });
  const one = h(
    'form',
    {
      class: 'nomination-one',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const organisation = kind.value !== 'self-nominated';
        void send({
          id: `${candidate.value.trim()}/nomination`,
          contestId: contest.value.trim(),
          nomination: kind.value,
          nominatedBy: organisation ? by.value.trim() : null,
          submittedAt: submitted.value,
          candidates: [
            {
              id: candidate.value.trim(),
              personId: person.value.trim(),
              name: { kk: kk.value.trim(), ru: ru.value.trim(), latin: latin.value.trim() },
              birthDate: born.value,
              gender: gender.value,
              disability: false,
              // The facts of the file as a commission receives it complete; a JSON nomination states them all.
              citizen: true,
              residenceYears: 10,
              residesInRegion: true,
              criminalRecord: false,
              corruptionOffence: false,
              legallyIncapable: false,
              partyMember: kind.value === 'party' ? by.value.trim() : null,
              depositPaid: Number(deposit.value),
              documents: organisation
                ? [...REQUIRED_CANDIDATE_DOCUMENTS, ...REQUIRED_NOMINATOR_DOCUMENTS]
                : [...REQUIRED_CANDIDATE_DOCUMENTS],
            },
          ],
        });
      },
    },
    h('h4', {}, t('oneCandidate')),
    labelled('n-contest', 'contest', contest),
    labelled('n-candidate', 'candidateId', candidate),
    labelled('n-name-kk', 'nameKk', kk),
    labelled('n-name-ru', 'nameRu', ru),
    labelled('n-name-latin', 'nameLatin', latin),
    labelled('n-person', 'personId', person),
    labelled('n-born', 'born', born),
    labelled('n-gender', 'gender', gender),
    labelled('n-kind', 'nomination', kind),
    labelled('n-by', 'nominatedBy', by),
    labelled('n-deposit', 'depositPaid', deposit),
    labelled('n-submitted', 'submittedAt', submitted),
    h('button', { type: 'submit' }, t('submitNomination')),
  );
  return h('div', { class: 'nominate' }, h('h3', {}, t('submitNomination')), pasted, one, outcome);
}

/** The nominations of the chair's commission awaiting a decision, each decided with one button. */
function pendingList(overview: Overview, session: Session, refusalView: RefusalView): HTMLElement {
  const decidedAt = input('decided-at', { type: 'datetime-local', required: true, value: localNow() });
  const list = h('div', { id: 'pending' }, t('loading'));
  const outcome = h('div', { 'aria-live': 'polite', id: 'registration-outcome' });
  const decide = async (nominationId: string) => {
    try {
      const answer = await signedPost<Answer<'/api/registrations', 'post'>>(
        '/api/registrations',
        {
          nominationIds: [nominationId],
          decidedAt: decidedAt.value,
        },
        registrationCheck(nominationId, decidedAt.value),
      );
      const decision = answer.decisions[0];
      if (decision === undefined) return;
      replace(
        outcome,
        h(
          'div',
          {
            class: decision.outcome === 'registered' ? 'ok' : 'warn',
            role: 'status',
            'data-outcome': decision.outcome,
            'data-nomination': nominationId,
          },
          h(
            'p',
            {},
            `${nominationId}: `,
            decision.outcome === 'registered'
              ? t('registered', { ids: decision.registered.join(', ') })
              : t('refusedBecause'),
          ),
          decision.refusals.length > 0 ? refusalsList(decision.refusals) : null,
        ),
      );
      await load();
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  const load = async () => {
    const query =
      session.role === 'administrator' || session.commission === null
        ? ''
        : `&commission=${encodeURIComponent(session.commission)}`;
    const page = await get<Answer<'/api/nominations'>>(`/api/nominations?status=submitted${query}`);
    if (page.nominations.length === 0) return replace(list, h('p', {}, t('noPending')));
    replace(
      list,
      h(
        'table',
        { class: 'results pending' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('nomination')),
            h('th', { scope: 'col' }, t('contest')),
            h('th', { scope: 'col' }, t('nominatedBy')),
            h('th', { scope: 'col' }, t('candidatesLink')),
            h('th', { scope: 'col' }, t('submittedAt')),
            h('th', { scope: 'col' }, ''),
          ),
        ),
        h(
          'tbody',
          {},
          page.nominations.map((n) =>
            h(
              'tr',
              { 'data-nomination': n.id },
              h('th', { scope: 'row' }, h('code', {}, n.id)),
              h('td', {}, n.contestId),
              h('td', {}, n.nominatedBy === null ? t('selfNominated') : holderName(overview, n.nominatedBy)),
              h(
                'td',
                {},
                n.candidates
                  .map((c) => nameOf(c.name))
                  .slice(0, 3)
                  .join(', '),
                n.candidates.length > 3 ? ` … (${n.candidates.length})` : '',
              ),
              h('td', {}, n.submittedAt),
              h(
                'td',
                {},
                h('button', { type: 'button', class: 'decide', onclick: () => void decide(n.id) }, t('register')),
              ),
            ),
          ),
        ),
      ),
    );
  };
  load().catch((error: unknown) => replace(list, refusalView(error)));
  return h(
    'div',
    { class: 'pending-nominations' },
    h('h3', {}, t('pendingTitle')),
    labelled('decided-at', 'decidedAt', decidedAt),
    list,
    outcome,
  );
}

function withdrawalForm(refusalView: RefusalView): HTMLElement {
  const candidate = input('w-candidate', { required: true });
  const kind = h(
    'select',
    { id: 'w-kind', name: 'w-kind' },
    ['withdrawn', 'deregistered', 'died'].map((k) => h('option', { value: k }, t(`status.${k}` as TextKey))),
  );
  const at = input('w-at', { type: 'datetime-local', required: true, value: localNow() });
  const reason = input('w-reason', { required: true });
  const outcome = h('div', { 'aria-live': 'polite', id: 'withdrawal-outcome' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const withdrawal = {
        candidateId: candidate.value.trim(),
        kind: kind.value,
        at: at.value,
        reason: reason.value.trim(),
      };
      const answer = await signedPost<Answer<'/api/withdrawals', 'post'>>(
        '/api/withdrawals',
        withdrawal,
        withdrawalCheck(withdrawal),
      );
      replace(
        outcome,
        h(
          'p',
          { class: 'ok', role: 'status' },
          `${t('done')}: ${answer.candidateId} — ${t(`status.${answer.status}` as TextKey)}`,
          answer.postponed === null ? '' : `. ${t('postponed', { at: at.value })}`,
        ),
      );
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  return h(
    'form',
    { class: 'withdrawal', onsubmit: (event: Event) => void submit(event) },
    h('h3', {}, t('withdrawTitle')),
    labelled('w-candidate', 'candidateId', candidate),
    labelled('w-kind', 'withdrawKind', kind),
    labelled('w-at', 'at', at),
    labelled('w-reason', 'reason', reason),
    h('button', { type: 'submit' }, t('withdraw')),
    outcome,
  );
}

function deputiesForm(overview: Overview, refusalView: RefusalView): HTMLElement {
  const body = input('d-body', { required: true, placeholder: 'majilis' });
  const party = h(
    'select',
    { id: 'd-party', name: 'd-party' },
    partiesInOrder(overview).map((p) => h('option', { value: p.id }, nameOf(p.name))),
  );
  const chosen = h('textarea', { id: 'd-chosen', name: 'd-chosen', rows: 5, cols: 40, spellcheck: 'false' });
  const outcome = h('div', { 'aria-live': 'polite', id: 'deputies-outcome' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const choice = {
        bodyId: body.value.trim(),
        partyId: party.value,
        chosen: chosen.value.split(/\s+/).filter((id) => id !== ''),
      };
      const answer = await signedPost<Answer<'/api/deputies', 'post'>>('/api/deputies', choice, deputiesCheck(choice));
      replace(outcome, h('p', { class: 'ok', role: 'status' }, `${t('done')}: ${answer.holders.length}`));
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  return h(
    'form',
    { class: 'deputies', onsubmit: (event: Event) => void submit(event) },
    h('h3', {}, t('deputiesTitle')),
    labelled('d-body', 'body', body),
    labelled('d-party', 'party', party),
    labelled('d-chosen', 'chosen', chosen),
    h('button', { type: 'submit' }, t('choose')),
    outcome,
  );
}

/**
 * A list mandate given up, and a vacancy filled by another candidate of the same list
 * (docs/registration.md, Deputies and vacancies).
 */
function vacancyForm(refusalView: RefusalView): HTMLElement {
  const body = input('v-body', { required: true, placeholder: 'majilis' });
  const candidate = input('v-candidate', { required: true });
  const kind = h(
    'select',
    { id: 'v-kind', name: 'v-kind' },
    h('option', { value: 'vacate' }, t('vacate')),
    h('option', { value: 'fill' }, t('fill')),
  );
  const reason = input('v-reason', {});
  const outcome = h('div', { 'aria-live': 'polite', id: 'vacancy-outcome' });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const common = { bodyId: body.value.trim(), candidateId: candidate.value.trim() };
      const answer =
        kind.value === 'vacate'
          ? await signedPost<Answer<'/api/mandates/vacancies', 'post'>>(
              '/api/mandates/vacancies',
              { ...common, reason: reason.value.trim() },
              mandateCheck('mandate-vacated', { ...common, reason: reason.value.trim() }),
            )
          : await signedPost<Answer<'/api/mandates/fills', 'post'>>(
              '/api/mandates/fills',
              common,
              mandateCheck('mandate-filled', common),
            );
      replace(outcome, h('p', { class: 'ok', role: 'status' }, `${t('done')}: ${answer.holders.length}`));
    } catch (error) {
      replace(outcome, refusalView(error));
    }
  };
  return h(
    'form',
    { class: 'vacancy', onsubmit: (event: Event) => void submit(event) },
    h('h3', {}, t('vacancyTitle')),
    labelled('v-body', 'body', body),
    labelled('v-kind', 'vacancyKind', kind),
    labelled('v-candidate', 'candidateId', candidate),
    labelled('v-reason', 'reason', reason),
    h('button', { type: 'submit' }, t('record')),
    outcome,
  );
}
