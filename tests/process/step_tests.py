#!/usr/bin/env python3
"""Step mode (--step) and the byte view (--peek --watch) with real processes.

A stepping process is driven through its stdin (one newline = one step) and followed
through its stderr "step: ... [POINT]" lines; the byte view through its stdout. Every
wait is for a line or a view with a deadline, never a sleep. Uses the process tests'
Suite (proc_tests.py): unique mapping names, cleanup, the emulator.

usage: step_tests.py --sender S --receiver R --probe P --peer C [--emulator CMD] TEST
"""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import Suite, hold  # noqa: E402
from proctest import DEADLINE, SKIP, check, run_tests  # noqa: E402


def views(watch):
    """The views a --watch child printed so far, each as its list of lines."""
    text = watch.stdout().decode("utf-8", "replace")
    return [["view " + chunk.split("\n", 1)[0]] + chunk.split("\n")[1:]
            for chunk in text.split("\nview ")[1:]]


def wait_view(watch, predicate, what):
    """Waits (with a deadline) for a complete view for which predicate(lines) holds."""
    end = time.monotonic() + DEADLINE
    while True:
        for lines in views(watch)[:-1] if watch.proc.poll() is None else views(watch):
            if predicate(lines):
                return lines
        # The last view may still be arriving: accept it once its rows are complete.
        last = views(watch)[-1:] or [[]]
        if last[0] and any(line.startswith("... ") or line.startswith("07f0") for line in last[0]) \
                and predicate(last[0]):
            return last[0]
        check(watch.proc.poll() is None, f"--watch ended early: {watch.stderr()}")
        check(time.monotonic() < end, f"no view showed {what}; got: {views(watch)[-2:]}")
        time.sleep(0.005)


def step(child, point):
    """Presses Enter and waits for the stepping child to report point."""
    child.proc.stdin.write(b"\n")
    child.proc.stdin.flush()
    return child.wait_stderr(f"[{point}]")


def keep(s, name):
    """Has the probe make the (zeroed) data object and hold it open: a Windows object dies with
    its last handle, so a classic sender that wrote and exited would take its text with it."""
    return hold(s, name, 2048, "0000")


def start_watch(s, name):
    watch = s.receiver("--peek", "--watch", "--name", name, "--interval", "2")
    watch.wait_stderr("watching")
    return watch


def test_step_classic_torn_in_watch(s):
    """A classic writer stopped after unit 0: the view and a classic reader see a torn message."""
    name = s.name("st")
    keeper = keep(s, name)
    code, _, err = s.run(s.sender_exe, "--classic", "--name", name, "--message", "Hello old text",
                         "--interval", "1")
    check(code == 0, f"setup send: exit {code}: {err}")
    watch = start_watch(s, name)
    wait_view(watch, lambda v: "|Hello ol|" in v[2], "the old text")
    tx = s.sender("--classic", "--step", "--name", name, "--message", "NEW", "--interval", "1",
                  stdin=subprocess.PIPE)
    line = tx.wait_stderr("[classic-after-unit0]")
    check("torn" in line and "press Enter" in line, f"the step line does not explain: {line!r}")
    # The view: the new unit 0 (marked as unit 0 and as changed) on the old tail.
    torn = wait_view(watch, lambda v: "|Nello ol|" in v[2], "the torn message")
    check(torn[2].startswith("0000 [4e 00]*"), f"unit 0 not marked [..] and changed *: {torn[2]!r}")
    check("slot full" in torn[0], f"header: {torn[0]!r}")
    # A classic reader polling now takes the torn text.
    code, out, err = s.run(s.receiver_exe, "--classic", "--print", "--count", "1", "--name", name,
                           "--timeout", str(DEADLINE))
    check(code == 0 and out == b"Nello old text\n", f"classic reader: exit {code}, {out!r}: {err}")
    step(tx, "classic-after-body")
    # The rest lands in a slot the reader already emptied: "NEW" itself is lost.
    lost = wait_view(watch, lambda v: "|.EW.o ol|" in v[2], "the rest written after the take")
    check("<00 00>" in lost[2] and "slot empty" in lost[0], f"terminator or header: {lost[:3]}")
    tx.proc.stdin.write(b"\n")
    tx.proc.stdin.close()
    check(tx.finish() == 0, f"stepping sender failed: {tx.stderr()}")
    watch.kill()
    keeper.proc.stdin.close()
    keeper.finish()


def test_step_safe_holds_lock(s):
    """A safe writer stepped through its points: the view follows; peers wait, boundedly."""
    name = s.name("ss")
    watch = s.receiver("--peek", "--watch", "--name", name, "--interval", "2")
    watch.wait_stderr("watching")
    tx = s.sender("--step", "--name", name, "--message", "ok", "--interval", "1", stdin=subprocess.PIPE)
    tx.wait_stderr("[writer-locked]")
    pid = str(tx.proc.pid)
    if not s.on_windows and not s.emulator:  # Windows' named mutex cannot be looked at
        wait_view(watch, lambda v: f"lock held by {pid}" in v[1], f"the lock held by {pid}")
    step(tx, "writer-after-body")
    body = wait_view(watch, lambda v: "|.k.|" in v[2] or "|.k" in v[2], "the body before unit 0")
    check(body[2].startswith("0000 [00 00]") and "slot empty" in body[0],
          f"unit 0 must still be 0 after the body: {body[:3]}")
    step(tx, "writer-after-publish")
    wait_view(watch, lambda v: v[2].startswith("0000 [6f 00]*") and "|ok" in v[2], "unit 0 published")
    # The slot is full but the stepping writer holds the lock: a receiver waits, then gives up.
    code, out, err = s.run(s.receiver_exe, "--print", "--count", "1", "--name", name, "--timeout", "0.5")
    check(code == 3 and out == b"" and "held by another process" in err,
          f"receiver while the lock is held: exit {code}, {out!r}: {err}")
    step(tx, "writer-unlocked")
    tx.proc.stdin.close()  # end of input: the rest runs without stops
    code, out, err = s.run(s.receiver_exe, "--print", "--count", "1", "--name", name,
                           "--timeout", str(DEADLINE))
    check(code == 0 and out == b"ok\n", f"receiver after the steps: exit {code}, {out!r}: {err}")
    check(tx.finish() == 0, f"stepping sender failed: {tx.stderr()}")
    taken = wait_view(watch, lambda v: "taken 1," in v[1], "the taken counter")
    check("published 1," in taken[1], f"control line: {taken[1]}")
    watch.kill()


def test_step_receiver_points(s):
    """A stepping receiver names its four points in order; the message arrives once."""
    name = s.name("sr")
    tx = s.sender("--name", name, "--message", "step me", "--interval", "1", "--timeout", str(DEADLINE))
    rx = s.receiver("--step", "--print", "--count", "1", "--name", name, "--interval", "1",
                    stdin=subprocess.PIPE)
    rx.wait_stderr("[reader-locked]")
    check(tx.proc.poll() is None, "the sender saw delivery before the reader copied")
    step(rx, "reader-after-copy")
    step(rx, "reader-after-clear")
    step(rx, "reader-unlocked")
    rx.proc.stdin.write(b"\n")
    rx.proc.stdin.close()
    check(rx.finish() == 0 and rx.stdout_lines() == [b"step me"], f"receiver: {rx.stderr()}")
    check(tx.finish() == 0, f"sender: {tx.stderr()}")


def test_watch_owner_dead(s):
    """A writer killed holding the lock: the view says owner-dead, without taking the lock."""
    if s.on_windows or s.emulator:
        return SKIP  # a named mutex cannot be looked at without taking it
    name = s.name("od")
    victim = s.sender("--pause-at", "writer-locked", "--name", name, "--message", "dies", "--interval", "1",
                      stdin=subprocess.PIPE)
    victim.wait_stderr("paused at writer-locked")
    watch = start_watch(s, name)
    wait_view(watch, lambda v: f"lock held by {victim.proc.pid}" in v[1], "the live holder")
    victim.proc.send_signal(signal.SIGKILL)
    victim.finish()
    wait_view(watch, lambda v: "lock owner-dead" in v[1], "owner-dead")
    # Looking did not repair it: the next locker takes it over, as after any crash.
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "after", "--timeout", "0.3")
    check(code == 3 and "not delivered" in err, f"sender after the crash: exit {code}: {err}")
    wait_view(watch, lambda v: "lock free" in v[1], "the lock free again")
    watch.kill()


def test_watch_ends_and_refuses(s):
    """--count and --timeout end a watch; bad combinations are refused with a reason."""
    name = s.name("we")
    keeper = keep(s, name)
    code, _, err = s.run(s.sender_exe, "--name", name, "--classic", "--message", "x", "--interval", "1")
    check(code == 0, err)
    code, out, err = s.run(s.receiver_exe, "--peek", "--watch", "--count", "1", "--name", name)
    check(code == 0 and out.count(b"\nview ") == 1 and b"... 127 rows of zero" in out,
          f"--count 1: exit {code}, {out!r}: {err}")
    code, out, err = s.run(s.receiver_exe, "--peek", "--watch", "--all", "--timeout", "0.2", "--name", name)
    check(code == 0 and out.count(b"\n07f0 ") == 1, f"--all --timeout: exit {code}: {err}")
    for args, needle in [(["--watch"], "add --peek"), (["--peek", "--all"], "add --peek --watch"),
                         (["--peek", "--watch", "--json"], "not JSON"),
                         (["--peek", "--step"], "--step does not apply")]:
        code, out, err = s.run(s.receiver_exe, "--name", name, *args)
        check(code == 2 and needle in err, f"{args}: exit {code}: {err}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--step", "--stdin", stdin_bytes=b"x\n")
    check(code == 2 and "cannot be combined with --stdin" in err, f"--step --stdin: exit {code}: {err}")
    keeper.proc.stdin.close()
    keeper.finish()


def test_pause_at_enter_and_end_of_input(s):
    """--pause-at stops each time the point is passed: Enter goes on (it stops again at the next
    message), the end of standard input goes on and ends the pauses; all three arrive in order."""
    name = s.name("pe")
    rx = s.start_receiver(name, "--count", "3")
    tx = s.sender("--pause-at", "writer-locked", "--name", name, "--interval", "1", "--timeout",
                  str(DEADLINE), "--message", "one", "--message", "two", "--message", "three",
                  stdin=subprocess.PIPE)
    first = tx.wait_stderr("paused at writer-locked")
    check(re.fullmatch(rf"samplemap: paused at writer-locked \(pid {tx.proc.pid}\)\n?", first) is not None
          or s.emulator, f"the pause line does not name the point and the pid: {first!r}")
    tx.proc.stdin.write(b"\n")
    tx.proc.stdin.flush()
    tx.wait_stderr("paused at writer-locked")  # the second message stops there again
    tx.proc.stdin.close()  # end of input: no pause for the third
    check(tx.finish() == 0, f"sender: {tx.stderr()}")
    check(tx.stderr().count("paused at") == 2, f"expected two pauses: {tx.stderr()}")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"one", b"two", b"three"],
          f"receiver got {rx.stdout_lines()}: {rx.stderr()}")


def documented_names(heading):
    """The names in the first column of the table under heading in docs/diagnostics.md."""
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "diagnostics.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    section = text.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M)


def test_pause_at_points_documented(s):
    """--pause-at help lists every protocol point (both programs alike, exit 0) and
    docs/diagnostics.md documents exactly those, in that order; an unknown point is a usage error
    (exit 2) in one line naming '--pause-at help', for both programs."""
    listed = []
    for exe in (s.sender_exe, s.receiver_exe):
        code, out, err = s.run(exe, "--pause-at", "help")
        check(code == 0 and err == "", f"--pause-at help: exit {code}: {err}")
        listed.append([line.split()[0] for line in out.decode().splitlines()])
        code, _, err = s.run(exe, "--pause-at", "writer-asleep", "--name", s.name("pu"))
        check(code == 2 and "no protocol point 'writer-asleep'; '--pause-at help' lists them" in
              err.splitlines()[0], f"unknown point: exit {code}: {err}")
    check(listed[0] == listed[1] and len(listed[0]) > 10, f"the two programs list {listed}")
    documented = documented_names("### The points")
    check(documented == listed[0], f"docs/diagnostics.md's table {documented} is not the list of "
          f"--pause-at help {listed[0]}")
    # The same for --trace's categories (and "all", which the table describes in its text).
    code, out, err = s.run(s.receiver_exe, "--trace", "help")
    categories = [line.split()[0] for line in out.decode().splitlines()]
    documented = documented_names("## `--trace LIST`")
    check(code == 0 and categories == documented + ["all"],
          f"--trace help lists {categories} (exit {code}: {err}); docs/diagnostics.md {documented}")


def main():
    return run_tests(globals(), Suite, ["probe", "peer"])


if __name__ == "__main__":
    sys.exit(main())
