#!/usr/bin/env python3
"""dbwin-rate.py - the capture rate of samplemap-receiver --dbwin: lines/s from W writers at once.

Linux:  tools/dbwin-rate.py --receiver build/receiver/samplemap-receiver \\
                            --sender build/sender/samplemap-sender [--writers 4] [--lines 5000]
Wine:   tools/dbwin-rate.py --receiver build-mingw/bin/samplemap-receiver.exe \\
                            --writer build-mingw/bin/dbwin_writer.exe --emulator cmake/wine-run.sh

The monitor prints --json; the rate is the lines over the time between its first and last entry
(monotonic_ns), so starting the processes is not counted. Prints one line of figures; checks
that every line arrived (exit 1 if not). docs/dbwin.md quotes its output.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--receiver", required=True)
    p.add_argument("--sender", help="samplemap-sender (POSIX writers: --dbwin --stdin)")
    p.add_argument("--writer", help="dbwin_writer.exe (Windows writers: OutputDebugStringA)")
    p.add_argument("--emulator", default="")
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--lines", type=int, default=5000)
    args = p.parse_args()
    emulator = shlex.split(args.emulator)
    total = args.writers * args.lines
    name = [] if args.writer else ["--name", f"dbwrate{os.getpid()}"]
    rx = subprocess.Popen(emulator + [args.receiver, "--dbwin", *name, "--json", "--count", str(total),
                                      "--timeout", "300"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in iter(rx.stderr.readline, b""):  # the ready line: writers start after it
        if b"ready:" in line:
            break
    else:
        print(f"the monitor did not start: {line!r}")
        return 1
    writers = []
    for w in range(args.writers):
        if args.writer:
            writers.append(subprocess.Popen(emulator + [args.writer, "lines", str(args.lines), f"w{w}"],
                                            stdout=subprocess.DEVNULL))
        else:
            tx = subprocess.Popen([args.sender, "--dbwin", *name, "--stdin"], stdin=subprocess.PIPE)
            tx.stdin.write("".join(f"w{w} {i:06}\n" for i in range(args.lines)).encode())
            tx.stdin.close()
            writers.append(tx)
    out, _ = rx.communicate()
    for tx in writers:
        tx.wait()
    entries = [json.loads(line) for line in out.decode().splitlines()]
    if len(entries) != total:
        print(f"only {len(entries)} of {total} lines arrived")
        return 1
    seconds = (entries[-1]["monotonic_ns"] - entries[0]["monotonic_ns"]) / 1e9
    print(f"{total} lines from {args.writers} writers in {seconds:.3f} s: {total / seconds:.0f} lines/s "
          f"({'OutputDebugStringA under ' + (args.emulator or 'Windows') if args.writer else 'sender --dbwin'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
