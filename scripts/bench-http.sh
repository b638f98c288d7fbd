#!/usr/bin/env bash
# HTTP load on `coopdir serve` with wrk (Debian's wrk package): first a mix of 80% organization
# pages and 20% searches, then searches only. Prints wrk's requests/s and latency percentiles and
# the server's resident memory.
#   scripts/bench-http.sh DB [SECONDS] [CONNECTIONS]
# DB is a directory file, e.g. the one the benchmark leaves (bench prints "sqlite_db").
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: scripts/bench-http.sh DB [SECONDS] [CONNECTIONS]}"
seconds="${2:-30}"
connections="${3:-16}"
port=5090
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

dotnet build -c Release src/Coopdir --nologo -v quiet >/dev/null
dotnet src/Coopdir/bin/Release/net10.0/coopdir.dll serve --db "$db" --no-demo-data --urls "http://127.0.0.1:$port" \
  --Logging:LogLevel:Default=Warning >/tmp/coopdir-bench-http.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" >/dev/null && break; sleep 1; done
orgs="$(curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" | sed -E 's/^\{"total":([0-9]+).*/\1/')"

# Search words: everyday co-op searches (activities, places, co-op words), picked at random.
script="$(mktemp --suffix=.lua)"
cat >"$script" <<LUA
math.randomseed(42)
local words = { "bakery", "housing", "energy", "credit%20union", "leeds", "manchester", "bristol", "glasgow",
  "brighton", "community%20shop", "worker%20co-op", "food", "farm", "cafe", "bicycle", "solar", "berlin",
  "wien", "cooperativa", "grocery", "housing%20co-op%20london", "pub", "school", "football", "radical" }
local share = tonumber(os.getenv("PAGE_SHARE") or "0.8")
request = function()
  if math.random() < share then
    return wrk.format("GET", "/organizations/" .. math.random($orgs))
  end
  return wrk.format("GET", "/api/v1/organizations?q=" .. words[math.random(#words)])
end
LUA

echo "== $orgs organizations; 80% organization pages, 20% searches; $connections connections, ${seconds}s"
PAGE_SHARE=0.8 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket'
echo "== searches only"
PAGE_SHARE=0 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket'
echo "== server resident memory: $(( $(ps -o rss= -p $server) / 1024 )) MB"
rm -f "$script"
