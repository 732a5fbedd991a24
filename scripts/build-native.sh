#!/usr/bin/env bash
# Builds better-sqlite3's native module when it is missing (after `npm ci --ignore-scripts`, see scripts/install.sh):
# its own install script, which tries a prebuilt binary from GitHub and otherwise compiles SQLite.
#
# SQLite is compiled at -O2, its own makefiles' level, instead of better-sqlite3's -O3: on one core the compile takes
# 41 s instead of 53 s, and the tabulation benchmark (ingest, rebuild, verify, the integrity check) measured the same
# within the noise between runs, two runs of each. The flag comes last on the compiler's line, so it wins.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "== building better-sqlite3"
  CFLAGS="${CFLAGS:-} -O2" npm rebuild better-sqlite3
fi
