#!/usr/bin/env python3
"""bench-profile.py - the two profiles behind docs/performance.md, from samplemap-bench runs.

  callgrind BENCH [COUNT]  instructions per message (callgrind, repeatable on a loaded machine)
                           of `BENCH --count COUNT --only samplemap-wake` (default 2000; +10 %
                           warm-up), per side: SampleMap's own code (common/ipc) without the
                           spin, libc memcpy, the spin (wait_word: depends on timing), the
                           benchmark's own payload work; and the top SampleMap functions.
  sched BENCH [COUNT]      `perf sched record` of `BENCH --count COUNT --only samplemap-wake-idle`:
                           how often the sender's wake put the receiver on the sender's own CPU,
                           the receiver's run-queue delay after the wake, and how long the
                           sender stayed on the CPU after waking it. Needs perf (linux-perf).
Writes its data files into a temporary directory. Linux only.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kw)


def callgrind(bench, count):
    messages = count + count // 10 + 1
    with tempfile.TemporaryDirectory() as tmp:
        run(["valgrind", "--tool=callgrind", "--trace-children=yes",
             f"--callgrind-out-file={tmp}/cg.%p", bench, "--count", str(count),
             "--only", "samplemap-wake"])
        for name in sorted(os.listdir(tmp)):
            out = run(["callgrind_annotate", "--inclusive=no", "--threshold=100",
                       os.path.join(tmp, name)]).stdout
            target = out.split("Profiled target:")[1].split("\n")[0]
            own, spin, mem, payload, rows = 0, 0, 0, 0, []
            for line in out.splitlines():
                m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S+):(\S+)", line)
                if not m:
                    continue
                ir, path, fn = int(m.group(1).replace(",", "")), m.group(2), m.group(3)
                if "common/ipc/" in path and fn == "wait_word":
                    spin += ir
                elif "common/ipc/" in path:
                    own += ir
                    rows.append((ir, fn))
                elif "memmove" in path or "memcpy" in fn:
                    mem += ir
                elif "bench/bench.c" in path:
                    payload += ir
            side = "receiver" if "--child" in target else "sender"
            print(f"{side}: SampleMap {own / messages:.0f} Ir/message, memcpy {mem / messages:.0f}, "
                  f"spin {spin / messages:.0f}, benchmark's own {payload / messages:.0f}")
            for ir, fn in sorted(rows, reverse=True)[:5]:
                print(f"    {fn:28s} {ir / messages:7.0f}")


def sched(bench, count):
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "sched.data")
        run(["perf", "sched", "record", "-o", data, "--", bench, "--count", str(count),
             "--only", "samplemap-wake-idle"])
        out = run(["perf", "sched", "timehist", "-w", "-i", data]).stdout
    rows = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+)\s+\[(\d+)\]\s+(\S+)\[(\d+)\](?:/\d+)?\s+(.*)", line)
        if m:
            rows.append((float(m.group(1)), int(m.group(2)), m.group(3), int(m.group(4)), m.group(5)))
    pids = sorted({pid for _, _, name, pid, _ in rows if name.startswith("samplemap-bench")})
    sender, receiver = pids[0], pids[-1]  # the receiver is the sender's child: the higher pid
    delays, same, stayed, pending = [], 0, [], None
    for t, cpu, _, pid, rest in rows:
        woke = re.match(r"awakened: samplemap-bench\[(\d+)\]", rest.strip())
        if woke and pid == sender and int(woke.group(1)) == receiver:
            pending = (t, cpu)
            continue
        if woke or pending is None or len(rest.split()) < 3:
            continue
        if pid == sender:  # the sender leaves the CPU: it stayed this long after its wake call
            stayed.append((t - pending[0]) * 1e6)
        elif pid == receiver:  # the woken receiver leaves the CPU: its run-queue delay column
            delays.append(float(rest.split()[1]) * 1000)
            same += cpu == pending[1]
            pending = None
    if not delays:
        print("no wake-ups of the receiver by the sender recorded")
        return 1
    print(f"{len(delays)} wake-ups of the receiver by the sender; on the sender's CPU: {same} "
          f"({100 * same / len(delays):.0f} %)")
    print(f"receiver's run-queue delay after the wake: median {statistics.median(delays):.1f} us, "
          f"p90 {statistics.quantiles(delays, n=10)[8]:.1f} us")
    if stayed:
        print(f"sender still on the CPU after the wake: median {statistics.median(stayed):.1f} us")
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("callgrind", "sched"):
        print(__doc__)
        return 2
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    return (callgrind if sys.argv[1] == "callgrind" else sched)(sys.argv[2], count) or 0


if __name__ == "__main__":
    sys.exit(main())
