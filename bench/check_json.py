#!/usr/bin/env python3
"""bench.json: runs samplemap-bench --json ARGS and parses every line with Python's json module.
With --runs N it also checks that each target agrees with its runs (met in all: met; in none: missed);
with one run, that each row's share of messages over 30 us agrees with its max, median and p99.

Each line must be one object with the common fields of docs/json.md (event, time with a
UTC offset, monotonic_ns); there is one "result" per transport that ran (all of them, in
order, unless --only), the *-idle rows with their ratios to pipe-idle, and a final
"summary" with every target and verified == true. Exit 77 (skip) when the benchmark itself skips (Windows).

Every idle row but no-ipc-idle says where its receiver was woken (other_cpu_pct, and
over_30us_other_cpu_pct, a part of over_30us_pct); no-ipc-idle, one process reading the clock
for 7 us windows, never takes less than its window. --expect-other-cpu PCT (given before BENCH,
with the bench run under taskset or --pin) requires every such row's other_cpu_pct to be PCT.
usage: check_json.py [--expect-other-cpu PCT] BENCH [ARGS...]
"""
import datetime
import json
import os
import subprocess
import sys


EXPECTED = ["floor", "floor-stream", "samplemap-wake", "samplemap-stream", "samplemap-wake-idle", "samplemap-poll", "pipe-acked", "pipe-stream",
            "pipe-idle", "pipe-quick-idle", "unix-acked", "unix-stream", "unix-idle", "no-ipc-idle"]
IDLE_TURN = 250  # bench.c
TARGETS_QUIET = ["wake_median_le_2_floor", "wake_p99_le_0_1_pipe", "stream_throughput_ge_1_5_stream_pipe",
                 "idle_median_le_idle_pipe", "idle_p99_le_idle_pipe"]
TARGETS_BUSY = ["wake_throughput_ge_1_5_pipe", "wake_p99_le_pipe", "stream_throughput_ge_1_5_stream_pipe",
                "wake_max_le_2_pipe", "idle_median_le_idle_pipe", "idle_p99_le_idle_pipe"]
TARGETS = sorted(set(TARGETS_QUIET + TARGETS_BUSY))


def expected_scenarios(args):
    """The scenario labels the run must report, in order, from --scenarios / --load (default quiet)."""
    for flag in ("--scenarios", "--load"):
        if flag in args:
            labels = []
            for text in args[args.index(flag) + 1].split(","):
                load, _, nice = text.partition(":")
                labels.append("quiet" if text in ("quiet", "0") or load == "0"
                              else f"{int(load)}:{int(nice or 0)}")
            return labels
    return ["quiet"]


def check_load(summary, label):
    """A busy scenario: its load processes ran at the asked nice, used CPU and hardly blocked
    (voluntary context switches: a loop that never sleeps has none but its exit). How much CPU they
    got depends on what else runs (a nice 19 one gets little beside nice-0 work), so only a little
    is required."""
    if label == "quiet":
        if summary.get("load_processes") != 0 or "load_cpu_s" in summary:
            print(f"FAIL: a quiet scenario with a load: {summary}")
            return False
        return True
    load, nice = (int(x) for x in label.split(":"))
    if summary.get("load_processes") != load or summary.get("load_nice") != nice:
        print(f"FAIL: scenario {label}: summary says load {summary.get('load_processes')} at nice "
              f"{summary.get('load_nice')}")
        return False
    if summary.get("load_nice_seen") != nice:
        print(f"FAIL: scenario {label}: the load processes ran at nice {summary.get('load_nice_seen')} "
              f"(-100: not all the same), not {nice}")
        return False
    cpu, wall = summary.get("load_cpu_s", 0), summary.get("load_wall_s", 0)
    blocked = summary.get("load_voluntary_switches")
    # A spinning process blocks once at most (when it is killed); it gets at least a fifth of a
    # percent of a CPU even at nice 19 beside busy nice-0 work; a sleeping one gets almost none.
    if not (wall > 0 and cpu >= 0.002 * load * wall and blocked is not None and blocked <= 2 * load):
        print(f"FAIL: scenario {label}: the load used {cpu} CPU-s in {wall} s and blocked {blocked} "
              f"times; {load} spinning processes use CPU and do not block")
        return False
    print(f"scenario {label}: the load used {cpu:.2f} CPU-s in {wall:.2f} s at nice {nice}, blocking {blocked} times")
    return True


def check_cpus(results, expect_other):
    """The idle rows' CPU fields: present, consistent, and as expected when pinned."""
    for r in results:
        if not r["transport"].endswith("-idle"):
            if "other_cpu_pct" in r:
                print(f"FAIL: a row that is not idle says where it was woken: {r}")
                return False
            continue
        if r["transport"] == "no-ipc-idle":
            if "other_cpu_pct" in r or r["median_us"] < 7.0 or r["max_us"] < r["p99_us"]:
                print(f"FAIL: no-ipc-idle is one process and takes at least its 7 us window: {r}")
                return False
            continue
        other, slow_other = r.get("other_cpu_pct"), r.get("over_30us_other_cpu_pct")
        if not (isinstance(other, (int, float)) and isinstance(slow_other, (int, float))
                and 0 <= slow_other <= other <= 100 and slow_other <= r["over_30us_pct"]):
            print(f"FAIL: other_cpu_pct / over_30us_other_cpu_pct missing or inconsistent: {r}")
            return False
        if expect_other is not None and abs(other - expect_other) > 1e-9:
            print(f"FAIL: {r['transport']}: other_cpu_pct {other}, expected {expect_other} "
                  f"(pinned run)")
            return False
    return True


def check_turns(results):
    """One run: the idle rows take turns (250 messages each), so with two turns or more each
    their times overlap; one row run after another would not."""
    idle = [r for r in results if r["transport"].endswith("-idle")]
    if len(idle) < 2 or min(r["messages"] for r in idle) < 2 * IDLE_TURN:
        return True
    if max(r["first_send_ns"] for r in idle) >= min(r["last_arrival_ns"] for r in idle):
        print(f"FAIL: the idle rows ran one after another, not taking turns: "
              f"{[(r['transport'], r['first_send_ns'], r['last_arrival_ns']) for r in idle]}")
        return False
    print(f"the {len(idle)} idle rows took turns (their times overlap)")
    return True


def main():
    expect_other = None
    if sys.argv[1] == "--expect-other-cpu":
        expect_other = float(sys.argv[2])
        del sys.argv[1:3]
    if "--pin" in sys.argv and (os.cpu_count() or 1) < 2:
        print("skip: --pin needs two CPUs")
        return 77
    done = subprocess.run([sys.argv[1], "--json"] + sys.argv[2:], capture_output=True, text=True, timeout=170)
    if done.returncode == 77:
        return 77
    if done.returncode != 0:
        print(f"FAIL: samplemap-bench exit {done.returncode}: {done.stderr}")
        return 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    for obj in lines:
        datetime.datetime.fromisoformat(obj["time"]).utcoffset()  # raises without an offset
        if not (isinstance(obj["event"], str) and isinstance(obj["monotonic_ns"], int)):
            print(f"FAIL: common fields missing: {obj}")
            return 1
    # Each scenario: its results, then its summary, all carrying its label, in the order asked.
    labels = expected_scenarios(sys.argv)
    summaries = [o for o in lines if o["event"] == "summary"]
    if [o.get("scenario") for o in summaries] != labels or not lines or lines[-1]["event"] != "summary":
        print(f"FAIL: expected a summary for each of the scenarios {labels}, last, got "
              f"{[o.get('scenario') for o in summaries]}")
        return 1
    start = 0
    for summary in summaries:
        end = lines.index(summary)
        group = lines[start:end]
        start = end + 1
        if any(o.get("scenario") != summary["scenario"] for o in group):
            print(f"FAIL: a result of another scenario among {summary['scenario']}'s: {group}")
            return 1
        if check_scenario(group, summary, expect_other) != 0:
            return 1
        if not check_load(summary, summary["scenario"]):
            return 1
    print(f"bench.json ok: {len(labels)} scenario(s), summaries verified")
    return 0


def check_scenario(group, summary, expect_other):
    """One scenario's results and summary."""
    results = [o for o in group if o["event"] == "result"]
    if len(results) < 2 or summary["verified"] is not True:
        print(f"FAIL: expected results and a verified summary, got {group} {summary}")
        return 1
    for r in results:
        if not (isinstance(r["transport"], str) and r["messages"] > 0 and r["median_us"] > 0
                and r["payload_bytes"] == 2048 and 0 <= r["over_30us_pct"] <= 100):
            print(f"FAIL: result line {r}")
            return 1
        # The mean lies between the smallest latency (at most the median) and the largest.
        if not (0 < r["mean_us"] <= r["max_us"] and r["median_us"] <= r["p99_us"] <= r["max_us"]):
            print(f"FAIL: mean_us / max_us out of order with median_us and p99_us: {r}")
            return 1
    # One run: the share of messages over 30 us agrees with the order statistics of the same
    # latencies (the slowest, the median, the p99 are over 30 us exactly when enough are).
    if "--runs" not in sys.argv:
        for r in results:
            n, slow = r["messages"], round(r["over_30us_pct"] * r["messages"] / 100)
            if ((slow > 0) != (r["max_us"] > 30) or (slow >= n - n // 2) != (r["median_us"] > 30)
                    or (slow >= n - n * 99 // 100) != (r["p99_us"] > 30)):
                print(f"FAIL: over_30us_pct disagrees with max_us, median_us or p99_us: {r}")
                return 1
            # A mean over 30 us needs some message over 30 us.
            if r["mean_us"] > 30 and slow == 0:
                print(f"FAIL: mean_us over 30 us with no message over 30 us: {r}")
                return 1
    # Without --only every transport runs; the idle rows carry their ratios to pipe-idle.
    names = [r["transport"] for r in results]
    if "--only" not in sys.argv and names != EXPECTED:
        print(f"FAIL: transports {names}, expected {EXPECTED}")
        return 1
    if "--only" in sys.argv:
        asked = sys.argv[sys.argv.index("--only") + 1].split(",")
        if names != [name for name in EXPECTED if name in asked]:
            print(f"FAIL: transports {names}, asked for {asked}")
            return 1
    for r in results:
        if r["transport"].endswith("-idle") and not ((r.get("median_ratio_to_idle_pipe") or 0) > 0
                                                      and (r.get("p99_ratio_to_idle_pipe") or 0) > 0):
            print(f"FAIL: idle row without its ratios to pipe-idle: {r}")
            return 1
    if not check_cpus(results, expect_other):
        return 1
    if "--runs" not in sys.argv and not check_turns(results):
        return 1
    targets = TARGETS_QUIET if summary["scenario"] == "quiet" else TARGETS_BUSY
    if "--only" not in sys.argv and not all(isinstance(summary.get(key), bool) for key in targets):
        print(f"FAIL: summary lacks a target of docs/performance.md: {summary}")
        return 1
    if any(key in summary for key in TARGETS if key not in targets):
        print(f"FAIL: scenario {summary['scenario']} judged on another scenario's target: {summary}")
        return 1
    # --runs N: a target is judged on the median of its runs, so one met in every run is met and
    # one met in none is missed; the count of runs that met it is 0..N; the value lies in the spread.
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    if summary.get("runs") != runs:
        print(f"FAIL: summary says runs {summary.get('runs')}, expected {runs}")
        return 1
    for key in targets:
        if key not in summary:
            continue
        met = summary.get(f"{key}_runs_met")
        if not (isinstance(met, int) and 0 <= met <= runs) or \
                (met == runs and not summary[key]) or (met == 0 and summary[key]):
            print(f"FAIL: {key} is {summary[key]} with {met} of {runs} runs met")
            return 1
        if not summary[f"{key}_low"] <= summary[f"{key}_value"] <= summary[f"{key}_high"]:
            print(f"FAIL: {key}: the value lies outside its spread: {summary}")
            return 1
    print(f"scenario {summary['scenario']}: {len(results)} transports, summary verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
