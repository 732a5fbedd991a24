import type { MessageCode } from './messages.ts';

/** Codes for problems in what a person gave us (exit code 1 in the CLI). */
export type InputErrorCode = Extract<MessageCode, `INPUT_${string}` | 'CLI_USAGE' | 'INTERNAL_ERROR'>;
