#!/usr/bin/env bash
# The 导入预览 of a large paste (issue #23), release build, loopback only: the seed tables repeated to
# about MB megabytes are pasted into 导入 as a unit's filler, then the preview is saved. Prints the
# preview's and the save's time and the server's peak memory beside the aims (preview < 2 s and
# < 300 MB), and `jixiao convert` of the same text in the same run (the CLI without the page).
# Usage: scripts/import-bench.sh [megabytes (default 9.3)]
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-9.3}"
swift build -c release --product jixiao-server 2>&1 | grep -E "error" || true
swift build -c release --product jixiao 2>&1 | grep -E "error" || true
BIN="$(swift build -c release --show-bin-path)"
SEEDS="${JIXIAO_SEEDS:-../shared/seeds}"
source scripts/lib/server.sh
export JIXIAO_MAX_BODY_MB=64
start_server "$BIN/jixiao-server" --env production
sign_in tianbao
python3 - "$SEEDS" "$MB" "$WORK/paste.txt" <<'PY'
import glob, os, sys
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))]
one = "\n\n".join(seeds) + "\n\n"
target = float(sys.argv[2]) * 1024 * 1024
n = max(1, int(target // len(one.encode("utf-8"))))
open(sys.argv[3], "w", encoding="utf-8").write(one * n)
PY
size="$(stat -c %s "$WORK/paste.txt")"
peak() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }
before="$(peak)"
start=$(date +%s.%N)
code="$(curl -s -o "$WORK/preview.html" -w '%{http_code}' -b "$COOKIE" -H "X-CSRF-Token: $CSRF" \
  -F "_csrf=$CSRF" -F "text=<$WORK/paste.txt" "$BASE/import/preview")"
preview=$(echo "$(date +%s.%N) - $start" | bc)
draft="$(grep -o 'name="draft" value="[^"]*"' "$WORK/preview.html" | head -1 | sed 's/.*value="//; s/"$//')"
tables="$(grep -c 'class="preview official' "$WORK/preview.html" || true)"
after_preview="$(peak)"
start=$(date +%s.%N)
save_code="$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" -H "X-CSRF-Token: $CSRF" \
  --data-urlencode "_csrf=$CSRF" --data-urlencode "draft=$draft" "$BASE/import/save")"
save=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
"$BIN/jixiao" convert "$WORK/paste.txt" -o "$WORK/out.json" 2>/dev/null
cli=$(echo "$(date +%s.%N) - $start" | bc)
ok() { if awk "BEGIN {exit !($1)}"; then echo ok; else echo MISSED; fi; }
printf "paste %.1f MB (%s tables on the page), server peak before %s MB\n" "$(echo "$size/1048576" | bc -l)" "$tables" "$before"
printf "导入预览   HTTP %s  %6.2f s (aim < 2 s) %s   server peak %s MB (aim < 300 MB) %s\n" \
  "$code" "$preview" "$(ok "$preview < 2")" "$after_preview" "$(ok "$after_preview < 300")"
printf "保存导入   HTTP %s  %6.2f s   server peak %s MB\n" "$save_code" "$save" "$(peak)"
printf "jixiao convert (CLI, same text)  %6.2f s\n" "$cli"
