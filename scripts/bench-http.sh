#!/usr/bin/env bash
# HTTP load on `coopdir serve` with wrk (Debian's wrk package): first a mix of 80% organization
# pages and 20% searches, then searches only. Prints wrk's requests/s and latency percentiles and
# the server's resident memory.
#   scripts/bench-http.sh DB [SECONDS] [CONNECTIONS]
# DB is a directory file, e.g. the one the benchmark leaves (bench prints "sqlite_db"), or a
# PostgreSQL connection string. With RESTART_PGDATA=DIR (that PostgreSQL's data folder), PostgreSQL
# is restarted halfway through the mix while a probe asks for a page every 20 ms, and the script
# says when requests failed and with what status.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: scripts/bench-http.sh DB [SECONDS] [CONNECTIONS]}"
seconds="${2:-30}"
connections="${3:-16}"
port=5090
if ! command -v wrk >/dev/null; then
  echo "Installing Debian's wrk for the HTTP benchmark..." >&2
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

dotnet build -c Release src/Coopdir --nologo -v quiet >/dev/null
dotnet src/Coopdir/bin/Release/net10.0/coopdir.dll serve --db "$db" --no-demo-data --urls "http://127.0.0.1:$port" \
  --Logging:LogLevel:Default=Warning >/tmp/coopdir-bench-http.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" >/dev/null && break; sleep 1; done
orgs="$(curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" | sed -E 's/^\{"total":([0-9]+).*/\1/')"

script="scripts/bench-http-mix.lua"
export ORGS="$orgs"

# Five seconds of the mix first, as the connections arrive at once on a server just started (just-in-
# time compilation, first connections, search columns read): only its slowest request is shown, and
# the figures below are for the server past its start-up.
echo "== the first 5 s, cold: $(PAGE_SHARE=0.8 wrk -t2 -c"$connections" -d5s -s "$script" "http://127.0.0.1:$port" | awk '/Latency/ { print "slowest request " $4 }')"

if [ -n "${RESTART_PGDATA:-}" ]; then
  as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pg_ctl="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl"
  (sleep $((seconds / 2)); begun=$(date +%s.%N)
   as_server_user "$pg_ctl" -D "$RESTART_PGDATA" -m fast -w restart -l "$RESTART_PGDATA/../server.log" >/dev/null
   echo "$begun $(date +%s.%N)" >/tmp/coopdir-bench-restart) &
  restarter=$!
  (end=$(( $(date +%s) + seconds )); while [ "$(date +%s)" -lt "$end" ]; do
     echo "$(date +%s.%N) $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/organizations/1")"; sleep 0.02
   done >/tmp/coopdir-bench-probe) &
  prober=$!
fi

echo "== $orgs organizations; 80% organization pages, 20% searches; $connections connections, ${seconds}s"
PAGE_SHARE=0.8 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket|Statuses'
if [ -n "${RESTART_PGDATA:-}" ]; then
  wait $restarter $prober
  read -r begun ended </tmp/coopdir-bench-restart
  awk -v b="$begun" -v e="$ended" '$2 != 200 { n++; s = s " " $2; if (!f) f = $1; l = $1 } END {
    printf "== restart took %.2f s; the probe saw %d failed of %d", e - b, n, NR
    if (n) printf ", from %.2f s to %.2f s after the restart began (statuses:%s)", f - b, l - b, s
    print "" }' /tmp/coopdir-bench-probe
  exit 0
fi
echo "== searches only"
PAGE_SHARE=0 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket|Statuses'
echo "== server resident memory: $(( $(ps -o rss= -p $server) / 1024 )) MB"
