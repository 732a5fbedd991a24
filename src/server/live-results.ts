import { createHash } from 'node:crypto';
import { protocolKeyOf } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { HeadWatch, Store } from '../store/store.ts';
import { currentDecisions, currentTally } from '../store/tabulator.ts';
import { resultsToJson } from '../tally/results-json.ts';

/** The results at one moment: JSON bytes named by their SHA-256, so that a CDN may keep them forever. */
export interface Snapshot {
  /** The journal head the results include at least. */
  readonly seq: number;
  readonly sha256: string;
  readonly body: Buffer;
  /** Each contest's JSON text, to tell which contests a new snapshot changed. */
  readonly contests: ReadonlyMap<string, string>;
}

export interface ResultsChange {
  readonly seq: number;
  readonly sha256: string;
  readonly changedContests: readonly string[];
}

/** How many past snapshots stay downloadable by hash (a few minutes of election night). */
const KEPT_SNAPSHOTS = 64;
/** The head is also read this often, in case a PostgreSQL notification was lost with its connection. */
const HEAD_CHECK_MS = 30_000;

/**
 * The server's view of the results, kept current as the journal grows — by this process, by
 * another server process on the same PostgreSQL database, or by a CLI on the same SQLite file.
 * Recomputation is coalesced: while one runs, further changes make one more run, not one each.
 */
export class LiveResults {
  private snapshot: Snapshot | undefined;
  private readonly kept = new Map<string, Snapshot>();
  private readonly listeners = new Set<(change: ResultsChange) => void>();
  /** The current protocols' canonical JSON by station and contest, kept from the journal's tail. */
  private readonly protocols = new Map<string, string>();
  private indexed = false;
  private indexedSeq = 0;
  private running: Promise<void> | null = null;
  private dirty = false;
  private watch: HeadWatch | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly election: Election,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.watch = await this.store.watchHead(() => void this.changed());
    this.timer = setInterval(() => void this.changed(), HEAD_CHECK_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.watch?.close();
    await this.running;
  }

  current(): Snapshot {
    if (this.snapshot === undefined) throw new Error('LiveResults not started');
    return this.snapshot;
  }

  byHash(sha256: string): Snapshot | undefined {
    return this.kept.get(sha256);
  }

  subscribe(listener: (change: ResultsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Current protocols of one station, parsed. */
  stationProtocols(stationId: string, contestIds: readonly string[]): Protocol[] {
    return contestIds.flatMap((contestId) => {
      const text = this.protocols.get(protocolKeyOf(stationId, contestId));
      return text === undefined ? [] : [JSON.parse(text) as Protocol];
    });
  }

  /** Resolves once the results include at least what the journal held when it was called. */
  changed(): Promise<void> {
    if (this.running !== null) {
      this.dirty = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.dirty = false;
          await this.refresh();
        } while (this.dirty);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async refresh(): Promise<void> {
    const head = await this.store.journalHead();
    if (this.snapshot !== undefined && head.seq === this.snapshot.seq) return;
    await this.indexProtocols(head.seq);
    const decisions = await currentDecisions(this.store);
    const document = resultsToJson(await currentTally({ store: this.store, election: this.election, decisions }), decisions) as { contests: Record<string, unknown> };
    const contests = new Map(Object.entries(document.contests).map(([id, value]) => [id, JSON.stringify(value)]));
    const text = JSON.stringify({ electionId: this.election.event.id, ...document });
    const sha256 = createHash('sha256').update(text).digest('hex');
    const previous = this.snapshot;
    if (previous?.sha256 === sha256) {
      this.snapshot = { ...previous, seq: head.seq };
      return;
    }
    const snapshot: Snapshot = { seq: head.seq, sha256, body: Buffer.from(text), contests };
    this.snapshot = snapshot;
    this.kept.set(sha256, snapshot);
    for (const old of this.kept.keys()) if (this.kept.size > KEPT_SNAPSHOTS) this.kept.delete(old);
    const changedContests = [...contests].filter(([id, json]) => previous?.contests.get(id) !== json).map(([id]) => id);
    for (const listener of this.listeners) listener({ seq: head.seq, sha256, changedContests });
  }

  /** Follows the journal from where the index stopped: accepted protocols replace their station's. */
  private async indexProtocols(upTo: number): Promise<void> {
    if (!this.indexed) {
      // Read after the head: it may hold a little more than `upTo`, which the tail then applies again, unchanged.
      for (const row of await this.store.allProtocols()) this.protocols.set(protocolKeyOf(row.stationId, row.contestId), row.content);
      this.indexedSeq = upTo;
      this.indexed = true;
      return;
    }
    while (this.indexedSeq < upTo) {
      const events = await this.store.eventsAfter(this.indexedSeq, 5000);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.type === 'protocol-accepted') {
          const protocol = (event.payload as { protocol: Protocol }).protocol;
          this.protocols.set(protocolKeyOf(protocol.stationId, protocol.contestId), canonicalJson(protocol));
        }
        this.indexedSeq = event.seq;
      }
    }
  }
}
