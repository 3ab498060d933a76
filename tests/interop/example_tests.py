#!/usr/bin/env python3
"""The chapter-one examples (examples/classic_sender.c, classic_receiver.c) as real processes:
against each other, and against the real samplemap-sender / -receiver on the same wire, in
classic mode and in the safe mode.

Every wait is for a signal from a child (the example receiver's "ready" line, the real
receiver's "ready:", an exit) with a deadline. Each test uses its own mapping name.

usage: example_tests.py --sender S --receiver R --example-sender ES --example-receiver ER
                        [--emulator CMD] TEST
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from interop_tests import Suite  # noqa: E402  (names, spawning, cleanup: the same as interop)
from proctest import check, run_tests  # noqa: E402

TEXT = "Hello from chapter one"


class ExampleSuite(Suite):
    def __init__(self, args):
        args.peer = None
        super().__init__(args)
        self.example_sender, self.example_receiver = args.example_sender, args.example_receiver

    def bare(self, tag):
        """The examples take the base name and add Local themselves; the apps get Local\\<it>."""
        return self.name(tag)[len("Local\\"):]


def example_receiver_gets(s, base, send):
    """Starts the example receiver on base, runs send(), returns what the receiver printed."""
    rx = s.spawn(s.example_receiver, base)
    rx.wait_stderr("ready")
    send()
    check(rx.finish() == 0, f"example receiver failed: {rx.stderr()}")
    return rx.stdout().replace(b"\r\n", b"\n")  # a Windows console program writes text mode


def test_example_pair(s):
    """classic_sender -> classic_receiver: the message arrives, and the sender sees it taken."""
    base = s.bare("ep")
    def send():
        code, _, err = s.run(s.example_sender, base, TEXT)
        check(code == 0, f"example sender exit {code} (its message was never taken): {err}")
    out = example_receiver_gets(s, base, send)
    check(out == (TEXT + "\n").encode(), f"example receiver printed {out!r}")


def test_example_sender_to_receiver(s):
    """classic_sender -> samplemap-receiver, classic and safe: the same wire."""
    for mode in (["--classic"], []):
        name = s.name("es")
        rx = s.spawn(s.receiver_exe, "--print", "--count", "1", "--interval", "5", "--name", name, *mode)
        rx.wait_stderr("ready:")
        code, _, err = s.run(s.example_sender, name[len("Local\\"):], TEXT)
        check(code == 0, f"example sender exit {code} with receiver {mode}: {err}")
        check(rx.finish() == 0 and rx.stdout() == (TEXT + "\n").encode(),
              f"receiver {mode} printed {rx.stdout()!r}: {rx.stderr()}")


def test_sender_to_example_receiver(s):
    """samplemap-sender, classic and safe -> classic_receiver; the safe sender sees it delivered."""
    for mode in (["--classic"], []):
        base = s.bare("se")
        def send():
            code, _, err = s.run(s.sender_exe, "--name", "Local\\" + base, "--message", TEXT,
                                 "--timeout", "30", *mode)
            check(code == 0, f"sender {mode} exit {code}: {err}")
        out = example_receiver_gets(s, base, send)
        check(out == (TEXT + "\n").encode(), f"example receiver printed {out!r} from sender {mode}")


def main():
    return run_tests(globals(), ExampleSuite, ["example-sender", "example-receiver"])


if __name__ == "__main__":
    sys.exit(main())
