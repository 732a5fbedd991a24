import { readFileSync } from 'node:fs';

/**
 * The documents of an NDJSON file, one a line, blank lines skipped. A line that is not JSON becomes a document every
 * schema refuses (`{ malformed: … }`), so that it is reported with its place like any other refusal, not thrown.
 */
export function ndjsonDocuments(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): unknown => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return { malformed: line.slice(0, 80) };
      }
    });
}
