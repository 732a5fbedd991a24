#!/usr/bin/env bash
# The package as a deployer gets it: `npm pack` (which builds the CLI and the site), installed into an empty folder,
# then `saylau --help`, `saylau demo` (election night at once) and `saylau serve` on the demo's database, each page
# fetched over HTTP. Slow (a minute or more); needs the npm registry for the dependencies, nothing else
# (docs/server.md, "The built package"). Run by scripts/test.sh; alone: bash scripts/pack-smoke.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)
work=$(mktemp -d /tmp/saylau-pack.XXXXXX)
server=''
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "pack smoke: $* (after ${SECONDS} s)" >&2
  for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }; done
  exit 1
}

# The site and the CLI are built only when a source is newer than the last build, and the package is packed without
# its prepack script, which rebuilds both unconditionally: scripts/test.sh runs this beside the tests, which read
# web/dist and dist/ while it runs.
bash scripts/build-web.sh
if [ ! -f dist/saylau.mjs ] || [ -n "$(find src -name '*.ts' -newer dist/saylau.mjs -print -quit)" ]; then
  node scripts/build.mjs
fi
echo "== npm pack"
tarball=$(npm pack --silent --ignore-scripts --pack-destination "$work" 2>"$work/pack.log" | tail -n 1)
[ -f "$work/$tarball" ] || fail "npm pack made no tarball"
listing=$(tar -tzf "$work/$tarball")
for shipped in package/bin/saylau package/dist/saylau.mjs package/dist/worker-entry.mjs package/web/dist/index.html \
  package/data/kz-2023.json package/decks/allocation/majilis-2023.json; do
  grep -qx "$shipped" <<<"$listing" || fail "$shipped is not in the package"
done
if grep -q '^package/src/' <<<"$listing"; then fail "the package ships src/"; fi

echo "== npm install $tarball into an empty folder"
mkdir "$work/app"
cd "$work/app"
# Without install scripts: better-sqlite3 would compile SQLite (minutes on a busy machine; its own install is npm ci's
# business). Its binary is the checkout's when the versions match, else it is built here. The packages come from npm's
# cache where npm ci has just put them (--prefer-offline), from the registry otherwise.
npm install --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel error "$work/$tarball" \
  >"$work/install.log" 2>&1 || fail "npm install failed"
installed=node_modules/better-sqlite3
version() { node -p "require('./$1/package.json').version"; }
if [ -f "$checkout/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ] &&
  [ "$(version "$installed")" = "$(cd "$checkout" && version node_modules/better-sqlite3)" ]; then
  mkdir -p "$installed/build/Release"
  cp "$checkout/node_modules/better-sqlite3/build/Release/better_sqlite3.node" "$installed/build/Release/"
else
  npm rebuild better-sqlite3 >>"$work/install.log" 2>&1 || fail "better-sqlite3 did not build"
fi
saylau=$work/app/node_modules/.bin/saylau
[ ! -e node_modules/tsx ] || fail "tsx was installed with the package"

echo "== saylau --help"
"$saylau" --help --lang en >"$work/help.log" 2>&1 || fail "saylau --help failed"
grep -q '^Usage: saylau' "$work/help.log" || fail "saylau --help printed no usage"

# Starts `saylau ARGS…` in the background with output in $work/NAME.log; sets $server and $url once it listens.
start() {
  local name=$1
  shift
  "$saylau" "$@" --port 0 --lang en >"$work/$name.log" 2>&1 &
  server=$!
  url=''
  for _ in $(seq 600); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/$name.log" | head -n 1 || true)
    [ -n "$url" ] && return 0
    kill -0 "$server" 2>/dev/null || fail "saylau $name stopped"
    sleep 0.5
  done
  fail "saylau $name did not start listening"
}

stop() {
  kill -TERM "$server"
  wait "$server" || fail "saylau stopped with exit code $?"
  server=''
}

# The built site from the package, byte for byte, and the API.
check_site() {
  curl -fsS "$url/" -o "$work/page.html" || fail "GET / failed at $url"
  cmp -s "$work/page.html" node_modules/saylau/web/dist/index.html || fail "GET / is not the packaged site"
  curl -fsS "$url/api/health" >/dev/null || fail "GET /api/health failed"
}

echo "== saylau demo --all-at-once"
start demo demo --all-at-once --dir "$work/demo"
for _ in $(seq 1200); do
  grep -q 'Every protocol is in' "$work/demo.log" && break
  kill -0 "$server" 2>/dev/null || fail "saylau demo stopped"
  sleep 0.5
done
grep -q 'Every protocol is in' "$work/demo.log" || fail "saylau demo did not finish the night"
check_site
# The CEC key's fingerprint the demo prints (for saylau verify --trust) is that of the key it keeps, and the site's.
printed=$(grep -o 'CEC key fingerprint (for saylau verify --trust): [0-9a-f]\{64\}' "$work/demo.log" | grep -o '[0-9a-f]\{64\}$') ||
  fail "saylau demo printed no CEC key fingerprint"
# The demo keeps the CEC's key file with the clients' own, apart from the server's files (docs/keys.md, "The demo").
kept=$(node -e 'const c = require("node:crypto");
const pem = require("node:fs").readFileSync(process.argv[1], "utf8");
const raw = c.createPublicKey(pem).export({ format: "der", type: "spki" }).subarray(-32);
console.log(c.createHash("sha256").update(raw).digest("hex"));' "$work/demo/clients/cec.key")
served=$(curl -fsS "$url/api/site/cec-key" | node -e 'console.log(JSON.parse(require("node:fs").readFileSync(0, "utf8")).fingerprint)')
[ "$printed" = "$kept" ] || fail "the printed fingerprint $printed is not the kept key's $kept"
[ "$printed" = "$served" ] || fail "the printed fingerprint $printed is not the served $served"
# Exports are built by a worker thread: the compiled one, dist/worker-entry.mjs.
curl -fsS "$url/api/exports/results.json" -o "$work/results.json" || fail "GET /api/exports/results.json failed"
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$work/results.json" ||
  fail "the results export is not JSON"
stop

echo "== saylau serve"
start serve serve --db "$work/demo/election.db"
check_site
stop
echo "pack smoke: ok ($tarball, ${SECONDS} s)"
