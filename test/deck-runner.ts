import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { allocateSeats } from '../src/law/allocate.ts';
import { allocationToJson } from '../src/law/allocation-json.ts';
import type { AllocationResult } from '../src/law/allocation-types.ts';
import type { JsonValue } from '../src/law/json-form.ts';
import { parseAllocationRequest } from '../src/model/allocation-request.ts';

/** What a deck expects; only the keys present are compared. */
export interface DeckExpectation {
  readonly status: AllocationResult['status'];
  readonly admitted?: string[];
  readonly seats: Record<string, number>;
  readonly vacant?: Record<string, number>;
  readonly vacantSeats?: number;
  readonly tied?: string[];
  readonly seatsAtStake?: number;
  /**
   * Every recorded step, in the JSON form of `saylau allocate --json` (docs/law.md §3): why each seat
   * went where it did, written beside the seats so that a right answer reached the wrong way fails.
   */
  readonly steps?: JsonValue[];
}

export interface Deck {
  readonly file: string;
  readonly document: { readonly name: string; readonly expected: DeckExpectation };
}

export function loadDecks(directory: string): Deck[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, document: JSON.parse(readFileSync(join(directory, file), 'utf8')) as Deck['document'] }));
}

/** Runs a deck through the same path as `saylau allocate` and checks every expected key. */
export function checkDeck(deck: Deck): void {
  const input = parseAllocationRequest(deck.document);
  if (!input.ok) throw new Error(`${deck.file}: ${JSON.stringify(input.error)}`);
  const result = allocateSeats(input.value);
  const { expected } = deck.document;
  expect(result.status).toBe(expected.status);
  expect(result.seats).toEqual(expected.seats);
  if (expected.admitted !== undefined) expect(result.admitted).toEqual(expected.admitted);
  if (expected.vacant !== undefined) expect(result.vacant).toEqual(expected.vacant);
  expect(result.vacantSeats).toBe(expected.vacantSeats ?? 0);
  if (result.status === 'lots-required') {
    expect(result.tied).toEqual(expected.tied);
    expect(result.seatsAtStake).toBe(expected.seatsAtStake);
  } else {
    expect(expected.tied).toBeUndefined();
  }
  if (expected.steps !== undefined) {
    const { steps } = allocationToJson(result) as { steps: JsonValue[] };
    expect(steps).toEqual(expected.steps);
  }
}
