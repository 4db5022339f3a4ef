# Sourced by scripts/browser-check.sh and scripts/load-bench.sh: runs jixiao-server on a loopback port with a
# throwaway SQLite database (seeded with the demo tables) and stops it on exit.
# start_server BINARY [extra serve arguments…] sets BASE (http://127.0.0.1:PORT), WORK (a temp folder) and SERVER_PID.
WORK="$(mktemp -d /tmp/jixiao-server.XXXXXX)"
SERVER_PID=""
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap stop_server EXIT

start_server() {
  local bin="$1"; shift
  local port="${SERVER_PORT:-$(( 17000 + RANDOM % 2000 ))}"
  env -u DATABASE_URL JIXIAO_SQLITE="$WORK/server.sqlite" LOG_LEVEL=warning \
    "$bin" serve --hostname 127.0.0.1 --port "$port" "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$BASE/bench/bare" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "服务器没有启动："; cat "$WORK/server.log"; exit 1
}

# The id of the first 项目支出 table (they carry weights), else of the first table.
first_table_id() {
  curl -fs "$BASE/api/v1/tables" | python3 -c '
import json, sys
t = json.load(sys.stdin)
print(next((x for x in t if x["kind"] == "project"), t[0])["id"])'
}
