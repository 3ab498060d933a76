#!/usr/bin/env python3
"""bench.cli_errors: samplemap-bench refuses what it cannot run, with one line naming what was
wrong and what to do, and exit 2, before it measures anything: --only with a name that is not a
row (it used to be ignored, so a typo measured nothing), and a --load or --scenarios entry that
is not quiet or N[:NICE] in range.
usage: check_cli.py BENCH
"""
import subprocess
import sys

CASES = [
    (["--only", "samplemap-wake,pipe-acke"],
     "--only: 'pipe-acke' is not a row; the rows are: floor, floor-stream, samplemap-wake, samplemap-stream,"),
    (["--only", "samplemap-wake,"], "--only: '' is not a row; the rows are: floor,"),
    (["--load", "2:20"], "--load '2:20': each scenario is quiet or N[:NICE]"),
    (["--load", "17"], "--load '17': each scenario is quiet or N[:NICE] with N 0..16"),
    (["--scenarios", "quiet,2:x"], "--scenarios 'quiet,2:x': each scenario is quiet or N[:NICE]"),
    (["--scenarios", "quiet,1,2,3,4"], "at most 4 of them"),
    (["--load", "1", "--scenarios", "quiet"], "give --load or --scenarios once"),
]


def main():
    bench = sys.argv[1]
    for args, want in CASES:
        done = subprocess.run([bench] + args, capture_output=True, text=True, timeout=20)
        if done.returncode == 77:
            return 77
        lines = done.stderr.splitlines()
        if done.returncode != 2 or len(lines) != 1 or want not in lines[0] or done.stdout:
            print(f"FAIL: {args}: exit {done.returncode}, stdout {done.stdout!r}, "
                  f"stderr {done.stderr!r}; expected exit 2 and one line with {want!r}")
            return 1
        print(f"ok: {args}: {lines[0]}")
    print("every bad --only, --load and --scenarios was refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
