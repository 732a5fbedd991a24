#!/usr/bin/env bash
# Builds better-sqlite3's native module when it is missing (after `npm ci --ignore-scripts`, see scripts/install.sh):
# its own install script, which tries a prebuilt binary from GitHub and otherwise compiles SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "== building better-sqlite3"
  npm rebuild better-sqlite3
fi
