#!/usr/bin/env python3
"""The debug-output channel (--dbwin, docs/dbwin.md) with real processes.

POSIX (native build): samplemap-receiver --dbwin is the monitor, samplemap-sender --dbwin the
writers (sm_dbwin_write, the call behind sm_debug_output), each test with its own buffer name
(--name), so ctest -j is safe. Windows (the MinGW build under Wine): the writer is
tests/helpers/dbwin_writer.exe calling OutputDebugStringA/W itself, so Wine's own
implementation runs the writer's half; the names are the system's (DBWIN_BUFFER), so those
tests share a ctest RESOURCE_LOCK. Every wait is for a ready line, an output line or an exit.

usage: dbwin_tests.py --sender S --receiver R --probe P --peer C --writer W [--emulator CMD] TEST
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import Suite as BaseSuite  # noqa: E402
from proctest import DEADLINE, SKIP, check, run_tests  # noqa: E402

WRITERS, LINES = 4, 500


class Suite(BaseSuite):
    def __init__(self, args):
        super().__init__(args)
        self.writer_exe = args.writer

    def buffer_name(self, tag):
        """A bare buffer name of this test (POSIX: /<name>.<uid> in /dev/shm)."""
        return f"dbw{os.getpid()}{tag}"

    def monitor(self, *args):
        name = [] if self.on_windows else ["--name", self.buffer_name("m")]
        rx = self.receiver("--dbwin", *name, "--timeout", str(DEADLINE), *args)
        rx.wait_stderr("ready:")
        return rx

    def wait_lines(self, child, count):
        """Waits until child printed count stdout lines (or ended, or the deadline)."""
        end = time.monotonic() + DEADLINE
        while len(child.out) < count:
            check(child.proc.poll() is None or len(child.out) >= count,
                  f"monitor ended with {len(child.out)} of {count} lines: {child.stderr()}")
            check(time.monotonic() < end, f"only {len(child.out)} of {count} lines arrived")
            time.sleep(0.01)


def posix_only(fn):
    def run(s):
        if s.on_windows:
            return SKIP
        return fn(s)
    return run


def wine_only(fn):
    def run(s):
        if not s.on_windows or not s.writer_exe:
            return SKIP
        return fn(s)
    return run


def objects(child):
    return [json.loads(line) for line in child.stdout_lines()]


def check_writers(entries, pids, lines):
    """Every line of every writer arrived once, in that writer's order, with its pid."""
    by_tag = {}
    for entry in entries:
        tag, _, number = entry["text"].partition(" ")
        check(tag in pids, f"unexpected text {entry['text']!r}")
        check(entry["pid"] == pids[tag], f"{tag}: pid {entry['pid']}, expected {pids[tag]}")
        by_tag.setdefault(tag, []).append(int(number))
    for tag in pids:
        check(by_tag.get(tag) == list(range(lines)),
              f"{tag}: {len(by_tag.get(tag, []))} of {lines} lines, or out of order")


# ------------------------------------------------------------------- POSIX


@posix_only
def test_dbwin_four_writers(s):
    """4 sender --dbwin processes x 500 lines at once: every line, each writer's order, its pid."""
    rx = s.monitor("--json", "--count", str(WRITERS * LINES))
    writers = {}
    for w in range(WRITERS):
        tag = f"w{w}"
        lines = "".join(f"{tag} {i:04}\n" for i in range(LINES)).encode()
        tx = s.sender("--dbwin", "--name", s.buffer_name("m"), "--stdin", stdin=subprocess.PIPE)
        writers[tag] = tx
        tx.proc.stdin.write(lines)
        tx.proc.stdin.close()
    for tag, tx in writers.items():
        check(tx.finish() == 0, f"writer {tag} failed: {tx.stderr()}")
    check(rx.finish() == 0, f"monitor: {rx.stderr()}")
    entries = objects(rx)
    check(len(entries) == WRITERS * LINES, f"{len(entries)} entries")
    check_writers(entries, {tag: tx.proc.pid for tag, tx in writers.items()}, LINES)
    for entry in entries:
        check(entry["event"] == "dbwin" and entry["ill_formed"] is False and
              entry["process"] == "samplemap-sende" and "time" in entry, f"entry {entry}")


@posix_only
def test_dbwin_print_log_and_text(s):
    """--print and --log lines; UTF-8 kept, a trailing newline trimmed, a long text in parts."""
    log = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"dbwin-{os.getpid()}.log")
    if os.path.exists(log):
        os.unlink(log)
    rx = s.monitor("--print", "--log", log, "--count", "5")
    name = s.buffer_name("m")
    long_text = "".join(chr(ord("a") + i % 26) for i in range(5000))
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", name, "--message", "Привет 😀",
                         "--message", "tab\there", "--message", long_text, "--message", "x\n")
    check(code == 0, f"sender: {err}")
    check(rx.finish() == 0, f"monitor: {rx.stderr()}")
    printed = [line.decode() for line in rx.stdout_lines()]
    with open(log, encoding="utf-8") as f:
        logged = f.read().splitlines()
    os.unlink(log)
    check(printed == logged, f"--print and --log differ: {printed[:2]} / {logged[:2]}")
    texts = [line.split("] ", 1)[1] for line in printed]
    check(texts == ["Привет 😀", "tab\\there", long_text[:4091], long_text[4091:], "x"],
          f"texts {[t[:20] for t in texts]}")
    check(all(f"] " in line and line.startswith("20") for line in printed), f"lines {printed[:1]}")


@posix_only
def test_dbwin_short_writers_named(s):
    """Writers that exit right after their one message are still named: the monitor reads a
    writer's name before it lets the writer go (60 in a row; read after that, up to 1 in 6 was
    "?" here)."""
    count = 60
    rx = s.monitor("--json", "--count", str(count))
    folder = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"dbwin-short-{os.getpid()}")
    os.makedirs(folder, exist_ok=True)
    short = os.path.join(folder, "shortlived")  # /proc/<pid>/comm: the file's name
    shutil.copy(s.sender_exe, short)
    try:
        for i in range(count):
            code, _, err = s.run(short, "--dbwin", "--name", s.buffer_name("m"), "--message",
                                 f"short {i}")
            check(code == 0, f"writer {i}: exit {code}: {err}")
    finally:
        shutil.rmtree(folder)
    check(rx.finish() == 0, f"monitor: {rx.stderr()}")
    entries = objects(rx)
    check([e["text"] for e in entries] == [f"short {i}" for i in range(count)],
          f"texts {[e['text'] for e in entries]}")
    unnamed = [e for e in entries if e["process"] != "shortlived"]
    check(not unnamed, f"{len(unnamed)} of {count} writers not named: {unnamed[:3]}")


@posix_only
def test_dbwin_second_monitor_refused(s):
    """A second monitor says so in one sentence, exits 1, and leaves the first one working."""
    rx = s.monitor("--print", "--count", "1")
    code, out, err = s.run(s.receiver_exe, "--dbwin", "--name", s.buffer_name("m"), "--print")
    check(code == 1 and out == b"", f"second monitor: exit {code}")
    check("another debug-output monitor" in err and err.count("\n") == 1, f"its message: {err!r}")
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message", "first")
    check(code == 0 and rx.finish() == 0, f"the first monitor lost its writer: {err}")
    check(rx.stdout_lines()[0].endswith(b"] first"), f"got {rx.stdout_lines()}")


@posix_only
def test_dbwin_monitor_killed(s):
    """Writers running when the monitor is killed finish within the bound, and say why."""
    rx = s.monitor("--print")
    writers = []
    for w in range(WRITERS):
        lines = "".join(f"k{w} {i:06}\n" for i in range(200000)).encode()
        tx = s.sender("--dbwin", "--name", s.buffer_name("m"), "--stdin", "--timeout", "60",
                      stdin=subprocess.PIPE)
        writers.append(tx)
        # Fed from a thread: the pipe holds less than the whole input.
        import threading
        threading.Thread(target=lambda p=tx.proc, b=lines: (p.stdin.write(b), p.stdin.close()),
                         daemon=True).start()
    s.wait_lines(rx, 200)  # the writers are writing
    killed_at = time.monotonic()
    rx.proc.send_signal(signal.SIGKILL)
    rx.finish()
    for tx in writers:
        code = tx.finish()
        # "stopped" mid-write, or "no ... monitor runs" for a line begun after the kill.
        check(code == 1 and ("stopped" in tx.stderr() or "no debug-output monitor" in tx.stderr()),
              f"writer: exit {code}: {tx.stderr()}")
    took = time.monotonic() - killed_at
    # The documented bound: a dead monitor is noticed within SM_DBWIN_CHECK_MS (100 ms) per
    # writer; far below the 10 s a writer waits for a live but busy monitor.
    check(took < 5, f"the writers took {took:.1f} s to notice the killed monitor")
    # And the dead monitor's leftover object is no monitor: a writer returns at once.
    start = time.monotonic()
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message", "late")
    check(code == 1 and "no debug-output monitor" in err, f"after the kill: exit {code}: {err}")
    check(time.monotonic() - start < 5, "a writer waited for a dead monitor")
    # A new monitor takes the name over from the dead one.
    rx = s.monitor("--print", "--count", "1")
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message", "again")
    check(code == 0 and rx.finish() == 0, f"new monitor: {err} {rx.stderr()}")


@posix_only
def test_dbwin_stopped_monitor(s):
    """A monitor stopped (SIGSTOP) keeps writers at most their --timeout (exit 3, saying whether
    the message is lost or waits in the buffer); once resumed it receives again."""
    rx = s.monitor("--print")
    rx.proc.send_signal(signal.SIGSTOP)
    try:
        start = time.monotonic()
        code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message",
                             "while stopped", "--timeout", "1")
        took = time.monotonic() - start
        check(code == 3 and "(stopped?)" in err, f"exit {code}: {err}")
        check(took < 1 + 5, f"the writer waited {took:.1f} s for a 1 s --timeout")
        # The buffer was free when it stopped, so this one was written and waits there.
        check("arrives if the monitor resumes" in err, f"what became of it: {err}")
        code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message",
                             "second", "--timeout", "1")
        check(code == 3 and "not delivered" in err, f"second writer: exit {code}: {err}")
    finally:
        rx.proc.send_signal(signal.SIGCONT)
    s.wait_lines(rx, 1)
    check(rx.stdout_lines()[0].endswith(b"] while stopped"), f"got {rx.stdout_lines()}")
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("m"), "--message", "resumed")
    check(code == 0, f"after SIGCONT: {err}")
    s.wait_lines(rx, 2)
    check(rx.stdout_lines()[1].endswith(b"] resumed"), f"got {rx.stdout_lines()}")
    # Stopped as a person would (Ctrl+C / SIGTERM), it removes its buffer: nothing is left.
    rx.proc.send_signal(signal.SIGTERM)
    code = rx.finish()
    check(code == 128 + signal.SIGTERM, f"the monitor's exit after SIGTERM: {code}: {rx.stderr()}")
    check(not os.path.exists(f"/dev/shm/{s.buffer_name('m')}.{os.geteuid()}") or
          not sys.platform.startswith("linux"), "the stopped monitor left its buffer in /dev/shm")


@posix_only
def test_dbwin_no_monitor(s):
    """No monitor: sender --dbwin returns at once (exit 1, one sentence), whatever its --timeout."""
    start = time.monotonic()
    code, _, err = s.run(s.sender_exe, "--dbwin", "--name", s.buffer_name("n"), "--message", "x",
                         "--timeout", "60")
    check(code == 1 and "no debug-output monitor runs" in err, f"exit {code}: {err}")
    check(time.monotonic() - start < 5, "it waited")
    code, _, err = s.run(s.sender_exe, "--dbwin", "--message", b"bad\xff".decode("latin-1"))
    check(code in (1, 4), f"exit {code}: {err}")


# -------------------------------------------------------------- Windows (Wine)


def start_writer(s, *args):
    tx = s.spawn(s.writer_exe, *args)
    return tx


@wine_only
def test_dbwin_wine_samples(s):
    """OutputDebugStringA/W of a separate Windows program, as Wine delivers them."""
    rx = s.monitor("--json", "--count", "7")
    tx = start_writer(s, "samples")
    check(tx.finish() == 0, f"writer: {tx.stderr()}")
    pid = int(tx.stdout_lines()[0].split()[1])
    check(rx.finish() == 0, f"monitor: {rx.stderr()}")
    entries = objects(rx)
    texts = [e["text"] for e in entries]
    alphabet = "".join(chr(ord("a") + i % 26) for i in range(4091))
    check(texts[:4] == ["ascii: hello", "cp1252: café crème", "wide latin: café über",
                        "wide cjk: ??"], f"texts {texts[:4]}")
    # 4091 bytes fill the buffer exactly; a 10000-byte string arrives cut to its first 4091.
    check(texts[4] == alphabet and texts[5] == alphabet and texts[6] == "last",
          f"long texts: {[len(t) for t in texts]}")
    check(all(e["pid"] == pid and e["process"] in ("dbwin_writer.exe", "?") for e in entries),
          f"pids {[e['pid'] for e in entries]} vs {pid}")


@wine_only
def test_dbwin_wine_four_writers(s):
    """4 Windows programs x 500 OutputDebugStringA lines at once."""
    rx = s.monitor("--json", "--count", str(WRITERS * LINES))
    writers = {f"w{w}": start_writer(s, "lines", str(LINES), f"w{w}") for w in range(WRITERS)}
    pids = {}
    for tag, tx in writers.items():
        check(tx.finish() == 0, f"writer {tag}: {tx.stderr()}")
        pids[tag] = int(tx.stdout_lines()[0].split()[1])
    check(rx.finish() == 0, f"monitor: {rx.stderr()}")
    check_writers(objects(rx), pids, LINES)


@wine_only
def test_dbwin_wine_second_monitor(s):
    """A second monitor is refused; the first keeps receiving."""
    rx = s.monitor("--json", "--count", "1")
    code, out, err = s.run(s.receiver_exe, "--dbwin", "--print")
    check(code == 1 and "another debug-output monitor" in err, f"second monitor: exit {code}: {err}")
    tx = start_writer(s, "lines", "1", "first")
    check(tx.finish() == 0 and rx.finish() == 0, f"first monitor: {rx.stderr()}")
    check(objects(rx)[0]["text"] == "first 0000", f"got {rx.stdout_lines()}")


@wine_only
def test_dbwin_wine_sender_and_killed_monitor(s):
    """sender --dbwin (sm_dbwin_write: OutputDebugStringW) reaches the monitor; writers running
    when the monitor is killed finish at once (its objects die with it)."""
    rx = s.monitor("--json", "--count", "1")
    code, _, err = s.run(s.sender_exe, "--dbwin", "--message", "from sender: café")
    check(code == 0 and rx.finish() == 0, f"sender: {err}; monitor: {rx.stderr()}")
    check(objects(rx)[0]["text"] == "from sender: café", f"got {rx.stdout_lines()}")
    # One writer busy when the monitor is killed: its call in flight waits at most Windows' 10 s
    # for BUFFER_READY; the next calls find no objects (they died with the monitor) and return
    # at once. (Several busy writers keep the dead monitor's objects open among themselves, so
    # each of their calls waits the full 10 s: docs/dbwin.md, "The bounds".)
    rx = s.monitor("--print")
    tx = start_writer(s, "lines", "100000", "k")
    s.wait_lines(rx, 200)
    killed_at = time.monotonic()
    rx.kill()
    check(tx.finish() == 0, f"writer: {tx.stderr()}")
    took = time.monotonic() - killed_at
    check(took < 10 + 20, f"the writer took {took:.1f} s after the monitor was killed")


def main():
    return run_tests(globals(), Suite, ["probe", "peer", "writer"])


if __name__ == "__main__":
    sys.exit(main())
