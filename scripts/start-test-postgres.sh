#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL server for the tests, on loopback only, with trust
# authentication and durability switched off for speed. Prints an admin connection string.
set -euo pipefail

dir="${COOPDIR_TEST_PGDIR:-/tmp/coopdir-test-postgres}"
port="${COOPDIR_TEST_PGPORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/postgres" ] || { echo "PostgreSQL is not installed (scripts/install-test-dependencies.sh installs it)" >&2; exit 1; }

# PostgreSQL refuses to run as root; run it as the postgres user the Debian package creates.
as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_server_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
