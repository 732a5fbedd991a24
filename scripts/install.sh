#!/usr/bin/env bash
# Installs the npm packages from the lockfile when node_modules is missing or older than it, then builds
# better-sqlite3's native module when it is missing.
#
# `--native-later` (scripts/test.sh): leave the native build to scripts/build-native.sh, which the caller runs
# in the background. There is no prebuilt binary without GitHub, so npm compiles SQLite from source, a minute
# and more on one core; the linters and the type checks need no database and fill the other core meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -L node_modules ]; then
  # Another checkout's packages, linked (a git worktree, say): npm ci would empty that checkout's folder.
  echo "note: node_modules is a link to $(readlink node_modules); its packages are used as they are"
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm packages"
  # Without install scripts: only better-sqlite3 (the compile, below) and esbuild (a check of its binary) have one.
  npm ci --no-audit --no-fund --ignore-scripts
  npm rebuild esbuild >/dev/null
fi
if [ "${1:-}" != --native-later ]; then
  bash scripts/build-native.sh
fi
