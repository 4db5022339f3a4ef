#!/usr/bin/env bash
# The API against its own description (issue #13): Schemathesis (PyPI) generates requests from
# /api/v1/openapi.json and sends them, signed in as a demo filler with its CSRF token, to a server on
# loopback with a throwaway SQLite database. Fails on any 500 and on any answer the document does not
# describe (status code, content type, body schema). Bounded: N examples per operation.
#   scripts/api-contract.sh          # CI size: 25 examples per operation
#   scripts/api-contract.sh 200      # manual size
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-25}"
command -v schemathesis >/dev/null || pip install --quiet schemathesis
swift build --product jixiao-server >/dev/null
BIN="$(swift build --show-bin-path)/jixiao-server"
source scripts/lib/server.sh
# uploads are not rate-limited for this run, so that the generated ones reach the readers
JIXIAO_HEAVY_PER_MINUTE=100000 JIXIAO_HEAVY_PER_CLIENT=100 start_server "$BIN"
sign_in tianbao
# /session is left out: a generated DELETE would sign the session out and a PUT change its password mid-run
schemathesis run "$BASE/api/v1/openapi.json" --url "$BASE/api/v1" \
  -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$N" --request-timeout 20 --generation-deterministic --suppress-health-check all \
  --exclude-path-regex "^/session" > "$WORK/schemathesis.log" 2>&1 || status=$?
cp "$WORK/schemathesis.log" /tmp/schemathesis-last.log 2>/dev/null || true
tail -40 "$WORK/schemathesis.log"
exit "${status:-0}"
