"""proctest - what the cross-process test drivers share (process, interop).

Child runs a real process and collects its stdout and stderr lines in threads, so a
test can wait for a line (a "ready" or "paused at" signal) with a deadline instead of
sleeping. run_tests() is the drivers' one main(): it runs the named test (or all),
cleans up after each, and maps results to exit codes ctest understands.
"""
import argparse
import queue
import subprocess
import sys
import threading
import time

SKIP = 77         # ctest SKIP_RETURN_CODE
DEADLINE = 60.0   # seconds any single wait may take before the test fails


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Child:
    """A running process whose stdout and stderr lines are collected by threads. stdout_fd: a
    descriptor to give it as stdout instead (the test then reads it, or on purpose does not)."""

    def __init__(self, argv, env=None, stdin=subprocess.DEVNULL, stdout_fd=None):
        self.argv = argv
        self.proc = subprocess.Popen(argv, stdin=stdin,
                                     stdout=subprocess.PIPE if stdout_fd is None else stdout_fd,
                                     stderr=subprocess.PIPE, env=env)
        self.out, self.err = [], []
        self.err_lines = queue.Queue()
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stderr, self.err, self.err_lines))]
        if stdout_fd is None:
            self._threads.append(threading.Thread(target=self._pump, args=(self.proc.stdout, self.out, None)))
        for t in self._threads:
            t.daemon = True
            t.start()

    @staticmethod
    def _pump(stream, sink, lines):
        for raw in iter(stream.readline, b""):
            sink.append(raw)
            if lines is not None:
                lines.put(raw)
        if lines is not None:
            lines.put(None)

    def wait_stderr(self, needle, timeout=DEADLINE):
        """Waits for a stderr line containing needle; fails if the child ends first."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            check(left > 0, f"timed out waiting for {needle!r} from {self.argv}; stderr: {self.stderr()}")
            try:
                line = self.err_lines.get(timeout=left)
            except queue.Empty:
                continue
            check(line is not None, f"{self.argv} ended before printing {needle!r}; stderr: {self.stderr()}")
            if needle.encode() in line:
                return line.decode("utf-8", "replace")

    def finish(self, timeout=DEADLINE):
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise Failure(f"{self.argv} did not exit within {timeout} s")
        for t in self._threads:
            t.join(timeout=10)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stdout(self):
        return b"".join(self.out)

    def stdout_lines(self):
        return [line[:-1] if line.endswith(b"\n") else line for line in self.out]

    def stderr(self):
        return b"".join(self.err).decode("utf-8", "replace")


def run_tests(tests, make_suite, helper_flags):
    """The drivers' main: --sender, --receiver, --emulator, one --<helper> per name, TEST.
    --list prints the names ctest registers (every test_ function not marked manual), one a
    line: CMake reads them from here, so a test is named in one place only."""
    listed = [n[5:] for n, fn in tests.items()
              if n.startswith("test_") and not getattr(fn, "manual", False)]
    if sys.argv[1:] == ["--list"]:
        print("\n".join(listed))
        return 0
    parser = argparse.ArgumentParser()
    for flag in ["sender", "receiver"] + list(helper_flags):
        parser.add_argument("--" + flag, required=True)
    parser.add_argument("--emulator", default="")
    parser.add_argument("test", nargs="?", help="test name without the test_ prefix; all if omitted")
    args = parser.parse_args()
    names = [args.test] if args.test else listed
    failed = 0
    for test in names:
        fn = tests.get("test_" + test)
        if fn is None:
            print(f"unknown test {test}")
            return 2
        suite = make_suite(args)
        try:
            result = fn(suite)
        except Failure as failure:
            print(f"FAIL {test}: {failure}")
            failed += 1
            continue
        finally:
            suite.cleanup()
        if result == SKIP and args.test:
            return SKIP
        print(f"{'skip' if result == SKIP else 'ok  '} {test}")
    return 1 if failed else 0
