import { type Answer, get, post } from '../api.ts';
import { keyRegistrationCheck } from '../act-checks.ts';
import { h, replace } from '../dom.ts';
import { formatTime, t, type TextKey } from '../i18n.ts';
import { type BrowserKey, groupedFingerprint, makeKey, setSigningKey, signedPost, storedKey } from '../signing.ts';

type Session = Extract<Answer<'/api/session'>, { readonly username: string }>;
type MyKey = Answer<'/api/me/key'>;
type RefusalView = (error: unknown) => HTMLElement;

/** How often a waiting key asks whether it has been registered. */
const WAITING_POLL_MS = 3000;

/** Where the procedure for a lost or stolen key is written (docs/keys.md, in the source and the package). */
const KEYS_DOC = 'docs/keys.md';

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

/**
 * The person's key, as the console finds it at login (docs/server.md, "Signing in the client"): made here at the
 * first login and sent to wait for registration; waiting, with its fingerprint to compare; registered and held by this
 * browser, ready to sign; or registered but not held here (storage cleared, another computer), with the way out.
 * Sets the key the console signs with (signing.ts) when, and only when, it is registered and held here.
 */
export async function keyPanel(session: Session, refusalView: RefusalView, rerender: () => void): Promise<HTMLElement> {
  setSigningKey(null);
  const panel = h('section', { class: 'key-panel', id: 'key-panel', 'aria-live': 'polite' });
  const show = (state: string, ...children: (HTMLElement | null)[]) => {
    panel.dataset.keyState = state;
    replace(panel, h('h2', {}, t('keyTitle')), ...children);
    return panel;
  };
  if (typeof crypto === 'undefined' || crypto.subtle === undefined)
    return show('unsupported', h('p', { class: 'refusal' }, t('keyUnsupported')));
  try {
    let status = await get<MyKey>('/api/me/key', { auth: true });
    let local = await storedKey(session.username);
    const registered = status.registered;
    if (registered !== null && local?.fingerprint === registered.fingerprint) {
      setSigningKey(local);
      return show('registered', h('p', { class: 'ok' }, t('keyReady')), fingerprintView(registered.fingerprint));
    }
    const waiting = () => {
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
      return show('pending', h('p', {}, t('keyMade')), h('p', {}, t('keyCompare')), fingerprintView(fingerprint));
    };
    if (registered !== null) {
      // A new key made after the registered one was lost waits like a first one.
      if (local !== undefined && status.pending?.fingerprint === local.fingerprint) return waiting();
      const makeNew = async () => {
        try {
          await submit(await makeKey(session.username));
          rerender();
        } catch (error) {
          panel.append(refusalView(error));
        }
      };
      return show(
        'lost',
        h('p', { class: 'refusal', role: 'alert' }, t('keyLost')),
        h('p', {}, t('keyLostAdvice'), ' ', h('code', {}, KEYS_DOC)),
        fingerprintView(registered.fingerprint),
        h(
          'p',
          { class: 'buttons' },
          h('button', { type: 'button', id: 'make-key', onclick: () => void makeNew() }, t('keyMakeNew')),
        ),
      );
    }
    // No registered key: the first login makes one; a key kept here but not (or no longer) waiting is sent again.
    local ??= await makeKey(session.username);
    if (status.pending?.fingerprint !== local.fingerprint) status = await submit(local);
    return waiting();
  } catch (error) {
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
      const register = async (username: string, fingerprint: string) => {
        try {
          await signedPost(
            '/api/keys/registrations',
            { username, fingerprint },
            keyRegistrationCheck(username, fingerprint),
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
                { class: 'pending-keys-table' },
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
                      h('th', { scope: 'row' }, key.username),
                      h(
                        'td',
                        {},
                        key.role === null ? '—' : t(`role.${key.role}` as TextKey),
                        key.commission === null ? '' : ` · ${key.commission}`,
                      ),
                      h('td', {}, h('code', { class: 'fingerprint' }, groupedFingerprint(key.fingerprint))),
                      h('td', {}, formatTime(new Date(key.at))),
                      h(
                        'td',
                        {},
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'register-key',
                            onclick: () => void register(key.username, key.fingerprint),
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
