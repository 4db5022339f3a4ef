# Sourced by scripts/browser-check.sh and scripts/load-bench.sh: runs jixiao-server on a loopback port with a
# throwaway SQLite database in demo mode (demo accounts and tables) and stops it on exit.
# LOG_LEVEL=debug before it logs every SQL statement (to count a page's queries); the default is warning.
# SERVER_DATABASE_URL=postgres://… before it runs the server on that PostgreSQL database instead (demo mode there too).
# start_server BINARY [extra serve arguments…] sets BASE (http://127.0.0.1:PORT), WORK (a temp folder) and SERVER_PID.
WORK="$(mktemp -d /tmp/jixiao-server.XXXXXX)"
SERVER_PID=""
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap stop_server EXIT

start_server() {
  local bin="$1"; shift
  local port="${SERVER_PORT:-$(( 17000 + RANDOM % 2000 ))}"
  env -u DATABASE_URL ${SERVER_DATABASE_URL:+DATABASE_URL="$SERVER_DATABASE_URL"} JIXIAO_SQLITE="$WORK/server.sqlite" JIXIAO_DEMO=1 LOG_LEVEL=${LOG_LEVEL:-warning} \
    "$bin" serve --hostname 127.0.0.1 --port "$port" "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$BASE/bench/bare" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "服务器没有启动："; cat "$WORK/server.log"; exit 1
}

# sign_in USER: signs a demo account in through the API; sets COOKIE (name=value) and CSRF.
sign_in() {
  local out; out="$(curl -fs -D "$WORK/headers" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"jixiao-demo\"}" "$BASE/api/v1/session")" \
    || { echo "演示账号 $1 无法登录"; exit 1; }
  COOKIE="$(grep -io 'jixiao_session=[^;]*' "$WORK/headers" | head -1)"
  CSRF="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])' <<<"$out")"
}

# The id of the first 项目支出 table the signed-in account sees (they carry weights), else of the first table.
first_table_id() {
  curl -fs -b "$COOKIE" "$BASE/api/v1/tables" | python3 -c '
import json, sys
t = json.load(sys.stdin)
print(next((x for x in t if x["kind"] == "project"), t[0])["id"])'
}
