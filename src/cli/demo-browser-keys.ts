import type { ActSigner } from '../journal/act.ts';
import type { Election } from '../model/election.ts';
import { pendingKeys, registerPendingKey, currentKeyOf } from '../services/key-enrolment-service.ts';
import { revokeKey } from '../services/key-service.ts';
import type { Store } from '../store/store.ts';

/**
 * The demo's convenience for the console (docs/server.md, "Signing in the client"): the demo plays the CEC with its
 * key file, so it registers the keys that the browsers of its console accounts make at their first login, as the CEC
 * would after comparing the fingerprint by phone. A demo account whose key file the demo made is, in a browser, a key
 * "lost" from that browser: when its person makes a new key there, the demo revokes the old one (from now on) and
 * registers the new. Only the demo's own accounts, and only keys waiting: a deployment has no such thing.
 */
export function registerDemoBrowserKeys({
  store,
  election,
  cec,
  usernames,
  intervalMs = 1000,
  onRegistered,
}: {
  store: Store;
  election: Election;
  cec: ActSigner;
  usernames: readonly string[];
  intervalMs?: number;
  onRegistered?: (username: string, fingerprint: string) => void;
}): { stop(): Promise<void> } {
  const ours = new Set(usernames);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    for (const waiting of await pendingKeys(store)) {
      if (!ours.has(waiting.username)) continue;
      const old = await currentKeyOf(store, waiting.username);
      if (old !== undefined) {
        // Refused when already revoked: then the registration below goes ahead.
        await revokeKey({
          store,
          election,
          signer: cec,
          fingerprint: old.fingerprint,
          reason: 'demo: a new key made in the browser replaces this one',
          voidFrom: cec.at(),
        });
      }
      const registered = await registerPendingKey({
        store,
        election,
        username: waiting.username,
        fingerprint: waiting.fingerprint,
        signer: cec,
      });
      if (registered.ok) onRegistered?.(waiting.username, waiting.fingerprint);
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(once).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
