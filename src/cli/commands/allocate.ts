import { allocateSeats } from '../../law/allocate.ts';
import { allocationToJson } from '../../law/allocation-json.ts';
import type { AllocationInput, AllocationResult } from '../../law/allocation-types.ts';
import { parseAllocationRequest } from '../../model/allocation-request.ts';
import { allocationText } from '../report/allocation-text.ts';
import type { DocumentCommand } from '../run-document-command.ts';

export const allocateCommand: DocumentCommand<AllocationInput, AllocationResult> = {
  parse: parseAllocationRequest,
  run: allocateSeats,
  toJson: allocationToJson,
  toText: (result, context) => allocationText(result, context.language),
};
