#!/usr/bin/env python3
"""While CLIENTS callers POST the worst upload to /api/v1/convert, wrk reads a table page at 64
connections and a prober signs in every half second. Loopback only; every loop stops after SECONDS.
Prints the figures beside the aims (issue #13) and exits 1 when an aim is missed.

usage: hostile_load.py BASE SERVER_PID COOKIE TABLE_ID UPLOAD SECONDS CLIENTS CONNECTIONS
"""
import json, subprocess, sys, threading, time, urllib.request, urllib.error

base, pid, cookie, table, upload, seconds, clients, conns = sys.argv[1:9]
seconds, clients, conns = float(seconds), int(clients), int(conns)
body = open(upload, "rb").read()
stop = time.monotonic() + seconds
lock = threading.Lock()
converts = {}      # status -> count
convert_times = []
signins = []       # seconds each
errors = []


def post(url, data, headers, timeout=30):
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        e.read()
        return e.code
    except Exception as e:  # a refused or dropped connection is a failure to answer
        with lock:
            errors.append(str(e))
        return 0


def uploader():
    while time.monotonic() < stop:
        t = time.monotonic()
        status = post(base + "/api/v1/convert", body, {"Content-Type": "application/octet-stream"})
        with lock:
            converts[status] = converts.get(status, 0) + 1
            convert_times.append(time.monotonic() - t)
        if status in (429, 503):
            time.sleep(0.2)  # a polite client waits a little, as Retry-After asks


def prober():
    while time.monotonic() < stop:
        t = time.monotonic()
        status = post(base + "/api/v1/session", json.dumps({"username": "yewu", "password": "jixiao-demo"}).encode(),
                      {"Content-Type": "application/json"})
        with lock:
            signins.append((time.monotonic() - t, status))
        time.sleep(0.5)


def rss_mb():
    try:
        with open(f"/proc/{pid}/status") as f:
            return {l.split(":")[0]: int(l.split()[1]) / 1024 for l in f if l.startswith(("VmRSS", "VmHWM"))}
    except OSError:
        return {}


def wrk_run(duration):
    return subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{duration}s", "--latency", "-H", f"Cookie: {cookie}",
                           f"{base}/tables/{table}"], capture_output=True, text=True).stdout


def figures(out):
    rps = next((l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec")), "?")
    p99 = next((l.split()[1] for l in out.splitlines() if l.strip().startswith("99%")), "?")
    return rps, p99


# the same page without the attack first, for comparison in the same run
quiet_rps, quiet_p99 = figures(wrk_run(max(1, int(seconds / 2))))
stop = time.monotonic() + seconds
threads = [threading.Thread(target=uploader) for _ in range(clients)] + [threading.Thread(target=prober)]
for t in threads:
    t.start()
time.sleep(0.5)
out = wrk_run(max(1, int(seconds - 1)))
for t in threads:
    t.join()
rps, p99 = figures(out)
non2xx = next((l.strip() for l in out.splitlines() if "Non-2xx" in l or "Socket errors" in l), "")


def ms(text):
    for unit, f in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * f
    return float("inf")


worst_signin = max((s for s, _ in signins), default=float("inf"))
signin_ok = all(st == 200 for _, st in signins) and signins
mem = rss_mb()
print(f"{clients} clients POSTing {len(body) / 1e6:.1f} MB to /api/v1/convert for {seconds:.0f} s, {conns} connections reading /tables/:id")
print(f"  convert answers: {dict(sorted(converts.items()))}, slowest {max(convert_times, default=0):.2f} s, connection errors {len(errors)}")
print(f"  table page without the attack: {quiet_rps} req/s, p99 {quiet_p99}")
print(f"  table page under the attack:    {rps} req/s, p99 {p99} (aim < 200 ms) {non2xx}")
print(f"  sign-in while loaded: {len(signins)} tries, slowest {worst_signin * 1000:.0f} ms (aim < 1000 ms), all 200: {bool(signin_ok)}")
print(f"  server memory: now {mem.get('VmRSS', 0):.0f} MB, peak {mem.get('VmHWM', 0):.0f} MB")
ok = ms(p99) < 200 and worst_signin < 1.0 and signin_ok and 500 not in converts and not errors and not non2xx
print("hostile load: " + ("ok" if ok else "AIM MISSED"))
sys.exit(0 if ok else 1)
