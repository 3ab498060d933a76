#!/usr/bin/env python3
"""GUI figures for issue 6, under Xvfb: start -> visible window, idle CPU over 10 s,
CPU of the receiver window at 100 messages/s, publish -> taken latency, peak RSS.

usage: tools/gui-bench.py [--build DIR] [--idle S] [--messages N] [--json]

Both windows run side by side in poll mode, then with --wake. Messages come from the
headless sender (--stdin, the same mode flag), each carrying a time.monotonic_ns() stamp
(CLOCK_MONOTONIC, the clock the apps use); the receiver window appends each message it
takes to its --log, flushed per message, and this script stamps the line's arrival by
watching that file (0.2 ms polling, so figures carry up to ~0.2 ms of resolution).
"publish -> taken" is the time until the window took the message and logged it; the frame
that shows it follows within one event-loop turn (no per-frame timestamp hook exists yet).
CPU comes from /proc/PID/stat (utime+stime), RSS peak from VmHWM in /proc/PID/status.
Linux only.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def start_xvfb():
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stderr=subprocess.DEVNULL)
    os.close(w)
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(r, 16)
        if not chunk:
            raise SystemExit("Xvfb did not start")
        data += chunk
    os.close(r)
    return xvfb, ":" + data.decode().strip()


def wait_visible(pid, env, timeout=30):
    subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(pid)], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=True)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def run_mode(build, mode, env, idle_s, messages):
    flags = ["--wake"] if mode == "wake" else []
    name = f"Local\\gb{os.getpid()}{mode}"
    log = f"/tmp/samplemap-gui-bench-{os.getpid()}-{mode}.log"
    if os.path.exists(log):
        os.unlink(log)
    sender = os.path.join(build, "sender", "samplemap-sender")
    receiver = os.path.join(build, "receiver", "samplemap-receiver")
    out = {"mode": mode}
    t0 = time.monotonic()
    rx = subprocess.Popen([receiver, "--name", name, "--log", log, "--geometry", "0,0"] + flags, env=env,
                          stderr=subprocess.DEVNULL)
    wait_visible(rx.pid, env)
    out["receiver_start_to_visible_ms"] = (time.monotonic() - t0) * 1000
    t0 = time.monotonic()
    tx = subprocess.Popen([sender, "--name", name, "--geometry", "800,0"] + flags, env=env,
                          stderr=subprocess.DEVNULL)
    wait_visible(tx.pid, env)
    out["sender_start_to_visible_ms"] = (time.monotonic() - t0) * 1000
    time.sleep(1.0)  # let first frames and font caches settle
    c_rx, c_tx, t_start = cpu_s(rx.pid), cpu_s(tx.pid), time.monotonic()
    time.sleep(idle_s)
    wall = time.monotonic() - t_start
    out["receiver_idle_cpu_pct"] = (cpu_s(rx.pid) - c_rx) / wall * 100
    out["sender_idle_cpu_pct"] = (cpu_s(tx.pid) - c_tx) / wall * 100

    # 100 messages/s through the headless sender, each stamped; watch the receiver's log.
    feeder = subprocess.Popen([sender, "--name", name, "--stdin", "--interval", "1"] + flags,
                              stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    latencies, sent_at = [], {}
    c_rx, t_start = cpu_s(rx.pid), time.monotonic()
    next_send = time.monotonic()
    seen = 0
    pos = 0
    deadline = time.monotonic() + messages / 100.0 + 30
    while seen < messages and time.monotonic() < deadline:
        now = time.monotonic()
        if len(sent_at) < messages and now >= next_send:
            i = len(sent_at)
            stamp = time.monotonic_ns()
            sent_at[i] = stamp
            feeder.stdin.write(f"m{i} {stamp}\n".encode())
            feeder.stdin.flush()
            next_send += 0.01
        try:
            with open(log, "rb") as f:
                f.seek(pos)
                chunk = f.read()
        except FileNotFoundError:
            chunk = b""
        arrived = time.monotonic_ns()
        if chunk and chunk.endswith(b"\n"):
            pos += len(chunk)
            for line in chunk.decode().splitlines():
                stamp = int(line.split()[1])
                latencies.append((arrived - stamp) / 1e6)
                seen += 1
        time.sleep(0.0002)
    wall = time.monotonic() - t_start
    out["receiver_cpu_pct_at_100_msgs_s"] = (cpu_s(rx.pid) - c_rx) / wall * 100
    feeder.stdin.close()
    feeder.wait(timeout=30)
    out["messages"] = seen
    if seen != messages:
        out["error"] = f"only {seen} of {messages} messages arrived"
    if latencies:
        out["publish_to_taken_median_ms"] = statistics.median(latencies)
        out["publish_to_taken_p99_ms"] = pct(latencies, 0.99)
    out["receiver_peak_rss_kib"] = vm_hwm_kib(rx.pid)
    out["sender_peak_rss_kib"] = vm_hwm_kib(tx.pid)
    for p in (rx, tx):
        p.terminate()
        p.wait(timeout=10)
    subprocess.run([sender, "--unlink", "--name", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.unlink(log)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--messages", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11")
    try:
        results = [run_mode(args.build, mode, env, args.idle, args.messages) for mode in ("poll", "wake")]
    finally:
        xvfb.terminate()
        xvfb.wait()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        keys = [k for k in results[0] if k != "mode"]
        print(f"{'figure':<34}" + "".join(f"{r['mode']:>12}" for r in results))
        for k in keys:
            row = "".join(f"{r.get(k, float('nan')):>12.2f}" if isinstance(r.get(k), (int, float))
                          else f"{str(r.get(k)):>12}" for r in results)
            print(f"{k:<34}{row}")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
