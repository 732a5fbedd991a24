import type { ActSigner } from '../journal/act.ts';
import { ApiError } from './api-error.ts';
import type { Election } from '../model/election.ts';
import type { Store } from '../store/store.ts';
import { ingestProtocols, type IngestSummary } from '../services/intake-service.ts';
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
 * Imports through the API, one request at a time, each in a transaction of its own: a request's acts are signed by
 * its sender over exactly that request (docs/server.md, "Signing in the client"), so two requests cannot share a
 * batch, even from one key — one signer answering for both would refuse both. The queue holds what waits and turns
 * a sender away when too much does.
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
      for (let item = this.waiting.shift(); item !== undefined; item = this.waiting.shift()) {
        try {
          const { election, index } = this.current();
          const summary = await ingestProtocols({
            store: this.store,
            election,
            index,
            documents: item.documents,
            signer: item.importer,
            batchSize: item.documents.length,
          });
          item.resolve({
            accepted: summary.accepted,
            warned: summary.warned,
            unchanged: summary.unchanged,
            refused: summary.refused,
            refusals: summary.refusals,
          });
        } catch (error) {
          item.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
