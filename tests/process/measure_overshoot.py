#!/usr/bin/env python3
"""How far past --timeout each wait of issue 31 ends: a measurement, not a test (it asserts
nothing but prints its figures; docs/protocol.md quotes them).

Runs each scenario of deadline_tests.py --runs times with real processes and prints, per
wait, the worst overshoot: the wall time around the whole process (its start and exit
included) minus its --timeout. The last line is the worst of all. Linux only (the attackers
work on /dev/shm; the wall-clock shift needs the LD_PRELOAD shim).

usage: measure_overshoot.py --sender S --receiver R --probe P --peer C --shim SO [--runs N]
e.g. after `cmake --build --preset ci`, from the top of the tree:
  b=build-ci; python3 tests/process/measure_overshoot.py --sender $b/sender/samplemap-sender \
    --receiver $b/receiver/samplemap-receiver --probe $b/tests/process/samplemap_probe \
    --peer $b/tests/interop/classic_peer --shim $b/tests/process/libsamplemap_realtime_shift.so
"""
import argparse
import os
import signal
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from deadline_tests import Attacker, Suite, replacer, shifted_clock_env, version_toggler  # noqa: E402
from proc_tests import hold, stop_holding_lock, timed_run  # noqa: E402
from proctest import DEADLINE  # noqa: E402


def timed(s, exe, name, args, timeout, env=None):
    _, _, err, took = timed_run(s, exe, "--name", name, *args, "--timeout", str(timeout),
                                limit=timeout + 60, env_extra=env or {})
    return took - timeout, err


def interval(s, mode):
    s.mode = mode
    name = s.name("mi" + ("w" if mode else "p"))
    out = [timed(s, s.sender_exe, name, ["--message", "x", "--interval", "5000"], 1)[0]]
    filler = s.sender("--name", name, "--message", "first", "--timeout", str(DEADLINE))
    s.wait_slot(name, "full")
    out.append(timed(s, s.sender_exe, name, ["--message", "y", "--interval", "5000"], 1)[0])
    out.append(timed(s, s.receiver_exe, name, ["--print", "--count", "2", "--interval", "5000"], 1)[0])
    filler.finish()
    s.mode = []
    return out


def stopped_holder(s, scope, env=None):
    name = s.name("mh" + scope[0], scope)
    victim, pid = stop_holding_lock(s, name)
    try:
        out = [timed(s, s.sender_exe, name, ["--message", "x"], 1, env)[0],
               timed(s, s.receiver_exe, name, ["--print", "--count", "1"], 1, env)[0]]
    finally:
        os.kill(pid, signal.SIGCONT)
    victim.proc.stdin.close()
    rx = s.start_receiver(name, "--count", "1")
    rx.finish()
    victim.finish()
    return out


def size_wait(s):
    name = s.name("ms")
    creator = s.paused_creator(name)
    os.kill(creator.proc.pid, signal.SIGSTOP)
    try:
        return [timed(s, s.sender_exe, name, ["--message", "x"], 0.5)[0],
                timed(s, s.receiver_exe, name, ["--print"], 0.5)[0]]
    finally:
        os.kill(creator.proc.pid, signal.SIGCONT)
        creator.kill()


def version_wait(s):
    name = s.name("mv")
    holder = hold(s, name + ".ctl", 128, None, plant_at=(32, 0))
    out = [timed(s, s.sender_exe, name, ["--message", "x"], 0.5)[0],
           timed(s, s.receiver_exe, name, ["--print"], 0.5)[0]]
    holder.proc.stdin.close()
    holder.finish()
    return out


def replaced(s):
    base, name = s.global_name("mr")
    path = f"/dev/shm/{base}"
    s.planted.append(path)
    replace = replacer(path)

    attacker = Attacker(replace, 0.3)
    out = []
    try:
        runs = [threading.Thread(target=lambda e=exe, a=args: out.append(timed(s, e, name, a, 2)[0]))
                for exe, args in ((s.sender_exe, ["--message", "x"]), (s.receiver_exe, ["--print", "--count", "1"]))]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
    finally:
        attacker.end()
    return out


def toggled(s):
    base, name = s.global_name("mt")
    fd, toggle = version_toggler(s, base)

    attacker = Attacker(toggle, 0.3)
    try:
        return [timed(s, s.sender_exe, name, ["--message", "x"], 2)[0]]
    finally:
        attacker.end()
        os.close(fd)


def main():
    parser = argparse.ArgumentParser()
    for flag in ("sender", "receiver", "probe", "peer", "shim"):
        parser.add_argument("--" + flag, required=True)
    parser.add_argument("--emulator", default="")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shift = shifted_clock_env(args.shim)
    scenarios = [
        ("interval 5000 > timeout 1, poll (no receiver / full slot / receiver)", lambda s: interval(s, [])),
        ("interval 5000 > timeout 1, wake (no receiver / full slot / receiver)", lambda s: interval(s, ["--wake"])),
        ("stopped lock holder, Local (robust mutex)", lambda s: stopped_holder(s, "Local")),
        ("stopped lock holder, Global (flock)", lambda s: stopped_holder(s, "Global")),
        ("stopped lock holder, Local, wall clock +1 h", lambda s: stopped_holder(s, "Local", shift)),
        ("size wait, stopped creator, timeout 0.5", size_wait),
        ("version wait, no version stored, timeout 0.5", version_wait),
        ("Global name replaced every 0.3 s, timeout 2", replaced),
        ("Global companion's version toggled, timeout 2", toggled),
    ]
    worst_all = 0.0
    for title, scenario in scenarios:
        figures = []
        for _ in range(args.runs):
            s = Suite(args)
            try:
                figures += scenario(s)
            finally:
                s.cleanup()
        worst = max(figures)
        worst_all = max(worst_all, worst)
        print(f"{title}: {len(figures)} runs, worst overshoot {worst * 1000:.0f} ms, "
              f"median {sorted(figures)[len(figures) // 2] * 1000:.0f} ms", flush=True)
    print(f"worst overshoot of --timeout over all waits: {worst_all * 1000:.0f} ms "
          f"(wall time around each process, its start and exit included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
