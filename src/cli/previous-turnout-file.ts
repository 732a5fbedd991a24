import { readFileSync } from 'node:fs';
import type { InputError } from '../model/input-error.ts';
import { parseJsonText, parseWith } from '../model/parse-document.ts';
import { type PreviousTurnout, previousTurnoutFileSchema, previousTurnoutOf } from '../model/previous-turnout.ts';
import { err, ok, type Result } from '../model/result.ts';

/** `--previous-turnout FILE`: a previous election's hourly turnout (the format of data/turnout-2023-hourly.json). */
export function readPreviousTurnout(path: string): Result<PreviousTurnout, InputError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return err({ code: 'INPUT_FILE_UNREADABLE', field: '--previous-turnout', params: { path } });
  }
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const file = parseWith(previousTurnoutFileSchema, json.value);
  return file.ok ? ok(previousTurnoutOf(file.value)) : file;
}
