#!/usr/bin/env python3
"""GUI figures for docs/performance.md, under Xvfb: start -> visible window and -> first frame (wall and CPU), idle CPU,
the receiver window's take rate and CPU at 100 messages/s offered, publish -> frame latency,
the time to show a burst of 1000 queued messages, the cost of a resize step with 1000 entries
in the list, and peak RSS.

usage: tools/gui-bench.py [--build DIR] [--idle S] [--messages N] [--burst N] [--load N[:NICE]] [--json]

Both windows run side by side in poll mode (the default 200 ms), then with --wake.
Messages come from the headless sender (--stdin, the same mode flag, --interval 1 so its own
delivery check never holds the next line back), each carrying a time.monotonic_ns() stamp
(CLOCK_MONOTONIC, the clock the apps use) taken just before the line is written to it.
The receiver window runs with --trace state,frames and prints "frame <seq> <ns>" right
after SDL_RenderPresent of the first frame that shows message <seq> (and "resized <w> <h> <ns>"
for the first frame at each new size); its --log holds message <seq> on line <seq>, so
publish -> frame = frame ns - the stamp in that line. The stamp is taken a few microseconds
before the sender publishes (pipe write, read, UTF-16 conversion).
Latency messages are paced (250 ms apart in poll mode, longer than one poll, so none queues;
50 ms in wake mode, a few frames' time) and the pace is not a multiple of the poll, so arrivals
land at every phase of it. "start -> first frame" is Popen -> the "ready" line the app prints
after its first frame; "start CPU" is the process's CPU time at that line, and "waiting for
CPU" the time its main thread was runnable but not running (/proc/PID/schedstat): on a busy
machine that, not the app, is what separates the wall time from the CPU time.
Burst: the slot holds one message, so a queue is senders waiting for it: 10 headless senders
(--stdin --interval 1, the mode's flag) each send a warm-up line (so all are running and have
the channel open), then get 100 lines at once; the figure is the time from writing those lines
to the frame that shows the last of the 1000, all checked in the --log file.
Resize: with the burst's 1000 entries (each ~150 characters, two or three lines) in the list,
the window is resized in 20 steps of 12 px, narrower then back (xdotool windowsize); the figure is the receiver's
CPU time per step (load on the machine does not inflate it) and the median wall time from
starting `xdotool windowsize` (a process start, so tens of ms on its own) to the frame at the
new size.
CPU comes from /proc/PID/stat (utime+stime), RSS peak from VmHWM. Linux only.
--load N[:NICE] runs N CPU-bound processes (at that nice, default 0) through the whole
measurement, as samplemap-bench --load does: the same figures on a busy machine.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

HZ = os.sysconf("SC_CLK_TCK")


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def runqueue_wait_ms(pid):
    """Time the main thread spent runnable but waiting for a CPU (/proc/PID/schedstat)."""
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[1]) / 1e6


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


class Lines:
    """Reads a child's stdout in a thread, stamping each line with time.monotonic_ns()."""

    def __init__(self, stream):
        self.lines = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.lines.append((time.monotonic_ns(), line.decode(errors="replace").rstrip("\n")))

    def wait(self, prefix, timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for stamp, line in list(self.lines):
                if line.startswith(prefix):
                    return stamp, line
            time.sleep(0.005)
        raise SystemExit(f"no '{prefix}' line within {timeout} s")

    def frames(self):
        return {int(line.split()[1]): int(line.split()[2])
                for _, line in list(self.lines) if line.startswith("frame ")}


def start_app(exe, argv, env, out, key):
    t0 = time.monotonic_ns()
    p = subprocess.Popen([exe] + argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = Lines(p.stdout)
    # The "ready" line first: xdotool's polling would otherwise compete for the CPU it measures.
    stamp, _ = lines.wait("ready")
    out[f"{key}_start_to_first_frame_ms"] = (stamp - t0) / 1e6
    out[f"{key}_start_cpu_ms"] = cpu_s(p.pid) * 1000
    out[f"{key}_start_waiting_for_cpu_ms"] = runqueue_wait_ms(p.pid)
    out[f"{key}_rss_after_start_kib"] = vm_hwm_kib(p.pid)
    wait_visible(p.pid, env)
    out[f"{key}_start_to_visible_ms"] = (time.monotonic_ns() - t0) / 1e6
    return p, lines


def log_lines(log):
    try:
        with open(log, "rb") as f:
            return f.read().decode(errors="replace").splitlines()
    except FileNotFoundError:
        return []


def run_mode(build, mode, env, idle_s, messages, burst_n):
    flags = ["--wake"] if mode == "wake" else []
    name = f"Local\\gb{os.getpid()}{mode}"
    log = f"/tmp/samplemap-gui-bench-{os.getpid()}-{mode}.log"
    if os.path.exists(log):
        os.unlink(log)
    sender = os.path.join(build, "sender", "samplemap-sender")
    receiver = os.path.join(build, "receiver", "samplemap-receiver")
    out = {"mode": mode}
    time.sleep(1.0)  # the previous mode's windows and senders have ended, and freed their CPU
    rx, rx_lines = start_app(receiver, ["--name", name, "--log", log, "--geometry", "0,0",
                                        "--trace", "state,frames"] + flags, env, out, "receiver")
    tx, _ = start_app(sender, ["--name", name, "--geometry", "800,0", "--trace", "state"] + flags,
                      env, out, "sender")
    time.sleep(1.0)  # let first frames and font caches settle
    c_rx, c_tx, t_start = cpu_s(rx.pid), cpu_s(tx.pid), time.monotonic()
    time.sleep(idle_s)
    wall = time.monotonic() - t_start
    out["receiver_idle_cpu_pct"] = (cpu_s(rx.pid) - c_rx) / wall * 100
    out["sender_idle_cpu_pct"] = (cpu_s(tx.pid) - c_tx) / wall * 100

    def feeder():
        return subprocess.Popen([sender, "--name", name, "--stdin", "--interval", "1"] + flags,
                                stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)

    # Load: 100 messages/s offered for 5 s. Poll mode takes one per poll, so most of them
    # are still queued in the feeder at the end; it is stopped and its backlog dropped.
    load = feeder()
    c_rx, t_start, before = cpu_s(rx.pid), time.monotonic(), len(rx_lines.frames())
    next_send = t_start
    while time.monotonic() - t_start < 5.0:
        load.stdin.write(f"load {time.monotonic_ns()}\n".encode())
        load.stdin.flush()
        next_send += 0.01
        time.sleep(max(0.0, next_send - time.monotonic()))
    wall = time.monotonic() - t_start
    out["receiver_cpu_pct_at_100_msgs_s"] = (cpu_s(rx.pid) - c_rx) / wall * 100
    out["receiver_msgs_s_taken_at_100_offered"] = (len(rx_lines.frames()) - before) / wall
    load.kill()  # its in-flight message may still arrive: it is not a latency sample
    load.wait(timeout=10)
    time.sleep(0.5)

    # Latency: paced so nothing queues (see the docstring).
    pace = 0.25 if mode == "poll" else 0.05
    lat = feeder()
    # A first message waits for the feeder's start-up (exec, opening the channel): not a sample.
    shown = len(rx_lines.frames())
    lat.stdin.write(b"warm-up\n")
    lat.stdin.flush()
    end = time.monotonic() + 5
    while len(rx_lines.frames()) == shown and time.monotonic() < end:
        time.sleep(0.01)
    time.sleep(pace)
    for i in range(messages):
        lat.stdin.write(f"lat{i} {time.monotonic_ns()}\n".encode())
        lat.stdin.flush()
        time.sleep(pace)
    lat.stdin.close()
    lat.wait(timeout=60)
    time.sleep(0.5)
    frames, lines = rx_lines.frames(), log_lines(log)
    latencies = []
    for seq, frame_ns in frames.items():
        if seq <= len(lines) and lines[seq - 1].startswith("lat"):
            latencies.append((frame_ns - int(lines[seq - 1].split()[1])) / 1e6)
    out["latency_samples"] = len(latencies)
    if len(latencies) != messages:
        out["error"] = f"only {len(latencies)} of {messages} latency messages were shown"
    if latencies:
        out["publish_to_frame_median_ms"] = statistics.median(latencies)
        out["publish_to_frame_p99_ms"] = pct(latencies, 0.99)
        out["publish_to_frame_max_ms"] = max(latencies)
    burst(out, sender, name, flags, log, rx_lines, env, burst_n)
    resize(out, rx.pid, rx_lines, env)
    out["receiver_peak_rss_kib"] = vm_hwm_kib(rx.pid)
    out["sender_peak_rss_kib"] = vm_hwm_kib(tx.pid)
    for p in (rx, tx):
        p.terminate()
        p.wait(timeout=10)
    subprocess.run([sender, "--unlink", "--name", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.unlink(log)
    return out


BURST_SENDERS = 10


def burst(out, sender, name, flags, log, rx_lines, env, total):
    """Queues `total` messages behind 10 senders at once; the time until the last is shown."""
    per = total // BURST_SENDERS
    base = max(rx_lines.frames(), default=0)
    feeders = [subprocess.Popen([sender, "--name", name, "--stdin", "--interval", "1",
                                 "--timeout", "0"] + flags, stdin=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
               for _ in range(BURST_SENDERS)]
    for i, f in enumerate(feeders):
        f.stdin.write(f"warm-up {i}\n".encode())
        f.stdin.flush()
    end = time.monotonic() + 60
    while max(rx_lines.frames(), default=0) < base + BURST_SENDERS and time.monotonic() < end:
        time.sleep(0.01)
    base = max(rx_lines.frames(), default=0)
    padding = " lorem ipsum dolor sit amet, consectetur adipiscing elit" * 3
    batches = [b"".join(f"burst {i}-{j}{padding}\n".encode() for j in range(per))
               for i in range(BURST_SENDERS)]
    t0 = time.monotonic_ns()
    for f, batch in zip(feeders, batches):
        f.stdin.write(batch)
        f.stdin.flush()
    for f in feeders:
        f.stdin.close()
    last = base + per * BURST_SENDERS
    end = time.monotonic() + 60
    while last not in rx_lines.frames() and time.monotonic() < end:
        time.sleep(0.005)
    frames = rx_lines.frames()
    if last in frames:
        out["burst_1000_to_last_frame_ms"] = (frames[last] - t0) / 1e6
        out["burst_frames"] = len({frames[k] for k in range(base + 1, last + 1) if k in frames})
    else:
        out["burst_1000_to_last_frame_ms"] = "> 60 s"
        out["error"] = f"the burst was not shown within 60 s ({max(frames, default=0) - base} shown)"
    for f in feeders:
        try:
            f.wait(timeout=10 if last in frames else 0.1)
        except subprocess.TimeoutExpired:
            f.kill()
            f.wait()
    shown = [l for l in log_lines(log)[base:last] if l.startswith("burst ")]
    if last in frames and len(shown) != per * BURST_SENDERS:
        out["error"] = f"the --log file holds {len(shown)} of the burst's {per * BURST_SENDERS}"


def resize(out, pid, rx_lines, env, steps=20, step_px=12):
    """Resizes the receiver window in steps; its CPU per step and request -> frame wall time."""
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=env,
                            capture_output=True, text=True, check=True).stdout.split()[0]
    traced = any(line.startswith("resized ") for _, line in list(rx_lines.lines))
    walls, c0 = [], cpu_s(pid)
    half = steps // 2
    widths = [560 - step_px * k for k in range(1, half + 1)] + \
             [560 - step_px * (half - k) for k in range(1, steps - half + 1)]
    for width in widths:  # narrower, then back to 560 (the window's minimum is 420)
        before = len(rx_lines.lines)
        t0 = time.monotonic_ns()
        subprocess.run(["xdotool", "windowsize", window, str(width), "520"], env=env, check=True)
        if not traced:  # an app without the trace: give it time to draw
            time.sleep(0.2)
            continue
        end = time.monotonic() + 10
        seen = None
        while seen is None and time.monotonic() < end:
            seen = next((line for _, line in rx_lines.lines[before:]
                         if line.startswith(f"resized {width} ")), None)
            time.sleep(0.002)
        if seen is not None:
            walls.append((int(seen.split()[3]) - t0) / 1e6)
    out["resize_cpu_ms_per_step_1000_entries"] = (cpu_s(pid) - c0) * 1000 / steps
    if walls:
        out["resize_xdotool_to_frame_median_ms"] = statistics.median(walls)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--messages", type=int, default=120, help="latency samples per mode (>= 100)")
    ap.add_argument("--burst", type=int, default=1000, help="messages in the burst (10 senders)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--load", default="0", help="N[:NICE]: N CPU-bound processes at nice NICE throughout")
    args = ap.parse_args()
    count, _, nice = args.load.partition(":")
    if not (count.isdigit() and int(count) <= 16 and (nice == "" or (nice.isdigit() and int(nice) <= 19))):
        print(f"gui-bench.py: --load '{args.load}': give N[:NICE], N 0..16 processes at nice 0..19",
              file=sys.stderr)
        return 2
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                             preexec_fn=lambda: os.nice(int(nice or 0))) for _ in range(int(count))]
    try:
        return measure(args, hogs)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def measure(args, hogs):
    xvfb, display = start_xvfb()
    # The default window every run (no remembered size or zoom: common/ui/ui_prefs.h).
    env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", SAMPLEMAP_PREFS_DIR="none")
    try:
        results = [run_mode(args.build, mode, env, args.idle, args.messages, args.burst)
                   for mode in ("poll", "wake")]
    finally:
        xvfb.terminate()
        xvfb.wait()
    for r in results:
        r["load"] = args.load
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        keys = [k for k in dict.fromkeys(k for r in results for k in r) if k != "mode"]
        print(f"{'figure':<34}" + "".join(f"{r['mode']:>12}" for r in results))
        for k in keys:
            row = "".join(f"{r.get(k, float('nan')):>12.2f}" if isinstance(r.get(k), (int, float))
                          else f"{str(r.get(k)):>12}" for r in results)
            print(f"{k:<34}{row}")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
