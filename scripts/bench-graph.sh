#!/usr/bin/env bash
# The relationship graph benchmark at full size: 1,000,000 organizations and 5,000,000 relationships
# (bench/GraphShape.cs), loaded into a SQLite file and into a database of its own (coopdir_graph_bench,
# dropped and made afresh) on the tests' PostgreSQL server, then neighbourhoods, paths, network sizes
# and network searches measured on both, beside the same questions as recursive CTEs.
#   scripts/bench-graph.sh [ORGS] [RELATIONSHIPS] [POSTGRES]
# POSTGRES is an admin connection string (default: the one scripts/start-test-postgres.sh prints);
# "none" measures SQLite only. About 40 minutes on 2 cores; peak memory about 3 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs="${1:-1000000}"
relationships="${2:-$((orgs * 5))}"
postgres="${3:-$(bash scripts/start-test-postgres.sh)}"
work="${TMPDIR:-/tmp}/coopdir-graph-bench"
mkdir -p "$work"
args=(--graph --orgs "$orgs" --relationships "$relationships" --work "$work")
[ "$postgres" != "none" ] && args+=(--postgres "$postgres")
dotnet run -c Release --project bench -- "${args[@]}"
