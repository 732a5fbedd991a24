import type { Election } from '../model/election.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import { emptyRegistry, type Registry } from '../registration/registry.ts';
import type { Store } from '../store/store.ts';
import { loadElection } from '../services/election-service.ts';

/**
 * The election as registration makes it (src/registration/effective-election.ts), kept by the
 * server while the journal grows: read again from the registry rows whenever a registration event
 * passes, whoever wrote it (this process, another one on PostgreSQL, a CLI on the SQLite file).
 * Every route reads `current` per request, so ballots, candidate lists and protocol intake follow.
 */
export class RegisteredElection {
  private election: Election;
  private registryNow: Registry = emptyRegistry();
  private definitionRead: Promise<Election> | undefined;
  /** Counts the swaps, so that caches keyed by it never serve an answer of an earlier election. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    /** What the caller loaded: the definition, or the definition with the registry of that moment. */
    private readonly initial: Election,
    definition?: Election,
  ) {
    this.election = initial;
    if (definition !== undefined) this.definitionRead = Promise.resolve(definition);
  }

  get current(): Election {
    return this.election;
  }

  get registry(): Registry {
    return this.registryNow;
  }

  get version(): number {
    return this.generation;
  }

  /** The stored definition itself, which the registration writes check against; read once. */
  definition(): Promise<Election> {
    this.definitionRead ??= loadElection(this.store).then(({ definition }) => definition);
    return this.definitionRead;
  }

  /** Reads the registry again and swaps the election in; returns the contests whose ballots changed. */
  async reload(): Promise<string[]> {
    // Every schema version has the registry table (src/store/schema.ts): a failure to read it is an error, never
    // "nothing registered", which would put the definition's ballots in place of the registered ones.
    const registry = await this.store.registry();
    // The registry only grows: empty now means it was empty when the caller loaded the election, which is then the
    // definition.
    const next =
      registry.nominations.size === 0 ? this.initial : electionWithRegistry(await this.definition(), registry);
    const changed = changedContests(this.election, next);
    this.registryNow = registry;
    if (next !== this.election) {
      this.election = next;
      this.generation += 1;
    }
    return changed;
  }
}

/** Contests whose options or stations differ between two versions of the election. */
function changedContests(before: Election, after: Election): string[] {
  if (before === after) return [];
  const options = new Map(before.contests.map((contest) => [contest.id as string, JSON.stringify(contest.options)]));
  const changed = new Set(
    after.contests
      .filter((contest) => options.get(contest.id) !== JSON.stringify(contest.options))
      .map((contest) => contest.id as string),
  );
  if (before.stations !== after.stations) {
    const held = new Map(before.stations.map((station) => [station.id as string, station.contests]));
    for (const station of after.stations) {
      const was = held.get(station.id) ?? [];
      if (was.length !== station.contests.length)
        for (const id of was) if (!station.contests.includes(id)) changed.add(id);
    }
  }
  return [...changed];
}
