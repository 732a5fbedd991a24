import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, data/, decks/ and web/dist. This module sits one folder below it both as
 * src/package-root.ts and once compiled, since scripts/build.mjs writes every module of the CLI at the top of dist/
 * (docs/server.md, "The built package").
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file or folder the package ships, such as `packagePath('data', 'names.json')`. */
export function packagePath(...segments: readonly string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}
