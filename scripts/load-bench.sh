#!/usr/bin/env bash
# Load benchmark of the web app (release build) on this machine, loopback only, bounded in time:
# GET a table page and POST /api/v1/check at 64 connections, against the bare route /bench/bare of the
# same server. Prints req/s and p99 latency for each, and beside the two routes their share of the bare
# route and p99 against issue #23's aims (page ≥ 20 % and p99 < 50 ms; check ≥ 60 % and p99 < 20 ms).
# Usage: [JIXIAO_SERVER=BINARY] scripts/load-bench.sh [seconds-per-run (default 10)] [connections (default 64)]
#        [sqlite|postgres|both (default sqlite; postgres starts a throwaway cluster as root, see scripts/lib/postgres.sh)]
set -euo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")" # for `both`, which runs this script again after the cd
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNS="${2:-64}"
STORES="${3:-sqlite}"
case "$STORES" in
  sqlite | postgres) ;;
  both) # each store in a run of its own, one after the other
    "$SELF" "$DURATION" "$CONNS" sqlite || exit $?
    exec "$SELF" "$DURATION" "$CONNS" postgres ;;
  *) echo "第三个参数应为 sqlite、postgres 或 both，而不是“$STORES”"; exit 2 ;;
esac

command -v wrk >/dev/null || { echo "wrk 未安装：apt-get install -y wrk"; exit 2; }
# JIXIAO_SERVER=PATH measures that binary instead (an earlier build kept aside, for runs alternated with this one)
if [ -n "${JIXIAO_SERVER:-}" ]; then
  BIN="$JIXIAO_SERVER"
else
  swift build -c release --product jixiao-server 2>&1 | grep -E "error|warning: .*Sources" || true
  BIN="$(swift build -c release --show-bin-path)/jixiao-server"
fi

source scripts/lib/server.sh
unset SERVER_DATABASE_URL # a sqlite run is on SQLite whatever the caller's environment says
if [ "$STORES" = postgres ]; then
  source scripts/lib/postgres.sh
  trap 'stop_server; stop_throwaway_pg' EXIT # before the start, so a cluster that half started is removed too
  start_throwaway_pg jixiao_load || exit 1
  SERVER_DATABASE_URL="$PG_URL"
fi
start_server "$BIN" --env production
sign_in tianbao   # the table page needs a session; the check API does not
ID="$(first_table_id)"
# the check body: the stored table, as the editor sends it
curl -fs -b "$COOKIE" "$BASE/api/v1/tables/$ID" \
  | python3 -c 'import json,sys; print(json.dumps({"tables": [json.load(sys.stdin)["table"]]}, ensure_ascii=False))' >"$WORK/check.json"
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/check.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

BARE_RPS=""
run() { # name, url, aim share of the bare route (%), aim p99 (ms), extra args
  local name="$1" url="$2" share_aim="$3" p99_aim="$4"; shift 4
  local out; out="$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$@" "$url")"
  local rps p99 errors verdict=""
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)"
  [ -z "$BARE_RPS" ] && BARE_RPS="$rps"
  if [ -n "$share_aim" ]; then
    # wrk prints p99 as 12.34ms, 1.20s or 900.00us
    local ms share
    ms="$(awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else {sub(/s$/,"",v); v*=1000}; print v}' <<<"$p99")"
    # one decimal, compared unrounded: 19.8 % is not 20 %
    share="$(awk -v a="$rps" -v b="$BARE_RPS" 'BEGIN {printf "%.1f", 100*a/b}')"
    verdict="$(awk -v s="$share" -v sa="$share_aim" -v m="$ms" -v ma="$p99_aim" 'BEGIN {
      printf "%s%% of bare (aim ≥ %s%%: %s), p99 aim < %s ms: %s", s, sa, (s >= sa ? "ok" : "MISSED"), ma, (m < ma ? "ok" : "MISSED") }')"
  fi
  printf "%-28s %10s req/s   p99 %8s   %s %s\n" "$name" "$rps" "$p99" "$verdict" "$errors"
}

echo "$BIN (release) on $STORES, $CONNS connections, ${DURATION}s each, wrk -t2, $(nproc) cores shared with wrk; load $(cut -d' ' -f1-3 /proc/loadavg)"
run "GET /bench/bare"            "$BASE/bench/bare" "" ""
run "GET /tables/:id (page)"     "$BASE/tables/$ID" 20 50 -H "Cookie: $COOKIE"
run "POST /api/v1/check"         "$BASE/api/v1/check" 60 20 -s "$WORK/post.lua"
