import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A reader of this repository has its documents (docs/*.md) and the law's articles, not the
 * specification it was built from nor the tracker's issues: a comment or a page that cites those
 * points at nothing. The words are assembled here so that this file does not flag itself.
 */
const SPECIFICATION = new RegExp(`\\b${'SP'}EC\\b`);
const ISSUE_NUMBER = new RegExp(`\\b${'iss'}ues?\\s*#?\\d+|(?<![\\w/.&-])#\\d{1,2}(?![\\w-])`, 'i');
const THE_ISSUE = new RegExp(`\\bthe ${'iss'}ue\\b(?! (?:of|with)\\b)`, 'i');

/** Each line that cites what a reader cannot see, with the reason. */
export function unseenReferences(text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const found = [
      SPECIFICATION.test(line) ? 'the specification' : null,
      ISSUE_NUMBER.test(line) ? 'an issue number' : null,
      THE_ISSUE.test(line) ? 'an issue' : null,
    ].filter((reason) => reason !== null);
    return found.length === 0 ? [] : [`${index + 1}: ${found.join(', ')}: ${line.trim()}`];
  });
}

const root = resolve(new URL('..', import.meta.url).pathname);
const SCANNED = ['src', 'web/src', 'test', 'bench', 'scripts', 'docs', 'README.md'];
const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.ico', '.woff', '.woff2', '.gz', '.tar']);

function textFiles(path: string): string[] {
  if (statSync(path).isFile()) return BINARY.has(extname(path)) ? [] : [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' || entry.name === 'dist' ? [] : textFiles(join(path, entry.name)),
  );
}

describe('house style: references a reader can follow', () => {
  it('flags the specification and issue numbers, not colours or anchors', () => {
    const spec = `${'SP'}EC`;
    const issue = `${'iss'}ue`;
    expect(unseenReferences(`// the base (${spec} §2.2 item 1)`)).toHaveLength(1);
    expect(unseenReferences(`Parameters ${spec} marks uncertain`)).toHaveLength(1);
    expect(unseenReferences(`/** the contract of ${issue} ${'#'}2 */`)).toHaveLength(1);
    expect(unseenReferences(`built so far (${issue} 13)`)).toHaveLength(1);
    expect(unseenReferences(`The benchmark (${'#'}5), in a process of its own`)).toHaveLength(1);
    expect(unseenReferences(`every rule the ${issue} names`)).toHaveLength(1);
    expect(unseenReferences(`stroke: #444; fill: '#fff'; border: 1px solid #000;`)).toEqual([]);
    expect(unseenReferences(`[dataset.md §1.4](dataset.md#14-protocolsndjson)`)).toEqual([]);
    expect(unseenReferences(`const spec = parseAnomalySpec(text); // docs/law.md §1.2 Threshold`)).toEqual([]);
    expect(
      unseenReferences(`stations ${issue} four ballots; the ${issue} of a ballot; stations that ${issue} it`),
    ).toEqual([]);
  });

  it('no file under src, web/src, test, bench, scripts, docs or README.md cites them', () => {
    const files = SCANNED.flatMap((path) => textFiles(join(root, path)));
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) =>
      unseenReferences(readFileSync(file, 'utf8')).map((line) => `${relative(root, file)}:${line}`),
    );
    expect(offending).toEqual([]);
  });
});
