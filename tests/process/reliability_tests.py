#!/usr/bin/env python3
"""The programs as scripts and service managers start them: standard streams closed at exec, an
output that cannot be written, resource limits. Nothing a sender was told is delivered may be
lost, nothing the programs print may land in the channel, and nothing may hang past --timeout.

usage: reliability_tests.py --sender S --receiver R --probe P --peer C [--emulator CMD] TEST
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import Suite  # noqa: E402
from proctest import DEADLINE, SKIP, check, run_tests  # noqa: E402


def closing(fd):
    """A prefix that runs the program with descriptor fd closed, as `prog N>&-` does."""
    return ("sh", "-c", f'exec "$@" {fd}>&-', "sh")


def check_clean(s, name, what):
    """The channel is empty and carries a new message exactly: nothing was written into it."""
    code, out, err = s.run(s.receiver_exe, "--peek", "--name", name)
    check(code == 6 and out == b"", f"{what}: the slot is not empty afterwards (a phantom message?): "
                                    f"exit {code}, {out!r} {err}")
    rx = s.start_receiver(name, "--count", "1")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "after", "--timeout", str(DEADLINE))
    check(code == 0 and rx.finish() == 0, f"{what}: the channel no longer works: {err} {rx.stderr()}")
    check(rx.stdout_lines() == [b"after"], f"{what}: got {rx.stdout_lines()}")


def test_closed_std_streams(s):
    """Each program and mode with fd 0, 1 or 2 closed at exec: its descriptor would otherwise be
    the next open()'s, the shared-memory object, and its printing would write into the channel."""
    if s.on_windows:
        print("skipped: a Windows mapping is a HANDLE, never a C runtime descriptor")
        return SKIP
    for fd in (0, 1, 2):
        for mode in (["--print"], ["--json"], ["--print", "--log", None]):
            name = s.name(f"cs{fd}{len(mode)}{mode[0][2]}")
            log = None
            if None in mode:
                log = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"samplemap-cs-{os.getpid()}-{fd}.log")
                s.planted.append(log)
                mode = [m if m is not None else log for m in mode]
            rx = s.spawn(s.receiver_exe, *mode, "--name", name, "--count", "2", "--interval", "1",
                         "--timeout", str(DEADLINE), prefix=closing(fd))
            if fd != 2:  # with stderr closed there is no ready line; the sender waits for it anyway
                rx.wait_stderr("ready:")
            code, _, err = s.run(s.sender_exe, "--name", name, "--message", "one", "--message", "two",
                                 "--timeout", str(DEADLINE))
            what = f"receiver {' '.join(mode)} with fd {fd} closed"
            check(code == 0, f"{what}: the sender was not told 'delivered': exit {code}: {err}")
            check(rx.finish() == 0, f"{what}: exit {rx.proc.returncode}: {rx.stderr()}")
            if fd != 1:
                shown = rx.stdout_lines()
                if mode[0] == "--json":
                    shown = [line for line in shown if b'"message"' in line]
                check(len(shown) == 2, f"{what}: printed {rx.stdout_lines()}")
            if log is not None:
                with open(log, "rb") as f:
                    check(f.read() == b"one\ntwo\n", f"{what}: the log holds the wrong lines")
            check_clean(s, name, what)
    for fd in (0, 1, 2):
        # A sender's --json lines (fd 1) and its failure text (fd 2, no receiver: withdrawn).
        name = s.name(f"ct{fd}")
        tx = s.spawn(s.sender_exe, "--json", "--name", name, "--message", "nobody reads this",
                     "--timeout", "0.3", prefix=closing(fd))
        code = tx.finish()
        what = f"sender --json with fd {fd} closed and no receiver"
        check(code == 3, f"{what}: expected exit 3 (withdrawn), got {code}: {tx.stderr()}")
        check_clean(s, name, what)
        name = s.name(f"cd{fd}")
        rx = s.start_receiver(name, "--count", "1")
        tx = s.spawn(s.sender_exe, "--json", "--name", name, "--message", "read", "--timeout", str(DEADLINE),
                     prefix=closing(fd))
        check(tx.finish() == 0 and rx.finish() == 0, f"sender with fd {fd} closed: {tx.stderr()} {rx.stderr()}")
        check(rx.stdout_lines() == [b"read"], f"sender with fd {fd} closed: got {rx.stdout_lines()}")
        if fd != 1:
            check(b'"delivered"' in tx.stdout(), f"sender with fd {fd} closed: no delivered line: {tx.stdout()!r}")
        check_clean(s, name, f"sender with fd {fd} closed")
    # --stdin with stdin closed: end of input at once, nothing sent, nothing written anywhere.
    name = s.name("csi")
    tx = s.spawn(s.sender_exe, "--stdin", "--name", name, "--timeout", "1", prefix=closing(0))
    check(tx.finish() == 0, f"sender --stdin with stdin closed: {tx.stderr()}")
    check_clean(s, name, "sender --stdin with stdin closed")


def scratch(s, tag):
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"samplemap-rel-{os.getpid()}-{tag}")
    s.planted.append(path)
    return path


def limited(limit_bytes, redirect=None):
    """A prefix that runs the program under a file size limit (ulimit -f), stdout optionally to a file."""
    inner = 'exec "$@"' + (f' >"{redirect}"' if redirect else "")
    return ("prlimit", f"--fsize={limit_bytes}", "sh", "-c", inner, "sh")


def test_file_size_limit(s):
    """ulimit -f: a creator whose ftruncate passes the limit fails cleanly and leaves no object; a
    receiver whose --print or --log passes it puts the message back (exit 5) instead of dying of
    SIGXFSZ with it; and --log keeps whole lines only."""
    if s.on_windows:
        print("skipped: no file size limit or SIGXFSZ on Windows")
        return SKIP
    name = s.name("fz")
    tx = s.spawn(s.sender_exe, "--name", name, "--message", "x", "--timeout", "1", prefix=limited(1000))
    code = tx.finish()
    check(code == 1 and "file size limit (ulimit -f)" in tx.stderr() and tx.stderr().count("\n") == 1,
          f"a creator over ulimit -f: exit {code}: {tx.stderr()}")
    rx = s.start_receiver(name, "--count", "1")
    check("created it" in rx.stderr(), f"the failed creator left an object behind: {rx.stderr()}")
    rx.kill()
    first, second = "a" * 600, "b" * 600
    for output in ("--print", "--log"):
        name = s.name("fp" if output == "--print" else "fl")
        path = scratch(s, output[2:])
        args = ["--print"] if output == "--print" else ["--print", "--log", path]
        s.start_receiver(name).kill()  # makes the channel: under the limit it could not be made
        rx = s.spawn(s.receiver_exe, *args, "--name", name, "--interval", "1", "--timeout", str(DEADLINE),
                     prefix=limited(1000, path if output == "--print" else None))
        rx.wait_stderr("ready:")
        code, _, err = s.run(s.sender_exe, "--name", name, "--message", first, "--message", second,
                             "--timeout", str(DEADLINE))
        check(code == 0, f"sender: {code} {err}")
        code = rx.finish()
        check(code == 5 and "File too large" in rx.stderr() and "it was put back" in rx.stderr(),
              f"{output} over ulimit -f: expected exit 5 with the message put back, got {code}: {rx.stderr()}")
        with open(path, "rb") as f:
            written = f.read()
        if output == "--log":
            check(written == (first + "\n").encode(), f"--log kept a cut line: {len(written)} bytes")
            again = s.start_receiver(name, "--count", "1", "--log", path)
            check(again.finish() == 0 and again.stdout_lines() == [second.encode()], again.stderr())
            with open(path, "rb") as f:
                check(f.read() == (first + "\n" + second + "\n").encode(), "the next receiver's line is not whole")
        else:
            check(written.startswith((first + "\n").encode()), f"--print lost the first line: {written[:20]!r}")
            again = s.start_receiver(name, "--count", "1")
            check(again.finish() == 0 and again.stdout_lines() == [second.encode()],
                  f"the message over the limit was lost: {again.stdout_lines()} {again.stderr()}")


def test_output_waits_end_at_timeout(s):
    """--timeout bounds the outputs too: a --log FIFO nobody reads is refused at once (it blocked in
    open() for good), and --print into a pipe nobody drains ends at --timeout with exit 5 and the
    message in hand put back (it blocked in write() for good); no message is lost."""
    if s.on_windows:
        print("skipped: FIFOs and SIGALRM are POSIX")
        return SKIP
    name = s.name("ff")
    fifo = scratch(s, "fifo")
    os.mkfifo(fifo)
    start = time.monotonic()
    code, out, err = s.run(s.receiver_exe, "--print", "--log", fifo, "--name", name, "--timeout", "2")
    took = time.monotonic() - start
    check(code == 1 and "is a FIFO that no process reads; start its reader first" in err and took < 1.5,
          f"--log FIFO with no reader: exit {code} after {took:.1f} s: {err}")

    name = s.name("fw")
    read_end, write_end = os.pipe()
    timeout = 2.0
    rx = s.spawn(s.receiver_exe, "--print", "--name", name, "--interval", "1", "--timeout", str(timeout),
                 stdout_fd=write_end)
    os.close(write_end)
    rx.wait_stderr("ready:")
    start = time.monotonic()
    texts = [f"{n:03d} " + "x" * 1000 for n in range(100)]  # ~100 KB: more than a pipe holds
    tx = s.spawn(s.sender_exe, "--name", name, "--stdin", "--interval", "1", "--timeout", str(DEADLINE),
                 stdin=subprocess.PIPE)
    tx.proc.stdin.write(("\n".join(texts) + "\n").encode())
    tx.proc.stdin.close()
    code = rx.finish()
    took = time.monotonic() - start
    check(code == 5 and "nobody read it before --timeout ended" in rx.stderr() and "put back" in rx.stderr(),
          f"--print into a full pipe: exit {code}: {rx.stderr()[-300:]}")
    # Put back into the slot, or - when a sender filled it meanwhile - its text on stderr, the last outlet.
    rescued = [line.split("; its text: ", 1)[1] for line in rx.stderr().splitlines() if "; its text: " in line]
    check(took < timeout + 1.0, f"--print into a full pipe ended {took:.1f} s after start, --timeout {timeout}")
    printed = b""
    os.set_blocking(read_end, False)
    try:
        while True:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            printed += chunk
    except BlockingIOError:
        pass
    os.close(read_end)
    whole = [line.decode() for line in printed.split(b"\n")[:-1]]
    drain = s.start_receiver(name, "--count", str(len(texts) - len(whole) - len(rescued)))
    check(tx.finish() == 0, f"the sender was not told every message was delivered: {tx.stderr()}")
    check(drain.finish() == 0, drain.stderr())
    got = whole + rescued + [line.decode() for line in drain.stdout_lines()]
    check(sorted(got) == texts, f"lost or doubled: {len(got)} lines for {len(texts)} messages")


def test_taken_message_shown_before_damage(s):
    """A receiver paused right after taking a message from a Global channel, whose control object
    another user then writes over: the message it took (its sender was told "delivered") is printed
    first, and only then is the damage reported."""
    if s.on_windows or not os.path.isdir("/dev/shm"):
        print("skipped: writes over the objects as files in /dev/shm (Linux)")
        return SKIP
    base, name = s.global_name("td")
    rx = s.spawn(s.receiver_exe, "--print", "--pause-at", "reader-after-clear", "--name", name, "--interval", "1", "--timeout", str(DEADLINE),
                 stdin=subprocess.PIPE)
    rx.wait_stderr("ready:")
    tx = s.spawn(s.sender_exe, "--name", name, "--message", "taken, then damaged", "--interval", "1",
                 "--timeout", str(DEADLINE))
    rx.wait_stderr("paused at reader-after-clear")
    check(tx.finish() == 0, f"the sender was not told 'delivered': {tx.stderr()}")
    with open(f"/dev/shm/{base}.ctl", "r+b") as f:  # the layout version word, as a hostile user would
        f.seek(32)
        f.write(b"\xff\xff\xff\xff")
    rx.proc.stdin.close()  # resume
    code = rx.finish()
    check(rx.stdout_lines() == [b"taken, then damaged"],
          f"the message taken before the damage was not shown: {rx.stdout_lines()}: {rx.stderr()}")
    check(code == 1 and "damaged by another process" in rx.stderr(), f"exit {code}: {rx.stderr()}")


def test_stop_signals(s):
    """SIGINT, SIGTERM and SIGHUP: a headless sender withdraws the message in flight, says so and
    exits 128 + the signal within a moment, even with --interval 20000; a receiver prints the
    message it has taken before it exits, and a waiting one ends at once. Before: the sender
    died with its message left in the slot, for a receiver to get though nobody was told
    "delivered"."""
    if s.on_windows:
        print("skipped: POSIX signals (Windows: the console's Ctrl+C handler, not testable under Wine)")
        return SKIP
    import json as json_module
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        name = s.name(f"sg{int(sig)}")
        tx = s.sender("--json", "--name", name, "--message", "in flight", "--timeout", str(DEADLINE),
                      "--interval", "20000")
        s.wait_slot(name, "full")
        start = time.monotonic()
        tx.proc.send_signal(sig)
        code = tx.finish()
        took = time.monotonic() - start
        check(code == 128 + int(sig), f"sender after {sig.name}: exit {code}, expected {128 + int(sig)}: {tx.stderr()}")
        check(took < 2, f"sender took {took:.1f} s to stop after {sig.name}")
        check("stopped by" in tx.stderr() and "withdrawn" in tx.stderr(), tx.stderr())
        last = json_module.loads(tx.stdout_lines()[-1])
        check(last["event"] == "withdrawn" and last["cause"] == "interrupted", f"last --json line: {last}")
        check(s.slot_state(name) == "empty", f"after {sig.name} the message stayed in the slot")
        # A receiver waiting with a long poll interval ends within a moment too.
        rx = s.start_receiver(name, "--interval", "60000")
        start = time.monotonic()
        rx.proc.send_signal(sig)
        code = rx.finish()
        check(code == 128 + int(sig) and time.monotonic() - start < 2,
              f"receiver after {sig.name}: exit {code} after {time.monotonic() - start:.1f} s: {rx.stderr()}")
        check(rx.stdout_lines() == [], f"the receiver printed {rx.stdout_lines()}")
    # A receiver stopped right after taking a message prints it before it exits.
    name = s.name("sgh")
    rx = s.receiver("--print", "--pause-at", "reader-after-clear", "--name", name, "--interval", "1", "--timeout", str(DEADLINE),
                    stdin=subprocess.PIPE)
    rx.wait_stderr("ready:")
    tx = s.sender("--name", name, "--message", "in hand", "--timeout", str(DEADLINE), "--interval", "1")
    rx.wait_stderr("paused at reader-after-clear")
    rx.proc.send_signal(signal.SIGTERM)
    rx.proc.stdin.close()
    code = rx.finish()
    check(code == 143 and rx.stdout_lines() == [b"in hand"], f"exit {code}, printed {rx.stdout_lines()}: {rx.stderr()}")
    check(tx.finish() == 0, f"the sender of the message in hand: {tx.stderr()}")


def main():
    return run_tests(globals(), Suite, ["probe", "peer"])


if __name__ == "__main__":
    sys.exit(main())
