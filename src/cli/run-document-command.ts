import { cliText } from '../i18n/cli-text.ts';
import { formatMessage } from '../i18n/messages.ts';
import type { InputError } from '../model/input-error.ts';
import { parseJsonText } from '../model/parse-document.ts';
import { err, type Result } from '../model/result.ts';
import type { CliContext } from './context.ts';

export interface DocumentCommand<Input, Output> {
  readonly parse: (document: unknown) => Result<Input, InputError>;
  readonly run: (input: Input) => Output;
  readonly toJson: (output: Output) => unknown;
  readonly toText: (output: Output, context: CliContext) => string;
}

export interface OutputOptions {
  readonly json?: boolean | undefined;
}

/**
 * The shape every `saylau <command> FILE` shares: read, parse, check, decide, print. Exit 0 for
 * any decision, 1 for bad input with a coded error on stderr, nothing printed on stdout.
 */
export function runDocumentCommand<Input, Output>(
  command: DocumentCommand<Input, Output>,
  file: string,
  options: OutputOptions,
  context: CliContext,
): number {
  const input = loadInput(command, file, context);
  if (!input.ok) {
    reportInputError(input.error, options, context);
    return 1;
  }
  const output = command.run(input.value);
  context.io.stdout(
    options.json === true ? `${JSON.stringify(command.toJson(output), null, 2)}\n` : command.toText(output, context),
  );
  return 0;
}

function loadInput<Input, Output>(
  command: DocumentCommand<Input, Output>,
  file: string,
  context: CliContext,
): Result<Input, InputError> {
  let text: string;
  try {
    text = context.io.readText(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err({ code: 'INPUT_FILE_UNREADABLE', field: '', params: { path: `${file} (${reason})` } });
  }
  const document = parseJsonText(text);
  return document.ok ? command.parse(document.value) : document;
}

export function reportInputError(error: InputError, options: OutputOptions, context: CliContext): void {
  // An error about the whole document names it, rather than an empty field.
  const field = error.field === '' ? cliText('document', context.language) : error.field;
  const message = formatMessage(error.code, context.language, { field, ...error.params });
  if (options.json === true) {
    context.io.stderr(`${JSON.stringify({ error: { code: error.code, field: error.field, message } })}\n`);
  } else {
    context.io.stderr(`saylau: ${error.code}${error.field === '' ? '' : ` [${error.field}]`}: ${message}\n`);
  }
}
