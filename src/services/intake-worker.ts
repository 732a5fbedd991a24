import { parentPort, workerData } from 'node:worker_threads';
import { type CompactOfferIndex, offerIndexOf } from '../tally/intake.ts';
import { type AheadOf, checkAhead, checkClaimedChunks, type PostedBatch } from './intake-preparation.ts';
import { turnoutAhead } from './turnout-preparation.ts';
import { assertDefined } from '../law/assert.ts';

// The checking thread of a bulk import (src/services/intake-preparation.ts): started through intake-worker-entry.mjs
// from the sources, as dist/intake-worker-entry.mjs in the built package. It reads no database.
if (parentPort === null) throw new Error('intake-worker.ts runs as a worker thread');
const port = parentPort;
const compact = (workerData as { index: CompactOfferIndex | null }).index;
// Protocols are checked against the election's index; turnout reports need none.
const index = compact === null ? null : offerIndexOf(compact);
const checkProtocol =
  index === null ? undefined : (document: unknown, ahead: AheadOf) => checkAhead(document, index, ahead);

port.on('message', (batch: PostedBatch) =>
  checkClaimedChunks(
    batch,
    batch.kind === 'turnout' ? turnoutAhead : assertDefined(checkProtocol, 'a batch of protocols without their index'),
    (message) => port.postMessage(message),
  ),
);
