import { readFileSync } from 'node:fs';
import { formatMessage } from '../i18n/messages.ts';
import { resolveLanguage } from '../i18n/language.ts';
import { runCli } from './program.ts';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  readText: (path: string) => readFileSync(path === '-' ? 0 : path, 'utf8'),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io, process.env);
} catch (error) {
  // A defect, not bad input: say so plainly, with no stack trace for the user.
  const language = resolveLanguage(undefined, process.env.LANG);
  process.stderr.write(
    `saylau: INTERNAL_ERROR: ${formatMessage('INTERNAL_ERROR', language, { detail: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exitCode = 2;
}
