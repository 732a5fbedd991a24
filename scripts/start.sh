#!/usr/bin/env bash
# The main job until the election-night demo exists: installs, then allocates the 69 list seats
# of the 2023 Majilis election from its official votes and shows every step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec ./bin/saylau allocate decks/allocation/majilis-2023.json "$@"
