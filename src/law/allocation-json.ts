import type { AllocationResult } from './allocation-types.ts';
import { type JsonValue, toJsonForm } from './json-form.ts';

/**
 * The JSON document of an allocation (docs/law.md §3, shared by the CLI and, later, the API):
 * outcome first, then the rules used and the steps.
 */
export function allocationToJson(result: AllocationResult): JsonValue {
  return toJsonForm({
    status: result.status,
    seats: result.seats,
    vacant: result.vacant,
    vacantSeats: result.vacantSeats,
    admitted: result.admitted,
    ...(result.status === 'lots-required' ? { tied: result.tied, seatsAtStake: result.seatsAtStake } : {}),
    rules: { name: result.ruleSetName, ...result.rules },
    uncertain: result.uncertain,
    steps: result.steps,
  });
}
