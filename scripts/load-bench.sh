#!/usr/bin/env bash
# Load benchmark of the web app (release build) on this machine, loopback only, bounded in time:
# GET a table page and POST /api/v1/check at 64 connections, against the bare route /bench/bare of the
# same server. Prints req/s and p99 latency for each.
# Usage: scripts/load-bench.sh [seconds-per-run (default 10)] [connections (default 64)]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNS="${2:-64}"

command -v wrk >/dev/null || { echo "wrk 未安装：apt-get install -y wrk"; exit 2; }
swift build -c release --product jixiao-server 2>&1 | grep -E "error|warning: .*Sources" || true
BIN="$(swift build -c release --show-bin-path)/jixiao-server"

source scripts/lib/server.sh
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

run() { # name, url, extra args
  local name="$1" url="$2"; shift 2
  local out; out="$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$@" "$url")"
  local rps p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)"
  printf "%-28s %10s req/s   p99 %8s   %s\n" "$name" "$rps" "$p99" "$errors"
}

echo "jixiao-server (release), $CONNS connections, ${DURATION}s each, wrk -t2, $(nproc) cores shared with wrk"
run "GET /bench/bare"            "$BASE/bench/bare"
run "GET /tables/:id (page)"     "$BASE/tables/$ID" -H "Cookie: $COOKIE"
run "POST /api/v1/check"         "$BASE/api/v1/check" -s "$WORK/post.lua"
