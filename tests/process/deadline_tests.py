#!/usr/bin/env python3
"""Every wait ends by --timeout (issue 31): real processes against a stopped, replacing or
toggling peer, an --interval larger than --timeout, and a wall clock that steps.

Each test bounds the run twice: the program's own words (its messages give the time it
really waited, on its monotonic clock) and the test's wall clock around the whole process
(which includes starting it, so its limits are looser). What each test caught before the
fix is in its docstring.

usage: deadline_tests.py --sender S --receiver R --probe P --peer C --shim SO [--emulator CMD] TEST
"""
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import (Suite as ProcSuite, hold, linux_shm, stop_holding_lock,  # noqa: E402
                        timed_run)
from proctest import DEADLINE, SKIP, check, run_tests  # noqa: E402


class Suite(ProcSuite):
    def __init__(self, args):
        super().__init__(args)
        self.shim = args.shim  # tests/helpers/realtime_shift.c as a shared object; "" = not built


def waited_ms(err, pattern):
    """The milliseconds a message says were waited: the number in pattern's (\\d+) group."""
    found = re.search(pattern, err)
    check(found is not None, f"no {pattern!r} in: {err}")
    return int(found.group(1))


def ends_by(s, exe, args, timeout_s, codes, limit_s, **kw):
    """Runs exe with --timeout timeout_s; checks its exit code is one of codes and that it ended
    within timeout_s + limit_s of wall time (process start included; under Wine, whose start
    alone can take seconds, 5 s more: there the program's own figures are what is checked).
    Returns (stderr, seconds)."""
    if s.on_windows:
        limit_s += 5
    code, out, err, took = timed_run(s, exe, *args, "--timeout", str(timeout_s), limit=timeout_s + 30, **kw)
    check(code in codes, f"{os.path.basename(exe)} {args}: exit {code}, expected one of {codes}: {err}")
    check(took < timeout_s + limit_s,
          f"{os.path.basename(exe)} {args} with --timeout {timeout_s} ran {took:.2f} s: {err}")
    check(err.strip().count("\n") <= 1 or "ready:" in err, f"more than one error line: {err!r}")
    return err, took


# ------------------------------------------- the wait between looks: --interval

def test_interval_beyond_timeout(s):
    """A sender whose --interval is larger than its --timeout ends at --timeout, in poll and wake
    mode, waiting for delivery (no receiver) and waiting for room (a full slot). Before: 5.0 s
    with --timeout 1 --interval 5000 (the wait between two looks was the whole --interval)."""
    for mode in ([], ["--wake"]):
        s.mode = mode
        name = s.name("ib" + ("w" if mode else "p"))
        err, _ = ends_by(s, s.sender_exe, ["--name", name, "--message", "nobody", "--interval", "5000"], 1,
                         (3,), 0.9)
        check("withdrawn" in err and 950 <= waited_ms(err, r"in the (\d+) ms waited") <= 1100, err)
        filler = s.sender("--name", name, "--message", "first", "--timeout", str(DEADLINE))
        s.wait_slot(name, "full")
        err, _ = ends_by(s, s.sender_exe, ["--name", name, "--message", "second", "--interval", "5000"], 1,
                         (3,), 0.9)
        check(950 <= waited_ms(err, r"stayed full for the (\d+) ms waited") <= 1100, err)
        err, _ = ends_by(s, s.receiver_exe, ["--name", name, "--print", "--count", "2", "--interval", "5000"],
                         1, (3,), 0.9)
        check(filler.finish() == 0, filler.stderr())
    s.mode = []


# ------------------------------------------- the lock: a stopped holder, a stepped clock

def test_held_message_says_real_times(s):
    """A stopped lock holder: each message gives the time really waited. Before: the sender said
    "its lock stayed taken for 200 ms" after a 1 s wait (it named only its last 200 ms grace)."""
    name = s.name("hm")
    victim, pid = stop_holding_lock(s, name)
    try:
        err, _ = ends_by(s, s.sender_exe, ["--name", name, "--message", "x"], 1, (3,), 0.9)
        check(f"channel '{name}' is held by another process" in err, err)
        full = waited_ms(err, r"after its slot stayed full for the (\d+) ms waited")
        tried = waited_ms(err, r"stayed taken for the (\d+) ms we tried to take it")
        check(950 <= full <= 1100 and 40 <= tried <= 150, f"full {full} ms, lock {tried} ms: {err}")
        err, _ = ends_by(s, s.receiver_exe, ["--name", name, "--print", "--count", "1"], 1, (3,), 0.9)
        check(950 <= waited_ms(err, r"stayed taken for the (\d+) ms waited") <= 1100, err)
        # --peek waits 5 s for the lock, or --timeout if that is shorter.
        err, _ = ends_by(s, s.receiver_exe, ["--name", name, "--peek"], 1, (3,), 0.9)
        check(waited_ms(err, r"stayed taken for the (\d+) ms waited") <= 1100, err)
    finally:
        os.kill(pid, signal.SIGCONT)
    release(s, name, victim)


def release(s, name, victim):
    """Resumes the stopped holder; its published message goes to the next receiver."""
    victim.proc.stdin.close()
    rx = s.start_receiver(name, "--count", "1")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"held"], f"{rx.stdout_lines()} {rx.stderr()}")
    check(victim.finish() == 0, victim.stderr())


def shifted_clock_env(shim):
    """The environment that runs a program under the shim with its wall clock an hour ahead. An
    AddressSanitizer build wants its runtime first among the loaded libraries, and an LD_PRELOAD
    comes before it: that check is turned off (the shim only wraps three clock calls)."""
    asan = os.environ.get("ASAN_OPTIONS", "")
    return {"LD_PRELOAD": shim, "SAMPLEMAP_TEST_REALTIME_SHIFT_S": "3600",
            "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"}


def json_time(s, name, env):
    """The wall-clock time a --peek --json line carries, run with env (the shim or not)."""
    code, out, err = s.run(s.receiver_exe, "--peek", "--json", "--name", name, env_extra=env)
    check(code in (0, 6) and out, f"peek: {code} {err}")
    stamp = json.loads(out.decode().splitlines()[0])["time"]
    return datetime.datetime.fromisoformat(stamp)


def test_lock_wait_ignores_wall_clock(s):
    """The lock wait of a Local channel (a robust mutex) is kept on the monotonic clock: with the
    process's wall clock an hour ahead of the kernel's (an LD_PRELOAD shim; as after a step back),
    a --timeout 1 sender and receiver behind a stopped holder still end at 1 s. Before:
    pthread_mutex_timedlock's CLOCK_REALTIME deadline lay an hour away, and they hung."""
    if not s.shim or not linux_shm(s):
        print("skipped: needs the LD_PRELOAD shim (tests/helpers/realtime_shift.c; native Linux builds)")
        return SKIP
    env = shifted_clock_env(s.shim)
    name = s.name("wc")
    # The shim really moves the wall clock the programs see (else this test could not fail).
    code, _, err = s.run(s.receiver_exe, "--print", "--name", name, "--timeout", "0.1")
    check(code == 0, err)
    shifted = (json_time(s, name, env) - json_time(s, name, {})).total_seconds()
    check(3590 < shifted < 3610, f"the shim moved the wall clock by {shifted} s, not 3600")
    victim, pid = stop_holding_lock(s, name)
    try:
        for exe, args in ((s.sender_exe, ["--message", "x"]), (s.receiver_exe, ["--print", "--count", "1"])):
            err, _ = ends_by(s, exe, ["--name", name, *args], 1, (3,), 0.9, env_extra=env)
            check("is held by another process" in err, err)
    finally:
        os.kill(pid, signal.SIGCONT)
    release(s, name, victim)


# ------------------------------------------- the opening's waits

def test_size_wait_ends_by_timeout(s):
    """A creator stopped before sizing its object: openers wait for it, but only until their
    --timeout. Before: a --timeout 0.2 run waited the whole 1000 ms size wait."""
    if s.on_windows:
        print("skipped: CreateFileMappingW creates and sizes in one call")
        return SKIP
    name = s.name("sw")
    creator = s.paused_creator(name)
    os.kill(creator.proc.pid, signal.SIGSTOP)
    try:
        for exe, args in ((s.sender_exe, ["--message", "x"]), (s.receiver_exe, ["--print"])):
            err, _ = ends_by(s, exe, ["--name", name, *args], 0.2, (1,), 0.7)
            check("exists but is still 0 bytes" in err and "the process creating it is alive" in err, err)
            check(waited_ms(err, r"still 0 bytes after the (\d+) ms waited") <= 300, err)
    finally:
        os.kill(creator.proc.pid, signal.SIGCONT)
    creator.kill()


def test_version_wait_ends_by_timeout(s):
    """A control object whose version word is never stored (its creator stopped or killed):
    openers wait for it only until their --timeout. Before: 1000 ms with --timeout 0.2."""
    name = s.name("vw")
    holder = hold(s, name + ".ctl", 128, None, plant_at=(32, 0))
    for exe, args in ((s.sender_exe, ["--message", "x"]), (s.receiver_exe, ["--print"])):
        err, _ = ends_by(s, exe, ["--name", name, *args], 0.2, (1,), 0.7)
        check(waited_ms(err, r"has no layout version \(none stored in the (\d+) ms waited\)") <= 300, err)
    holder.proc.stdin.close()
    holder.finish()


class Attacker:
    """A loop on its own thread that does step() every period seconds until stopped: the hostile
    local user of a Global name (objects there are writable by everyone, by design)."""

    def __init__(self, step, period):
        self.step, self.period = step, period
        self.stop = threading.Event()
        self.rounds = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            self.step()
            self.rounds += 1
            self.stop.wait(self.period)

    def end(self):
        self.stop.set()
        self.thread.join(timeout=10)


def replacer(path):
    """An attacker's round: the object at path removed and made again, 0 bytes, mode 0666."""
    def replace():
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o666)
            os.fchmod(fd, 0o666)
            os.close(fd)
        except FileExistsError:
            pass  # an opener made it between our unlink and create: replaced next round
    return replace


def version_toggler(s, base):
    """Plants a Global name's 0666 companion object; returns its fd and an attacker's round that
    toggles its version word (this build's for 5 ms, then 0) with a wrong identity word."""
    path = f"/dev/shm/{base}.ctl"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o666)
    os.fchmod(fd, 0o666)
    os.write(fd, b"\0" * 128)
    s.planted.append(path)

    def toggle():
        os.pwrite(fd, (0x8000_0000_0000_0001).to_bytes(8, "little"), 40)
        os.pwrite(fd, (4).to_bytes(4, "little"), 32)  # this build's layout version
        time.sleep(0.005)
        os.pwrite(fd, (0).to_bytes(4, "little"), 32)
    return fd, toggle


def test_replaced_global_name_ends_by_timeout(s):
    """An attacker replaces a Global name's object with a fresh 0-byte one every 0.3 s: openers
    keep finding an unsized object that vanishes, and still end at --timeout 2 (exit 1, saying
    what they saw). Before: each vanished object cost a new try, 100 of them: ~30 s."""
    if not linux_shm(s):
        print("skipped: replaces the objects as files in /dev/shm (Linux)")
        return SKIP
    base, name = s.global_name("rp")
    path = f"/dev/shm/{base}"
    replace = replacer(path)

    attacker = Attacker(replace, 0.3)
    try:
        runs = [threading.Thread(target=lambda exe=exe, args=args: results.append(
            timed_run(s, exe, "--name", name, *args, "--timeout", "2", limit=40)))
            for exe, args in ((s.sender_exe, ["--message", "x"]), (s.receiver_exe, ["--print", "--count", "1"]))]
        results = []
        for run in runs:
            run.start()
        for run in runs:
            run.join()
    finally:
        attacker.end()
        s.planted.append(path)
    # They may well end early: an opener that finds the attacker's 0-byte object with no
    # creator holding it sizes it and goes on (the dead creator's repair, zero_byte_object), so
    # both may finish, delivered, long before --timeout. What counts is that none runs past it.
    for code, _, err, took in results:
        # 0 too: the receiver may create the name between two replacements and the sender deliver.
        check(code in (0, 1, 3), f"exit {code}: {err}")
        check(took < 2 + 0.9, f"ran {took:.2f} s with --timeout 2: {err}")


def test_toggled_version_ends_by_timeout(s):
    """An attacker holds a Global name's 0666 companion object and toggles its version word (0,
    then the right version for 5 ms, every 0.3 s) with a wrong identity word: openers retry the
    pair and wait for the version again, and still end at --timeout 2. Before: up to 200 pair
    tries, each waiting for the next toggle: about a minute."""
    if not linux_shm(s):
        print("skipped: writes the objects as files in /dev/shm (Linux)")
        return SKIP
    base, name = s.global_name("tv")
    fd, toggle = version_toggler(s, base)

    attacker = Attacker(toggle, 0.3)
    try:
        err, _ = ends_by(s, s.sender_exe, ["--name", name, "--message", "x"], 2, (1,), 0.9)
        check("do not belong together" in err or "has no layout version" in err, err)
    finally:
        attacker.end()
        os.close(fd)


# ------------------------------------------- what a message says

def test_open_errors_name_the_reason(s):
    """shm_open's errors say what stands under the name. Before: ELOOP (a symbolic link planted
    under our name) and EINVAL (what Linux says of a directory there) were both reported as
    "the object belongs to another user"."""
    if not linux_shm(s) or not hasattr(os, "geteuid"):
        print("skipped: plants entries in /dev/shm (Linux)")
        return SKIP
    for tag, make, words in (("sl", lambda p: os.symlink("/dev/null", p), "a symbolic link stands under that name"),
                             ("dr", os.mkdir, "is not a shared-memory object (a directory?) stands")):
        base = f"{tag}{os.getpid()}"
        path = f"/dev/shm/{base}.{os.geteuid()}"
        make(path)
        try:
            code, _, err = s.run(s.sender_exe, "--name", f"Local\\{base}", "--message", "x", "--timeout", "1")
        finally:
            os.rmdir(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
        check(code == 1 and words in err and "another user" not in err, f"{tag}: {code} {err}")
        check(err.count("\n") == 1, f"one line: {err!r}")


def test_smaller_view_leaves_message(s):
    """A receiver whose --view-size is smaller than a message leaves it in the slot and says so;
    its sender is never told "delivered": with no other receiver it withdraws at --timeout
    (exit 3), and a receiver with a view that holds it takes it whole. Before: the small receiver
    took it cut to its view (a warning on its own stderr) and the sender said "delivered"."""
    name = s.name("sv")
    long_text = "".join(chr(ord("a") + i % 26) for i in range(1500))
    tx = s.sender("--name", name, "--view-size", "4096", "--message", long_text, "--interval", "1",
                  "--timeout", "3")
    s.wait_slot(name, "full")
    small = s.receiver("--print", "--name", name, "--interval", "1", "--count", "1", "--timeout", str(DEADLINE))
    small.wait_stderr("left in the slot")
    check(tx.finish() == 3 and "withdrawn" in tx.stderr(), f"the sender: {tx.stderr()}")
    check(small.stdout_lines() == [], f"the small receiver printed {small.stdout()[:80]!r}")
    # Again, and this time a receiver with the sender's view takes it whole.
    tx = s.sender("--name", name, "--view-size", "4096", "--message", long_text, "--interval", "1",
                  "--timeout", str(DEADLINE))
    s.wait_slot(name, "full")
    small.wait_stderr("left in the slot")
    large = s.start_receiver(name, "--view-size", "4096", "--count", "1")
    check(large.finish() == 0 and large.stdout_lines() == [long_text.encode()], large.stderr())
    check(tx.finish() == 0, tx.stderr())
    # The small receiver goes on: a message that fits its view reaches it.
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "fits", "--interval", "1")
    check(code == 0, err)
    check(small.finish() == 0 and small.stdout_lines() == [b"fits"], small.stderr())


def main():
    return run_tests(globals(), Suite, ["probe", "peer", "shim"])


if __name__ == "__main__":
    sys.exit(main())
