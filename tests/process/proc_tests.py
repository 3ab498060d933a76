#!/usr/bin/env python3
"""Cross-process tests: spawn the real samplemap-sender / -receiver executables.

Python (stdlib only) drives the processes because it has portable pipes,
timeouts and kill; the programs under test are the C executables, run natively
or through an emulator such as wine. Every wait is for a signal from the child
(a "ready" line on stderr, a "paused at" line, a probe state, an exit) with a
deadline; nothing waits on a sleep that "usually suffices".

usage: proc_tests.py --sender S --receiver R --probe P --peer C [--emulator CMD] TEST
Exit 0 = pass, 77 = skipped (ctest SKIP_RETURN_CODE), anything else = fail.
"""
import hashlib
import os
import random
import shlex
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proctest import DEADLINE, SKIP, Child, Failure, check, run_tests  # noqa: E402


class Suite:
    def __init__(self, args):
        self.emulator = shlex.split(args.emulator) if args.emulator else []
        self.sender_exe, self.receiver_exe, self.probe_exe = args.sender, args.receiver, args.probe
        self.peer_exe = args.peer  # tests/helpers/classic_peer: a classic writer for race_table
        self.children = []
        self.names = []
        self.on_windows = args.sender.lower().endswith(".exe")
        self.mode = []  # extra flags for every sender/receiver run, e.g. ["--wake"]
        self.planted = []  # files an attacker test made directly in /dev/shm

    def name(self, tag, scope="Local"):
        """A mapping name unique to this test run, so ctest -j is safe."""
        name = f"{scope}\\p{os.getpid()}{tag}"
        self.names.append(name)
        return name

    def paused_creator(self, name, *extra):
        """A receiver that creates name and stops between creating its object and sizing it
        (pause point creator-before-size) until its stdin closes; returned once it is there."""
        creator = self.receiver("--print", "--pause-at", "creator-before-size", "--name", name, *extra,
                                stdin=subprocess.PIPE)
        creator.wait_stderr("paused at creator-before-size")
        return creator

    def global_name(self, tag):
        """A Global name unique to this run, and its object's base name (/dev/shm/<base> on
        Linux), for the tests that reach the object as another user or an attacker would."""
        base = f"{tag}{os.getpid()}"
        name = f"Global\\{base}"
        self.names.append(name)
        return base, name

    def with_mode(self, exe, args):
        return list(args) + self.mode if exe in (self.sender_exe, self.receiver_exe) else list(args)

    def spawn(self, exe, *args, env_extra=None, stdin=subprocess.DEVNULL, prefix=(), stdout_fd=None):
        args = self.with_mode(exe, args)
        env = dict(os.environ)
        env.update(env_extra or {})
        child = Child(list(prefix) + self.emulator + [exe] + list(args), env=env, stdin=stdin,
                      stdout_fd=stdout_fd)
        self.children.append(child)
        return child

    def sender(self, *args, **kw):
        return self.spawn(self.sender_exe, *args, **kw)

    def receiver(self, *args, **kw):
        return self.spawn(self.receiver_exe, *args, **kw)

    def run(self, exe, *args, stdin_bytes=None, **kw):
        """Runs to completion; returns (exit code, stdout bytes, stderr text)."""
        args = self.with_mode(exe, args)
        env = dict(os.environ)
        env.update(kw.get("env_extra") or {})
        done = subprocess.run(self.emulator + [exe] + list(args), input=stdin_bytes,
                              stdin=None if stdin_bytes is not None else subprocess.DEVNULL,
                              capture_output=True, env=env, timeout=DEADLINE)
        return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")

    def start_receiver(self, name, *extra):
        rx = self.receiver("--print", "--name", name, "--interval", "1", "--timeout", str(DEADLINE), *extra)
        rx.wait_stderr("ready:")
        return rx

    def slot_state(self, name):
        code, out, err = self.run(self.probe_exe, "state", name)
        check(code == 0, f"probe state failed: {err}")
        return out.decode().strip()

    def wait_slot(self, name, state):
        """Waits (with a deadline) until the probe reports the slot state."""
        end = time.monotonic() + DEADLINE
        while self.slot_state(name) != state:
            check(time.monotonic() < end, f"slot of {name} never became {state}")
            time.sleep(0.005)

    def cleanup(self):
        for child in self.children:
            child.kill()
        for name in self.names:
            self.run(self.sender_exe, "--unlink", "--name", name)
        for path in self.planted:
            if os.path.lexists(path):
                os.unlink(path)


def checksum(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------- the tests

def test_receiver_first(s):
    name = s.name("rf")
    rx = s.start_receiver(name, "--count", "1")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "receiver first", "--interval", "1")
    check(code == 0, f"sender exit {code}: {err}")
    check(rx.finish() == 0, f"receiver failed: {rx.stderr()}")
    check(rx.stdout_lines() == [b"receiver first"], f"got {rx.stdout_lines()}")


def test_sender_first(s):
    name = s.name("sf")
    tx = s.sender("--name", name, "--message", "sender first", "--timeout", str(DEADLINE), "--interval", "1")
    s.wait_slot(name, "full")  # the message waits in the slot: no receiver exists yet
    check(tx.proc.poll() is None, "sender exited before delivery")
    rx = s.start_receiver(name, "--count", "1")
    check(rx.finish() == 0, f"receiver failed: {rx.stderr()}")
    check(tx.finish() == 0, f"sender failed after delivery: {tx.stderr()}")
    check(rx.stdout_lines() == [b"sender first"], f"got {rx.stdout_lines()}")
    check("opened the existing one," in rx.stderr(), "the receiver should have opened the sender's mapping")


NON_ASCII = ["Привет, мир", "你好，世界", "emoji 😀 pair", "Γειά σου Κόσμε", "שלום עולם", "مرحبا بالعالم",
             "mixed: aé世😀𝄞"]


def test_non_ascii(s):
    name = s.name("na")
    rx = s.start_receiver(name, "--count", str(len(NON_ASCII)))
    args = []
    for text in NON_ASCII:
        args += ["--message", text]
    code, _, err = s.run(s.sender_exe, "--name", name, "--interval", "1", *args)
    check(code == 0, f"sender exit {code}: {err}")
    check(rx.finish() == 0, f"receiver failed: {rx.stderr()}")
    got = rx.stdout_lines()
    check(got == [t.encode("utf-8") for t in NON_ASCII], f"not byte-exact: {got}")


def test_stdin_lines(s):
    name = s.name("si")
    rx = s.start_receiver(name, "--count", "3")
    code, _, err = s.run(s.sender_exe, "--name", name, "--stdin", "--interval", "1",
                         stdin_bytes="one\r\nдва\n三".encode())
    check(code == 0, f"sender exit {code}: {err}")
    check(rx.finish() == 0, rx.stderr())
    check(rx.stdout_lines() == ["one".encode(), "два".encode(), "三".encode()], f"got {rx.stdout_lines()}")


def random_text(rng, units):
    alphabet = "abcxyzABC019 ЖжЯяΩλ世界漢字😀🎉"
    out, used = [], 0
    while used < units:
        ch = rng.choice(alphabet)
        need = 2 if ord(ch) > 0xFFFF else 1
        if used + need > units:
            ch, need = "q", 1
        out.append(ch)
        used += need
    return "".join(out)


def make_payloads(senders, per_sender, max_units, seed):
    """Checksummed messages "s<k>-<i>-<random text>-<sha1>": a torn one fails its checksum."""
    rng = random.Random(seed)
    expected = {}
    payloads = []
    for k in range(senders):
        lines = []
        for i in range(per_sender):
            head = f"s{k}-{i}-"
            body = random_text(rng, rng.randint(1, max_units - len(head) - 11))
            text = f"{head}{body}-{checksum(head + body)}"
            lines.append(text)
            expected[text] = (k, i)
        payloads.append(("\n".join(lines) + "\n").encode("utf-8"))
    return expected, payloads


def start_senders(s, name, payloads, *extra):
    txs = [s.sender("--name", name, "--stdin", "--interval", "1", "--timeout", str(DEADLINE), *extra,
                    stdin=subprocess.PIPE) for _ in payloads]
    for tx, data in zip(txs, payloads):
        threading.Thread(target=lambda t=tx, d=data: (t.proc.stdin.write(d), t.proc.stdin.close()),
                         daemon=True).start()
    return txs


def is_intact(text):
    body, _, tail = text.rpartition("-")
    return bool(body) and tail == checksum(body)


def run_load(s, name, senders, per_sender, max_units, seed):
    expected, payloads = make_payloads(senders, per_sender, max_units, seed)
    rx = s.start_receiver(name, "--count", str(senders * per_sender))
    txs = start_senders(s, name, payloads)
    started = time.monotonic()
    for tx in txs:
        check(tx.finish(timeout=240) == 0, f"a sender failed: {tx.stderr()}")
    check(rx.finish(timeout=60) == 0, f"receiver failed: {rx.stderr()}")
    elapsed = time.monotonic() - started
    got = [line.decode("utf-8") for line in rx.stdout_lines()]
    torn = [t for t in got if not is_intact(t)]
    check(not torn, f"{len(torn)} torn messages, e.g. {torn[:1]}")
    check(len(got) == len(set(got)), "a message was delivered twice")
    check(set(got) == set(expected), f"missing {len(set(expected) - set(got))}, unknown {len(set(got) - set(expected))}")
    last = [-1] * senders
    for text in got:  # each sender waits for delivery, so its own messages arrive in order
        k, i = expected[text]
        check(i == last[k] + 1, f"sender {k} message {i} arrived after {last[k]}")
        last[k] = i
    print(f"load: {senders} senders x {per_sender} = {len(got)} received, 0 torn, 0 duplicated, "
          f"0 lost, {elapsed:.1f} s, {len(got) / elapsed:.0f} msg/s")


def test_stress_4x500(s):
    run_load(s, s.name("st"), 4, 500, 120, seed=4500)


def test_two_receivers(s):
    """R3: an accidental second receiver shares the messages; each is delivered exactly once."""
    name = s.name("tr")
    expected, payloads = make_payloads(2, 300, 100, seed=33)
    rxs = [s.start_receiver(name) for _ in range(2)]
    txs = start_senders(s, name, payloads)
    for tx in txs:
        check(tx.finish(timeout=240) == 0, f"a sender failed: {tx.stderr()}")
    # Delivered means taken; a receiver prints right after taking, so wait for the lines.
    end = time.monotonic() + DEADLINE
    while sum(len(rx.stdout_lines()) for rx in rxs) < len(expected):
        check(time.monotonic() < end, "messages were taken but never printed")
        time.sleep(0.01)
    for rx in rxs:
        rx.kill()
    got = [line.decode() for rx in rxs for line in rx.stdout_lines()]
    check(all(is_intact(t) for t in got), "a torn message")
    check(len(got) == len(set(got)), f"{len(got) - len(set(got))} messages delivered twice")
    check(set(got) == set(expected), f"{len(set(expected) - set(got))} messages lost")
    shares = [len(rx.stdout_lines()) for rx in rxs]
    print(f"two receivers: {shares[0]} + {shares[1]} = {len(got)} of {len(expected)}, none twice")


RACE_POLL_MS = 1  # the race table's receiver polls this often (--interval), in both modes


def counts_of(expected, got):
    """sent / received / lost (never arrived whole) / torn (failed its checksum) / duplicated."""
    intact = [t for t in got if is_intact(t) and t in expected]
    counts = {"sent": len(expected), "received": len(got), "torn": len(got) - len(intact),
              "duplicated": len(intact) - len(set(intact))}
    counts["lost"] = len(expected) - len(set(intact))
    return counts


def run_race(s, classic, senders=8, per_sender=250, interval=RACE_POLL_MS, seed=7, tag=""):
    """The same checksummed load in one mode; returns sent/received/lost/torn/duplicated.
    tools/race_table.py varies the load, the poll interval and the seed (and DEADLINE)."""
    mode = ["--classic"] if classic else []
    name = s.name(("rc" if classic else "rs") + tag)
    expected, payloads = make_payloads(senders, per_sender, 1000, seed=seed)
    rx = s.receiver("--print", "--name", name, "--interval", str(interval), "--timeout", str(DEADLINE), *mode)
    rx.wait_stderr("ready:")
    txs = start_senders(s, name, payloads, *mode)
    for tx in txs:
        check(tx.finish(timeout=max(240, DEADLINE)) == 0, f"a sender failed: {tx.stderr()}")
    # An end marker sent once the senders are done: when the receiver prints it, it has
    # printed everything it ever took (it prints in order), so no sleep is needed.
    marker = f"END-{os.getpid()}"
    s.wait_slot(name, "empty")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", marker, *mode)
    check(code == 0, f"end marker not sent: {err}")
    wait_lines(rx, lambda lines: marker.encode() in lines, "the end marker")
    rx.kill()
    counts = counts_of(expected, [line.decode("utf-8", "replace") for line in rx.stdout_lines()
                                  if line != marker.encode()])
    counts["units"] = load_units(expected)  # what was sent, so a caller can show the seed's load
    return counts


def load_units(expected):
    """UTF-16 units in all of a load's messages: different for every seed (race_table.py)."""
    return sum(len(text.encode("utf-16-le")) // 2 for text in expected)


def wait_lines(rx, done, what):
    end = time.monotonic() + DEADLINE
    while not done(rx.stdout_lines()):
        check(time.monotonic() < end and rx.proc.poll() is None, f"receiver never printed {what}")
        time.sleep(0.005)


def run_stalled(s, classic, count=10, interval=RACE_POLL_MS):
    """Tearing on demand: each of count writers stops in the middle of its store until the
    receiver has had its look. Classic: after unit 0, before the body (classic_peer
    write-stalled, as a classic writer descheduled there), so the receiver copies the new unit 0
    in front of the old tail. Safe: after the body, before unit 0 (the writer-after-body pause
    point), so the slot still reads empty and the message arrives whole once the writer goes on."""
    mode = ["--classic"] if classic else []
    name = s.name("tc" if classic else "ts")
    expected = {}
    for i in range(count):  # a new first unit each time, so unit 0 and an old tail never fit
        body = f"{chr(ord('A') + i % 26)}{i}-stalled writer"
        expected[f"{body}-{checksum(body)}"] = (0, i)
    rx = s.receiver("--print", "--name", name, "--interval", str(interval), "--timeout", str(DEADLINE), *mode)
    rx.wait_stderr("ready:")
    for i, text in enumerate(expected):
        if classic:
            writer = s.spawn(s.peer_exe, "write-stalled", name, text, str(DEADLINE))
            writer.wait_stderr("stalled after unit 0")
            wait_lines(rx, lambda lines: len(lines) > i, f"message {i} of a stalled classic writer")
        else:
            writer = s.sender("--pause-at", "writer-after-body", "--name", name, "--message", text, "--interval", "1", "--timeout", str(DEADLINE),
                              stdin=subprocess.PIPE)
            writer.wait_stderr("paused at writer-after-body")
            check(s.slot_state(name) == "empty", "a safe writer's body was visible before its unit 0")
            writer.proc.stdin.close()  # go on: unit 0, then delivery
            wait_lines(rx, lambda lines: len(lines) > i, f"message {i} of a stalled safe writer")
        check(writer.finish() == 0, f"stalled writer {i} failed: {writer.stderr()}")
    rx.kill()
    return counts_of(expected, [line.decode("utf-8", "replace") for line in rx.stdout_lines()])


def test_race_table(s):
    """The classic protocol next to the safe one: under the same load, and with a writer
    stalled mid-store (tearing on demand)."""
    columns = ["sent", "received", "lost", "torn", "duplicated"]
    stalled_count = 4 if s.on_windows else 10  # each stall starts processes: slow under Wine
    rows = {"classic": run_race(s, True), "safe": run_race(s, False),
            "classic, stalled": run_stalled(s, True, stalled_count),
            "safe, stalled": run_stalled(s, False, stalled_count)}
    print(f"load: 8 senders x 250 checksummed messages of up to 1000 units; the receiver polls "
          f"every {RACE_POLL_MS} ms (--interval {RACE_POLL_MS})")
    print(f"{'mode':<17}" + "".join(f"{c:>11}" for c in columns))
    for mode, counts in rows.items():
        print(f"{mode:<17}" + "".join(f"{counts[c]:>11}" for c in columns))
    print(f"stalled: {stalled_count} writers, one at a time, each stopped mid-store until the receiver has looked: "
          "classic after unit 0, safe after the body")
    print("lost = never arrived whole (a torn message is also lost); torn = failed its checksum")
    for mode in ("safe", "safe, stalled"):
        safe = rows[mode]
        check(safe["lost"] == 0 and safe["torn"] == 0 and safe["duplicated"] == 0
              and safe["received"] == safe["sent"], f"the safe protocol failed ({mode}): {safe}")
    stalled = rows["classic, stalled"]
    check(stalled["torn"] == stalled["sent"] == stalled["received"],
          f"a classic writer stalled after unit 0 must tear every message it sends: {stalled}")


STALE = "an older, longer message whose tail stays in the view"


def crash_and_recover(s, name, point, role):
    """Kills a real process paused at point, then shows the channel still works."""
    pause = ("--pause-at", point)
    if role == "writer":
        # A longer message passes first: a take clears only unit 0, so its tail stays behind a
        # 0. A writer that stored its unit 0 before its body would then show as half a message.
        rx = s.start_receiver(name, "--count", "1")
        code, _, err = s.run(s.sender_exe, "--name", name, "--message", STALE, "--interval", "1")
        check(code == 0 and rx.finish() == 0, f"setup: the older message did not pass: {err}")
        victim = s.sender("--name", name, "--message", "victim message", "--interval", "1", *pause,
                          stdin=subprocess.PIPE)
    else:
        code, _, err = s.run(s.sender_exe, "--name", name, "--message", "victim message", "--timeout", "0.2")
        check(code == 3, f"setup: expected the message to stay unread (exit 3 after withdraw), got {code}")
        s.wait_slot(name, "empty")
        tx = s.sender("--name", name, "--message", "victim message", "--timeout", str(DEADLINE), "--interval", "1")
        s.wait_slot(name, "full")
        victim = s.receiver("--print", "--name", name, "--interval", "1", *pause,
                            stdin=subprocess.PIPE)
    victim.wait_stderr(f"paused at {point}")
    state = s.slot_state(name)
    # The receiver opens the channel before the kill, so the objects outlive the victim on
    # Windows too (they die with their last handle) and its lock is handed over as abandoned.
    rx = s.start_receiver(name, "--count", "2" if (role == "reader" or point == "writer-after-publish") else "1")
    victim.proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    victim.finish()
    after = s.sender("--name", name, "--message", "after the crash", "--interval", "1")
    code = after.finish()
    if code != 0:
        rx.kill()
    rx_code = rx.finish()
    got = rx.stdout_lines()
    if point in ("writer-before-lock", "writer-locked", "writer-after-body"):
        # Unit 0 was never stored: the slot stayed empty and nothing torn is ever shown.
        shown = [line for line in got if line != b"after the crash"]
        check(not shown, f"a half message: after a writer died at {point} the receiver showed "
                         f"{shown[0]!r}, not 'victim message' (its unit 0 was stored before its body)"
              if shown else "")
        check(state == "empty", f"slot {state} after a writer died at {point}")
    check(code == 0, f"channel wedged after killing at {point}: sender exit {code}: {after.stderr()}")
    check(rx_code == 0, rx.stderr())
    if point in ("writer-before-lock", "writer-locked", "writer-after-body"):
        check(got == [b"after the crash"], f"got {got}")
    elif point == "writer-after-publish":
        # Published whole before the death: delivered whole, then the next one.
        check(got == [b"victim message", b"after the crash"], f"got {got}")
    else:
        # The reader died after copying, before clearing: the next reader gets it again.
        check(got == [b"victim message", b"after the crash"], f"got {got}")
        check(tx.finish() == 0, f"the original sender saw no delivery: {tx.stderr()}")


def test_killed_writer_after_body(s):
    crash_and_recover(s, s.name("kb"), "writer-after-body", "writer")


def test_killed_writer_holding_lock(s):
    crash_and_recover(s, s.name("kl"), "writer-locked", "writer")


def test_killed_writer_holding_lock_global(s):
    """The same kill on a Global channel, whose lock is of another kind on POSIX (flock)."""
    crash_and_recover(s, s.name("klg", "Global"), "writer-locked", "writer")


def test_killed_writer_before_lock(s):
    crash_and_recover(s, s.name("k0"), "writer-before-lock", "writer")


def test_killed_writer_after_publish(s):
    crash_and_recover(s, s.name("kp"), "writer-after-publish", "writer")


def test_killed_reader_after_copy(s):
    crash_and_recover(s, s.name("kr"), "reader-after-copy", "reader")


def hold(s, name, size, unit, prefix=(), plant_at=None):
    """Has the probe create name (size bytes of unit) and keep it, optionally as another user;
    plant_at=(offset, value): zero-filled instead, with the 32-bit value at offset."""
    args = ["plant", name, str(size), str(plant_at[0]), f"{plant_at[1]:x}"] if plant_at else \
        ["hold", name, str(size), unit]
    holder = s.spawn(s.probe_exe, *args, stdin=subprocess.PIPE, prefix=prefix)
    end = time.monotonic() + DEADLINE
    while not holder.out:
        check(holder.proc.poll() is None, f"probe hold failed: {holder.stderr()}")
        check(time.monotonic() < end, "probe hold never became ready")
        time.sleep(0.005)
    return holder


def test_wrong_size_object(s):
    if s.on_windows:
        print("skipped: Windows sections are whole pages (4096 bytes) under Wine, so a 100-byte one "
              "maps 2048 bytes without a fault; unit.mapping_wrong_size checks the refusal with 8192")
        return SKIP
    name = s.name("ws")
    holder = hold(s, name, 100, "0041")
    for exe, args in ((s.receiver_exe, ["--print"]), (s.sender_exe, ["--message", "x"])):
        code, _, err = s.run(exe, "--name", name, *args)
        check(code == 1, f"expected exit 1 for a 100-byte object, got {code}")
        check("is 100 bytes, smaller than the 2048-byte view" in err and "--unlink" in err, f"message: {err}")
        check(err.count("\n") == 1, f"error must be one line: {err!r}")
    holder.proc.stdin.close()
    holder.finish()


def test_foreign_owner_object(s):
    """An object squatting on our Local name, made by 'nobody' with mode 0666, is refused."""
    if not posix_root_only(s) or not linux_shm(s):
        print("skipped: needs root on Linux to plant an object owned by another user")
        return SKIP
    base = f"fo{os.getpid()}"
    name = f"Local\\{base}"
    s.names.append(name)
    # No name of ours reaches /<base>.0 but Local\\<base> of root, so 'nobody' plants the file itself.
    os.chown(plant(s, f"/{base}.0", 0o666), 65534, 65534)
    code, _, err = s.run(s.receiver_exe, "--print", "--name", name)
    check(code == 1, f"expected exit 1 for a foreign object, got {code}: {err}")
    check("belongs to uid 65534, not to you (uid 0)" in err, f"message: {err}")


def read_hostile_view(s, tag, unit, shown):
    """A view full of one 16-bit unit and no terminator: --peek shows all 1024 units, with a
    warning; a taking receiver cannot tell it from a longer sender's message cut by its view,
    so it leaves it in the slot, says so, and prints nothing (never a cut message)."""
    name = s.name(tag)
    holder = hold(s, name, 2048, unit)
    code, out, err = s.run(s.receiver_exe, "--peek", "--name", name)
    check(code == 0, f"peek exit {code}: {err}")
    check(out == shown.encode() * 1024 + b"\n", f"unexpected output of {len(out)} bytes")
    check("no terminator" in err, f"no warning about the missing terminator: {err}")
    code, out, err = s.run(s.receiver_exe, "--print", "--name", name, "--count", "1", "--timeout", "0.5")
    check(code == 3 and out == b"", f"receiver exit {code}, {len(out)} bytes: {err}")
    check(err.count("does not end within this receiver's 2048-byte view") == 1 and
          "left in the slot" in err, f"no (single) note that it was left: {err}")
    check(s.slot_state(name) == "full", "the receiver took (cut) a message it could not hold")
    holder.proc.stdin.close()
    holder.finish()


def test_hostile_view_ff(s):
    read_hostile_view(s, "hf", "ffff", "\uffff")


def test_hostile_view_lone_surrogates(s):
    read_hostile_view(s, "hs", "d800", "\ufffd")


def posix_root_only(s):
    return not s.on_windows and hasattr(os, "geteuid") and os.geteuid() == 0


def test_zero_byte_object(s):
    """A creator stopped between creating and sizing its object holds it (refused, clearly); one
    killed there (or by SIGXFSZ in ftruncate) leaves 0 bytes, which the next user sizes and uses."""
    if s.on_windows:
        print("skipped: CreateFileMappingW creates and sizes in one call")
        return SKIP
    name = s.name("zb")
    creator = s.paused_creator(name)
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "x")
    check(code == 1, f"a live creator's object: expected exit 1, got {code}: {err}")
    check("exists but is still 0 bytes after the " in err and "ms waited: the process creating it is alive" in err and
          err.count("\n") == 1, err)
    creator.kill()
    rx = s.start_receiver(name, "--count", "1")  # repairs the dead creator's object
    check("created it" in rx.stderr(), rx.stderr())
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "after the repair", "--timeout", str(DEADLINE))
    check(code == 0 and rx.finish() == 0, f"{err} {rx.stderr()}")
    check(rx.stdout_lines() == [b"after the repair"], f"got {rx.stdout_lines()}")


def test_creator_opener_race(s):
    """An opener that finds a not-yet-sized object waits for its creator instead of failing."""
    if s.on_windows:
        print("skipped: CreateFileMappingW creates and sizes in one call")
        return SKIP
    name = s.name("cr")
    creator = s.paused_creator(name, "--count", "1", "--interval", "1", "--timeout", str(DEADLINE))
    tx = s.sender("--name", name, "--message", "raced", "--interval", "1", "--timeout", str(DEADLINE))
    creator.proc.stdin.close()  # resume the creator: it sizes the object now
    check(tx.finish() == 0, f"opener failed instead of waiting for the creator: {tx.stderr()}")
    check(creator.finish() == 0 and creator.stdout_lines() == [b"raced"], creator.stderr())


def test_unlink_between_open_and_check(s):
    """An --unlink that lands between a sender's shm_open and its checks leaves it an object with
    no name (0 links): that is a removed object, not one shared under a second name, so the
    sender opens the name afresh and delivers there instead of refusing it as "not private"."""
    if s.on_windows:
        print("skipped: Windows objects have no names to remove (--unlink is a no-op there)")
        return SKIP
    name = s.name("uc")
    code, _, err = s.run(s.receiver_exe, "--print", "--name", name, "--timeout", "0.1")  # makes the pair
    check(code == 0 and "created it" in err, f"{code} {err}")
    tx = s.sender("--pause-at", "opener-before-check", "--name", name, "--message", "reopened", "--interval", "1", "--timeout", str(DEADLINE),
                  stdin=subprocess.PIPE)
    tx.wait_stderr("paused at opener-before-check")
    code, _, err = s.run(s.sender_exe, "--name", name, "--unlink")
    check(code == 0 and "removed" in err, err)
    tx.proc.stdin.close()  # resume: its open object has no name now
    rx = s.start_receiver(name, "--count", "1")
    check(tx.finish() == 0, f"the sender refused an unlinked object instead of reopening: {tx.stderr()}")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"reopened"], rx.stderr())


def test_hostile_names(s):
    cases = [("", "mapping name is empty"),
             ("Local\\", "nothing after its prefix"),
             ("Local\\a/b", "contains '/' after its prefix"),
             ("Global\\a\\b", "contains '\\' after its prefix"),
             ("Local\\" + "n" * 40, "is too long for POSIX shared memory" if not s.on_windows else None)]
    for name, expected in cases:
        if expected is None:
            continue
        code, _, err = s.run(s.receiver_exe, "--print", "--name", name)
        check(code == 1, f"name {name!r}: exit {code}: {err}")
        check(expected in err and err.count("\n") == 1, f"name {name!r}: {err!r}")


def test_permission_denied_for_other_user(s):
    """root's Local object is private (0600): 'nobody' can reach it neither through a name of
    ours (Global\\<base>.0 is refused) nor by opening the object itself."""
    if not posix_root_only(s) or not linux_shm(s):
        print("skipped: needs root on Linux")
        return SKIP
    base = f"pd{os.getpid()}"
    name = s.name(base)[:0] + f"Local\\{base}"
    s.names.append(name)
    holder = hold(s, name, 2048, "0000")  # /<base>.0, mode 0600, owned by root
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    done = subprocess.run(nobody + s.emulator + [s.receiver_exe, "--print", "--name", f"Global\\{base}.0"],
                          capture_output=True, timeout=DEADLINE)
    err = done.stderr.decode()
    check(done.returncode == 1, f"expected exit 1, got {done.returncode}: {err}")
    check("how Local names of a user id are stored" in err and err.count("\n") == 1, err)
    done = subprocess.run(nobody + [sys.executable, "-c", f"open('/dev/shm/{base}.0', 'r+b')"],
                          capture_output=True, timeout=DEADLINE)
    check(done.returncode != 0 and b"Permission denied" in done.stderr, done.stderr.decode())
    holder.proc.stdin.close()
    holder.finish()


def test_full_dev_shm(s):
    """A full /dev/shm fails at open with a clear message (pages are reserved), never SIGBUS later."""
    if not posix_root_only(s) or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        print("skipped: needs root and mount namespaces to mount a tiny /dev/shm")
        return SKIP
    script = ('mount -t tmpfs -o size=8k tmpfs /dev/shm && '
              'dd if=/dev/zero of=/dev/shm/filler bs=4096 count=2 2>/dev/null; '
              'exec "$0" --print --name "$1"')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, s.receiver_exe, "Local\\full"],
                          capture_output=True, timeout=DEADLINE)
    err = done.stderr.decode()
    check(done.returncode == 1, f"expected exit 1, got {done.returncode} (signal means SIGBUS): {err}")
    check("No space left on device" in err and "/dev/shm is full" in err and "choose another --name" in err,
          err)


def test_soak(s):
    """Not in ctest: the 8x2000 load again and again, new random texts each round, for
    SAMPLEMAP_SOAK_MINUTES (tools/soak.sh sets it). Every round must be perfect."""
    minutes = float(os.environ.get("SAMPLEMAP_SOAK_MINUTES", "10"))
    end = time.monotonic() + minutes * 60
    rounds = 0
    while time.monotonic() < end:
        rounds += 1
        print(f"round {rounds}: ", end="", flush=True)
        run_load(s, s.name(f"soak{rounds}"), 8, 2000, 1023, seed=rounds)
    print(f"soak: {rounds} rounds, {rounds * 16000} messages, all delivered once, none torn")


test_soak.manual = True  # run only when named: it lasts minutes


def test_stress_8x2000(s):
    """The heavy load: 8 senders x 2000 messages of random length (up to 1023 units), random scripts."""
    run_load(s, s.name("big"), 8, 2000, 1023, seed=82000)


def test_refused_input(s):
    name = s.name("ri")
    rx = s.start_receiver(name, "--count", "1")
    code, _, err = s.run(s.sender_exe, "--name", name, "--stdin", "--interval", "1",
                         stdin_bytes=b"ok\nbad \xc3\x28 byte\nnever sent\n")
    check(code == 4, f"invalid UTF-8: exit {code}: {err}")
    check("stdin line 2: invalid UTF-8 at byte offset 4 (0xC3)" in err, err)
    check(rx.finish() == 0 and rx.stdout_lines() == [b"ok"], f"{rx.stdout_lines()}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "é" * 1024)
    check(code == 4 and "text is 1024 UTF-16 units long; the limit is 1023" in err, f"{code} {err}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "")
    check(code == 4 and "empty message" in err, f"{code} {err}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--frobnicate")
    check(code == 2 and "unknown option '--frobnicate'" in err, f"{code} {err}")
    code, _, err = s.run(s.receiver_exe, "--print", "--interval", "zero")
    check(code == 2 and "--interval needs whole milliseconds" in err, f"{code} {err}")
    code, _, err = s.run(s.sender_exe, "--name", "Local\\a/b", "--message", "x")
    check(code == 1 and "contains '/'" in err, f"{code} {err}")


def test_killed_during_lock_init(s):
    """POSIX: the first user of a channel initialises its robust mutex under the object's
    flock; killed right there, it must not leave a half-made lock that wedges the channel."""
    if s.on_windows:
        print("skipped: Windows locks with a named mutex, there is nothing to initialise")
        return SKIP
    name = s.name("li")
    victim = s.sender("--pause-at", "lock-init", "--name", name, "--message", "never sent", stdin=subprocess.PIPE)
    victim.wait_stderr("paused at lock-init")
    victim.kill()
    rx = s.start_receiver(name, "--count", "1")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "after the crash", "--interval", "1")
    check(code == 0, f"channel wedged after a death during lock initialisation: {code} {err}")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"after the crash"], f"{rx.stdout_lines()} {rx.stderr()}")


def test_help_and_version(s):
    """--help and --version of both apps: exit 0, the options and exit codes listed."""
    for exe, own in ((s.sender_exe, "--message TEXT"), (s.receiver_exe, "--print")):
        code, out, err = s.run(exe, "--help")
        text = out.decode()
        check(code == 0 and text.startswith("usage: ") and own in text and "exit codes:" in text,
              f"--help: {code} {text!r} {err}")
        check("--name NAME" in text and "--unlink" in text, text)
        code, out, _ = s.run(exe, "--version")
        check(code == 0 and "wire: UTF-16LE string in a 2048-byte view" in out.decode(), out)


def test_timeouts(s):
    name = s.name("to")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "nobody reads", "--timeout", "0.3")
    check(code == 3 and "withdrawn" in err, f"sender: {code} {err}")
    code, out, err = s.run(s.receiver_exe, "--print", "--name", name, "--count", "2", "--timeout", "0.3")
    check(out == b"", f"a broken promise: the sender said 'not delivered' (exit 3), yet a later "
                      f"receiver got {out!r}")
    check(code == 3 and "timed out after 0.3 s with 0 of 2 messages" in err, f"receiver: {code} {err}")
    check(s.slot_state(name) == "empty", "a withdrawn message must not stay in the slot")


# ------------------------------------- a stopped, hostile or failing peer

def timed_run(s, exe, *args, limit, **kw):
    """Runs to completion and returns (code, stdout, stderr, seconds); a hang past limit fails."""
    started = time.monotonic()
    args = s.with_mode(exe, args)
    env = dict(os.environ)
    env.update(kw.get("env_extra") or {})
    try:
        done = subprocess.run(kw.get("prefix", []) + s.emulator + [exe] + list(args),
                              input=kw.get("stdin_bytes"), capture_output=True, env=env, timeout=limit,
                              stdin=None if kw.get("stdin_bytes") is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Failure(f"{exe} {args} hung for {limit} s")
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"), time.monotonic() - started


def stop_holding_lock(s, name):
    """A real sender that published and still holds the lock, then SIGSTOPped (as Ctrl-Z would)."""
    victim = s.sender("--pause-at", "writer-after-publish", "--name", name, "--message", "held", "--timeout", str(DEADLINE),
                      stdin=subprocess.PIPE)
    victim.wait_stderr("paused at writer-after-publish")
    # Our own child (wine-run.sh execs Wine, which keeps the pid): under Wine this stops the
    # Windows process, which keeps holding its named mutex.
    pid = victim.proc.pid
    os.kill(pid, signal.SIGSTOP)
    return victim, pid


def test_stopped_lock_holder(s):
    """A peer stopped while holding the lock: senders and receivers give up at --timeout, exit 3."""
    stopped_lock_holder(s, s.name("sh"))


def test_stopped_lock_holder_global(s):
    """The same on a Global channel, whose lock is of another kind on POSIX (flock)."""
    stopped_lock_holder(s, s.name("shg", "Global"))


def stopped_lock_holder(s, name):
    victim, pid = stop_holding_lock(s, name)
    try:
        for exe, args in ((s.receiver_exe, ["--print", "--count", "1"]), (s.sender_exe, ["--message", "x"])):
            code, out, err, took = timed_run(s, exe, "--name", name, "--timeout", "1", *args, limit=20)
            check(code == 3, f"{exe}: expected exit 3 on a held lock, got {code}: {err}")
            last = err.strip().splitlines()[-1]
            check(f"channel '{name}' is held by another process: its lock stayed taken for" in last, err)
            check(took < 8, f"{exe} waited {took:.1f} s with --timeout 1")
            check(out == b"", f"nothing may be printed: {out!r}")
    finally:
        os.kill(pid, signal.SIGCONT)
    victim.proc.stdin.close()  # resume: the held message goes to the next receiver
    rx = s.start_receiver(name, "--count", "1")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"held"], f"{rx.stdout_lines()} {rx.stderr()}")
    check(victim.finish() == 0, victim.stderr())


def linux_shm(s):
    """True where POSIX shm objects are files in /dev/shm (Linux): attacker tests plant them there."""
    return not s.on_windows and os.path.isdir("/dev/shm") and sys.platform.startswith("linux")


def plant(s, os_name, mode, size=2048, fill=b"\0"):
    """Makes an object the way an attacker would, without our library: a file in /dev/shm."""
    path = "/dev/shm" + os_name
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode)
    os.fchmod(fd, mode)
    os.write(fd, fill * size)
    os.close(fd)
    s.planted.append(path)
    return path


def test_local_object_not_private(s):
    """A Local name is used only for an object that is ours, mode 0600, with one link; both objects."""
    if not linux_shm(s):
        print("skipped: plants objects as files in /dev/shm (Linux)")
        return SKIP
    uid = os.geteuid()
    cases = []
    base = f"np{os.getpid()}"
    plant(s, f"/{base}a.{uid}", 0o666)  # shared data object under a Local name
    cases.append((f"Local\\{base}a", "is not private: its mode 0666 lets other users open it"))
    plant(s, f"/{base}b.ctl.{uid}", 0o640)  # the companion only
    cases.append((f"Local\\{base}b", "is not private: its mode 0640 lets other users open it"))
    path = plant(s, f"/{base}c.{uid}", 0o600)  # private, but a second name reaches it
    os.link(path, f"/dev/shm/{base}link")
    s.planted.append(f"/dev/shm/{base}link")
    cases.append((f"Local\\{base}c", "is not private: it has 2 names (hard links)"))
    for name, expected in cases:
        s.names.append(name)
        for exe, args in ((s.receiver_exe, ["--print"]), (s.sender_exe, ["--message", "x"])):
            code, _, err = s.run(exe, "--name", name, *args)
            check(code == 1, f"{name}: expected exit 1, got {code}: {err}")
            check(expected in err and "--unlink" in err and err.count("\n") == 1, f"{name}: {err}")


def test_unlink_between_opens(s):
    """--unlink and a new channel between a process's two opens: it never pairs the old view with
    the new lock; it opens the new pair, and its message reaches the new channel's receiver."""
    if s.on_windows:
        print("skipped: Windows objects cannot be removed while open (--unlink removes nothing)")
        return SKIP
    name = s.name("ub")
    tx = s.sender("--pause-at", "channel-between-opens", "--name", name, "--message", "paired", "--timeout", "10", "--interval", "1",
                  stdin=subprocess.PIPE)
    tx.wait_stderr("paused at channel-between-opens")  # it holds the data object, not yet the companion
    code, _, err = s.run(s.sender_exe, "--name", name, "--unlink")
    check(code == 0 and "removed" in err, err)
    rx = s.start_receiver(name, "--count", "1")  # creates a new pair of objects
    check("created it" in rx.stderr(), rx.stderr())
    tx.proc.stdin.close()  # resume
    check(tx.finish() == 0, f"sender: {tx.stderr()}")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"paired"], f"{rx.stdout_lines()} {rx.stderr()}")


def test_unlink_races_senders(s):
    """--unlink again and again while senders and short-lived receivers come and go: every message
    a sender calls delivered (exit 0) is printed once and whole; none it calls not delivered (3)
    is ever printed. An --unlink that lands between another opener's two opens can leave a
    control object that records a removed data object; until the next --unlink that name
    refuses to pair (exit 1, "do not belong together"), which is an honest "not sent": it
    counts like exit 3 here."""
    name = s.name("ur")
    stop = threading.Event()
    printed = []

    def receivers():  # each opens whatever pair the name has now
        while not stop.is_set():
            _, out, _ = s.run(s.receiver_exe, "--print", "--name", name, "--interval", "1", "--timeout", "0.4")
            printed.extend(out.decode().splitlines())
    threads = [threading.Thread(target=receivers, daemon=True)]
    threads[0].start()
    results = []
    try:
        for i in range(30):
            # Every third sender races an --unlink; a pair then lives long enough for a receiver
            # to find anything a sender left in it.
            unlink = threading.Thread(target=s.run, args=(s.sender_exe, "--name", name, "--unlink"))
            if i % 3 == 0:
                unlink.start()
            text = f"race-{i}-{checksum(str(i))}"
            code, _, err = s.run(s.sender_exe, "--name", name, "--message", text, "--timeout", "0.3",
                                 "--interval", "1")
            refused_pair = code == 1 and "do not belong together" in err
            check(code in (0, 3) or refused_pair, f"sender {i}: exit {code}: {err}")
            results.append((text, 3 if refused_pair else code))
            if i % 3 == 0:
                unlink.join(timeout=DEADLINE)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=DEADLINE)
    # A message left behind in some pair would be printed by a receiver of that pair: one last look.
    _, out, _ = s.run(s.receiver_exe, "--print", "--name", name, "--interval", "1", "--timeout", "0.4")
    printed.extend(out.decode().splitlines())
    delivered = {t for t, c in results if c == 0}
    check(set(printed) <= {t for t, _ in results} and len(printed) == len(set(printed)),
          f"torn, unknown or twice: {printed}")
    check(delivered <= set(printed), f"delivered but never printed: {delivered - set(printed)}")
    check(set(printed) <= delivered, f"printed but reported not delivered: {set(printed) - delivered}")
    print(f"unlink race: {len(delivered)} of {len(results)} delivered, each printed once; the rest exit 3")


def test_global_name_cannot_reach_local(s):
    """POSIX: Global\\X.<uid> would be the object of Local\\X; such Global names are refused."""
    if s.on_windows:
        print("skipped: Windows namespaces are the kernel's, no name translation")
        return SKIP
    name = s.name("gl")
    rx = s.start_receiver(name, "--count", "1")
    alias = f"Global\\{name.split(chr(92))[1]}.{os.geteuid()}"
    for exe, args in ((s.receiver_exe, ["--print"]), (s.sender_exe, ["--message", "hijack"]),
                      (s.sender_exe, ["--unlink"])):
        code, _, err = s.run(exe, "--name", alias, *args)
        check(code == 1 and "which on POSIX is how Local names of a user id are stored" in err, f"{code} {err}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "still private", "--interval", "1")
    check(code == 0 and rx.finish() == 0 and rx.stdout_lines() == [b"still private"], f"{err} {rx.stderr()}")


def test_control_layout_versions(s):
    """A control object of an older (no version word) or newer layout is refused, naming both."""
    for tag, version, expected in (("o", 0, "has no layout version (none stored in the "),
                                   ("n", 5, "has layout version 5, this build uses version 4")):
        name = s.name("lv" + tag)
        holder = hold(s, name + ".ctl", 128, None, plant_at=(32, version))  # the layout version word
        for exe, args in ((s.receiver_exe, ["--print"]), (s.sender_exe, ["--message", "x"])):
            code, _, err = s.run(exe, "--name", name, *args)
            check(code == 1, f"version {version}: expected exit 1, got {code}: {err}")
            check(expected in err and "version 4" in err and err.count("\n") == 1, err)
            check(version != 0 or "ms waited): an older build (layout version 2)" in err, err)
        holder.proc.stdin.close()
        holder.finish()


def test_bounded_input(s):
    """--stdin refuses an over-long line as soon as it is known, with endless input and bounded
    memory; --timeout values whose milliseconds would not fit are refused, not wrapped."""
    name = s.name("bi")
    rx = s.start_receiver(name, "--count", "1")
    tx = s.sender("--name", name, "--stdin", "--interval", "1", stdin=subprocess.PIPE)

    def endless():  # a first good line, then one line that never ends
        try:
            tx.proc.stdin.write(b"fits\n")
            while True:
                tx.proc.stdin.write(b"x" * 65536)
        except (BrokenPipeError, OSError, ValueError):
            pass
    threading.Thread(target=endless, daemon=True).start()
    code = tx.finish(timeout=30)  # the old sender read for ever, growing its buffer
    check(code == 4, f"expected exit 4, got {code}: {tx.stderr()}")
    check("stdin line 2: longer than 3070 bytes, so over the limit of 1023 UTF-16 units" in tx.stderr(),
          tx.stderr())
    check(rx.finish() == 0 and rx.stdout_lines() == [b"fits"], f"{rx.stdout_lines()} {rx.stderr()}")
    # The longest sendable line still goes through: 1023 units of 3 UTF-8 bytes, with \r\n.
    rx = s.start_receiver(name, "--count", "1")
    code, _, err = s.run(s.sender_exe, "--name", name, "--stdin", "--interval", "1",
                         stdin_bytes="世".encode() * 1023 + b"\r\n")
    check(code == 0 and rx.finish() == 0 and rx.stdout_lines() == ["世".encode() * 1023], f"{code} {err}")
    for exe in (s.sender_exe, s.receiver_exe):
        code, _, err = s.run(exe, "--name", name, "--print" if exe == s.receiver_exe else "--stdin",
                             "--timeout", "4294967")
        check(code == 2 and "--timeout needs seconds from 0 to 4294966" in err, f"{code} {err}")


ESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


def unescape(line):
    r"""Undoes the receiver's line escapes (receiver_core.h): \\ \n \r \t and \u{HEX}."""
    out, i = [], 0
    while i < len(line):
        if line[i] != "\\":
            out.append(line[i])
            i += 1
        elif line[i + 1] == "u":
            end = line.index("}", i)
            out.append(chr(int(line[i + 3:end], 16)))
            i = end + 1
        else:
            out.append(ESCAPES[line[i + 1]])
            i += 2
    return "".join(out)


TRICKY = ["two\nlines", "crlf\r\nend", "tab\there", "back\\slash \\n literal", "esc \x1b[31mred\x1b[0m",
          "bell\x07 del\x7f", "nel\x85 c1\x9f", "ls\u2028ps\u2029", "\\u{41} literal", "plain é世😀"]


def test_escaped_lines(s):
    """--print and --log write one line per message: control characters are escaped, and
    unescaping gives back the exact text (round trip)."""
    name = s.name("el")
    log = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"samplemap-el-{os.getpid()}.log")
    if os.path.exists(log):
        os.unlink(log)
    rx = s.start_receiver(name, "--count", str(len(TRICKY)), "--log", log)
    args = []
    for text in TRICKY:
        args += ["--message", text]
    code, _, err = s.run(s.sender_exe, "--name", name, "--interval", "1", *args)
    check(code == 0, f"sender exit {code}: {err}")
    check(rx.finish() == 0, rx.stderr())
    with open(log, "rb") as f:
        logged = f.read()
    os.unlink(log)
    for where, data in (("--print", rx.stdout()), ("--log", logged)):
        lines = data.decode("utf-8").split("\n")
        check(lines[-1] == "" and len(lines) - 1 == len(TRICKY), f"{where}: {len(lines) - 1} lines for "
              f"{len(TRICKY)} messages: {data!r}")
        check(all(not any(c in line for c in "\r\x85\u2028\u2029\x1b") for line in lines), f"{where}: {data!r}")
        check([unescape(line) for line in lines[:-1]] == TRICKY, f"{where}: no round trip: {lines}")
    check("two\\nlines" in rx.stdout().decode() and "\\u{1b}[31m" in rx.stdout().decode(), rx.stdout())


def message_put_back(s, name, text):
    """The message a failed receiver took must be back in the slot: the next receiver gets it."""
    rx = s.start_receiver(name, "--count", "1")
    check(rx.finish() == 0 and rx.stdout_lines() == [text.encode()], f"lost: {rx.stdout_lines()} {rx.stderr()}")


def test_output_closed_pipe(s):
    """--print into a pipe whose reader is gone: no SIGPIPE death; the message is put back, exit 5."""
    if s.on_windows:
        print("skipped: POSIX pipes and SIGPIPE")
        return SKIP
    name = s.name("cp")
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read what the receiver prints
    rx = subprocess.Popen(s.emulator + [s.receiver_exe, "--print", "--name", name, "--interval", "1",
                          "--timeout", str(DEADLINE)], stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    check(b"ready:" in rx.stderr.readline(), "receiver not ready")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "keep me", "--interval", "1")
    check(code == 0, f"sender: {code} {err}")  # taken, so delivered: it must reach someone
    try:
        rc = rx.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        rx.kill()
        raise Failure("receiver kept running after its output failed")
    err = rx.stderr.read().decode()
    check(rc == 5, f"expected exit 5 (a signal would be negative), got {rc}: {err}")
    check("writing message 1 to the standard output (--print) failed (Broken pipe); it was put back" in err,
          err)
    message_put_back(s, name, "keep me")


def test_output_full_disk(s):
    """--log on a full disk (a tiny tmpfs): the write error is seen, the message put back, exit 5."""
    if not posix_root_only(s) or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        print("skipped: needs root and mount namespaces to mount a tiny tmpfs")
        return SKIP
    name = s.name("fd")
    script = ('d=$(mktemp -d) && mount -t tmpfs -o size=4k tmpfs "$d" && '
              'dd if=/dev/zero of="$d/filler" bs=4096 count=1 2>/dev/null; '
              'exec "$0" --print --name "$1" --interval 1 --timeout 60 --log "$d/log"')
    rx = s.spawn("unshare", "-m", "sh", "-c", script, s.receiver_exe, name)
    rx.wait_stderr("ready:")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "disk full", "--interval", "1")
    check(code == 0, f"sender: {code} {err}")
    check(rx.finish() == 5, f"expected exit 5: {rx.stderr()}")
    check("to the --log file failed (No space left on device); it was put back" in rx.stderr(), rx.stderr())
    check(rx.stdout() == b"", "a message whose --log line failed must not be printed either")
    message_put_back(s, name, "disk full")


def test_log_unwritable(s):
    """A --log that cannot be opened for writing fails before anything is taken."""
    name = s.name("lu")
    tx = s.sender("--name", name, "--message", "waits", "--timeout", str(DEADLINE), "--interval", "1")
    s.wait_slot(name, "full")
    code, out, err = s.run(s.receiver_exe, "--print", "--name", name, "--timeout", "5",
                           "--log", os.path.dirname(os.path.abspath(__file__)))  # a directory
    check(code == 1 and "cannot open --log file" in err and out == b"", f"{code} {err}")
    check(s.slot_state(name) == "full", "the receiver took a message it could not log")
    message_put_back(s, name, "waits")
    check(tx.finish() == 0, tx.stderr())


def as_other_user(s, code):
    """Runs Python code as 'nobody' when we are root (else as ourselves): the hostile local user."""
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if posix_root_only(s) else []
    done = subprocess.run(prefix + [sys.executable, "-c", code], capture_output=True, timeout=DEADLINE)
    check(done.returncode == 0, f"the hostile user's action failed: {done.stderr.decode()}")


def global_channel_in_use(s, prefix):
    """A Global channel whose first message ("before") has passed, its receiver waiting for a
    second: returns the object's base name in /dev/shm, the channel name and the receiver."""
    base, name = s.global_name(prefix)
    rx = s.start_receiver(name, "--count", "2")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "before", "--interval", "1")
    check(code == 0, err)
    return base, name, rx


def hostile_global(s, tag, attack, expected, sender_expected=None):
    """A receiver and a waiting sender on a Global channel; another user attacks the objects:
    both stop with a clear error, exit non-zero, never die of a signal or outlast --timeout.
    sender_expected: what the sender's last line says instead (without advice to --unlink)."""
    if not linux_shm(s):
        print("skipped: attacks the objects as files in /dev/shm (Linux)")
        return SKIP
    base, name, rx = global_channel_in_use(s, f"h{tag}")
    as_other_user(s, attack.format(data=f"/dev/shm/{base}", ctl=f"/dev/shm/{base}.ctl"))
    code, _, err, took = timed_run(s, s.sender_exe, "--name", name, "--message", "after", "--timeout", "3",
                                   "--interval", "1", limit=20)
    check(code > 0, f"sender after the attack: exit {code} (negative = killed by a signal): {err}")
    check(took < 10, f"sender took {took:.1f} s with --timeout 3")
    rc = rx.finish(timeout=20)
    check(rc > 0, f"receiver after the attack: exit {rc} (negative = killed by a signal): {rx.stderr()}")
    for who, text in (("sender", err), ("receiver", rx.stderr())):
        last = text.strip().splitlines()[-1]
        if who == "sender" and sender_expected is not None:
            check(sender_expected in last, f"{who}: {text}")
        else:
            check(any(e in last for e in expected) and "--unlink" in last, f"{who}: {text}")
    check(rx.stdout_lines()[:1] == [b"before"], rx.stdout_lines())


def test_hostile_truncates_global(s):
    """Another user truncates both objects of a Global channel in use: no SIGBUS death. The
    receiver reports the damage; a sender that opens the name afterwards finds two 0-byte objects
    that no creator holds, sizes them again (as after a creator's death, zero_byte_object) and
    uses the repaired channel, where no receiver reads its message."""
    return hostile_global(s, "t", "import os; os.truncate('{data}', 0); os.truncate('{ctl}', 0)",
                          ["was damaged by another process: its data object was truncated",
                           "was damaged by another process: its control object was truncated"],
                          sender_expected="not delivered: no receiver read the message")


def test_hostile_scribbles_global(s):
    """Another user writes 0xFF over both objects of a Global channel in use (the lock, the wake
    words, the counters): reported as damage, never a crash or a hang. The control object is
    written first: 0xFF over the data object alone is a hostile message, which a receiver takes
    and flags like any other (hostile_view_ff), so a receiver that looked between the two writes
    took it and exited 0 (seen about once in ten runs under ctest -j2)."""
    return hostile_global(s, "s", "for p in ('{ctl}', '{data}'):\n"
                                  "    f = open(p, 'r+b'); n = len(f.read()); f.seek(0); f.write(b'\\xff' * n); f.close()",
                          ["version and identity words were overwritten", "has layout version 4294967295"])


def test_hostile_lock_global(s):
    """On a Global channel the lock is a flock, not bytes in the object: another user who writes
    over the mutex bytes (with a pattern that makes glibc abort in a mutex) changes nothing, and
    one who holds the flock makes senders and receivers give up at --timeout (exit 3), not hang."""
    if not linux_shm(s):
        print("skipped: attacks the objects as files in /dev/shm (Linux)")
        return SKIP
    base, name, rx = global_channel_in_use(s, "hl")
    # State word "ready", then 0x40 bytes: a priority-protect kind, which trips an assert in glibc.
    as_other_user(s, f"f = open('/dev/shm/{base}.ctl', 'r+b'); f.seek(64); "
                     f"f.write(bytes([2, 0, 0, 0, 0, 0, 0, 0]) + b'\\x40' * 48); f.close()")
    code, _, err, _ = timed_run(s, s.sender_exe, "--name", name, "--message", "after", "--timeout", "5",
                                "--interval", "1", limit=20)
    check(code == 0, f"sender after the lock bytes were overwritten: exit {code}: {err}")
    check(rx.finish() == 0 and rx.stdout_lines() == [b"before", b"after"], f"{rx.stdout_lines()} {rx.stderr()}")
    holder = s.spawn(*(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if posix_root_only(s) else []),
                     sys.executable, "-c", f"import fcntl, sys; f = open('/dev/shm/{base}', 'r+b'); "
                     "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()",
                     stdin=subprocess.PIPE)
    end = time.monotonic() + DEADLINE
    while b"locked" not in holder.stdout():
        check(time.monotonic() < end and holder.proc.poll() is None, f"flock holder: {holder.stderr()}")
        time.sleep(0.01)
    code, _, err, took = timed_run(s, s.sender_exe, "--name", name, "--message", "held", "--timeout", "1",
                                   limit=20)
    check(code == 3 and "is held by another process" in err and took < 8, f"{code} {took:.1f} s {err}")
    holder.proc.stdin.close()
    holder.finish()


# ------------------------------------------------ wake mode variants

def wake(test):
    """The same test with --wake on every sender and receiver: as safe as poll mode."""
    def run(s):
        s.mode = ["--wake"]
        return test(s)
    return run


test_wake_receiver_first = wake(test_receiver_first)
test_wake_sender_first = wake(test_sender_first)
test_wake_stress_4x500 = wake(test_stress_4x500)
test_wake_killed_writer_after_body = wake(test_killed_writer_after_body)
test_wake_killed_writer_holding_lock = wake(test_killed_writer_holding_lock)
test_wake_killed_writer_after_publish = wake(test_killed_writer_after_publish)
test_wake_killed_reader_after_copy = wake(test_killed_reader_after_copy)


def test_wake_mixed_modes(s):
    """A --wake receiver with poll-mode senders and the reverse: signals cross modes."""
    name = s.name("wm")
    rx = s.receiver("--print", "--name", name, "--wake", "--interval", "60000", "--timeout", str(DEADLINE),
                    "--count", "2")
    rx.wait_stderr("ready:")
    started = time.monotonic()
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "from poll", "--interval", "1")
    check(code == 0, f"poll sender into wake receiver: {err}")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "from wake", "--wake",
                         "--interval", "60000")
    check(code == 0, f"wake sender into wake receiver: {err}")
    check(rx.finish() == 0, rx.stderr())
    # With a 60 s fallback interval, only the signals can have delivered these in time.
    check(time.monotonic() - started < 30, "a wake was lost: delivery took the fallback interval")
    check(rx.stdout_lines() == [b"from poll", b"from wake"], f"got {rx.stdout_lines()}")


def test_wake_receiver_falls_asleep_mid_send(s):
    """Lab exercise 6: a --wake receiver that falls asleep while a sender holds the lock (between
    the sender's decision "does anyone sleep?" and its publish) is still woken when the message
    goes in. Its fallback poll is 60 s, so only the wake can deliver in time: a sender that
    looked at the sleepers before it stored (the StoreLoad shape done in program order, which is
    what x86 does to a non-seq_cst store) skips the wake, and the message waits a whole poll."""
    if s.on_windows or s.emulator:
        print("skipped: the pause point and the sleeper count are read the POSIX way here")
        return SKIP
    name = s.name("wa")
    tx = s.sender("--pause-at", "writer-locked", "--name", name, "--message", "wake me", "--wake", "--timeout", str(DEADLINE),
                  stdin=subprocess.PIPE)
    tx.wait_stderr("paused at writer-locked")
    rx = s.receiver("--print", "--name", name, "--wake", "--interval", "60000", "--timeout",
                    str(DEADLINE), "--count", "1")
    rx.wait_stderr("ready:")
    # The receiver's documented sign that it sleeps: the live view's "data ready N (1 asleep)".
    watch = s.receiver("--peek", "--watch", "--interval", "10", "--name", name)
    end = time.monotonic() + DEADLINE
    while not any(b"(1 asleep), slot free" in line for line in watch.stdout_lines()):
        check(time.monotonic() < end and watch.proc.poll() is None,
              f"the receiver never went to sleep on the data word: {watch.stdout_lines()[-2:]}")
        time.sleep(0.005)
    watch.kill()
    started = time.monotonic()
    tx.proc.stdin.close()  # go on: body, unit 0, unlock, signal
    # A woken receiver prints within milliseconds; 15 s is far above any scheduling delay
    # and far below the 60 s fallback poll, so the two cannot be confused.
    while not rx.stdout_lines() and time.monotonic() - started < 15 and rx.proc.poll() is None:
        time.sleep(0.005)
    took = time.monotonic() - started
    check(rx.stdout_lines() == [b"wake me"],
          f"a lost wake-up: the receiver slept until its 60 s fallback poll (nothing {took:.1f} s "
          f"after the send) although it was asleep before the message went in" if not rx.stdout_lines()
          else f"receiver printed {rx.stdout_lines()}")
    check(rx.finish() == 0, f"receiver failed: {rx.stderr()}")
    check(tx.finish() == 0, f"sender failed: {tx.stderr()}")
    print(f"woken {took * 1000:.0f} ms after the sender went on (fallback poll: 60 s)")


def test_wake_classic_writer_fallback(s):
    """A classic writer never signals: a --wake receiver still finds it by its fallback poll."""
    name = s.name("wc")
    rx = s.receiver("--print", "--name", name, "--wake", "--interval", "20", "--timeout", str(DEADLINE),
                    "--count", "1")
    rx.wait_stderr("ready:")
    code, _, err = s.run(s.sender_exe, "--name", name, "--message", "classic into wake", "--classic",
                         "--interval", "1")
    check(code == 0, f"classic sender: {err}")
    check(rx.finish() == 0, rx.stderr())
    check(rx.stdout_lines() == [b"classic into wake"], f"got {rx.stdout_lines()}")


def cpu_seconds(pid):
    """utime + stime of a Linux process, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_wake_idle_cpu(s):
    """An idle --wake receiver and a --wake sender waiting on a full slot sleep: ~0 CPU."""
    if s.on_windows or s.emulator or not os.path.exists("/proc/self/stat"):
        print("skipped: idle CPU is read from Linux /proc")
        return SKIP
    name = s.name("wi")
    rx = s.receiver("--print", "--name", name, "--wake", "--interval", "200", "--timeout", str(DEADLINE))
    rx.wait_stderr("ready:")
    before = cpu_seconds(rx.proc.pid)
    time.sleep(2.0)
    used = cpu_seconds(rx.proc.pid) - before
    check(used < 0.1, f"idle --wake receiver used {used:.2f} s of CPU in 2 s")
    rx.kill()
    tx = s.sender("--name", name, "--message", "waits", "--wake", "--timeout", str(DEADLINE))
    s.wait_slot(name, "full")
    before = cpu_seconds(tx.proc.pid)
    time.sleep(2.0)
    used_tx = cpu_seconds(tx.proc.pid) - before
    check(used_tx < 0.1, f"--wake sender waiting on a full slot used {used_tx:.2f} s of CPU in 2 s")
    print(f"idle CPU over 2 s: receiver {used:.3f} s, waiting sender {used_tx:.3f} s")


def thread_slices(pid):
    """The se.slice (ns) of each thread of a Linux process, from /proc/PID/task/*/sched."""
    slices = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/sched") as f:
                slices += [int(line.split(":")[1]) for line in f if line.startswith("se.slice")]
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return slices


QUICK_WAKE_SLICE_NS = 100_000  # SM_QUICK_WAKE_SLICE_US in os_process.h


def test_wake_receiver_quick_slice(s):
    """A --wake receiver asks for the short slice that lets it preempt the sender that wakes it
    (os_process.h), as an ordinary user too ('nobody' when we are root); the message still
    arrives. Linux 6.12+, where /proc shows the slice."""
    if s.on_windows or s.emulator or not os.path.exists("/proc/thread-self/sched"):
        print("skipped: slices are read from Linux /proc")
        return SKIP
    release = tuple(int(x) for x in os.uname().release.split(".")[:2] if x.isdigit())
    if release < (6, 12):
        print(f"skipped: kernel {os.uname().release} has no per-thread slices (6.12+)")
        return SKIP
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if posix_root_only(s) else []
    base, name = s.global_name("qs")  # Global: root's probe and cleanup reach nobody's objects
    rx = s.receiver("--print", "--name", name, "--wake", "--interval", "200", "--timeout", str(DEADLINE),
                    "--count", "1", prefix=prefix)
    rx.wait_stderr("ready:")
    end = time.monotonic() + DEADLINE
    while QUICK_WAKE_SLICE_NS not in thread_slices(rx.proc.pid):
        check(time.monotonic() < end, f"the --wake receiver never asked: slices {thread_slices(rx.proc.pid)}")
        time.sleep(0.005)
    done = subprocess.run(prefix + [s.sender_exe, "--name", name, "--message", "quick", "--wake",
                                    "--timeout", str(DEADLINE)], capture_output=True, timeout=DEADLINE)
    check(done.returncode == 0, f"sender: {done.stderr.decode()}")
    check(rx.finish() == 0, rx.stderr())
    check(rx.stdout_lines() == [b"quick"], f"got {rx.stdout_lines()}")


def main():
    return run_tests(globals(), Suite, ["probe", "peer"])


if __name__ == "__main__":
    sys.exit(main())
