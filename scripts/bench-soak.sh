#!/usr/bin/env bash
# A soak (not in CI): `coopdir serve` under the README's wrk mix (80% organization pages, 20% searches)
# plus a trickle of edits through the API, for SECONDS (default 600), printing the server's resident
# memory every 30 s and wrk's figures at the end. Memory that keeps climbing from one line to the next is
# a leak; flat or saw-toothed is the garbage collector at work.
#   scripts/bench-soak.sh DB [SECONDS] [CONNECTIONS]
# PROPOSALS=N first queues N proposals from a contributor, each as large as an edit may be (a 20,000-character
# description, 100 locations, 300 alternate names: about 250 KB), and QUEUE_SHARE (default 0.2 when PROPOSALS is
# set) of the requests then read the review queue and those proposals: the case of issue 20, where one such queue
# took the server past 10 GB.
# DB is a directory file (e.g. the one `dotnet run -c Release --project bench` leaves) or a PostgreSQL
# connection string; it is written to (an account named soak@example.invalid and edits of organization 1).
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: scripts/bench-soak.sh DB [SECONDS] [CONNECTIONS]}"
seconds="${2:-600}"
connections="${3:-16}"
port=5091
if ! command -v wrk >/dev/null; then
  echo "Installing Debian's wrk for the soak..." >&2
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

dotnet build -c Release src/Coopdir --nologo -v quiet >/dev/null
coopdir() { dotnet src/Coopdir/bin/Release/net10.0/coopdir.dll "$@"; }
coopdir users add --db "$db" --email soak@example.invalid --role editor --password-stdin <<<"soak password $RANDOM$RANDOM" >/dev/null 2>&1 || true
token="$(coopdir tokens create --db "$db" --email soak@example.invalid --label soak | tail -n 1)"

dotnet src/Coopdir/bin/Release/net10.0/coopdir.dll serve --db "$db" --no-demo-data --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning \
  --RateLimits:WritesPerMinute=100000 >/tmp/coopdir-soak.log 2>&1 &
server=$!
trap 'kill $server $writer $wrk 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" >/dev/null && break; sleep 1; done
orgs="$(curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" | sed -E 's/^\{"total":([0-9]+).*/\1/')"
first="$(curl -sf "http://127.0.0.1:$port/api/v1/organizations?page_size=1" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)"

proposals="${PROPOSALS:-0}"
queue_share="${QUEUE_SHARE:-$([ "$proposals" -gt 0 ] && echo 0.2 || echo 0)}"
first_proposal=1; last_proposal=1
if [ "$proposals" -gt 0 ]; then
  coopdir users add --db "$db" --email soak-queue@example.invalid --role contributor --password-stdin <<<"soak password $RANDOM$RANDOM" >/dev/null 2>&1 || true
  queue_token="$(coopdir tokens create --db "$db" --email soak-queue@example.invalid --label soak | tail -n 1)"
  fill() { head -c "$1" /dev/zero | tr '\0' "$2"; }
  description="$(fill 20000 d)"
  locations="$(for i in $(seq 1 100); do printf '{"street":"%s %d","locality":"Leeds","country":"GB"},' "$(fill 480 s)" "$i"; done)"
  names="$(for i in $(seq 1 300); do printf '"%s %d",' "$(fill 280 n)" "$i"; done)"
  body="{\"summary\":\"A large proposal\",\"patch\":{\"name\":\"Queued Co-op\",\"kind\":\"cooperative\",\"description\":\"$description\",\"locations\":[${locations%,}],\"alternate_names\":[${names%,}]}}"
  echo "== queueing $proposals proposals of $(( ${#body} / 1024 )) KB each"
  ids=()
  for _ in $(seq 1 "$proposals"); do
    answer="$(curl -s -w '\n%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/proposals" -H "Authorization: Bearer $queue_token" \
      -H 'Content-Type: application/json' --data-binary @- <<<"$body")"
    [ "$(tail -n 1 <<<"$answer")" = 201 ] || { echo "a proposal was refused: $(head -c 400 <<<"$answer")" >&2; exit 1; }
    ids+=("$(grep -o '"id":[0-9]*' <<<"$answer" | head -n 1 | cut -d: -f2)")
  done
  first_proposal="${ids[0]}"; last_proposal="${ids[-1]}"
  echo "== proposals $first_proposal to $last_proposal queued; server memory $(( $(ps -o rss= -p "$server") / 1024 )) MB"
fi

# Edits of one record's phone, one 0.2 s after the answer to the last, counting the answers by status.
(end=$(( $(date +%s) + seconds )); n=0; while [ "$(date +%s)" -lt "$end" ]; do
   n=$((n + 1))
   curl -s -o /dev/null -w '%{http_code}\n' -X PATCH "http://127.0.0.1:$port/api/v1/organizations/$first?summary=soak" \
     -H "Authorization: Bearer $token" -H 'If-Match: *' -H 'Content-Type: application/merge-patch+json' \
     --data "{\"phone\":\"0100 $(printf %06d $n)\"}"
   sleep 0.2
 done >/tmp/coopdir-soak-writes) &
writer=$!

echo "== soak: $orgs organizations, ${seconds}s, $connections connections (80% pages, 20% searches; $queue_share of all on the review queue) and a trickle of edits"
ORGS="$orgs" PAGE_SHARE=0.8 QUEUE_SHARE="$queue_share" FIRST_PROPOSAL="$first_proposal" LAST_PROPOSAL="$last_proposal" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/bench-http-mix.lua "http://127.0.0.1:$port" \
  >/tmp/coopdir-soak-wrk &
wrk=$!
start=$(date +%s)
peak_kb=0
while kill -0 "$wrk" 2>/dev/null; do
  rss_kb="$(ps -o rss= -p "$server" | tr -d ' ')"
  awk -v t="$(( $(date +%s) - start ))" -v kb="$rss_kb" 'BEGIN { printf "%4ds  server memory %6.1f MB\n", t, kb / 1024 }'
  # Sampled each second for the peak; printed every 30 s.
  for _ in $(seq 1 30); do
    kill -0 "$wrk" 2>/dev/null || break
    now_kb="$(ps -o rss= -p "$server" | tr -d ' ')"; [ "${now_kb:-0}" -gt "$peak_kb" ] && peak_kb="$now_kb"
    sleep 1
  done
done
awk -v kb="$peak_kb" 'BEGIN { printf "== peak server memory %.1f MB\n", kb / 1024 }'
wait "$writer" || true
grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket|Statuses' /tmp/coopdir-soak-wrk
echo "== edits by status: $(sort /tmp/coopdir-soak-writes | uniq -c | awk '{ printf "%s %s  ", $2, $1 }')"
