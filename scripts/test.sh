#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then typecheck, lint, and
# every test, with the coverage of the law. Ends with the line `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --native-later || exit 1

# Only what the tests need is done before them: better-sqlite3's compile (one core, when npm ci has just installed it,
# in the background), Chromium, the site and the CLI. The type checks, the formatter and the linter need neither a
# database nor the builds: they start on the other core while SQLite compiles and go on beside the tests, at a lower
# priority, in the time the tests leave a core idle (waiting on Chromium, on a child process, on PostgreSQL). Each
# lane is printed whole when it ends, and a failing check fails the run as before.
lanes=$(mktemp -d)
# Runs a lane with its output in its log, which ends with the second of the run at which the lane ended (a background
# subshell counts SECONDS from the start of this script, as the script does).
lane() {
  local log=$1
  shift
  "$@" >"$log" 2>&1
  local status=$?
  echo "(ended at ${SECONDS} s)" >>"$log"
  return $status
}
lane "$lanes/native.log" bash scripts/build-native.sh &
native=$!
# The browser tests drive Debian's Chromium (never a downloaded browser) against the built site; the tests run
# bin/saylau as a process: the compiled CLI in dist/ (docs/server.md, "The built package").
bash scripts/install-chromium.sh || exit 1
bash scripts/build-web.sh || exit 1
echo "== building the CLI"
node scripts/build.mjs || exit 1
lane "$lanes/checks.log" nice -n 10 bash scripts/check.sh &
checks=$!
wait "$native"
native_status=$?
cat "$lanes/native.log"
[ "$native_status" = 0 ] || exit 1
echo "== built after ${SECONDS} s; the checks go on beside the tests"

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
# "The built package"). It runs beside the tests at a lower priority, like the checks: its demo is a minute of CPU
# that would otherwise be taken from the browser tests, which wait on Chromium at every step and slow down threefold
# when it has to share a core; at a lower priority it takes the time the tests leave idle.
lane "$lanes/pack-smoke.log" nice -n 10 bash scripts/pack-smoke.sh &
pack_smoke=$!

echo "== coverage of the law (from ${SECONDS} s)"
npx vitest run --project law --coverage --coverage.include='src/law/**' --silent
law_status=$?
echo "== tests (from ${SECONDS} s)"
rm -f .test-summary.json
npx vitest run "${projects[@]}"
status=$?
echo "== tests ended at ${SECONDS} s"
[ "$law_status" = 0 ] || status=1
wait "$checks"
checks_status=$?
cat "$lanes/checks.log"
[ "$checks_status" = 0 ] || status=1
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
