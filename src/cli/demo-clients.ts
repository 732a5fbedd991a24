import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ActSigner, keySigner } from '../journal/act.ts';
import type { KeyRole } from '../journal/events.ts';
import { readKeyFile, writeKeyFile } from '../journal/key-file.ts';
import { generateSigningKey, type SigningKey } from '../journal/keys.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { registerKeyIn } from '../services/key-service.ts';
import type { Store } from '../store/store.ts';

// The people and commissions the demo plays (docs/keys.md, "The demo"): each with a key file of its own in a directory
// apart from the server's files, registered in the journal by its public half only.

/** Whoever the demo plays, by holder id: a key this process reads from the holder's own file, never from the server. */
export interface ClientKeys {
  signer(holder: string): ActSigner;
}

/** Key files of the demo's clients, one a holder: `<dir>/<holder, URI-encoded>.key` and its `.pub`. */
export class ClientKeyDirectory implements ClientKeys {
  private readonly keys = new Map<string, SigningKey>();

  constructor(
    readonly directory: string,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  path(holder: string): string {
    return join(this.directory, `${encodeURIComponent(holder)}.key`);
  }

  /**
   * A new key file for `holder` (refused if one exists). Not synced to disk one by one: the demo plays some three
   * thousand holders, and a sync of each file (and its `.pub`) took 2.3 s of its start; after a crash the demo
   * starts again with a new directory anyway.
   */
  make(holder: string): Result<SigningKey, CodedRefusal> {
    const written = writeKeyFile(this.path(holder), generateSigningKey(), { durable: false });
    if (written.ok) this.keys.set(holder, written.value);
    return written;
  }

  key(holder: string): SigningKey {
    const known = this.keys.get(holder);
    if (known !== undefined) return known;
    const read = readKeyFile(this.path(holder));
    if (!read.ok) throw new Error(`the demo has no key file for ${holder}`);
    this.keys.set(holder, read.value);
    return read.value;
  }

  signer(holder: string): ActSigner {
    return keySigner(this.key(holder), this.clock);
  }
}

/**
 * The commissions that sign in the demo: those that receive nominations or establish a contest, and the regional
 * commissions, which sign the night's protocols of their stations (`saylau ingest --key`).
 */
export function signingCommissions(election: Election): string[] {
  const ids = new Set<string>();
  for (const contest of election.contests) if (contest.commissionId !== 'cec') ids.add(contest.commissionId);
  for (const commission of election.commissions) if (commission.level === 'regional') ids.add(commission.id);
  return [...ids].sort();
}

/** The regional commission above a station (or the CEC for a station directly under it, abroad). */
export function regionalCommissionOf(election: Election): (stationId: string) => string {
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  const levels = new Map(election.commissions.map((c) => [c.id as string, c.level]));
  const stations = new Map(election.stations.map((s) => [s.id as string, s.commissionId as string]));
  return (stationId) => {
    for (let id = stations.get(stationId) ?? null; id !== null; id = parents.get(id) ?? null)
      if (levels.get(id) === 'regional') return id;
    return 'cec';
  };
}

/** Registers many keys by their public halves in one transaction, each signed by `registrar` (the CEC). */
export async function registerKeys(
  store: Store,
  election: Election,
  registrar: ActSigner,
  keys: readonly { holder: string; role: KeyRole; commission: string | null; publicKey: string }[],
): Promise<Result<void, CodedRefusal>> {
  return store.write(async (writer) => {
    await writer.head();
    for (const key of keys) {
      const registered = await registerKeyIn(writer, election, registrar, key);
      if (!registered.ok) return registered;
    }
    return ok(undefined);
  });
}
