import { type Answer, get, post } from '../api.ts';
import { keyRegistrationCheck } from '../act-checks.ts';
import { h, replace } from '../dom.ts';
import { formatTime, t, type TextKey } from '../i18n.ts';
import {
  type BrowserKey,
  groupedFingerprint,
  type KeyState,
  makeKey,
  setSigningKey,
  signedPost,
  storedKey,
} from '../signing.ts';

type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;
type MyKey = Answer<'/api/me/key'>;
type RefusalView = (error: unknown) => HTMLElement;

/** How often a waiting key asks whether it has been registered. */
const WAITING_POLL_MS = 3000;

function fingerprintView(fingerprint: string): HTMLElement {
  return h(
    'p',
    { class: 'fingerprint' },
    `${t('keyFingerprint')}: `,
    h('code', { 'data-fingerprint': fingerprint }, groupedFingerprint(fingerprint)),
  );
}

/** Sends the public half of `key` to wait for registration. */
async function submit(key: BrowserKey): Promise<MyKey> {
  return post<MyKey>('/api/me/key', { publicKey: key.publicKey });
}

/** Numbered steps written as one text (`1) … 2) …`), as a list a person follows. */
function steps(text: string): HTMLElement {
  const items = text.split(/(?:^|\s)\d\)\s/).filter((item) => item.trim() !== '');
  return h(
    'ol',
    { class: 'key-steps' },
    items.map((item) => h('li', {}, item.trim())),
  );
}

/** The state of the key in words, and what to do next. */
function stateLine(state: KeyState): HTMLElement {
  return h('p', { class: 'key-state' }, `${t('keyStateLabel')}: `, h('strong', {}, t(`keyState.${state}` as TextKey)));
}

/**
 * The person's key, as the console finds it at login (docs/server.md, "Signing in the client"): made here at the
 * first login and sent to wait for registration; waiting, with its fingerprint to compare; registered and held by this
 * browser, ready to sign; revoked; or registered but not held here (storage cleared, another computer), with the way
 * out. Each state says, in the person's language, what it means and what to do next. Sets the key the console signs
 * with (signing.ts) when, and only when, it is registered and held here; otherwise the state, so that an attempt to
 * sign says why it cannot.
 */
export async function keyPanel(session: Session, refusalView: RefusalView, rerender: () => void): Promise<HTMLElement> {
  setSigningKey(null, 'none');
  const panel = h('section', { class: 'key-panel', id: 'key-panel', 'aria-live': 'polite' });
  const show = (state: KeyState, ...children: (HTMLElement | null)[]) => {
    panel.dataset.keyState = state;
    const known = state !== 'unsupported' && state !== 'error';
    replace(panel, h('h2', {}, t('keyTitle')), known ? stateLine(state) : null, ...children);
    return panel;
  };
  if (typeof crypto === 'undefined' || crypto.subtle === undefined) {
    setSigningKey(null, 'unsupported');
    return show('unsupported', h('p', { class: 'refusal' }, t('keyUnsupported')));
  }
  const makeNew = async () => {
    try {
      await submit(await makeKey(session.username));
      rerender();
    } catch (error) {
      panel.append(refusalView(error));
    }
  };
  const makeNewButton = () =>
    h(
      'p',
      { class: 'buttons' },
      h('button', { type: 'button', id: 'make-key', onclick: () => void makeNew() }, t('keyMakeNew')),
    );
  try {
    let status = await get<MyKey>('/api/me/key', { auth: true });
    let local = await storedKey(session.username);
    // A key kept for another journal of the election (a rehearsal's) signs nothing in this one: as if none were kept.
    const otherJournal = local?.journal !== undefined && local.journal !== (status.journal ?? '');
    if (otherJournal) local = undefined;
    const registered = status.registered;
    if (registered !== null && local?.fingerprint === registered.fingerprint) {
      setSigningKey(local, 'registered');
      // Nothing to do: the panel stays one line high, its details a click away, so the work below starts at once.
      return show(
        'registered',
        h(
          'details',
          { class: 'key-details' },
          h('summary', {}, t('keyDetails')),
          h('p', { class: 'ok' }, t('keyReady')),
          h('p', {}, h('strong', {}, `${t('keyNextStep')}: `), t('keyReadyAdvice')),
          fingerprintView(registered.fingerprint),
        ),
      );
    }
    const waiting = () => {
      setSigningKey(null, 'pending');
      // Registered by someone else, on their screen: the console notices by itself and becomes ready to sign.
      const fingerprint = status.pending?.fingerprint ?? local?.fingerprint ?? '';
      const timer = setInterval(() => {
        if (!panel.isConnected) return clearInterval(timer);
        void get<MyKey>('/api/me/key', { auth: true })
          .then((now) => {
            if (now.registered?.fingerprint === fingerprint && panel.isConnected) {
              clearInterval(timer);
              rerender();
            }
          })
          .catch(() => undefined);
      }, WAITING_POLL_MS);
      return show(
        'pending',
        h('p', {}, t('keyMade')),
        h('p', {}, h('strong', {}, `${t('keyNextStep')}:`)),
        steps(t('keyWaitingSteps')),
        fingerprintView(fingerprint),
      );
    };
    // A key of this browser the journal revoked signs nothing again, and is never sent to wait again.
    if (local !== undefined && status.revoked.some((key) => key.fingerprint === local?.fingerprint)) {
      setSigningKey(null, 'revoked');
      return show(
        'revoked',
        h('p', { class: 'refusal', role: 'alert' }, t('keyRevoked')),
        h('p', {}, h('strong', {}, `${t('keyNextStep')}: `), t('keyRevokedAdvice')),
        fingerprintView(local.fingerprint),
        makeNewButton(),
      );
    }
    if (registered !== null) {
      // A new key made after the registered one was lost waits like a first one.
      if (local !== undefined && status.pending?.fingerprint === local.fingerprint) return waiting();
      setSigningKey(null, 'lost');
      return show(
        'lost',
        h('p', { class: 'refusal', role: 'alert' }, t(otherJournal ? 'keyOtherJournal' : 'keyLost')),
        h('p', {}, h('strong', {}, `${t('keyNextStep')}:`)),
        steps(t('keyLostAdvice')),
        fingerprintView(registered.fingerprint),
        makeNewButton(),
      );
    }
    // No registered key: the first login makes one; a key kept here but not (or no longer) waiting is sent again.
    local ??= await makeKey(session.username);
    if (status.pending?.fingerprint !== local.fingerprint) status = await submit(local);
    return waiting();
  } catch (error) {
    setSigningKey(null, 'error');
    return show('error', refusalView(error));
  }
}

/**
 * The keys waiting for registration, for an administrator: each with its holder and fingerprint, and a button that
 * registers it with an act signed by the administrator's own key in this browser.
 */
export async function pendingKeysPanel(refusalView: RefusalView): Promise<HTMLElement> {
  const panel = h('section', { class: 'pending-keys', id: 'pending-keys' });
  const draw = async (outcome?: HTMLElement) => {
    try {
      const { pending } = await get<Answer<'/api/keys/pending'>>('/api/keys/pending', { auth: true });
      const register = async (
        username: string,
        fingerprint: string,
        role: string | null,
        commission: string | null,
      ) => {
        try {
          await signedPost(
            '/api/keys/registrations',
            { username, fingerprint },
            keyRegistrationCheck({ username, fingerprint, role, commission }),
          );
          await draw(h('p', { class: 'ok', role: 'status' }, t('keyRegistered', { user: username })));
        } catch (error) {
          await draw(refusalView(error));
        }
      };
      replace(
        panel,
        h('h2', {}, t('pendingKeysTitle')),
        h('p', { class: 'help' }, t('pendingKeysHelp')),
        outcome,
        pending.length === 0
          ? h('p', {}, t('pendingKeysNone'))
          : h(
              'div',
              { class: 'table-scroll' },
              h(
                'table',
                { class: 'pending-keys-table cards-on-phone' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'col' }, t('keyHolder')),
                    h('th', { scope: 'col' }, t('keyRole')),
                    h('th', { scope: 'col' }, t('keyFingerprint')),
                    h('th', { scope: 'col' }, t('keySentAt')),
                    h('th', { scope: 'col' }, ''),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  pending.map((key) =>
                    h(
                      'tr',
                      { 'data-username': key.username },
                      h('th', { scope: 'row', translate: 'no' }, key.username),
                      // On a phone each row is a card, each value under its column's name (data-label, styles.css).
                      h(
                        'td',
                        { 'data-label': t('keyRole') },
                        key.role === null ? '—' : t(`role.${key.role}` as TextKey),
                        key.commission === null ? '' : ` · ${key.commission}`,
                      ),
                      h(
                        'td',
                        { 'data-label': t('keyFingerprint') },
                        h('code', { class: 'fingerprint' }, groupedFingerprint(key.fingerprint)),
                      ),
                      h('td', { 'data-label': t('keySentAt') }, formatTime(new Date(key.at))),
                      h(
                        'td',
                        {},
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'register-key',
                            onclick: () => void register(key.username, key.fingerprint, key.role, key.commission),
                          },
                          t('registerKey'),
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      replace(panel, h('h2', {}, t('pendingKeysTitle')), refusalView(error));
    }
  };
  await draw();
  return panel;
}
