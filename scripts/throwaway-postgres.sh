#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and exports SAYLAU_PG_URL; stops and removes
# it when the calling script exits. Uses the server in the machine image (/usr/lib/postgresql/*).
start_throwaway_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || return 1
  SAYLAU_PG_DIR=$(mktemp -d /tmp/saylau-pg.XXXXXX)
  local port=$(( 20000 + RANDOM % 20000 ))
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$SAYLAU_PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$SAYLAU_PG_DIR/data" -A trust -U postgres >"$SAYLAU_PG_DIR/initdb.log" 2>&1 || { cat "$SAYLAU_PG_DIR/initdb.log"; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$SAYLAU_PG_DIR/data" -l "$SAYLAU_PG_DIR/server.log" -w \
    -o "-p $port -k $SAYLAU_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null || { cat "$SAYLAU_PG_DIR/server.log"; return 1; }
  SAYLAU_PG_BIN=$bin
  export SAYLAU_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  trap stop_throwaway_postgres EXIT
  echo "== throwaway PostgreSQL on port $port"
}

stop_throwaway_postgres() {
  [ -n "${SAYLAU_PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$SAYLAU_PG_BIN/pg_ctl" -D "$SAYLAU_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$SAYLAU_PG_DIR"
}
