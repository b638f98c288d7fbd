#!/usr/bin/env bash
# Runs every test: pure logic, then the behaviour suite (HTTP, CLI, browser) once on SQLite and
# once on PostgreSQL. Installs and starts what the tests need (chromium, a PostgreSQL server).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-dependencies.sh
postgres="$(bash scripts/start-test-postgres.sh)"
# Assigned first: `export X="$(…)"` would carry on past a replica that did not start (its port taken, say).
replica_port="$(bash scripts/start-test-postgres-replica.sh)"
export COOPDIR_TEST_POSTGRES_REPLICA_PORT="$replica_port"
dotnet build Coopdir.slnx --nologo -v quiet

log="$(mktemp)"
status=0
echo "== logic tests and behaviour suite on SQLite"
COOPDIR_TEST_STORE=sqlite COOPDIR_TEST_POSTGRES="$postgres" dotnet test Coopdir.slnx --no-build --nologo "$@" 2>&1 \
  | sed 's/ - Coopdir.Tests.dll/ - Coopdir.Tests.dll on SQLite/' | tee -a "$log" | grep -v '^\s*$' || status=1
echo "== behaviour suite on PostgreSQL"
COOPDIR_TEST_STORE=postgres COOPDIR_TEST_POSTGRES="$postgres" dotnet test tests/Coopdir.Tests --no-build --nologo "$@" 2>&1 \
  | sed 's/ - Coopdir.Tests.dll/ - Coopdir.Tests.dll on PostgreSQL/' | tee -a "$log" | grep -v '^\s*$' || status=1

echo "== summary"
grep -E '(Passed|Failed)!' "$log" | sed -E 's/ \(net10.0\)//; s/.*(Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+, Total: *[0-9]+).* - (.*)$/\2: \1/'
grep -qE 'Failed!|Test Run Aborted|error (CS|MSB)' "$log" && status=1
rm -f "$log"
exit $status
