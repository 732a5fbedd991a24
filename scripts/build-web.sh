#!/usr/bin/env bash
# Builds the public site into web/dist when a source file is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f web/dist/index.html ] || [ -n "$(find web/index.html web/src src vite.config.ts -newer web/dist/index.html -print -quit)" ]; then
  echo "== building the site"
  npx vite build --logLevel warn
fi
