"""Drives headless Chromium over the DevTools protocol for scripts/browser-check.sh.

Why not `chromium --screenshot`: the pages need a signed-in session, and a command-line screenshot can
neither carry a cookie nor tell a JavaScript error from noise in Chromium's own log. Here the session
cookie is set before the first page, every exception and console error is collected from the page
itself, and a page can be asked to wait until a script has filled something in.

Usage: browser.py CHROME BASE COOKIE OUTDIR PLAN.json
PLAN: [{"name": "home", "path": "/", "sizes": [[1366, 768], [390, 844]],
        "wait": "#total", "text": "总分"}]   # wait/text optional: a selector whose text must contain `text`
Optional per entry:
  "do": [{"fill": SELECTOR, "value": TEXT}, {"check": SELECTOR}, {"click": SELECTOR}, {"waitFor": SELECTOR},
         {"upload": SELECTOR, "file": PATH}, ...]   (upload: a file chosen in an <input type=file>, as a person picks it)
        steps taken once the page has loaded (at each size, so give such entries one size); a click that
        submits a form or follows a link waits for the next page, and the screenshot is of that page.
        A step whose selector matches nothing fails the page, unless the step says "optional": true.
  "expect": TEXT   the page (after its steps) must show this text.
  "scroll": SELECTOR   scrolled into view before the screenshot.
  "media": "print"   the page as printed (CSS @media print), e.g. the 总览's A4 landscape layout.
  "fullPage": true   the screenshot shows the whole page, not only the first screen (at most 8000 px).
  "status": CODE   a refusal the walk means to see: the page reached by the steps answers CODE (and that
        answer is not a failure); any other 4xx/5xx still is.
Every page reached must answer below 400, and so must every visible link on it (fetched with the
same session; sign-out and links already tried are skipped).
Prints one line per page and size; exits 1 when any page had a JavaScript error, a 4xx/5xx answer, a
broken visible link, a missing step target or expected text, or a wait failed.
"""
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client, from PyPI

chrome, base, cookie, out, plan_file = sys.argv[1:6]
plan = json.load(open(plan_file, encoding="utf-8"))
os.makedirs(out, exist_ok=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


port = free_port()
profile = tempfile.mkdtemp(prefix="jixiao-chrome-")
proc = subprocess.Popen([chrome, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--disable-extensions", "--hide-scrollbars", "--lang=zh-CN", f"--user-data-dir={profile}",
                         f"--remote-debugging-port={port}", "about:blank"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            page = next(t for t in targets if t["type"] == "page")
            break
        except Exception:
            time.sleep(0.1)
    else:
        print("Chromium 没有启动调试端口")
        sys.exit(2)
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
    counter = [0]
    events = []

    def send(method, **params):
        counter[0] += 1
        my = counter[0]
        ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            events.append(msg)

    def drain(seconds):
        ws.settimeout(seconds)
        try:
            while True:
                events.append(json.loads(ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            ws.settimeout(30)

    for domain in ("Page", "Runtime", "Log", "Network"):
        send(domain + ".enable")
    name, _, value = cookie.partition("=")
    send("Network.setCookie", name=name, value=value, url=base, httpOnly=True)

    def evaluate(expression):
        r = send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return r.get("result", {}).get("value")

    def wait_for_load(mark=0):
        deadline = time.time() + 15
        while time.time() < deadline and not any(e.get("method") == "Page.loadEventFired" for e in events[mark:]):
            drain(0.2)
        drain(0.8)  # the scripts' first API calls

    def document_statuses(mark=0):
        """(status, url) of every page (document) answer among the events from `mark` on."""
        return [(e["params"]["response"]["status"], e["params"]["response"]["url"]) for e in events[mark:]
                if e.get("method") == "Network.responseReceived" and e["params"].get("type") == "Document"]

    tried_links = set()

    def broken_links():
        """Visible same-site links of the page that answer 4xx/5xx (each address tried once per run)."""
        hrefs = evaluate("""[...document.querySelectorAll('a[href]')]
            .filter(a => a.offsetParent !== null && a.origin === location.origin && !a.href.includes('/logout'))
            .map(a => a.href.split('#')[0])""") or []
        todo = sorted({h for h in hrefs if h not in tried_links})
        tried_links.update(todo)
        if not todo:
            return []
        # one after the other, as a person clicks: the server limits heavy downloads per client
        answers = evaluate("(async () => { const out = []; for (const h of " + json.dumps(todo) + ") {"
                           " try { const r = await fetch(h, {credentials: 'same-origin'}); out.push([h, r.status]); }"
                           " catch (e) { out.push([h, 0]); } } return out; })()") or []
        return [f"链接 {h[len(base):]} 返回 {st}" for h, st in answers if st >= 400 or st == 0]

    def step(action):
        """Takes one step; returns a problem, or "" when done."""
        for kind in ("fill", "check", "click", "waitFor", "upload"):
            if kind in action:
                selector = action[kind]
                break
        else:
            return f"未知步骤 {action}"
        if kind == "waitFor":  # something a script fills in after a fetch (up to 6 s)
            for _ in range(30):
                if evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                    return ""
                drain(0.2)
            return f"等待 {selector} 超时"
        found = evaluate(f"!!document.querySelector({json.dumps(selector)})")
        if not found:
            return "" if action.get("optional") else f"页面上没有 {selector}"
        if kind == "upload":
            node = send("Runtime.evaluate", expression=f"document.querySelector({json.dumps(selector)})")["result"]
            send("DOM.setFileInputFiles", files=[os.path.abspath(action["file"])], objectId=node["objectId"])
        elif kind == "fill":
            evaluate(f"(e => {{ e.value = {json.dumps(action['value'])}; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})"
                     f"(document.querySelector({json.dumps(selector)}))")
        elif kind == "check":
            evaluate(f"document.querySelector({json.dumps(selector)}).checked = true")
        else:
            mark = len(events)
            evaluate(f"setTimeout(() => document.querySelector({json.dumps(selector)}).click(), 0)")
            drain(0.5)
            if any(e.get("method") in ("Page.frameStartedLoading", "Page.frameRequestedNavigation") for e in events[mark:]):
                wait_for_load(mark)
        return ""

    failed = False
    for entry in plan:
        for width, height in entry.get("sizes", [[1366, 768], [390, 844]]):
            send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                 mobile=width < 600)
            send("Emulation.setEmulatedMedia", media=entry.get("media", ""))
            events.clear()
            send("Page.navigate", url=base + entry["path"])
            wait_for_load()
            problems = [f"页面 {u[len(base):]} 返回 {st}" for st, u in document_statuses() if st >= 400]
            refused_as_meant = False
            for action in entry.get("do", []):
                mark = len(events)
                p = step(action)
                if p:
                    problems.append(p)
                    break
                answers = document_statuses(mark)
                refused_as_meant = refused_as_meant or any(st == entry.get("status") for st, _ in answers)
                problems += [f"按“{action.get('click')}”后页面 {u[len(base):]} 返回 {st}"
                             for st, u in answers if st >= 400 and st != entry.get("status")]
            if entry.get("status") and not refused_as_meant and not problems:
                problems.append(f"页面没有按预期返回 {entry['status']}（{evaluate('location.pathname')}）")
            if entry.get("expect"):
                body = evaluate("document.body ? document.body.innerText : ''") or ""
                if entry["expect"] not in body:
                    problems.append(f"页面上没有“{entry['expect']}”（{evaluate('location.pathname')}）")
            problems += broken_links()
            problem = "；".join(problems)
            if entry.get("wait"):
                expr = f"(document.querySelector({json.dumps(entry['wait'])}) || {{}}).textContent || ''"
                for _ in range(30):
                    text = send("Runtime.evaluate", expression=expr, returnByValue=True)["result"].get("value", "")
                    if entry.get("text", "") in text and text:
                        break
                    drain(0.2)
                else:
                    problem = f"等待 {entry['wait']} 出现“{entry.get('text', '')}”超时（实为“{text[:60]}”）"
            errors = []
            for e in events:
                m, p = e.get("method"), e.get("params", {})
                if m == "Runtime.exceptionThrown":
                    d = p["exceptionDetails"]
                    errors.append((d.get("exception", {}).get("description") or d.get("text", "")).splitlines()[0])
                elif m == "Runtime.consoleAPICalled" and p.get("type") == "error":
                    errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
                elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                    if entry.get("status") and f"status of {entry['status']} " in p["entry"].get("text", ""):
                        continue  # Chromium's own line for the refusal the walk means to see
                    errors.append(p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
            # the page must have fit: a horizontal scrollbar on the whole page is a layout bug
            overflow = send("Runtime.evaluate", returnByValue=True,
                            expression="document.documentElement.scrollWidth - document.documentElement.clientWidth")["result"].get("value", 0)
            # "fit": boxes whose content must stay inside them (on paper nothing scrolls)
            spill = 0
            if entry.get("fit"):
                # a box spills when a table or cell in it reaches past its right edge, or a cell's text
                # runs past the cell (a heading kept on one line)
                spill = send("Runtime.evaluate", returnByValue=True, expression=(
                    f"[...document.querySelectorAll({json.dumps(entry['fit'])})].filter(box => {{"
                    " const edge = box.getBoundingClientRect().right + 1;"
                    " return [...box.querySelectorAll('table, th, td')].some(e =>"
                    "  e.getBoundingClientRect().right > edge || e.scrollWidth - e.clientWidth > 1); }).length"))[
                    "result"].get("value", 0)
                if spill:
                    problem = (problem + "；" if problem else "") + f"{spill} 个 {entry['fit']} 的内容超出框"
            if entry.get("scroll"):
                evaluate(f"(e => e && e.scrollIntoView({{block: 'start'}}))(document.querySelector({json.dumps(entry['scroll'])}))")
                drain(0.3)
            if entry.get("fullPage"):
                full = send("Runtime.evaluate", returnByValue=True,
                            expression="document.documentElement.scrollHeight")["result"].get("value", height)
                send("Emulation.setDeviceMetricsOverride", width=width, height=min(max(full, height), 8000),
                     deviceScaleFactor=1, mobile=width < 600)
                drain(0.3)
            shot = send("Page.captureScreenshot", format="png")
            path = os.path.join(out, f"{entry['name']}-{width}x{height}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            status = "通过"
            if errors or problem:
                failed = True
                status = "失败：" + "；".join(errors[:3] + ([problem] if problem else []))
            note = f"（页面横向溢出 {overflow}px）" if overflow and overflow > 0 else ""
            if note and width < 600:  # on a phone the page must fit its width
                failed = True
                status = "失败：" + ("" if status == "通过" else status[3:] + "；") + "手机上" + note.strip("（）")
            print(f"{entry['name']:<10} {width}×{height}  {status}{note}  {path}")
    ws.close()
    sys.exit(1 if failed else 0)
finally:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
