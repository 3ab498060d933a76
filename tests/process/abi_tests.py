#!/usr/bin/env python3
"""32-bit and 64-bit programs on one channel: the headless apps built a second time for the
32-bit ABI (x86-64 Linux: -m32; the MinGW build: i686, run under Wine) mixed with the native ones.

A Local channel's lock is a robust pthread mutex in the control object, and its layout
differs between the i386 and x86-64 ABIs (24 vs 40 bytes, the kind and owner fields elsewhere):
a peer of the other bitness misreads it, and once a holder dies the kernel's "owner died" mark
is never understood, so the channel wedges. The control object therefore records its lock's ABI
(docs/protocol.md, "Lock ABI"), and a peer of another ABI is refused at open with one line that
says what to do. A Global channel's lock is flock(), which has no layout, so there the two
bitnesses mix freely, and a dead holder of either bitness hands the lock on. On Windows the lock
is a named mutex, a kernel object with no layout in the view, so there Local channels mix too.

usage: abi_tests.py --sender S --receiver R --sender32 S32 --receiver32 R32 --probe P --peer C TEST
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proc_tests import Suite  # noqa: E402
from proctest import DEADLINE, check, run_tests  # noqa: E402


class AbiSuite(Suite):
    def __init__(self, args):
        super().__init__(args)
        self.apps = {64: (args.sender, args.receiver), 32: (args.sender32, args.receiver32)}

    def with_mode(self, exe, args):
        return list(args)

    def tx(self, bits):
        return self.apps[bits][0]

    def rx(self, bits):
        return self.apps[bits][1]

    def receiver_of(self, bits, name, count, *extra):
        rx = self.spawn(self.rx(bits), "--print", "--name", name, "--count", str(count), "--interval", "1",
                        "--timeout", str(DEADLINE), *extra)
        rx.wait_stderr("ready:")
        return rx


OTHER = {32: 64, 64: 32}


def deliver(s, name, tx_bits, rx_bits, *mode):
    """One message from a sender of tx_bits to a receiver of rx_bits; checks it arrived whole."""
    text = f"from {tx_bits}-bit to {rx_bits}-bit {' '.join(mode)} Привет 世界"
    rx = s.receiver_of(rx_bits, name, 1, *mode)
    code, out, err = s.run(s.tx(tx_bits), "--name", name, "--message", text, "--timeout", str(DEADLINE), *mode)
    check(code == 0, f"{tx_bits}-bit sender -> {rx_bits}-bit receiver {mode}: exit {code}: {err} {out!r}; "
                     f"the receiver said: {rx.stderr()}")
    check(rx.finish() == 0, rx.stderr())
    check(rx.stdout_lines() == [text.encode()], f"got {rx.stdout_lines()}")


def shared_scopes(s):
    """The scopes whose lock any bitness shares: Global (flock) and, on Windows, Local too."""
    return ("Global", "Local") if s.on_windows else ("Global",)


def test_both_ways(s):
    """Shared channels carry messages between the bitnesses both ways, polling and --wake."""
    for scope in shared_scopes(s):
        for mode in ((), ("--wake",)):
            for tx_bits, rx_bits in ((32, 64), (64, 32), (32, 32), (64, 64)):
                deliver(s, s.name(f"b{scope[0]}{tx_bits}{rx_bits}{len(mode)}", scope), tx_bits, rx_bits, *mode)


def test_mixed_load(s):
    """Two senders of each bitness x 200 messages (50 under Wine) into one --wake receiver of each
    bitness in turn, on a shared channel: every message arrives once, in each sender's order."""
    for rx_bits in (64, 32):
        name = s.name(f"ml{rx_bits}", shared_scopes(s)[-1])
        per_sender = 50 if s.on_windows else 200
        rx = s.receiver_of(rx_bits, name, 4 * per_sender, "--wake")
        senders = []
        for i, bits in enumerate((32, 64, 32, 64)):
            lines = "".join(f"s{i} {bits} {n}\n" for n in range(per_sender)).encode()
            tx = s.spawn(s.tx(bits), "--name", name, "--stdin", "--wake", "--timeout", str(DEADLINE),
                         stdin=subprocess.PIPE)
            tx.proc.stdin.write(lines)
            tx.proc.stdin.close()
            senders.append(tx)
        for tx in senders:
            check(tx.finish() == 0, f"a sender failed: {tx.stderr()}")
        check(rx.finish() == 0, rx.stderr())
        got = [line.decode() for line in rx.stdout_lines()]
        check(len(got) == 4 * per_sender, f"{rx_bits}-bit receiver got {len(got)} of {4 * per_sender}")
        for i, bits in enumerate((32, 64, 32, 64)):
            mine = [line for line in got if line.startswith(f"s{i} ")]
            check(mine == [f"s{i} {bits} {n}" for n in range(per_sender)],
                  f"sender {i} ({bits}-bit): lost, doubled or reordered: {mine[:5]}...")


def check_refused(s, name, creator_bits, bits):
    """A sender and a receiver of bits are refused at once, in one line that says what to do."""
    for exe, args in ((s.tx(bits), ["--message", "x"]), (s.rx(bits), ["--print", "--count", "1"])):
        code, out, err = s.run(exe, "--name", name, "--timeout", "2", *args)
        check(code == 1, f"a {bits}-bit peer on a channel set up by a {creator_bits}-bit program: expected "
                         f"exit 1 (refused at open), got {code}: {err}")
        check(err.count("\n") == 1 and f"set up by a {creator_bits}-bit program" in err and
              f"this is a {bits}-bit program" in err and "Global\\" in err and "same bitness" in err,
              f"unclear refusal: {err}")
        check(out == b"", f"printed {out!r}")


def test_local_mix(s):
    """POSIX: a Local channel set up by one bitness refuses peers of the other at open, and its own
    still work. Windows: the named mutex has no layout, so the other bitness is served."""
    for creator in (32, 64):
        name = s.name(f"lr{creator}")
        deliver(s, name, creator, creator)  # sets the channel up (and its lock)
        if s.on_windows:
            deliver(s, name, OTHER[creator], creator)
            deliver(s, name, creator, OTHER[creator])
        else:
            check_refused(s, name, creator, OTHER[creator])
        deliver(s, name, creator, creator)  # the refusals left it as it was


def test_killed_holder(s):
    """A holder of each bitness killed at writer-locked: on a shared channel (Global; on Windows also
    Local) a waiting sender of the other bitness takes the lock over and delivers; on a POSIX Local
    channel peers of the other bitness are refused at open (never left waiting on a wedged lock) and
    peers of the holder's bitness recover."""
    for holder_bits in (32, 64):
        other = OTHER[holder_bits]
        for scope in ("Global", "Local"):
            name = s.name(f"kh{holder_bits}{scope[0]}", scope)
            deliver(s, name, holder_bits, holder_bits)
            victim = s.spawn(s.tx(holder_bits), "--pause-at", "writer-locked", "--name", name, "--message", "victim", "--interval", "1",
                             stdin=subprocess.PIPE)
            victim.wait_stderr("paused at writer-locked")
            shared = scope in shared_scopes(s)
            survivor_bits = other if shared else holder_bits
            if not shared:
                check_refused(s, name, holder_bits, other)
            rx = s.receiver_of(survivor_bits, name, 1)
            # Started while the lock is held, so it is waiting for it when the holder dies.
            tx = s.spawn(s.tx(survivor_bits), "--name", name, "--message", "after the crash",
                         "--interval", "1", "--timeout", str(DEADLINE))
            victim.kill()
            code = tx.finish()
            check(code == 0, f"{scope}: a {survivor_bits}-bit sender after a {holder_bits}-bit holder died: "
                             f"exit {code}: {tx.stderr()}")
            check(rx.finish() == 0, rx.stderr())
            check(rx.stdout_lines() == [b"after the crash"], f"{scope}: got {rx.stdout_lines()}")
            if not shared:
                check_refused(s, name, holder_bits, other)


def main():
    return run_tests(globals(), AbiSuite, ["sender32", "receiver32", "probe", "peer"])


if __name__ == "__main__":
    sys.exit(main())
