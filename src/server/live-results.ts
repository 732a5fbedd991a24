import { createHash } from 'node:crypto';
import { applyEvent, emptyProjection, protocolKeyOf, type ProjectionState } from '../journal/projection.ts';
import { ProtocolTable } from '../journal/protocol-table.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { HeadWatch, Store } from '../store/store.ts';
import { currentDecisions } from '../services/results-service.ts';
import { decisionsFromRows } from '../tally/decisions.ts';
import { resultsToJson } from '../tally/results-json.ts';
import { tallyFromTotals } from '../tally/tally-election.ts';
import { RegisteredElection } from './registered-election.ts';

/** The results at one moment: JSON bytes named by their SHA-256, so that a CDN may keep them forever. */
export interface Snapshot {
  /** The journal head the results include at least. */
  readonly seq: number;
  readonly sha256: string;
  readonly body: Buffer;
}

export interface ResultsChange {
  readonly seq: number;
  readonly sha256: string;
  readonly changedContests: readonly string[];
}

/** How many past snapshots stay downloadable by hash (a few minutes of election night). */
const KEPT_SNAPSHOTS = 16;
/** The head is also read this often, in case a PostgreSQL notification was lost with its connection. */
const HEAD_CHECK_MS = 30_000;

/**
 * The bodies whose results what `applyEvent` changed can change: the contests it re-totalled and
 * the decisions it recorded (lots, approvals of a contest or of a part of it, certifications).
 */
function bodiesTouched(state: ProjectionState, bodyOfContest: ReadonlyMap<string, string>): Set<string> {
  const decisions = decisionsFromRows(new Map([...state.changedDecisions].map((key) => [key, '[]'])));
  const contests = [
    ...state.changedContests,
    ...decisions.lots.keys(),
    ...decisions.approvals.keys(),
    ...[...decisions.partApprovals.keys()].map((key) => key.slice(0, key.indexOf('@'))),
  ];
  return new Set([...contests.map((id) => bodyOfContest.get(id) ?? ''), ...decisions.certified]);
}

/**
 * The server's view of the results, kept current as the journal grows — by this process, by
 * another server process on the same PostgreSQL database, or by a CLI on the same SQLite file.
 * Only the bodies a new event touches are recomputed (a body's contests decide its seats together);
 * the document is reassembled from each contest's and body's JSON, in the order of the first full
 * computation, so its bytes are those of `saylau results --json` with the election id in front.
 */
export class LiveResults {
  private snapshot: Snapshot | undefined;
  private readonly kept = new Map<string, Snapshot>();
  private readonly listeners = new Set<(change: ResultsChange) => void>();
  /** The current protocols by station and contest, kept from the journal's tail by `applyEvent`, as numbers. */
  private readonly protocols = new ProtocolTable();
  private readonly contestJson = new Map<string, string>();
  private readonly bodyJson = new Map<string, string>();
  private readonly bodyOfContest: ReadonlyMap<string, string>;
  private readonly contestsOfBody = new Map<string, string[]>();
  private indexedSeq = -1;
  private running: Promise<void> | null = null;
  private dirty = false;
  private lastRefresh = 0;
  private watch: HeadWatch | undefined;
  private timer: NodeJS.Timeout | undefined;

  private closed = false;
  /** The election as registration makes it; swapped when the journal passes a registration event. */
  readonly registered: RegisteredElection;

  constructor(
    private readonly store: Store,
    election: Election,
    private readonly onError: (error: unknown) => void = () => undefined,
    definition?: Election,
    /** Under a stream of writes, results are recomputed at most this often, so that requests keep flowing. */
    private readonly minRefreshMs = 200,
  ) {
    this.registered = new RegisteredElection(store, election, definition);
    // Registration changes the options of contests, never which contests and bodies there are.
    this.bodyOfContest = new Map(election.contests.map((contest) => [contest.id as string, contest.bodyId as string]));
    for (const contest of election.contests)
      this.contestsOfBody.set(contest.bodyId, [...(this.contestsOfBody.get(contest.bodyId) ?? []), contest.id]);
  }

  async start(): Promise<void> {
    await this.refresh();
    this.watch = await this.store.watchHead(() => void this.changed());
    this.timer = setInterval(() => void this.changed(), HEAD_CHECK_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.watch?.close();
    await this.running;
  }

  /** The election the results, ballots and intake are computed for now. */
  get election(): Election {
    return this.registered.current;
  }

  current(): Snapshot {
    if (this.snapshot === undefined) throw new Error('LiveResults not started');
    return this.snapshot;
  }

  byHash(sha256: string): Snapshot | undefined {
    return this.kept.get(sha256);
  }

  /** One contest's JSON in the current results. */
  contest(contestId: string): string | undefined {
    return this.contestJson.get(contestId);
  }

  /** One body's JSON in the current results. */
  body(bodyId: string): string | undefined {
    return this.bodyJson.get(bodyId);
  }

  subscribe(listener: (change: ResultsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Current protocols of one station, parsed. */
  stationProtocols(stationId: string, contestIds: readonly string[]): Protocol[] {
    return contestIds.flatMap((contestId) => this.protocols.protocol(protocolKeyOf(stationId, contestId)) ?? []);
  }

  /**
   * Resolves once the results include at least what the journal held when it was called. Never
   * rejects: a failed refresh (the database restarting, say) is reported to `onError` and tried
   * again a second later, while the last good results go on being served.
   */
  changed(): Promise<void> {
    if (this.running !== null) {
      this.dirty = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        // Only recomputing is throttled: a caller who finds the journal where the last refresh left it (a read
        // catching up before it answers) has nothing to wait for.
        if (this.lastRefresh + this.minRefreshMs > Date.now()) {
          this.dirty = false;
          // A head that cannot be read is the refresh's to report and retry, below: this never rejects.
          const head = await this.store.journalHead().catch(() => null);
          if (head !== null && head.seq === this.snapshot?.seq && !this.dirty) return;
        }
        do {
          // A timer, not a microtask: requests waiting on the network get their turn first.
          const wait = this.lastRefresh + this.minRefreshMs - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.lastRefresh = Date.now();
          this.dirty = false;
          try {
            await this.refresh();
          } catch (error) {
            this.onError(error);
            this.lastRefresh = Date.now() + 1000 - this.minRefreshMs;
            this.dirty = true;
            if (this.closed) break;
          }
        } while (this.dirty && !this.closed);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async refresh(): Promise<void> {
    const head = await this.store.journalHead();
    if (this.snapshot !== undefined && head.seq === this.snapshot.seq) return;
    const touched = await this.follow(head.seq);
    const bodies =
      touched === 'all' ? [...this.contestsOfBody.keys()] : [...touched].filter((id) => this.contestsOfBody.has(id));
    const changedContests: string[] = [];
    if (bodies.length > 0) {
      const contestIds = bodies.flatMap((id) => this.contestsOfBody.get(id) ?? []);
      const wanted = new Set(contestIds);
      const totals = await this.store.contestTotalsOf(contestIds);
      const decisions = await currentDecisions(this.store);
      const election =
        touched === 'all'
          ? this.election
          : { ...this.election, contests: this.election.contests.filter((contest) => wanted.has(contest.id)) };
      const document = resultsToJson(tallyFromTotals({ election, totals, decisions }), decisions) as {
        contests: Record<string, unknown>;
        bodies: Record<string, unknown>;
      };
      for (const [id, value] of Object.entries(document.contests)) {
        const json = JSON.stringify(value);
        if (this.contestJson.get(id) !== json) changedContests.push(id);
        this.contestJson.set(id, json);
      }
      for (const id of bodies)
        if (document.bodies[id] !== undefined) this.bodyJson.set(id, JSON.stringify(document.bodies[id]));
    }
    const members = (map: ReadonlyMap<string, string>): string =>
      [...map].map(([id, json]) => `${JSON.stringify(id)}:${json}`).join(',');
    const text = `{"electionId":${JSON.stringify(this.election.event.id)},"contests":{${members(this.contestJson)}},"bodies":{${members(this.bodyJson)}}}`;
    const sha256 = createHash('sha256').update(text).digest('hex');
    const previous = this.snapshot;
    if (previous?.sha256 === sha256) {
      this.snapshot = { ...previous, seq: head.seq };
      return;
    }
    const snapshot: Snapshot = { seq: head.seq, sha256, body: Buffer.from(text) };
    this.snapshot = snapshot;
    // Moved to the end if results return to an earlier state, so that the current one is never evicted.
    this.kept.delete(sha256);
    this.kept.set(sha256, snapshot);
    for (const old of this.kept.keys()) if (this.kept.size > KEPT_SNAPSHOTS) this.kept.delete(old);
    for (const listener of this.listeners) listener({ seq: head.seq, sha256, changedContests });
  }

  /**
   * Follows the journal from where it stopped, each event applied as the store applied it
   * (journal/projection.ts), and returns the bodies touched ('all' the first time, when everything
   * is read). Events of other processes (a second server, a CLI) arrive only this way.
   */
  private async follow(upTo: number): Promise<Set<string> | 'all'> {
    if (this.indexedSeq < 0) {
      // Read after the head: it may hold a little more than `upTo`, which the tail then applies again, unchanged.
      await this.registered.reload();
      await this.store.eachProtocol((row) => this.protocols.set(protocolKeyOf(row.stationId, row.contestId), row));
      this.indexedSeq = upTo;
      return 'all';
    }
    // What this refresh changes, over the protocols kept: totals and decisions are read from the store's projections.
    // `applyEvent` drops `registeredElection` when a registration event passes.
    const election = this.election;
    const tail: ProjectionState = { ...emptyProjection(this.protocols), registeredElection: election };
    while (this.indexedSeq < upTo) {
      const events = await this.store.eventsAfter(this.indexedSeq, 5000);
      if (events.length === 0) break;
      for (const event of events) {
        applyEvent(tail, event, election);
        this.indexedSeq = event.seq;
      }
    }
    const touched = bodiesTouched(tail, this.bodyOfContest);
    // Once per refresh however many passed: the registry rows hold them all (read after the head).
    if (tail.registeredElection !== election)
      for (const contestId of await this.registered.reload()) touched.add(this.bodyOfContest.get(contestId) ?? '');
    return touched;
  }
}
