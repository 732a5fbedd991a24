#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (as root, from Debian's
# packages); says how otherwise. Playwright's own browser download is never used.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "== installing Debian's chromium"
if [ "$(id -u)" != 0 ]; then
  echo "error: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
[ -x /usr/bin/chromium ]
