#!/usr/bin/env bash
# Load while under attack (issue #13), release build, loopback only, bounded in time: CLIENTS callers POST
# a 400,000-row .docx to /api/v1/convert without signing in while wrk reads a table page at 64
# connections and a prober signs in every 0.5 s. Prints the page p99, the slowest sign-in and the
# server's memory beside the aims. The per-client upload limits are lifted for the run (so every upload
# is really parsed, as from 8 different addresses); the queue, the pool and the read limits stay.
# Usage: scripts/hostile-load.sh [seconds (default 20)] [clients (default 8)] [connections (default 64)]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-20}"; CLIENTS="${2:-8}"; CONNS="${3:-64}"
command -v wrk >/dev/null || { echo "wrk 未安装：apt-get install -y wrk"; exit 2; }
swift build -c release --product jixiao-server 2>&1 | grep -E "error" || true
BIN="$(swift build -c release --show-bin-path)/jixiao-server"
source scripts/lib/server.sh
export JIXIAO_HEAVY_PER_MINUTE=100000 JIXIAO_HEAVY_PER_CLIENT=1000
start_server "$BIN" --env production
sign_in tianbao
ID="$(first_table_id)"
python3 - "$WORK/worst.docx" <<'PY'
import sys, zipfile
rows = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>培训人数</w:t></w:r></w:p></w:tc></w:tr>" for i in range(400000))
doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>'
       + rows + '</w:tbl></w:body></w:document>')
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", doc)
PY
python3 scripts/lib/hostile_load.py "$BASE" "$SERVER_PID" "$COOKIE" "$ID" "$WORK/worst.docx" "$SECONDS_RUN" "$CLIENTS" "$CONNS"
