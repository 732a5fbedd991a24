import type { ActSigner } from '../journal/act.ts';
import { ApiError } from './api-error.ts';
import type { Election } from '../model/election.ts';
import type { Store } from '../store/store.ts';
import { ingestRequests, type IngestSummary } from '../services/intake-service.ts';
import { assertDefined } from '../law/assert.ts';
import { type ElectionIndex, indexElection } from '../tally/intake.ts';

/** Protocols waiting for the next transaction beyond which a sender is asked to come back (a few seconds of work). */
const MAX_WAITING_DOCUMENTS = 50_000;
type Refusal = IngestSummary['refusals'][number];

export interface ImportOutcome {
  readonly accepted: number;
  readonly warned: number;
  readonly unchanged: number;
  readonly refused: number;
  readonly refusals: Refusal[];
}

interface Waiting {
  readonly documents: readonly unknown[];
  readonly importer: ActSigner;
  readonly resolve: (outcome: ImportOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for imports through the API: the requests that arrive while a write is in progress go into the next
 * transaction together, one after the other, each answered only once that transaction is on disk. One commit (and one
 * fsync) then serves many requests. Each request stays a batch of its own, signed by its sender over exactly that
 * request (docs/server.md, "Signing in the client"): two requests of one key carry two sets of signatures, and a
 * request whose signatures are refused does not take the others with it.
 */
export class ImportQueue {
  private waiting: Waiting[] = [];
  private draining = false;
  /** The index of the election last imported into; made again when registration swaps the election. */
  private indexed: { readonly election: Election; readonly index: ElectionIndex } | undefined;

  constructor(
    private readonly store: Store,
    private readonly election: () => Election,
  ) {}

  private current(): { readonly election: Election; readonly index: ElectionIndex } {
    const election = this.election();
    if (this.indexed?.election !== election) this.indexed = { election, index: indexElection(election) };
    return this.indexed;
  }

  submit(documents: readonly unknown[], importer: ActSigner): Promise<ImportOutcome> {
    const waiting = this.waiting.reduce((sum, item) => sum + item.documents.length, 0);
    if (waiting + documents.length > MAX_WAITING_DOCUMENTS)
      return Promise.reject(new ApiError('RATE_LIMITED', { seconds: 1 }));
    return new Promise((resolve, reject) => {
      this.waiting.push({ documents, importer, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        try {
          const { election, index } = this.current();
          const summaries = await ingestRequests({
            store: this.store,
            election,
            index,
            requests: group.map(({ documents, importer }) => ({ documents, signer: importer })),
          });
          group.forEach((item, at) => {
            const summary = assertDefined(summaries[at]);
            item.resolve({
              accepted: summary.accepted,
              warned: summary.warned,
              unchanged: summary.unchanged,
              refused: summary.refused,
              refusals: summary.refusals,
            });
          });
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
