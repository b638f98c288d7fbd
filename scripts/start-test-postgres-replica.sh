#!/usr/bin/env bash
# Starts (or reuses) a streaming read replica of the test PostgreSQL server (scripts/start-test-postgres.sh),
# for the tests of reads going to standbys. Prints the replica's port.
set -euo pipefail

primary_port="${COOPDIR_TEST_PGPORT:-55432}"
dir="${COOPDIR_TEST_PGDIR:-/tmp/coopdir-test-postgres}-replica"
port="${COOPDIR_TEST_PGREPLICAPORT:-55433}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_server_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  # A replication slot keeps the primary's WAL until the replica has it, so a replica that falls
  # behind under a heavy load (a benchmark's import) catches up instead of breaking.
  psql -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -qAt -c \
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'coopdir_test_replica'" >/dev/null
  as_server_user "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/data" -R -X stream \
    -C -S coopdir_test_replica >/dev/null
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300" start >/dev/null
fi
echo "$port"
