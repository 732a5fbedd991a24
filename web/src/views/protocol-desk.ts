import { type ProtocolLine, type ProtocolRow, protocolRows } from '@saylau/web-shared';
import { type Answer, type Done, get } from '../api.ts';
import { acceptanceCheck, entryCheck, resolutionCheck } from '../act-checks.ts';
import { groupedFingerprint, signedPost, signingKey } from '../signing.ts';
import { type ShownFinding, shownFindings } from '../checks.ts';
import { holderName } from '../common.ts';
import { h, replace } from '../dom.ts';
import { formatCount, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview, StationPage } from '../types.ts';

type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;
type EntryView = Answer<'/api/protocols/entries'>;
type Figures = { readonly lines: Partial<Record<ProtocolLine, number>>; readonly votes: Record<string, number> };
type ContestEntry = StationPage['contests'][number];
export type RefusalView = (error: unknown) => HTMLElement;

/** One contest of one station as the console works on it. */
interface Desk {
  readonly overview: Overview;
  readonly page: StationPage;
  readonly entry: ContestEntry;
  readonly session: Session;
  readonly rows: readonly ProtocolRow[];
  readonly refusalView: RefusalView;
  /**
   * Reads the entry state again and redraws, with what the last step did on top; after an
   * acceptance, with the protocol now accepted (the public station page follows a moment later).
   */
  readonly redraw: (outcome?: HTMLElement, accepted?: StationPage['protocols'][number]) => void;
}

/**
 * The work on one protocol, as the person's role and the protocol's state call for
 * (docs/server.md, "The commission console"): a blank form for the first entry, the same form
 * for the second (blind), both entries side by side for the chair with the differing rows marked,
 * and the protocol acceptance will sign.
 */
export function protocolDesk(
  overview: Overview,
  page: StationPage,
  session: Session,
  refusalView: RefusalView,
): HTMLElement {
  const select = h(
    'select',
    { id: 'contest', name: 'contest' },
    page.contests.map(({ contest }) => h('option', { value: contest.id }, nameOf(contest.name))),
  );
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite', id: 'outcome' });
  const panel = h('div', { class: 'protocol-form' });
  let accepted = page.protocols;
  // A later draw (another contest chosen, a step taken) wins over an earlier one still loading.
  let generation = 0;
  const draw = async (shown?: HTMLElement, justAccepted?: StationPage['protocols'][number]) => {
    const mine = ++generation;
    replace(outcome, shown);
    const entry = page.contests.find(({ contest }) => contest.id === select.value) ?? page.contests[0];
    if (entry === undefined) return;
    const query = `station=${encodeURIComponent(page.station.id)}&contest=${encodeURIComponent(entry.contest.id)}`;
    try {
      if (justAccepted !== undefined)
        accepted = [...accepted.filter((p) => p.contestId !== justAccepted.contestId), justAccepted];
      const view = await get<EntryView>(`/api/protocols/entries?${query}`, { auth: true });
      if (mine !== generation) return;
      const desk: Desk = {
        overview,
        page: { ...page, protocols: accepted },
        entry,
        session,
        rows: protocolRows(entry.contest.options.map((option) => option.id)),
        refusalView,
        redraw: (next, nowAccepted) => void draw(next, nowAccepted),
      };
      panel.dataset.contest = entry.contest.id;
      replace(panel, panelOf(desk, view));
    } catch (error) {
      if (mine === generation) replace(panel, refusalView(error));
    }
  };
  // Only a different contest redraws: choosing the one on screen (or loading) again keeps what is typed.
  let wanted = select.value;
  select.addEventListener('change', () => {
    if (select.value === wanted) return;
    wanted = select.value;
    void draw();
  });
  void draw();
  return h(
    'section',
    { class: 'desk' },
    h('h2', {}, `${t('station')} ${page.station.id}`),
    h('p', {}, h('label', { for: 'contest' }, t('contest')), ' ', select),
    outcome,
    panel,
  );
}

function panelOf(desk: Desk, view: EntryView): HTMLElement {
  const state = h(
    'p',
    { class: 'entry-state', 'data-state': view.state },
    t('entryState', { state: t(`state.${view.state}` as TextKey) }),
  );
  const chair = desk.session.role === 'chair';
  const accepted = desk.page.protocols.find((p) => p.contestId === desk.entry.contest.id);
  switch (view.state) {
    case 'none': {
      if (accepted === undefined)
        return h('div', {}, state, entryForm(desk, { version: 1, help: t('firstEntryHelp') }));
      const holder = h('div', {});
      const start = h(
        'button',
        {
          type: 'button',
          id: 'start-correction',
          onclick: () =>
            replace(
              holder,
              entryForm(desk, {
                version: accepted.version + 1,
                help: t('correctionOf', { version: accepted.version, next: accepted.version + 1 }),
                askReason: true,
              }),
            ),
        },
        t('startCorrection'),
      );
      return h('div', {}, state, h('p', {}, t('acceptedVersion', { version: accepted.version }), ' ', start), holder);
    }
    case 'first-entered': {
      const version = view.version ?? 1;
      const correction =
        version > 1
          ? h(
              'p',
              { class: 'correction' },
              t('correctionOf', { version: version - 1, next: version }),
              '. ',
              t('correctionReason', { reason: view.reason ?? '' }),
            )
          : null;
      if (view.first?.yours === true) return h('div', {}, state, correction, h('p', {}, t('waitingSecond')));
      return h('div', {}, state, correction, entryForm(desk, { version, help: t('secondEntryHelp') }));
    }
    case 'entries-match':
    case 'entries-differ':
    case 'resolved':
      return h(
        'div',
        {},
        state,
        chair ? null : h('p', {}, t('waitingChair')),
        view.differences.length > 0
          ? h('p', { class: 'differences' }, t('differences', { fields: numbersOf(desk.rows, view.differences) }))
          : null,
        comparison(desk, view, chair && view.state !== 'entries-match'),
        chair && view.state !== 'entries-differ' ? toSign(desk, view) : null,
      );
  }
}

/** The name of a row in the reader's language: a line's, or the party's or candidate's on the ballot. */
function labelOf(desk: Desk, row: ProtocolRow): string {
  if (row.kind === 'line') return t(`line.${row.line}` as TextKey);
  if (desk.entry.contest.kind === 'list') return holderName(desk.overview, row.optionId);
  const candidate = desk.entry.candidates.find((c) => c.id === row.optionId);
  return candidate === undefined ? row.optionId : nameOf(candidate.name);
}

const inputId = (row: ProtocolRow) => (row.kind === 'line' ? `field-line-${row.line}` : `field-vote-${row.optionId}`);

function valueOf(figures: Figures | undefined, row: ProtocolRow): number | undefined {
  if (figures === undefined) return undefined;
  return row.kind === 'line' ? figures.lines[row.line] : figures.votes[row.optionId];
}

/** Row numbers of the given fields, in the order of the form: "9, A". */
function numbersOf(rows: readonly ProtocolRow[], fields: readonly string[]): string {
  return rows
    .filter((row) => fields.includes(row.field))
    .map((row) => row.number)
    .join(', ');
}

function numberInput(row: ProtocolRow, value?: number): HTMLInputElement {
  return h('input', {
    id: inputId(row),
    name: row.field,
    type: 'number',
    min: 0,
    step: 1,
    inputmode: 'numeric',
    required: true,
    autocomplete: 'off',
    'data-field': row.field,
    'aria-describedby': 'checks',
    value,
  });
}

/**
 * The relations checked as the form is typed into, in a box that stays in view: each broken one
 * in words, with its rows, both sums and the difference, and its fields marked. A relation is
 * judged only once all its rows are filled in.
 */
function liveChecks(desk: Desk, read: () => { figures: Figures; empty: ReadonlySet<string> }) {
  const box = h('div', { class: 'checks', 'aria-live': 'polite', id: 'checks' });
  let findings: ShownFinding[] = [];
  const recheck = (inputs: Iterable<HTMLInputElement>) => {
    const { figures, empty } = read();
    const complete = { lines: { ...figures.lines }, votes: { ...figures.votes } } as Required<Figures>;
    findings = shownFindings(complete as never, desk.rows).filter((f) => f.fields.every((field) => !empty.has(field)));
    const marked = new Set(findings.filter((f) => f.severity === 'error').flatMap((f) => f.fields));
    for (const input of inputs) {
      const involved = marked.has(input.dataset.field ?? '');
      input.classList.toggle('involved', involved);
      if (involved) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    const unfilled =
      empty.size > 0 && empty.size < desk.rows.length
        ? h('p', { class: 'unfilled' }, t('notFilled', { rows: numbersOf(desk.rows, [...empty]) }))
        : null;
    replace(
      box,
      findings.length === 0 && empty.size === 0 ? h('p', { class: 'ok' }, t('checksPass')) : null,
      findings.length > 0 ? findingsList(findings) : null,
      unfilled,
    );
  };
  return { box, recheck, warnings: () => findings.filter((f) => f.severity === 'warning').map((f) => f.code) };
}

function findingsList(findings: readonly ShownFinding[]): HTMLElement {
  return h(
    'ul',
    {},
    findings.map((f) =>
      h(
        'li',
        { class: f.severity, 'data-code': f.code },
        f.message,
        f.sums === undefined
          ? null
          : h(
              'span',
              { class: 'sums' },
              t('relationSums', {
                left: f.sums.left,
                leftSum: formatCount(f.sums.leftSum),
                right: f.sums.right,
                rightSum: formatCount(f.sums.rightSum),
                difference: formatCount(f.sums.difference),
              }),
            ),
      ),
    ),
  );
}

/** The paper form, blank: numbered rows in the order of the form, the options in ballot order. */
function entryForm(desk: Desk, options: { version: number; help: string; askReason?: boolean }): HTMLElement {
  const inputs = new Map<string, HTMLInputElement>();
  const read = () => {
    const empty = new Set<string>();
    const lines: Partial<Record<ProtocolLine, number>> = {};
    const votes: Record<string, number> = {};
    for (const row of desk.rows) {
      const input = inputs.get(row.field);
      if (input === undefined || input.value.trim() === '') empty.add(row.field);
      const value = Number(input?.value.trim() || 0);
      if (row.kind === 'line') lines[row.line] = value;
      else votes[row.optionId] = value;
    }
    return { figures: { lines, votes }, empty };
  };
  const checks = liveChecks(desk, read);
  const table = h(
    'table',
    { class: 'entry' },
    h(
      'tbody',
      {},
      desk.rows.map((row) => {
        const input = numberInput(row);
        inputs.set(row.field, input);
        return h(
          'tr',
          { 'data-field': row.field },
          h('td', { class: 'line-number' }, row.number),
          h('th', { scope: 'row' }, h('label', { for: inputId(row) }, labelOf(desk, row))),
          h('td', {}, input),
        );
      }),
    ),
  );
  table.addEventListener('input', () => checks.recheck(inputs.values()));
  const reason = options.askReason
    ? h('input', { id: 'reason', name: 'reason', autocomplete: 'off', required: true })
    : null;
  const send = async () => {
    const { figures, empty } = read();
    if (empty.size > 0) {
      checks.recheck(inputs.values());
      [...inputs.values()].find((input) => input.value.trim() === '')?.focus();
      return;
    }
    try {
      const protocol = {
        stationId: desk.page.station.id,
        contestId: desk.entry.contest.id,
        version: options.version,
        ...figures,
      };
      const why = reason === null || reason.value.trim() === '' ? null : reason.value.trim();
      const answer = await signedPost<Answer<'/api/protocols/entries', 'post'>>(
        '/api/protocols/entries',
        { protocol, ...(why === null ? {} : { reason: why }) },
        entryCheck(protocol, why, desk.rows),
      );
      desk.redraw(decisionView(answer));
    } catch (error) {
      desk.redraw(desk.refusalView(error));
    }
  };
  return h(
    'div',
    {},
    h('p', { class: 'help' }, options.help),
    reason === null ? null : h('p', {}, h('label', { for: 'reason' }, t('reason')), ' ', reason),
    table,
    checks.box,
    h(
      'p',
      { class: 'buttons' },
      h('button', { type: 'button', id: 'do-enter', onclick: () => void send() }, t('enter')),
    ),
  );
}

/** What a step did, in words. */
function decisionView(answer: Done<Answer<'/api/protocols/entries', 'post'>>): HTMLElement {
  const decision = answer.decision ?? 'entered';
  // Whose key signed it, as the key panel shows that key: the person sees their own signature went out.
  const fingerprint = signingKey()?.fingerprint ?? '';
  const [before, after] = t('signedWith', { fingerprint: '\u0000' }).split('\u0000');
  return h(
    'div',
    { class: 'ok', role: 'status', 'data-decision': decision },
    h('p', {}, t(`decision.${decision}` as TextKey, { entry: answer.entry ?? '' })),
    h(
      'p',
      { class: 'signed-with' },
      before ?? '',
      h('code', { class: 'fingerprint', translate: 'no' }, groupedFingerprint(fingerprint)),
      after ?? '',
    ),
  );
}

/**
 * Both entries side by side, the rows that differ marked with their numbers. For the chair who
 * resolves, each differing row takes entry 1's value, entry 2's, or a third typed in.
 */
function comparison(desk: Desk, view: EntryView, resolving: boolean): HTMLElement {
  const first = view.first?.protocol;
  const second = view.second?.protocol ?? undefined;
  const resolution = view.resolution;
  const differs = new Set(view.differences);
  const inputs = new Map<string, HTMLInputElement>();
  const entryHeader = (key: 'entryOne' | 'entryTwo', yours: boolean | undefined) =>
    h('th', { scope: 'col', class: 'num' }, t(key), yours === true ? ` ${t('entryYours')}` : '');
  const draft = (): { figures: Figures; empty: Set<string> } => {
    const empty = new Set<string>();
    const lines: Partial<Record<ProtocolLine, number>> = {};
    const votes: Record<string, number> = {};
    for (const row of desk.rows) {
      const input = inputs.get(row.field);
      const raw =
        input === undefined ? valueOf(first, row) : input.value.trim() === '' ? undefined : Number(input.value);
      if (raw === undefined) empty.add(row.field);
      if (row.kind === 'line') lines[row.line] = raw ?? 0;
      else votes[row.optionId] = raw ?? 0;
    }
    return { figures: { lines, votes }, empty };
  };
  const checks = liveChecks(desk, draft);
  const cell = (figures: Figures | undefined, row: ProtocolRow, entry: 'entryOne' | 'entryTwo') => {
    const value = valueOf(figures, row);
    const shown = value === undefined ? '—' : formatCount(value);
    if (!resolving || !differs.has(row.field) || value === undefined) return h('td', { class: 'num' }, shown);
    return h(
      'td',
      { class: 'num' },
      h(
        'button',
        {
          type: 'button',
          class: 'take',
          'data-entry': entry === 'entryOne' ? '1' : '2',
          'aria-label': t('takeValue', { entry: t(entry), value: shown }),
          onclick: () => {
            const input = inputs.get(row.field);
            if (input === undefined) return;
            input.value = String(value);
            checks.recheck(inputs.values());
          },
        },
        shown,
      ),
    );
  };
  const table = h(
    'table',
    { class: 'entry comparison' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('rowNumber')),
        h('th', { scope: 'col' }, t('line')),
        entryHeader('entryOne', view.first?.yours),
        entryHeader('entryTwo', view.second?.yours),
        resolving ? h('th', { scope: 'col' }, t('chosenValue')) : null,
      ),
    ),
    h(
      'tbody',
      {},
      desk.rows.map((row) => {
        const differing = differs.has(row.field);
        let chosen: HTMLElement | null = null;
        if (resolving) {
          if (differing) {
            const input = numberInput(row, valueOf(resolution, row));
            inputs.set(row.field, input);
            chosen = h('td', {}, input);
          } else chosen = h('td', { class: 'num' }, formatCount(valueOf(first, row) ?? 0));
        }
        return h(
          'tr',
          { 'data-field': row.field, class: differing ? 'differs' : undefined },
          h(
            'td',
            { class: 'line-number' },
            row.number,
            differing ? h('span', { class: 'visually-hidden' }, ` (${t('rowDiffers')})`) : null,
          ),
          h(
            'th',
            { scope: 'row' },
            resolving && differing ? h('label', { for: inputId(row) }, labelOf(desk, row)) : labelOf(desk, row),
          ),
          cell(first, row, 'entryOne'),
          cell(second, row, 'entryTwo'),
          chosen,
        );
      }),
    ),
  );
  if (!resolving) return h('div', { class: 'table-scroll' }, table);
  table.addEventListener('input', () => checks.recheck(inputs.values()));
  const resolve = async () => {
    const { figures, empty } = draft();
    if (empty.size > 0 || first === undefined) {
      checks.recheck(inputs.values());
      [...inputs.values()].find((input) => input.value.trim() === '')?.focus();
      return;
    }
    try {
      const protocol = { stationId: first.stationId, contestId: first.contestId, version: first.version, ...figures };
      const answer = await signedPost<Answer<'/api/protocols/resolutions', 'post'>>(
        '/api/protocols/resolutions',
        { protocol },
        resolutionCheck(protocol, desk.rows),
      );
      desk.redraw(decisionView(answer));
    } catch (error) {
      desk.redraw(desk.refusalView(error));
    }
  };
  queueMicrotask(() => checks.recheck(inputs.values()));
  return h(
    'div',
    {},
    h('p', { class: 'help' }, t('resolveHelp')),
    h('div', { class: 'table-scroll' }, table),
    checks.box,
    h(
      'p',
      { class: 'buttons' },
      h('button', { type: 'button', id: 'do-resolve', onclick: () => void resolve() }, t('resolve')),
    ),
  );
}

/** The protocol the chair's acceptance signs: the agreed entries, or the chair's resolution. */
function toSign(desk: Desk, view: EntryView): HTMLElement | null {
  const agreed = view.state === 'resolved' ? view.resolution : view.first?.protocol;
  if (agreed === undefined) return null;
  const findings = shownFindings(agreed, desk.rows);
  const warnings = findings.filter((f) => f.severity === 'warning');
  const accept = async () => {
    try {
      const acknowledged = warnings.map((f) => f.code);
      const answer = await signedPost<Answer<'/api/protocols/acceptances', 'post'>>(
        '/api/protocols/acceptances',
        { stationId: agreed.stationId, contestId: agreed.contestId, acknowledged },
        acceptanceCheck(agreed, acknowledged, view.reason ?? null, desk.rows),
      );
      desk.redraw(decisionView(answer), agreed);
    } catch (error) {
      desk.redraw(desk.refusalView(error));
    }
  };
  return h(
    'section',
    { class: 'to-sign', id: 'to-sign' },
    h('h3', {}, t('toSign'), ` · ${t('version')} ${agreed.version}`),
    h(
      'table',
      { class: 'entry signed' },
      h(
        'tbody',
        {},
        desk.rows.map((row) =>
          h(
            'tr',
            { 'data-field': row.field },
            h('td', { class: 'line-number' }, row.number),
            h('th', { scope: 'row' }, labelOf(desk, row)),
            h('td', { class: 'num' }, formatCount(valueOf(agreed, row) ?? 0)),
          ),
        ),
      ),
    ),
    findings.length > 0
      ? h(
          'div',
          { class: 'checks' },
          findings.some((f) => f.severity === 'warning') ? h('p', {}, t('acknowledgeWarnings')) : null,
          findingsList(findings),
        )
      : h('p', { class: 'ok' }, t('checksPass')),
    h(
      'p',
      { class: 'buttons' },
      h('button', { type: 'button', id: 'do-accept', onclick: () => void accept() }, t('accept')),
    ),
  );
}
