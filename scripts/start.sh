#!/usr/bin/env bash
# The main job: election night of 19 March 2023 on this machine. Installs, builds the site,
# generates the national dataset, starts the server on an SQLite database in .demo/ and replays
# the protocols arriving over three minutes while the site updates live. Options go to
# `saylau demo`: `npm start -- --minutes 1`, `npm start -- --all-at-once`, `--port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build-web.sh
node scripts/build.mjs
exec ./bin/saylau demo "$@"
