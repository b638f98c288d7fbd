#!/usr/bin/env bash
# Matching: the quality of automatic merges on the real Co-operatives UK files (precision, recall, the queue),
# then the throughput of matching a generated source into a generated directory on SQLite.
#   scripts/bench-matching.sh [ORGS] [ROWS] [--reuse] [--import]
# ORGS defaults to 1,000,000 and ROWS to 100,000. The directory is built once into
# $TMPDIR/coopdir-matching-bench/matching-ORGS.db; --reuse measures over the one an earlier run built.
# --import adds a full import of the ROWS into a copy of the directory.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs="${1:-1000000}"
rows="${2:-100000}"
shift $(( $# < 2 ? $# : 2 ))
work="${TMPDIR:-/tmp}/coopdir-matching-bench"
mkdir -p "$work"
dotnet build -c Release bench --nologo -v quiet >/dev/null
dotnet bench/bin/Release/net10.0/Coopdir.Bench.dll --matching-quality --json --work "$work"
dotnet bench/bin/Release/net10.0/Coopdir.Bench.dll --matching --orgs "$orgs" --rows "$rows" --json --work "$work" "$@"
