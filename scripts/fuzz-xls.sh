#!/usr/bin/env bash
# Fuzzes the .xls reader through `jixiao convert`: mutated .xls files (bit flips, truncation,
# header/directory/FAT fields at extreme values, sector chains rewritten into loops or out of the
# file, BIFF record lengths and fields at extremes), one process an input, each within 2 s and
# 500 MB. Failing inputs are kept in bench-out/fuzz-xls/. Exit 1 if any input crashed, hung, went
# over the memory limit or was refused without a Chinese message.
#
# Usage: scripts/fuzz-xls.sh [COUNT (default 200, the CI size; 10000 or more by hand)] [SEED]
#   JIXIAO_BIN=path  use this binary instead of building `jixiao` in release mode
#   JOBS=N           inputs run at once (default 2)
#   TIMEOUT=S        seconds allowed an input (default 2, for the release build; a debug build is
#                    about ten times slower in the table reader behind the .xls reader)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200}"
SEED_ARG=()
[ -n "${2:-}" ] && SEED_ARG=(--seed "$2")
if [ -z "${JIXIAO_BIN:-}" ]; then
  swift build -c release --product jixiao 2>&1 | grep -E "error|warning: .*Sources" || true
  JIXIAO_BIN="$(swift build -c release --show-bin-path)/jixiao"
fi
exec python3 scripts/lib/fuzz_xls.py --binary "$JIXIAO_BIN" --count "$COUNT" --jobs "${JOBS:-2}" --timeout "${TIMEOUT:-2}" "${SEED_ARG[@]}"
