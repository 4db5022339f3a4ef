#!/usr/bin/env python3
"""Mutates .xls files and runs each through `jixiao convert`, one process an input, with a time
limit and a memory ceiling, and sums up: crashes, hangs, the slowest input and the peak memory.

The mutations aim at what a hostile or broken file would change (see docs/OFFICE-IO.md):
bit flips; truncation; header, directory and FAT fields set to extreme values; sector chains
rewritten into loops or out of the file; BIFF record lengths and fields set to extremes; chunks
duplicated or cut. A failing input is kept in the output folder with how to replay it.

Usage: fuzz_xls.py --binary PATH --count N [--seed S] [--jobs J] [--out DIR] [--timeout 2] [--max-rss-mb 500] [SEED.xls ...]
Without seed files it uses ../shared/realfiles/*.xls and, when xlwt is installed, a workbook it writes.
"""
import argparse, glob, os, random, signal, struct, subprocess, sys, tempfile, threading, time

EXTREMES32 = [0, 1, 2, 0x7F, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFA,
              0xFFFFFFFC, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFF]
EXTREMES16 = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x2020, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF]


def u32(data, at):
    return struct.unpack_from("<I", data, at)[0] if at + 4 <= len(data) else None


def put32(data, at, value):
    if 0 <= at and at + 4 <= len(data):
        struct.pack_into("<I", data, at, value & 0xFFFFFFFF)


def put16(data, at, value):
    if 0 <= at and at + 2 <= len(data):
        struct.pack_into("<H", data, at, value & 0xFFFF)


class Layout:
    """Just enough of [MS-CFB] to aim mutations: sector size, FAT sectors, directory sectors."""

    def __init__(self, data):
        self.ok = len(data) >= 512 and data[:8] == b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
        if not self.ok:
            return
        shift = struct.unpack_from("<H", data, 30)[0]
        self.size = 1 << shift if shift in (9, 12) else 512
        self.sectors = max(len(data) // self.size - 1, 0)
        self.fat = [u32(data, 76 + 4 * i) for i in range(109)]
        self.fat = [s for s in self.fat if s is not None and s < self.sectors]
        self.directory = []
        start = u32(data, 48)
        seen = set()
        while start is not None and start < self.sectors and start not in seen and len(self.directory) < 64:
            seen.add(start)
            self.directory.append(start)
            start = self.fat_entry(data, start)

    def offset(self, sector):
        return (sector + 1) * self.size

    def fat_entry_offset(self, sector):
        per = self.size // 4
        index = sector // per
        if index >= len(self.fat):
            return None
        return self.offset(self.fat[index]) + (sector % per) * 4

    def fat_entry(self, data, sector):
        at = self.fat_entry_offset(sector)
        return None if at is None else u32(data, at)

    def directory_entries(self):
        for sector in self.directory:
            for i in range(self.size // 128):
                yield self.offset(sector) + i * 128


def biff_records(data):
    """Record headers of the workbook stream as laid out in the file (streams are written in order)."""
    start = data.find(b"\x09\x08\x10\x00\x00\x06")
    records = []
    at = start
    while 0 <= at and at + 4 <= len(data) and len(records) < 20000:
        kind, length = struct.unpack_from("<HH", data, at)
        if kind == 0 and length == 0:
            break
        records.append((at, kind, length))
        at += 4 + length
    return records


def mutate(data, rng):
    data = bytearray(data)
    layout = Layout(data)
    how = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        kind = rng.choice(["bits", "bits", "truncate", "header", "directory", "chain", "chain", "record", "record",
                           "record", "splice"])
        if kind == "bits":
            for _ in range(rng.randint(1, 16)):
                at = rng.randrange(len(data))
                data[at] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            data = data[:rng.randrange(len(data))]
        elif kind == "header" and layout.ok:
            field = rng.choice([30, 32, 44, 48, 56, 60, 64, 68, 72] + [76 + 4 * i for i in range(4)])
            value = rng.choice(EXTREMES32 + [layout.sectors, layout.sectors + 1])
            (put16 if field in (30, 32) else put32)(data, field, value)
            kind = "header@%d=%#x" % (field, value)
        elif kind == "directory" and layout.ok:
            entries = list(layout.directory_entries())
            if entries:
                entry = rng.choice(entries[:8])
                field = rng.choice([64, 66, 68, 72, 76, 116, 120, 124])
                value = rng.choice(EXTREMES32 + [layout.sectors, 0, 1])
                if field in (64,):
                    put16(data, entry + field, value)
                elif field == 66:
                    if entry + 66 < len(data):
                        data[entry + 66] = rng.choice([0, 1, 2, 5, 0xFF])
                else:
                    put32(data, entry + field, value)
                kind = "directory@%d+%d=%#x" % (entry, field, value)
        elif kind == "chain" and layout.ok and layout.sectors > 2:
            sector = rng.randrange(layout.sectors)
            at = layout.fat_entry_offset(sector)
            if at is not None:
                choice = rng.choice(["self", "back", "outside", "free", "end", "special"])
                value = {"self": sector, "back": rng.randrange(max(sector, 1)), "outside": layout.sectors + rng.randint(0, 1 << 20),
                         "free": 0xFFFFFFFF, "end": 0xFFFFFFFE, "special": rng.choice([0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFB])}[choice]
                put32(data, at, value)
                kind = "chain[%d]=%s" % (sector, choice)
        elif kind == "record":
            records = biff_records(data)
            if records:
                at, rtype, length = rng.choice(records)
                target = rng.choice(["length", "field16", "field32", "field32"])
                if target == "length":
                    put16(data, at + 2, rng.choice(EXTREMES16 + [length + 1, max(length - 1, 0)]))
                elif length >= 2:
                    offset = at + 4 + rng.randrange(max(length - 1, 1))
                    if target == "field16":
                        put16(data, offset, rng.choice(EXTREMES16))
                    else:
                        put32(data, offset, rng.choice(EXTREMES32))
                kind = "record %#06x %s" % (rtype, target)
        elif kind == "splice" and len(data) > 16:
            a = rng.randrange(len(data))
            b = min(len(data), a + rng.randint(1, 4096))
            if rng.random() < 0.5:
                data[a:b] = b""
            else:
                c = rng.randrange(len(data))
                data[c:c] = data[a:b]
        how.append(kind)
    return bytes(data), how


def xlwt_seed(directory):
    try:
        import xlwt
    except ImportError:
        return []
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("项目支出")
    for r in range(300):
        sheet.write(r, 0, "第%d项指标：培训人次" % r * (1 + r % 4))
        sheet.write(r, 1, r * 1.5)
        sheet.write(r, 2, r % 2 == 0)
        sheet.write(r, 3, xlwt.Formula("B%d*2" % (r + 1)))
    sheet.write_merge(300, 301, 0, 3, "合并")
    sheet.row(5).hidden = True
    book.add_sheet("说明").write(0, 0, "second")
    path = os.path.join(directory, "xlwt-seed.xls")
    book.save(path)
    return [path]


def run_one(binary, path, timeout):
    """Runs the binary on one input; returns (status, seconds, max RSS in MB, stderr head)."""
    start = time.monotonic()
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([binary, "convert", path, "-q"], stdout=null, stderr=err, stdin=subprocess.DEVNULL)
        status = None
        rss_kb = 0
        while True:
            pid, code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                status = code
                rss_kb = usage.ru_maxrss
                break
            if time.monotonic() - start > timeout:
                process.kill()
                _, code, usage = os.wait4(process.pid, 0)
                rss_kb = usage.ru_maxrss
                status = "hang"
                break
            time.sleep(0.002)
        process.returncode = 0  # reaped above; keep Popen from waiting again
        err.seek(0)
        message = err.read(600).decode("utf-8", "replace")
    return status, time.monotonic() - start, rss_kb / 1024, message


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--max-rss-mb", type=float, default=500)
    parser.add_argument("--out", default="bench-out/fuzz-xls")
    parser.add_argument("seeds", nargs="*")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fuzz-xls-")
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("JIXIAO_SHARED", os.path.join(here, "..", "..", "..", "shared"))
    seeds = args.seeds or sorted(glob.glob(os.path.join(shared, "realfiles", "*.xls"))) + xlwt_seed(work)
    if not seeds:
        print("no seed .xls files: give some, or put ../shared beside the repository")
        return 2
    corpus = [open(path, "rb").read() for path in seeds]
    print("fuzz-xls: %d inputs from %d seed files (%s), seed %d, %d jobs, limit %.1f s and %d MB an input"
          % (args.count, len(corpus), ", ".join(os.path.basename(s) for s in seeds), seed, args.jobs, args.timeout, args.max_rss_mb))

    # The unmutated seeds must read: otherwise every "refusal" below would prove nothing.
    for path in seeds:
        status, _, _, message = run_one(args.binary, path, 30)
        if status not in (0, 256):
            print("seed %s does not read cleanly (status %s): %s" % (path, status, message))
            return 2

    lock = threading.Lock()
    totals = {"ok": 0, "no_table": 0, "refused": 0, "crash": 0, "hang": 0, "memory": 0, "unexpected": 0, "not_chinese": 0}
    slowest = [0.0, ""]
    peak = [0.0, ""]
    next_index = [0]

    def worker(number):
        rng_local = random.Random()
        while True:
            with lock:
                index = next_index[0]
                if index >= args.count:
                    return
                next_index[0] += 1
            # Each input depends only on (seed, index): any one can be replayed alone.
            rng_local.seed("%d-%d" % (seed, index))
            base = corpus[index % len(corpus)]
            data, how = mutate(base, rng_local)
            path = os.path.join(work, "in-%d-%d.xls" % (number, index))
            with open(path, "wb") as f:
                f.write(data)
            status, seconds, rss, message = run_one(args.binary, path, args.timeout)
            if status == "hang":
                verdict = "hang"
            elif os.WIFSIGNALED(status):
                verdict = "crash"
            elif os.WEXITSTATUS(status) == 0:
                verdict = "ok"
            elif os.WEXITSTATUS(status) == 1:
                # Read, but no goal table in what was read; else the reader refused the file.
                verdict = "no_table" if "没有读到任何绩效目标表" in message else "refused"
            else:
                verdict = "unexpected"
            if rss > args.max_rss_mb:
                verdict = "memory"
            chinese = any("\u4e00" <= ch <= "\u9fff" for ch in message)
            with lock:
                totals[verdict] += 1
                if verdict == "refused" and not chinese:
                    totals["not_chinese"] += 1
                if seconds > slowest[0]:
                    slowest[:] = [seconds, "input %d (%s)" % (index, ", ".join(how))]
                if rss > peak[0]:
                    peak[:] = [rss, "input %d" % index]
                if verdict in ("crash", "hang", "memory", "unexpected") or (verdict == "refused" and not chinese):
                    kept = os.path.join(args.out, "%s-%d-%d.xls" % (verdict, seed, index))
                    with open(kept, "wb") as f:
                        f.write(data)
                    print("%s: input %d (%s) status %s, %.2f s, %.0f MB → %s\n  %s"
                          % (verdict, index, ", ".join(how), status, seconds, rss, kept, message.strip()[:200]))
                done = sum(totals[k] for k in ("ok", "no_table", "refused", "crash", "hang", "memory", "unexpected"))
                if done % 1000 == 0:
                    print("  %d done" % done, flush=True)
            os.remove(path)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    print("inputs %d: read with tables %d, read without a goal table %d, refused with a message %d (not in Chinese: %d), "
          "crashes %d, hangs over %.1f s %d, over %d MB %d, other exits %d"
          % (args.count, totals["ok"], totals["no_table"], totals["refused"], totals["not_chinese"], totals["crash"], args.timeout,
             totals["hang"], args.max_rss_mb, totals["memory"], totals["unexpected"]))
    print("slowest %.3f s: %s" % tuple(slowest))
    print("peak memory %.1f MB: %s" % tuple(peak))
    print("wall time %.0f s; replay with --seed %d" % (elapsed, seed))
    bad = totals["crash"] + totals["hang"] + totals["memory"] + totals["unexpected"] + totals["not_chinese"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
