import type { Language } from '../i18n/language.ts';

/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file, or standard input for "-". Throws on failure. */
  readonly readText: (path: string) => string;
}

export interface CliContext {
  readonly io: CliIo;
  readonly language: Language;
}
