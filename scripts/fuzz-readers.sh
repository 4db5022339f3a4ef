#!/usr/bin/env bash
# Mutation fuzzing of every reader an upload goes through: pasted text, .xlsx, .docx (and .xls files
# given with --xls). Each input is read as the server reads an upload; no crash, no input over 2 s
# (release build; 8 s for the debug build CI uses) and no more than 500 MB are allowed. Bounded: N
# inputs per format.
#
#   scripts/fuzz-readers.sh            # CI size: 2,000 inputs per format
#   scripts/fuzz-readers.sh 20000      # manual size
#   scripts/fuzz-readers.sh 2000 --seed 123   # replay a run (the seed is printed first)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"; shift || true
config="${FUZZ_CONFIG:-debug}"
# 2 s an input is the aim for a release build (FUZZ_CONFIG=release); the debug build is about 5× slower
if [ "$config" = debug ]; then export FUZZ_LIMIT_SECONDS="${FUZZ_LIMIT_SECONDS:-8}"; fi
swift build -c "$config" --product jixiao-bench >/dev/null
swift build -c "$config" --product jixiao >/dev/null
bin=".build/$config"
extra=()
xls=$(ls ../shared/realfiles/*.xls 2>/dev/null || true)
formats="text,xlsx,docx"
if [ -n "$xls" ] && "$bin/jixiao" convert $xls -o /dev/null >/dev/null 2>&1; then
  formats="$formats,xls"; extra+=(--xls $xls)
fi
python3 scripts/lib/fuzz_readers.py "$bin/jixiao-bench" "$bin/jixiao" ../shared "$n" --formats "$formats" --keep .fuzz-findings "${extra[@]}" "$@"
