#!/usr/bin/env bash
# 指标库 speed on a throwaway PostgreSQL (issue #19: search and suggestion under 50 ms p99 with 1,000,000
# indicators in the store). On an empty database (migrated at start), `jixiao-server bench-library` loads the facts
# with one INSERT … SELECT from generate_series, builds the province's library and times searches and
# suggestions as the API runs them (see Sources/App/Commands/LibraryBenchCommand.swift).
# Usage: scripts/library-bench.sh [FACTS] [QUERIES] [debug|release]
#   CI:     scripts/library-bench.sh 20000 200          (small, debug build)
#   manual: scripts/library-bench.sh 1000000 500 release
set -euo pipefail
cd "$(dirname "$0")/.."
FACTS="${1:-20000}"; QUERIES="${2:-200}"; CONFIG="${3:-debug}"

swift build -c "$CONFIG" --product jixiao-server 2>&1 | grep -E "error|warning: .*Sources" || true
BIN="$(swift build -c "$CONFIG" --show-bin-path)/jixiao-server"

source scripts/lib/postgres.sh
trap stop_throwaway_pg EXIT
start_throwaway_pg jixiao_library_bench
export DATABASE_URL="$PG_URL" JIXIAO_DEMO=0 LOG_LEVEL=warning JIXIAO_SEEDS="${JIXIAO_SEEDS:-$PWD/../shared/seeds}"
echo "build: $CONFIG; PostgreSQL: $DATABASE_URL"
"$BIN" bench-library --facts "$FACTS" --queries "$QUERIES"
