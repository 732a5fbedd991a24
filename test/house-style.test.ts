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

/**
 * The test files of a Vitest worker share one module registry (vitest.config.ts, `isolate: false`): what one file
 * mocks or leaves faked, the next file meets. So no test mocks a module or stubs a global, and a file that spies on
 * an object or fakes the timers puts back the real ones.
 */
export function sharedRegistryHazards(text: string): string[] {
  const hazards = [...text.matchAll(/\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/g)].map(
    (match) => `vi.${match[1]} (a mock outlives this file)`,
  );
  if (/\bvi\.spyOn\(/.test(text) && !/\.mockRestore\(|\bvi\.restoreAllMocks\(/.test(text))
    hazards.push('vi.spyOn without mockRestore');
  if (/\bvi\.useFakeTimers\(/.test(text) && !/\bvi\.useRealTimers\(/.test(text))
    hazards.push('vi.useFakeTimers without vi.useRealTimers');
  return hazards;
}

describe('house style: test files that share a worker', () => {
  it('flags a module mock, a stubbed global and timers left fake', () => {
    expect(sharedRegistryHazards(`vi.${'mock'}('../src/store/store.ts')`)).toHaveLength(1);
    expect(sharedRegistryHazards(`vi.${'stubGlobal'}('fetch', f)`)).toHaveLength(1);
    expect(sharedRegistryHazards(`vi.${'spyOn'}(store, 'account')`)).toHaveLength(1);
    expect(sharedRegistryHazards(`const spy = vi.${'spyOn'}(store, 'account'); spy.mockRestore()`)).toEqual([]);
    expect(sharedRegistryHazards(`beforeEach(() => vi.${'useFakeTimers'}())`)).toHaveLength(1);
    expect(sharedRegistryHazards(`vi.${'useFakeTimers'}(); vi.${'useRealTimers'}()`)).toEqual([]);
  });

  it('no test file leaves anything behind for the next', () => {
    const tests = ['src', 'test', 'bench']
      .flatMap((path) => textFiles(join(root, path)))
      .filter((file) => file.endsWith('.test.ts') && !file.endsWith('house-style.test.ts'));
    expect(tests.length).toBeGreaterThan(100);
    const offending = tests.flatMap((file) =>
      sharedRegistryHazards(readFileSync(file, 'utf8')).map((hazard) => `${relative(root, file)}: ${hazard}`),
    );
    expect(offending).toEqual([]);
  });
});
