#!/usr/bin/env bash
# Exports and readers of issue #23, on a release build of the command line, each figure beside its aim:
#   - paste → .xlsx with a sheet per table at four sizes up to TABLES (the growth must be linear);
#   - reading that workbook back, beside openpyxl (read-only) reading the same file, best of RUNS each;
#   - `jixiao convert` of a paste of about MB megabytes to JSON: peak memory over the input's size;
#   - a .docx whose one table has 400,000 rows (and 100,000 and 200,000: the time must be linear).
# Times and peak memory are /usr/bin/time's for the whole process (wall, user + sys, maximum RSS).
# The pastes are the seed tables repeated. On a shared machine the wall clock counts others' turns
# too: compare the CPU time.
# The defaults are small enough for CI (a minute or so); issue #23's sizes are given as arguments:
#   scripts/export-bench.sh 18816 80 3
# The aims are set at those sizes: below 18,816 tables the export's time and memory are printed, not judged.
# Usage: [JIXIAO_BIN=DIR] scripts/export-bench.sh [TABLES (default 600)] [MB (default 5)] [RUNS (default 1)]
set -euo pipefail
cd "$(dirname "$0")/.."
TABLES="${1:-600}"
MB="${2:-5}"
RUNS="${3:-1}"
AIM_TABLES=18816
# JIXIAO_BIN: a folder holding a release `jixiao` already built (to time another build beside this one).
if [ -z "${JIXIAO_BIN:-}" ]; then
  swift build -c release --product jixiao 2>&1 | grep -E "error" || true
fi
BIN="${JIXIAO_BIN:-$(swift build -c release --show-bin-path)}"
SEEDS="${JIXIAO_SEEDS:-../shared/seeds}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# paste ROUNDS FILE: the seeds, blank-line separated, ROUNDS times over.
paste_rounds() {
  python3 - "$SEEDS" "$1" "$2" <<'PY'
import glob, os, sys
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))]
open(sys.argv[3], "w", encoding="utf-8").write(("\n\n".join(seeds) + "\n\n") * int(sys.argv[2]))
PY
}

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL, CPU (user + sys) and PEAK (MB).
timed() {
  local log="$WORK/time-$1.txt"
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  WALL="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")"
  CPU="$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$log")"
  PEAK="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")"
  STATUS="$(awk -F': ' '/Exit status/ {print $2}' "$log")"
}
ok() { if awk "BEGIN {exit !($1)}"; then echo ok; else echo MISSED; fi; }

paste_rounds 1 "$WORK/one.txt"
PER_ROUND="$("$BIN/jixiao" convert "$WORK/one.txt" -o "$WORK/one.json" 2>&1 | sed -n 's/.*已读取 \([0-9]*\) 张表.*/\1/p')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); the seeds give $PER_ROUND tables a round"

echo "== paste → .xlsx, one sheet per table (aim: linear; $AIM_TABLES tables < 15 s and < 500 MB)"
first_per_table=""
for share in 18 6 3 1; do
  rounds=$(((TABLES / share + PER_ROUND - 1) / PER_ROUND))
  paste_rounds "$rounds" "$WORK/paste.txt"
  timed export "$BIN/jixiao" convert "$WORK/paste.txt" -o "$WORK/book.xlsx" -q
  tables=$((rounds * PER_ROUND))
  per_table="$(awk "BEGIN {printf \"%.0f\", $CPU * 1e6 / $tables}")"
  first_per_table="${first_per_table:-$per_table}"
  growth="$(awk "BEGIN {printf \"%.2f\", $per_table / $first_per_table}")"
  printf "  %6d tables  wall %6.2f s  cpu %6.2f s  peak %5s MB  %5s µs cpu a table (×%s the smallest's)  exit %s\n" \
    "$tables" "$WALL" "$CPU" "$PEAK" "$per_table" "$growth" "$STATUS"
done
if [ "$tables" -ge "$AIM_TABLES" ]; then
  printf "  aim: %d tables wall < 15 s %s, peak < 500 MB %s; cpu a table within 1.5× the smallest's %s\n" \
    "$AIM_TABLES" "$(ok "$WALL < 15")" "$(ok "$PEAK < 500")" "$(ok "$growth < 1.5")"
else
  printf "  aim: %d tables wall < 15 s, peak < 500 MB (not judged at %d tables: give %d); cpu a table within 1.5× the smallest's %s\n" \
    "$AIM_TABLES" "$tables" "$AIM_TABLES" "$(ok "$growth < 1.5")"
fi
leftover="$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'jixiao-*.zip.tmp' -newer "$WORK/one.txt" 2>/dev/null | wc -l)"
echo "  temporary files left by the exports: $leftover (aim: 0) $(ok "$leftover == 0")"
BOOK_MB="$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$WORK/book.xlsx") / 1048576}")"

echo "== reading back that $tables-sheet .xlsx ($BOOK_MB MB), best of $RUNS each, the same file"
best_ours="" best_ours_cpu="" ours_peak=0
for _ in $(seq "$RUNS"); do
  timed readback "$BIN/jixiao" convert "$WORK/book.xlsx" -o "$WORK/back.json" -q
  if [ -z "$best_ours" ] || awk "BEGIN {exit !($WALL < $best_ours)}"; then best_ours="$WALL"; fi
  if [ -z "$best_ours_cpu" ] || awk "BEGIN {exit !($CPU < $best_ours_cpu)}"; then best_ours_cpu="$CPU"; fi
  ours_peak="$PEAK"
done
back_tables="$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['tables']))" "$WORK/back.json" 2>/dev/null || echo 0)"
printf "  jixiao convert book.xlsx → JSON: best wall %.2f s, best cpu %.2f s, peak %s MB, %s tables read back (exit %s)\n" \
  "$best_ours" "$best_ours_cpu" "$ours_peak" "$back_tables" "$STATUS"
cat >"$WORK/openpyxl_read.py" <<'PY'
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
cells = 0
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        cells += sum(1 for value in row if value is not None)
print(cells)
PY
if python3 -c "import openpyxl" 2>/dev/null; then
  best_theirs="" best_theirs_cpu="" theirs_peak=0
  for _ in $(seq "$RUNS"); do
    timed openpyxl python3 "$WORK/openpyxl_read.py" "$WORK/book.xlsx"
    if [ -z "$best_theirs" ] || awk "BEGIN {exit !($WALL < $best_theirs)}"; then best_theirs="$WALL"; fi
    if [ -z "$best_theirs_cpu" ] || awk "BEGIN {exit !($CPU < $best_theirs_cpu)}"; then best_theirs_cpu="$CPU"; fi
    theirs_peak="$PEAK"
  done
  printf "  openpyxl read-only, cells only: best wall %.2f s, best cpu %.2f s, peak %s MB\n" \
    "$best_theirs" "$best_theirs_cpu" "$theirs_peak"
  printf "  aim: read (not refused) %s; Jixiao %.1f× openpyxl's speed in cpu (it also rebuilds every table)\n" \
    "$(ok "$back_tables == $tables")" "$(awk "BEGIN {print $best_theirs_cpu / $best_ours_cpu}")"
else
  echo "  openpyxl: not run (pip install openpyxl)"
fi

echo "== jixiao convert memory (aim: peak ≤ 3× the input)"
rounds="$(python3 -c "import os,sys; print(max(1, int(float(sys.argv[1]) * 1048576 // os.path.getsize(sys.argv[2]))))" "$MB" "$WORK/one.txt")"
paste_rounds "$rounds" "$WORK/big.txt"
input_mb="$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$WORK/big.txt") / 1048576}")"
timed convert "$BIN/jixiao" convert "$WORK/big.txt" -o "$WORK/big.json" -q
# A small paste is mostly the program's fixed memory: the ratio is judged from 80 MB on.
verdict="$(ok "$PEAK <= 3 * $input_mb")"
if [ "$MB" -lt 80 ]; then verdict="(not judged below 80 MB)"; fi
printf "  %s MB paste → JSON: wall %.2f s, cpu %.2f s, peak %s MB = %.1f× the input %s\n" "$input_mb" "$WALL" "$CPU" "$PEAK" \
  "$(awk "BEGIN {print $PEAK / $input_mb}")" "$verdict"

echo "== a .docx whose one table has 400,000 rows (aim: read, linear in rows, < 300 MB), and 100,000 and 200,000"
first_per_row=""
for n in 100000 200000 400000; do
  python3 - "$WORK/rows.docx" "$n" <<'PY'
import sys, zipfile
rows = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>培训人数</w:t></w:r></w:p></w:tc></w:tr>" for i in range(int(sys.argv[2])))
doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>'
       + rows + "</w:tbl></w:body></w:document>")
types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", doc)
PY
  timed docx "$BIN/jixiao" convert "$WORK/rows.docx" -o "$WORK/rows.json" -q
  # read, not refused: these rows hold no goal table, so the command ends saying it found none
  said="$("$BIN/jixiao" convert "$WORK/rows.docx" -o "$WORK/rows.json" -q 2>&1 | head -1 || true)"
  per_row="$(awk "BEGIN {printf \"%.2f\", $CPU * 1e6 / $n}")"
  first_per_row="${first_per_row:-$per_row}"
  growth="$(awk "BEGIN {printf \"%.2f\", $per_row / $first_per_row}")"
  printf "  %6d rows: wall %.2f s, cpu %.2f s (%s µs a row, ×%s the smallest's), peak %s MB (exit %s: %s)\n" \
    "$n" "$WALL" "$CPU" "$per_row" "$growth" "$PEAK" "$STATUS" "$said"
done
read_ok="$(case "$said" in *表格超过*) echo MISSED ;; *) echo ok ;; esac)"
printf "  aim: 400,000 rows read %s, peak < 300 MB %s, cpu a row within 1.5× the smallest's %s\n" \
  "$read_ok" "$(ok "$PEAK < 300")" "$(ok "$growth < 1.5")"
