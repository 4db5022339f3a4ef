#!/usr/bin/env bash
# Renders the pack's documents as a person sees them: runs the tests that print the 自评表 and the
# 自评报告 through LibreOffice with JIXIAO_RENDER_DIR set, then turns each PDF into PNG pages.
# Usage: scripts/render-pack.sh [out-dir]   (needs soffice and pdftoppm)
set -euo pipefail
out="${1:-render-out}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
JIXIAO_RENDER_DIR="$out" swift test --filter 'SelfEvaluationFormTests|ReportDocxTests|MonitoringReportTests' >/dev/null
for pdf in "$out"/*.pdf; do
    pdftoppm -r 70 -png "$pdf" "${pdf%.pdf}"
done
ls -1 "$out"
