import type { ActSigner } from '../journal/act.ts';
import { ApiError } from './api-error.ts';
import type { Election } from '../model/election.ts';
import type { Store } from '../store/store.ts';
import { ingestProtocols, type IngestSummary } from '../services/intake-service.ts';
import { type ElectionIndex, indexElection } from '../tally/intake.ts';
import { assertDefined } from '../law/assert.ts';

type Outcome = IngestSummary['outcomes'][number];

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
 * Group commit for imports: requests that arrive while a write is in progress go into the next
 * transaction together, each answered only once that transaction is on disk. One commit (and one
 * fsync) then serves many requests, and each protocol is still decided against everything
 * committed and batched before it, exactly as in one long `saylau ingest`.
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
        // One signer per transaction: each event is signed by the person who sent it, and each request signs its own
        // acts. Requests are grouped by signer, not by key: two requests of one key at once carry two sets of
        // signatures, each over its own request's acts, and one signer answering for both would refuse both.
        const importer = assertDefined(this.waiting[0]).importer;
        const group = this.waiting.filter((item) => item.importer === importer);
        this.waiting = this.waiting.filter((item) => item.importer !== importer);
        try {
          const documents = group.flatMap((item) => item.documents);
          const { election, index } = this.current();
          const summary = await ingestProtocols({
            store: this.store,
            election,
            index,
            documents,
            signer: importer,
            batchSize: documents.length,
          });
          let offset = 0;
          for (const item of group) {
            const end = offset + item.documents.length;
            const outcomes = summary.outcomes.slice(offset, end);
            const count = (kind: Outcome) => outcomes.filter((outcome) => outcome === kind).length;
            const refusals = summary.refusals
              .filter((refusal) => refusal.index >= offset && refusal.index < end)
              .map((refusal) => ({ ...refusal, index: refusal.index - offset }));
            item.resolve({
              accepted: count('accepted'),
              warned: count('warned'),
              unchanged: count('unchanged'),
              refused: count('refused'),
              refusals,
            });
            offset = end;
          }
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
