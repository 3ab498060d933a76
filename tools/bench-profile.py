#!/usr/bin/env python3
"""bench-profile.py - the two profiles behind docs/performance.md, from samplemap-bench runs.

  callgrind BENCH [COUNT]  instructions per message (callgrind, repeatable on a loaded machine)
                           of `BENCH --count COUNT --only samplemap-wake` (default 2000; +10 %
                           warm-up), per side: SampleMap's own code (common/ipc) without the
                           spin, libc memcpy, the spin (wait_word: depends on timing), the
                           benchmark's own payload work; and the top SampleMap functions.
  sched BENCH [COUNT]      `perf sched record` of `BENCH --count COUNT --only
                           samplemap-wake-idle,pipe-idle`: for each row, how often the
                           sender's wake put the receiver on the sender's own CPU or on the
                           other one, and how long the receiver took to run after the wake in
                           each case (median, p99, count over 20 us). Needs perf (linux-perf).
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


def sched_wakes(data):
    """(waker pid, woken pid) -> [(waker's CPU, CPU it ran on, us from sched_waking to running)]."""
    out = run(["perf", "script", "-i", data, "-F", "pid,cpu,time,event,trace"]).stdout
    pending, wakes = {}, {}
    for line in out.splitlines():
        m = re.match(r"\s*(\d+)(?:/\d+)?\s+\[(\d+)\]\s+([\d.]+):\s+sched:(\w+):\s+(.*)", line)
        if not m:
            continue
        pid, cpu, t, event, fields = int(m.group(1)), int(m.group(2)), float(m.group(3)), m.group(4), m.group(5)
        if event == "sched_waking":
            pending[int(re.search(r" pid=(\d+)", fields).group(1))] = (t, cpu, pid)
        elif event == "sched_switch":
            woken = int(re.search(r"next_pid=(\d+)", fields).group(1))
            if woken in pending:
                t0, waker_cpu, waker = pending.pop(woken)
                wakes.setdefault((waker, woken), []).append((waker_cpu, cpu, (t - t0) * 1e6))
    return wakes


def sched(bench, count):
    """Where each idle row's receiver runs after its sender wakes it, and how long that takes."""
    rows = ["samplemap-wake-idle", "pipe-idle"]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "sched.data")
        run(["perf", "sched", "record", "-o", data, "--", bench, "--count", str(count),
             "--only", ",".join(rows)])
        wakes = sched_wakes(data)
    # The benchmark is the sender of every row; each row's receiver is a child it starts, in row order.
    per_waker = {}
    for (waker, _), waits in wakes.items():
        per_waker[waker] = per_waker.get(waker, 0) + len(waits) * (waker != 0)
    sender = max(per_waker, key=per_waker.get)  # it wakes a receiver for every message
    receivers = sorted({woken for waker, woken in wakes if waker == sender and len(wakes[(waker, woken)]) > 100})
    if len(receivers) != len(rows):
        print(f"expected {len(rows)} receivers woken by the sender, found {len(receivers)}")
        return 1
    print("per row: the sender's wakes of its receiver, by where the receiver ran (the sender's CPU or the "
          "other one), with the time from the wake to the receiver running (us)")
    for row, receiver in zip(rows, receivers):
        waits = wakes[(sender, receiver)]
        print(f"{row}: {len(waits)} wakes")
        for label, same in (("sender's CPU", True), ("other CPU", False)):
            times = sorted(us for waker_cpu, cpu, us in waits if (waker_cpu == cpu) == same)
            if not times:
                print(f"  {label:13s}     0")
                continue
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            slow = sum(us > 20 for us in times)
            print(f"  {label:13s} {len(times):5d} ({100 * len(times) / len(waits):5.2f} %)  median "
                  f"{statistics.median(times):6.1f}  p99 {p99:6.1f}  over 20 us: {slow}")
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("callgrind", "sched"):
        print(__doc__)
        return 2
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    return (callgrind if sys.argv[1] == "callgrind" else sched)(sys.argv[2], count) or 0


if __name__ == "__main__":
    sys.exit(main())
