#!/usr/bin/env python3
"""Interop tests: our apps against a peer that speaks the classic samples' protocol.

The classic samples (AutoIt _WinAPI_CreateFileMapping pair, C# CSFileMappingServer/
Client) store a plain UTF-16 string at offset 0 of a 2048-byte view with no lock.
tests/helpers/classic_peer does exactly that; here it is paired with the real
samplemap-sender / -receiver, natively or through an emulator such as wine.

Every wait is for a signal from a child (the peer's "ready" line, an exit) with a
deadline; nothing relies on a sleep. Each test uses its own mapping name and removes
it afterwards (--unlink; on Windows the objects die with their last handle anyway).

usage: interop_tests.py --sender S --receiver R --peer P [--emulator CMD] TEST
Exit 0 = pass, anything else = fail.
"""
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proctest import DEADLINE, Child, Failure, check, run_tests  # noqa: E402

# Cyrillic, CJK, an emoji (a surrogate pair on the wire), and ASCII around them.
TEXTS = ["Hello from the classic side", "Привет, мир", "你好，世界", "emoji 😀 pair",
         "mixed: aé Ж 世 😀 𝄞 end"]


class Suite:
    def __init__(self, args):
        self.emulator = shlex.split(args.emulator) if args.emulator else []
        self.sender_exe, self.receiver_exe, self.peer_exe = args.sender, args.receiver, args.peer
        self.children, self.names, self.serial = [], [], 0

    def name(self, tag, prefix="Local\\"):
        """A mapping name unique to this run and call, so ctest -j and reruns are safe."""
        self.serial += 1
        name = f"{prefix}ci{os.getpid()}{tag}{self.serial}"
        self.names.append(name)
        return name

    def spawn(self, exe, *args):
        child = Child(self.emulator + [exe] + list(args))
        self.children.append(child)
        return child

    def run(self, exe, *args):
        done = subprocess.run(self.emulator + [exe] + list(args), stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=DEADLINE)
        return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")

    def cleanup(self):
        for child in self.children:
            child.kill()
        for name in self.names:
            self.run(self.sender_exe, "--unlink", "--name", name)


def classic_writer_to_receiver(s, name, text):
    """The classic writer stores the text; our receiver prints it byte-exact and clears the slot."""
    writer = s.spawn(s.peer_exe, "write", name, text)
    writer.wait_stderr("ready")  # the whole string is in the view now
    code, out, err = s.run(s.receiver_exe, "--print", "--count", "1", "--interval", "5",
                           "--timeout", str(DEADLINE), "--name", name)
    check(code == 0, f"receiver exit {code}: {err}")
    check(out == text.encode("utf-8") + b"\n", f"receiver printed {out!r}, expected {text!r}")
    check(writer.finish() == 0, f"the classic writer never saw its slot cleared: {writer.stderr()}")


def sender_to_classic_reader(s, name, text):
    """Our sender writes; the classic reader (no lock) prints the text; the sender sees it delivered."""
    reader = s.spawn(s.peer_exe, "read", name)
    reader.wait_stderr("ready")
    code, _, err = s.run(s.sender_exe, "--message", text, "--interval", "5", "--timeout", str(DEADLINE),
                         "--name", name)
    check(code == 0, f"sender exit {code} (delivery to the classic reader not seen): {err}")
    check(reader.finish() == 0, f"classic reader failed: {reader.stderr()}")
    out = reader.stdout()
    check(out == text.encode("utf-8") + b"\n", f"classic reader printed {out!r}, expected {text!r}")


def longest_text():
    """1023 units, the most a 2048-byte slot holds: 340 surrogate pairs and 3 more units."""
    return "😀" * 340 + "Жя!"


def test_classic_writer_to_receiver(s):
    for text in TEXTS:
        classic_writer_to_receiver(s, s.name("cw"), text)


def test_classic_writer_bare_name(s):
    """The AutoIt pair uses the bare name 'MyFileMapping', which Windows treats as Local."""
    classic_writer_to_receiver(s, s.name("bare", prefix=""), "bare name Ωμέγα")


def test_classic_writer_longest(s):
    classic_writer_to_receiver(s, s.name("cl"), longest_text())


def test_sender_to_classic_reader(s):
    for text in TEXTS:
        sender_to_classic_reader(s, s.name("sr"), text)


def test_sender_to_classic_reader_longest(s):
    sender_to_classic_reader(s, s.name("sl"), longest_text())


def main():
    return run_tests(globals(), Suite, ["peer"])


if __name__ == "__main__":
    sys.exit(main())
