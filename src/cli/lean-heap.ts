import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what its last full collection kept, in percent, in a process that stays up: the
 * server and the demo (docs/scale.md, "The heap of a process that stays up").
 */
export const LONG_RUNNING_HEAP_GROWTH_PERCENT = 50;

/**
 * Keeps the heap of a long-running command near what it holds. By default V8 lets the old generation grow to up to four
 * times what it kept before it collects again: a start or a replay that makes short-lived objects by the hundred
 * thousand (a batch's events, a page of protocols) then leaves hundreds of megabytes of garbage resident until the
 * memory reducer runs, seconds after the work ends. A fixed factor of 1.5 collects sooner, for a few percent more
 * time; batch commands, which end and return everything, keep V8's default for their speed.
 *
 * Set at run time rather than on node's command line, so that `saylau serve` needs no flag from whoever starts it: V8
 * reads the factor each time it sets the next limit, which the benchmarks in docs/scale.md measure.
 */
export function keepHeapLean(): void {
  setFlagsFromString(`--heap-growing-percent=${LONG_RUNNING_HEAP_GROWTH_PERCENT}`);
}
