import { parentPort, workerData } from 'node:worker_threads';
import { type CompactOfferIndex, offerIndexOf } from '../tally/intake.ts';
import { checkClaimedChunks, type PostedBatch } from './intake-preparation.ts';

// The checking thread of a bulk import (src/services/intake-preparation.ts): started through intake-worker-entry.mjs
// from the sources, as dist/intake-worker-entry.mjs in the built package. It reads no database.
if (parentPort === null) throw new Error('intake-worker.ts runs as a worker thread');
const port = parentPort;
const index = offerIndexOf((workerData as { index: CompactOfferIndex }).index);

port.on('message', (batch: PostedBatch) => checkClaimedChunks(batch, index, (message) => port.postMessage(message)));
