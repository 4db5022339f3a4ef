#!/usr/bin/env bash
# Browser check: headless Chromium (Debian's `chromium`) opens 首页 (also filtered), 表格, 导入, 编辑 (also with
# every row's detail open) and 自评 at 1366×768 and
# 390×844, saves screenshots to bench-out/browser/, and fails when a page logs a JavaScript error or when
# the self-evaluation page did not get its scores from the API.
# Usage: scripts/browser-check.sh   (set OUT=folder to keep the PNGs elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-bench-out/browser}"
mkdir -p "$OUT"

CHROME="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$CHROME" ] || { echo "chromium 未安装：apt-get install -y chromium fonts-noto-cjk"; exit 2; }

swift build --product jixiao-server 2>&1 | grep -E "error|warning: .*Sources" || true
BIN="$(swift build --show-bin-path)/jixiao-server"
source scripts/lib/server.sh
start_server "$BIN"
# a 项目支出 table when there is one (they carry weights, so 自评 shows real scores)
ID="$(first_table_id)"

# one table with actuals, so the self-evaluation page has something to score
curl -fs "$BASE/api/v1/tables/$ID" | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = d["table"]
for i, ind in enumerate(t["indicators"]):
    ind["actual"] = ind["value"] if ind["type"] != "定性" else "达到预期"
t["execution"] = {"budget": 100, "spent": 95, "weight": 10}
print(json.dumps({"table": t, "version": d["summary"]["version"]}, ensure_ascii=False))' >"$WORK/put.json"
curl -fs -X PUT -H 'Content-Type: application/json' --data-binary @"$WORK/put.json" "$BASE/api/v1/tables/$ID" >/dev/null

PAGES="home:/ home-filtered:/?kind=project table:/tables/$ID import:/import edit:/tables/$ID/edit edit-details:/tables/$ID/edit#details selfeval:/tables/$ID/self-evaluation export:/tables/$ID/export print:/tables/$ID/export/print"
FAIL=0
shot() { # name url width height
  local name="$1" path="$2" w="$3" h="$4" log="$WORK/$1-$3.log"
  "$CHROME" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions --lang=zh-CN \
    --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0 --virtual-time-budget=4000 \
    --window-size="$w,$h" --screenshot="$OUT/$name-${w}x$h.png" "$path" >"$log" 2>&1 || true
  if grep -E 'CONSOLE.*(Uncaught|Failed to load resource)|:ERROR:CONSOLE' "$log" >/dev/null; then
    echo "JavaScript 错误：$name ($w×$h)"; grep -E 'CONSOLE' "$log" | head -5; FAIL=1
  fi
  [ -s "$OUT/$name-${w}x$h.png" ] || { echo "没有截图：$name ($w×$h)"; FAIL=1; }
}
# 导入预览 answers a POST: fetch it with curl, then let Chromium show it with the server as base for CSS
SEED="$(ls ../shared/seeds/*.txt 2>/dev/null | head -1 || true)"
if [ -n "$SEED" ]; then
  curl -fs --data-urlencode "text@$SEED" "$BASE/import/preview" | sed "s|<head>|<head><base href=\"$BASE/\">|" >"$WORK/preview.html"
  grep -q '已修复\|识别时没有做任何修复' "$WORK/preview.html" && echo "导入预览：修复记录已列出" || { echo "导入预览：没有修复记录"; FAIL=1; }
  PAGES="$PAGES preview:file://$WORK/preview.html"
fi
for entry in $PAGES; do
  url="${entry#*:}"; case "$url" in file://*) ;; *) url="$BASE$url" ;; esac
  shot "${entry%%:*}" "$url" 1366 768
  shot "${entry%%:*}" "$url" 390 844
done

# the self-evaluation page must have called /api/v1/score and written a total
DOM="$("$CHROME" --headless=new --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" --virtual-time-budget=4000 \
  --dump-dom "$BASE/tables/$ID/self-evaluation" 2>/dev/null)"
if grep -q '<p id="total" class="big">总分' <<<"$DOM"; then echo "自评页：总分已计算"; else echo "自评页：没有算出总分"; FAIL=1; fi
DOM="$("$CHROME" --headless=new --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" --virtual-time-budget=4000 \
  --dump-dom "$BASE/tables/$ID/edit" 2>/dev/null)"
if grep -q 'id="edit-row-1"' <<<"$DOM"; then echo "编辑页：指标行已显示"; else echo "编辑页：指标行没有显示"; FAIL=1; fi
if grep -q '<span id="counts">错误 ' <<<"$DOM"; then echo "编辑页：检查结果已显示"; else echo "编辑页：没有调用检查接口"; FAIL=1; fi
if grep -q 'data-field="explanation"' <<<"$DOM"; then echo "编辑页：指标详情可编辑"; else echo "编辑页：没有指标详情"; FAIL=1; fi

ls -1 "$OUT"/*.png | sed 's/^/截图：/'
[ "$FAIL" = 0 ] && echo "浏览器检查通过" || { echo "浏览器检查失败"; exit 1; }
