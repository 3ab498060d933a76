#!/usr/bin/env python3
"""bench.orphan_receiver: a SampleMap receiver whose sender is killed stops, and removes the channel.

Starts samplemap-bench on a long samplemap-wake-idle row, waits for its receiver process to
exist (polling /proc with a deadline: a condition, not a guessed delay), kills the sender with
SIGKILL (no clean-up of its own), and then requires, within 5 s, that the receiver has exited and
that no smbench<sender pid>.* object is left in /dev/shm. Before the receiver watched its parent
(PR_SET_PDEATHSIG), it waited for the rest of its messages for ever. Linux only (exit 77 else).
usage: check_orphan.py BENCH
"""
import os
import signal
import subprocess
import sys
import time


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def alive(pid):
    """True while pid runs (a zombie, waiting for init to reap it, has stopped)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def main():
    if not sys.platform.startswith("linux") or not os.path.exists(f"/proc/{os.getpid()}/task"):
        print("skip: Linux only")
        return 77
    bench = subprocess.Popen([sys.argv[1], "--json", "--count", "4000000", "--only", "samplemap-wake-idle"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if not wait_for(lambda: children(bench.pid), 10):
            print("FAIL: the benchmark started no receiver within 10 s")
            return 1
        receiver = children(bench.pid)[0]
        prefix = f"smbench{bench.pid}."
        if not wait_for(lambda: any(n.startswith(prefix) for n in os.listdir("/dev/shm")), 10):
            print("FAIL: the benchmark's channel never appeared in /dev/shm")
            return 1
        bench.send_signal(signal.SIGKILL)
        bench.wait()
        if not wait_for(lambda: not alive(receiver), 5):
            os.kill(receiver, signal.SIGKILL)
            print(f"FAIL: the receiver {receiver} still ran 5 s after its sender was killed")
            return 1
        left = [n for n in os.listdir("/dev/shm") if n.startswith(prefix)]
        if left:
            print(f"FAIL: the receiver left the channel behind: {left}")
            return 1
        print("the receiver stopped and removed the channel after its sender was killed")
        return 0
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        for n in os.listdir("/dev/shm"):  # whatever a failed run left
            if n.startswith(f"smbench{bench.pid}."):
                os.unlink(os.path.join("/dev/shm", n))


if __name__ == "__main__":
    sys.exit(main())
