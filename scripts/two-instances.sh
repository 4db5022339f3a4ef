#!/usr/bin/env bash
# Two jixiao-server instances on one PostgreSQL database, as behind a load balancer: a user signs in
# through one and acts through the other; a table is walked from 草稿 to 已批复 with every step taken on
# alternate instances; sign-out and the sign-in limit hold across both. Exits non-zero on any difference.
# Usage: scripts/two-instances.sh   (starts its own throwaway PostgreSQL; needs root to install it if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product jixiao-server 2>&1 | grep -E "error|warning: .*Sources" || true
BIN="$(swift build --show-bin-path)/jixiao-server"

source scripts/lib/postgres.sh
WORK="$(mktemp -d /tmp/jixiao-two.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; stop_throwaway_pg; rm -rf "$WORK"; }
trap cleanup EXIT
start_throwaway_pg jixiao_two
export DATABASE_URL="$PG_URL" JIXIAO_DEMO=0 LOG_LEVEL=warning
echo "PostgreSQL：$DATABASE_URL"

# the first administrator, as a deployment creates it
JIXIAO_ADMIN_PASSWORD="admin-password-1" "$BIN" create-admin --username admin --organisation 某市财政局 >"$WORK/admin.log" 2>&1 \
  || { cat "$WORK/admin.log"; exit 1; }
grep -q "已创建系统管理员" "$WORK/admin.log" && echo "✓ create-admin 创建了第一个系统管理员"

PORT_A=$(( 18000 + RANDOM % 1000 )); PORT_B=$(( PORT_A + 1000 ))
for port in "$PORT_A" "$PORT_B"; do
  "$BIN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/bench/bare" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/bench/bare" >/dev/null || { echo "实例 $port 没有启动："; cat "$WORK/server-$port.log"; exit 1; }
done
echo "✓ 实例 A http://127.0.0.1:$PORT_A，实例 B http://127.0.0.1:$PORT_B，同一个数据库"
python3 scripts/lib/two_instances.py "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
