#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then typecheck, lint, and
# every test, with the coverage of the law. Ends with the line `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --native-later || exit 1

# Three lanes on the two cores of the machines the suite runs on, each printed whole when it ends: better-sqlite3's
# compile (one core, when npm ci has just installed it); the type checks and the formatter; the browser, the
# builds and the linter. Nothing here needs a database, and the tests start when all three are done.
lanes=$(mktemp -d)
bash scripts/build-native.sh >"$lanes/native.log" 2>&1 &
native=$!
(
  echo "== typecheck"
  npx tsc --noEmit && npx tsc -p web --noEmit && echo "== format" && npm run --silent format:check
) >"$lanes/typecheck.log" 2>&1 &
typecheck=$!
# The browser tests drive Debian's Chromium (never a downloaded browser) against the built site; the tests run
# bin/saylau as a process: the compiled CLI in dist/ (docs/server.md, "The built package").
bash scripts/install-chromium.sh || exit 1
bash scripts/build-web.sh || exit 1
echo "== building the CLI"
node scripts/build.mjs || exit 1
echo "== lint"
npx eslint . || exit 1
wait "$typecheck"
typecheck_status=$?
cat "$lanes/typecheck.log"
wait "$native"
native_status=$?
cat "$lanes/native.log"
[ "$typecheck_status" = 0 ] && [ "$native_status" = 0 ] || exit 1
echo "== checks done after ${SECONDS} s"

# The `shared` suite reads the official decks and foreign data in ../shared; it runs whenever
# that folder is there (always in CI), and is skipped with a notice on a clone without it.
shared_dir="${SAYLAU_SHARED:-../shared}"
projects=(--project main)
if [ -d "$shared_dir/data/decks" ]; then
  projects+=(--project shared)
  export SAYLAU_SHARED="$shared_dir"
else
  echo "note: $shared_dir not found, the 'shared' suite (official decks from ../shared) is not run"
fi

# A throwaway PostgreSQL for the store tests (docs/tabulation.md, The store: one suite, both engines).
source scripts/throwaway-postgres.sh
start_throwaway_postgres || echo "note: no PostgreSQL here; the PostgreSQL store tests are skipped (they are required in CI)"

# The package as a deployer installs it: packed, installed in an empty folder, demo and serve (docs/server.md,
# "The built package"). It runs beside the tests: mostly one process waiting on npm and the demo, it fills the core
# that Vitest leaves idle while its last long file runs.
bash scripts/pack-smoke.sh >"$lanes/pack-smoke.log" 2>&1 &
pack_smoke=$!

echo "== coverage of the law (from ${SECONDS} s)"
npx vitest run --project law --coverage --coverage.include='src/law/**' --silent
law_status=$?
echo "== tests (from ${SECONDS} s)"
rm -f .test-summary.json
npx vitest run "${projects[@]}"
status=$?
[ "$law_status" = 0 ] || status=1
wait "$pack_smoke"
pack_smoke_status=$?
cat "$lanes/pack-smoke.log"
[ "$pack_smoke_status" = 0 ] || status=1
rm -rf "$lanes"
if [ -f .test-summary.json ]; then
  node -e 'const s=JSON.parse(require("fs").readFileSync(".test-summary.json","utf8")); console.log(`${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`)'
fi
echo "npm test took ${SECONDS} s"
exit $status
