#!/usr/bin/env python3
"""Smoke-test-tool features with real processes: --peek (look without taking) and --json.

The --json lines are parsed with Python's json module (a real JSON parser) and every
field of the documented schema (docs/json.md) is checked. Uses the process tests'
Suite (proc_tests.py): unique mapping names, the probe helper, no sleeps.

usage: tool_tests.py --sender S --receiver R --probe P --peer C [--emulator CMD] TEST
"""
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import Suite, hold  # noqa: E402
from proctest import DEADLINE, SKIP, check, run_tests  # noqa: E402


def units_of(text):
    return len(text.encode("utf-16-le")) // 2


def parse_lines(out):
    """Each stdout line must be one complete JSON object."""
    objects = []
    for line in out.decode("utf-8").splitlines():
        try:
            objects.append(json.loads(line))
        except json.JSONDecodeError as error:
            check(False, f"not a JSON line ({error}): {line!r}")
        check(isinstance(objects[-1], dict), f"not an object: {line!r}")
    return objects


def check_common(obj, name, view_bytes):
    """The fields every line has: event, local time with offset, monotonic_ns, name, view_bytes."""
    for key, kind in [("event", str), ("time", str), ("monotonic_ns", int), ("name", str),
                      ("view_bytes", int)]:
        check(isinstance(obj.get(key), kind), f"{key} missing or not {kind.__name__}: {obj}")
    when = datetime.datetime.fromisoformat(obj["time"])
    check(when.tzinfo is not None, f"time has no UTC offset: {obj['time']}")
    now = datetime.datetime.now(datetime.timezone.utc)
    check(abs((now - when).total_seconds()) < DEADLINE + 60, f"time {obj['time']} is not now ({now})")
    check(obj["name"] == name, f"name {obj['name']!r}, expected {name!r}")
    check(obj["view_bytes"] == view_bytes, f"view_bytes {obj['view_bytes']}, expected {view_bytes}")


def peek(s, name, *extra):
    return s.run(s.receiver_exe, "--peek", "--name", name, *extra)


def test_peek_looks_without_taking(s):
    name = s.name("pk")
    code, out, err = peek(s, name)
    check(code == 7 and out == b"", f"peek on no mapping: exit {code}, {out!r}: {err}")
    check(f"there is no mapping named '{name}'" in err, f"no 'no mapping' note: {err}")
    code, out, err = peek(s, name, "--json")
    [obj] = parse_lines(out)
    check(code == 7 and obj["empty"] is True and obj["exists"] is False, f"peek --json on no mapping: {obj}")
    if not s.on_windows:  # looking created nothing (POSIX: Local\X is /dev/shm/X.<uid>)
        shm = f"/dev/shm/{name.split(chr(92))[1]}.{os.getuid()}"
        check(not os.path.exists(shm), f"--peek created the mapping {shm}")
    text = "look, don't take: Привет 😀"
    tx = s.sender("--name", name, "--message", text, "--timeout", str(DEADLINE), "--interval", "1")
    s.wait_slot(name, "full")
    for _ in range(2):  # twice: the first look must not have taken it
        code, out, err = peek(s, name)
        check(code == 0, f"peek exit {code}: {err}")
        check(out == text.encode() + b"\n", f"peek printed {out!r}")
    code, out, err = peek(s, name, "--json")
    check(code == 0, f"peek --json exit {code}: {err}")
    [obj] = parse_lines(out)
    check_common(obj, name, 2048)
    check(obj["event"] == "peek" and obj["empty"] is False and obj["text"] == text and
          obj["units"] == units_of(text) and obj["sequence"] == 0, f"peek object: {obj}")
    check(s.slot_state(name) == "full", "the slot was emptied by --peek")
    check(tx.proc.poll() is None, "the sender was told 'delivered' after a mere peek")
    # The message is still there for the real receiver, and only then delivered.
    code, out, err = s.run(s.receiver_exe, "--print", "--count", "1", "--name", name,
                           "--timeout", str(DEADLINE))
    check(code == 0 and out == text.encode() + b"\n", f"receiver after peeks: {code} {out!r} {err}")
    check(tx.finish() == 0, f"sender not delivered: {tx.stderr()}")
    code, out, err = peek(s, name, "--json")
    # Windows: the mapping died with its last handle when the sender and receiver ended (exit 7).
    gone = s.on_windows
    check(code == (7 if gone else 6), f"peek --json on the emptied slot: exit {code}: {err}")
    [obj] = parse_lines(out)
    check(obj["event"] == "peek" and obj["empty"] is True and "text" not in obj and
          obj.get("exists", True) is not gone, f"empty peek: {obj}")
    # A writer stopped while it holds the lock: --peek gives up after its bound with the
    # "held" exit (3), as every other mode does, and takes nothing.
    holder = s.sender("--pause-at", "writer-locked", "--name", name, "--message", "held", "--interval", "1",
                      stdin=subprocess.PIPE)
    holder.wait_stderr("paused at writer-locked")
    code, out, err = peek(s, name)
    check(code == 3 and out == b"" and "held by another process" in err,
          f"peek while the lock is held: exit {code}, {out!r}: {err}")
    holder.proc.stdin.close()  # resume: it publishes and waits for a receiver
    code, out, err = s.run(s.receiver_exe, "--print", "--count", "1", "--name", name,
                           "--timeout", str(DEADLINE))
    check(code == 0 and out == b"held\n", f"receiver after the held peek: {code} {out!r} {err}")
    check(holder.finish() == 0, f"held sender not delivered: {holder.stderr()}")


def test_race_table_flags(s):
    """tools/race-table.sh's flags (tools/race_table.py): without -c the question, with -c the
    load as asked (--only, --runs, --senders, --messages, --stalled, --seed); bad values refused."""
    if s.emulator or s.on_windows:
        print("skipped: the race table runs the native build")
        return SKIP
    build = os.path.dirname(os.path.dirname(os.path.abspath(s.sender_exe)))
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "race-table.sh")
    flags = ["--only", "safe", "--runs", "2", "--senders", "2", "--messages", "3", "--stalled", "1",
             "--seed", "5"]
    done = subprocess.run([tool, build, *flags], capture_output=True, timeout=DEADLINE)
    out = question = done.stdout.decode()
    asked = [line.split()[0] for line in out.splitlines() if line.split()[-5:] == ["?"] * 5]
    check(done.returncode == 0 and asked == ["safe", "safe", "safe,"] and "classic" not in out,
          f"the question: exit {done.returncode}: {out}{done.stderr.decode()}")
    done = subprocess.run([tool, build, "-c", *flags], capture_output=True, timeout=4 * DEADLINE)
    out = done.stdout.decode()
    rows = {line[:17].strip(): line[17:].split() for line in out.splitlines()
            if line.startswith("safe")}
    check(done.returncode == 0, f"exit {done.returncode}: {out}{done.stderr.decode()}")
    check(rows == {"safe #1": ["6", "6", "0", "0", "0"], "safe #2": ["6", "6", "0", "0", "0"],
                   "safe, stalled": ["1", "1", "0", "0", "0"]}, f"rows: {rows}\n{out}")
    check("(seed 5)" in out and "2 senders x 3" in out, f"setup line: {out}")
    # The seed decides the messages: the rows sent the load the question announced, and
    # another seed announces another load.
    announced = [line for line in question.splitlines() if line.startswith("the load: ")]
    sent = [line for line in out.splitlines() if line.startswith("the load: ")]
    check(len(announced) == 1 and sent == announced, f"load announced {announced}, sent {sent}")
    other = subprocess.run([tool, build, *flags[:-1], "6"], capture_output=True, timeout=DEADLINE)
    check(announced[0] not in other.stdout.decode(), f"seeds 5 and 6 announce the same load: {announced}")
    done = subprocess.run([tool, build, "--runs", "0"], capture_output=True, timeout=DEADLINE)
    check(done.returncode == 2 and b"--runs: must be 1 or more, not 0" in done.stderr,
          f"--runs 0: exit {done.returncode}: {done.stderr.decode()}")


def test_json_receiver_and_sender(s):
    name = s.name("js")
    texts = ["plain", 'line1\nline2 "quoted" \\ back\tslash \u2028 sep', "😀 мир 世界", "\x01\x1f"]
    rx = s.receiver("--json", "--count", str(len(texts)), "--name", name, "--interval", "1",
                    "--timeout", str(DEADLINE))
    rx.wait_stderr("ready:")
    args = []
    for text in texts:
        args += ["--message", text]
    code, out, err = s.run(s.sender_exe, "--json", "--name", name, "--interval", "1", *args)
    check(code == 0, f"sender exit {code}: {err}")
    check(rx.finish() == 0, f"receiver failed: {rx.stderr()}")
    got = parse_lines(rx.stdout())
    check(len(got) == len(texts), f"{len(got)} receiver lines for {len(texts)} messages")
    last_ns = 0
    for number, (obj, text) in enumerate(zip(got, texts), start=1):
        check_common(obj, name, 2048)
        check(obj["event"] == "message" and obj["sequence"] == number, f"object {number}: {obj}")
        check(obj["text"] == text, f"text {obj['text']!r}, expected {text!r}")
        check(obj["units"] == units_of(text), f"units {obj['units']} for {text!r}")
        check(obj["ill_formed"] is False and obj["unterminated"] is False and obj["empty"] is False,
              f"flags: {obj}")
        check(obj["monotonic_ns"] > last_ns, "monotonic_ns does not grow")
        last_ns = obj["monotonic_ns"]
    events = parse_lines(out)
    expected = [(kind, i) for i in range(1, len(texts) + 1) for kind in ("queued", "delivered")]
    check([(e["event"], e.get("index")) for e in events] == expected,
          f"sender events {[(e['event'], e.get('index')) for e in events]}")
    for e in events:
        check_common(e, name, 2048)
        check(e["text"] == texts[e["index"] - 1] and e["units"] == units_of(e["text"]), f"{e}")
    for queued, delivered in zip(events[0::2], events[1::2]):
        check(delivered["monotonic_ns"] >= queued["monotonic_ns"], "delivered before queued")


def test_json_withdrawn_and_refused(s):
    name = s.name("jw")
    # A zone east of UTC by 5:30 (POSIX TZ syntax): the local time must carry that offset.
    zone = {} if s.on_windows else {"TZ": "XST-5:30"}
    code, out, err = s.run(s.sender_exe, "--json", "--name", name, "--timeout", "0.3",
                           "--message", "nobody reads this", env_extra=zone)
    check(code == 3, f"expected exit 3 (not delivered), got {code}: {err}")
    events = parse_lines(out)
    check([e["event"] for e in events] == ["queued", "withdrawn"], f"events: {events}")
    for e in events:
        check_common(e, name, 2048)
        check(not zone or e["time"].endswith("+05:30"), f"local time without the zone: {e['time']}")
    check("withdrawn" in events[1]["reason"], f"reason: {events[1]}")
    check(s.slot_state(name) == "empty", "a withdrawn message was left in the slot")
    code, out, err = s.run(s.sender_exe, "--json", "--name", name, "--view-size", "8",
                           "--message", "abcd")
    check(code == 4, f"4 units in an 8-byte view: exit {code}: {err}")
    [refused] = parse_lines(out)
    check(refused["event"] == "refused" and refused["units"] == 4 and refused["view_bytes"] == 8 and
          "the limit is 3" in refused["reason"], f"refused: {refused}")


def test_json_stdin_and_classic(s):
    """--stdin lines are numbered by line; --classic reports "written", never "delivered"."""
    name = s.name("jc")
    rx = s.receiver("--print", "--count", "2", "--name", name, "--interval", "1", "--timeout", str(DEADLINE))
    rx.wait_stderr("ready:")
    code, out, err = s.run(s.sender_exe, "--json", "--stdin", "--name", name, "--interval", "1",
                           stdin_bytes="first line\r\nsecond 😀\n".encode())
    check(code == 0, f"sender --stdin exit {code}: {err}")
    check(rx.finish() == 0, f"receiver: {rx.stderr()}")
    events = [(e["event"], e["index"], e["text"]) for e in parse_lines(out)]
    check(events == [("queued", 1, "first line"), ("delivered", 1, "first line"),
                     ("queued", 2, "second 😀"), ("delivered", 2, "second 😀")], f"--stdin events: {events}")
    code, out, err = s.run(s.sender_exe, "--json", "--classic", "--name", name, "--message", "fire")
    check(code == 0, f"classic sender exit {code}: {err}")
    events = parse_lines(out)
    check([e["event"] for e in events] == ["queued", "written"] and "cannot be known" in events[1]["reason"],
          f"classic events: {events}")


def test_json_ill_formed_small_view(s):
    """A 256-byte view full of lone surrogates: peek shows 128 U+FFFD, flagged unterminated; a
    taking receiver leaves it (it may be the start of a longer message) and prints no line."""
    name = s.name("ji")
    holder = hold(s, name, 256, "d800")
    code, out, err = peek(s, name, "--json", "--view-size", "256")
    check(code == 0, f"peek exit {code}: {err}")
    code, out2, err = s.run(s.receiver_exe, "--json", "--count", "1", "--view-size", "256",
                            "--name", name, "--timeout", "0.5")
    check(code == 3 and out2 == b"" and "left in the slot" in err, f"receiver exit {code}: {out2!r} {err}")
    for obj in parse_lines(out):
        check_common(obj, name, 256)
        check(obj["text"] == "\ufffd" * 128 and obj["units"] == 128 and obj["ill_formed"] is True
              and obj["unterminated"] is True, f"ill-formed view: {obj}")
    holder.proc.stdin.close()
    holder.finish()


def test_cli_conventions(s):
    """-h and -V, '--' before texts that start with '-', --help within 79 columns with the real exit
    codes, a failed write of --help/--version is an error, contradictory flags are refused."""
    for exe in (s.sender_exe, s.receiver_exe):
        long_help, short_help = s.run(exe, "--help"), s.run(exe, "-h")
        check(long_help[0] == 0 and short_help == long_help, f"-h is not --help: {short_help[2]}")
        check(s.run(exe, "-V") == s.run(exe, "--version"), "-V is not --version")
        wide = [line for line in long_help[1].decode().splitlines() if len(line) > 79]
        check(not wide, f"--help lines over 79 columns: {wide}")
        check(b"-h, --help" in long_help[1] and b"-V, --version" in long_help[1], "short forms not listed")
        if os.path.exists("/dev/full") and not s.on_windows:
            with open("/dev/full", "wb") as full:
                for flag in ("--help", "--version"):
                    done = subprocess.run(s.emulator + [exe, flag], stdout=full, stderr=subprocess.PIPE,
                                          timeout=DEADLINE)
                    check(done.returncode == 1 and f"writing {flag} to standard output failed" in
                          done.stderr.decode(), f"{flag} into /dev/full: exit {done.returncode}")
        for extra in (["--print"], ["--count", "1"]) if exe == s.receiver_exe else (["--message", "x"], ["--stdin"]):
            code, _, err = s.run(exe, "--unlink", "--name", s.name("ul"), *extra)
            check(code == 2 and "--unlink removes the mapping and exits" in err,
                  f"--unlink {' '.join(extra)}: exit {code}: {err}")
    help_text = s.run(s.receiver_exe, "--help")[1].decode()
    check("6 if it is empty" in help_text and "6  --peek found the slot empty" in help_text and
          "7  --peek found no such mapping" in help_text, f"receiver --help exit codes: {help_text}")
    name = s.name("dd")
    rx = s.start_receiver(name, "--count", "2")
    code, _, err = s.run(s.sender_exe, "--name", name, "--timeout", str(DEADLINE), "--", "-dash", "--help")
    check(code == 0 and rx.finish() == 0, f"sender -- TEXT...: exit {code}: {err}")
    check(rx.stdout_lines() == [b"-dash", b"--help"], f"got {rx.stdout_lines()}")
    code, _, err = s.run(s.receiver_exe, "--print", "--", "x")
    check(code == 2 and "takes no arguments" in err, f"receiver -- x: exit {code}: {err}")


def list_channels(s, *extra):
    code, out, err = s.run(s.receiver_exe, "--list", "--json", *extra)
    check(code == 0, f"--list {' '.join(extra)}: exit {code}: {err}")
    found = {}
    for obj in parse_lines(out):
        check(obj["event"] == "channel", f"not a channel line: {obj}")
        found[obj["name"]] = obj
    return found, err


def test_list_channels(s):
    """--list shows every channel this user can see, as ipcs would: view size, a message waiting,
    the taken count, creator and last user (pids, alive or gone), stale; --list --unlink removes
    only the stale ones. Runs in a mount namespace of its own with a private /dev/shm, so its
    --unlink cannot touch the channels of tests running beside it."""
    if s.on_windows:
        code, _, err = s.run(s.receiver_exe, "--list")
        check(code == 1 and "no documented way to list named sections" in err, f"{code} {err}")
        return 0
    if os.environ.get("SAMPLEMAP_LIST_TEST_ISOLATED") != "1":
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or \
                subprocess.run(["unshare", "-m", "true"]).returncode != 0:
            print("skipped: needs root and mount namespaces for a private /dev/shm")
            return SKIP
        done = subprocess.run(["unshare", "-m", "sh", "-c",
                               'mount --make-rprivate / && mount -t tmpfs tmpfs /dev/shm && exec "$@"', "sh",
                               sys.executable, os.path.abspath(sys.argv[0])] + sys.argv[1:-1] + ["list_channels"],
                              env=dict(os.environ, SAMPLEMAP_LIST_TEST_ISOLATED="1"),
                              capture_output=True, timeout=DEADLINE * 3)
        print(done.stdout.decode(), done.stderr.decode())
        check(done.returncode == 0 and b"ok   list_channels" in done.stdout,
              f"the isolated run failed (exit {done.returncode})")
        return 0
    in_use, gone, waiting = s.name("lu"), s.name("lg"), s.name("lw", "Global")
    rx = s.start_receiver(in_use)  # makes the channel and stays: in use
    code, _, err = s.run(s.sender_exe, "--name", gone, "--message", "x", "--timeout", "0.2")
    check(code == 3, f"setup: {err}")  # made it, withdrew, left: nobody is left, so stale
    tx = s.sender("--name", waiting, "--message", "waits", "--timeout", str(DEADLINE))
    s.wait_slot(waiting, "full")
    reused = s.name("lr")  # its creator left, but a receiver opened it since: in use
    code, _, err = s.run(s.sender_exe, "--name", reused, "--message", "x", "--timeout", "0.2")
    rx2 = s.start_receiver(reused)
    found, err = list_channels(s)
    check(set(found) == {in_use, gone, waiting, reused}, f"listed {sorted(found)}")
    d = found[reused]
    check(not d["creator_alive"] and d["last_pid"] == rx2.proc.pid and d["last_alive"] and not d["stale"],
          f"reused: {d}")
    a, b, c = found[in_use], found[gone], found[waiting]
    check(a["scope"] == "Local" and a["view_bytes"] == 2048 and a["usable"] and a["layout_version"] == 4 and
          a["creator_pid"] == rx.proc.pid and a["creator_alive"] and not a["stale"] and
          not a["message_waiting"], f"in use: {a}")
    check(b["stale"] and not b["creator_alive"] and not b["last_alive"] and b["creator_pid"] > 0, f"gone: {b}")
    check(c["scope"] == "Global" and c["message_waiting"] and c["creator_pid"] == tx.proc.pid and
          not c["stale"], f"waiting: {c}")
    check("4 channels, 1 stale (remove them with --list --unlink)" in err, err)
    code, out, err = s.run(s.receiver_exe, "--list")
    lines = out.decode().splitlines()
    check(code == 0 and lines[0].split() == ["NAME", "SCOPE", "VIEW", "VERSION", "WAITING", "TAKEN",
                                             "CREATOR", "LAST", "USER", "STATE"], f"header: {lines[:1]}")
    check(any(line.startswith(gone) and line.endswith("stale") for line in lines), f"text: {lines}")
    found, err = list_channels(s, "--unlink")
    check(found[gone]["removed"] and not any(found[n]["removed"] for n in (in_use, waiting, reused)), f"{found}")
    check("4 channels, 1 stale, all removed" in err, err)
    found, _ = list_channels(s)
    check(set(found) == {in_use, waiting, reused}, f"after --list --unlink: {sorted(found)}")
    rx2.kill()
    code, _, err = s.run(s.sender_exe, "--name", in_use, "--message", "still here", "--timeout", str(DEADLINE))
    check(code == 0, f"the in-use channel no longer works after --list --unlink: {err}")
    code, _, err = s.run(s.receiver_exe, "--list", "--print")
    check(code == 2 and "--list only lists" in err, f"--list --print: exit {code}: {err}")
    rx.kill()
    code, _, _ = s.run(s.receiver_exe, "--print", "--count", "1", "--name", waiting, "--timeout", str(DEADLINE))
    check(code == 0 and tx.finish() == 0, "the waiting message did not pass after the list")


def main():
    return run_tests(globals(), Suite, ["probe", "peer"])


if __name__ == "__main__":
    sys.exit(main())
