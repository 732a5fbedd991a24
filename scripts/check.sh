#!/usr/bin/env bash
# The static checks: both type checks (the CLI and server, the site), the formatter and the linter. Stops at the
# first that fails. scripts/test.sh runs it beside the tests; alone: npm run check.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc --noEmit
npx tsc -p web --noEmit
echo "== format"
npm run --silent format:check
echo "== lint"
npx eslint .
