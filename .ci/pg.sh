#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a temporary directory and socket (no TCP) and prints the
# connection URL. Usage: source .ci/pg.sh; ... ; pg_stop
set -euo pipefail
PG_BIN="$(pg_config --bindir)"
PG_DIR="$(mktemp -d /tmp/seamless-pg.XXXXXX)"
chown postgres "$PG_DIR" 2>/dev/null || true
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-k $PG_DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export SEAMLESS_TEST_DATABASE_URL="postgres://postgres@localhost/postgres?host=$PG_DIR"
pg_stop() {
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
