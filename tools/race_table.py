#!/usr/bin/env python3
"""race_table.py - the classic protocol next to the safe one, with knobs (tools/race-table.sh runs it).

Like the homework simulators of OSTEP: choose a load with the flags, write down what you
expect in each column, then run the same command with -c to see the real counts.

  --interval MS   how often the receiver polls (default 1; the apps' default is 200)
  --senders N     senders running at once (default 8)
  --messages N    checksummed messages per sender, up to 1000 UTF-16 units each (default 250)
  --stalled N     writers stalled mid-store, one at a time, for the "stalled" rows (default 10)
  --runs N        repeat the load rows N times (the classic counts vary from run to run)
  --seed N        the message texts and lengths (default 7); timing is the OS's, not seeded
  --only MODE     classic or safe: only that protocol's rows
  -c              run it and print the table (without -c: print the setup and the question)

Every wait is scaled to the load: a safe sender may wait one poll per message ahead of it,
so the deadline is 60 s plus twice (senders x messages x interval); the setup line says it.
Exit 0 when the table was printed and the safe rows lost, tore and duplicated nothing.
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "process"))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
import proc_tests  # noqa: E402
import proctest  # noqa: E402

COLUMNS = ["sent", "received", "lost", "torn", "duplicated"]


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"), help="the build directory")
    parser.add_argument("--interval", type=positive, default=proc_tests.RACE_POLL_MS)
    parser.add_argument("--senders", type=positive, default=8)
    parser.add_argument("--messages", type=positive, default=250)
    parser.add_argument("--stalled", type=int, default=10)
    parser.add_argument("--runs", type=positive, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["classic", "safe"])
    parser.add_argument("-c", "--compute", action="store_true", help="run and print the real counts")
    args = parser.parse_args()
    if args.stalled < 0:
        parser.error("--stalled must be 0 or more")
    return args


def deadline_s(args):
    return 60.0 + 2.0 * args.senders * args.messages * args.interval / 1000.0


def main():
    args = parse()
    modes = [args.only] if args.only else ["classic", "safe"]
    setup = (f"load: {args.senders} senders x {args.messages} checksummed messages of up to 1000 units "
             f"(seed {args.seed}); the receiver polls every {args.interval} ms (--interval {args.interval})")
    print(setup)
    expected, _ = proc_tests.make_payloads(args.senders, args.messages, 1000, args.seed)
    units = proc_tests.load_units(expected)
    if not args.compute:
        print(f"the load: {len(expected)} messages per row, {units} UTF-16 units in all")
        print(f"{'mode':<17}" + "".join(f"{c:>11}" for c in COLUMNS))
        for mode in modes:
            for run in range(args.runs):
                label = mode if args.runs == 1 else f"{mode} #{run + 1}"
                print(f"{label:<17}" + "".join(f"{'?':>11}" for _ in COLUMNS))
            if args.stalled:
                print(f"{mode + ', stalled':<17}" + "".join(f"{'?':>11}" for _ in COLUMNS))
        print("Predict each '?' (which numbers are certain, which vary?), then run the same command with -c.")
        return 0
    exe = {"sender": "sender/samplemap-sender", "receiver": "receiver/samplemap-receiver",
           "probe": "tests/process/samplemap_probe", "peer": "tests/interop/classic_peer"}
    paths = {k: os.path.join(args.build, v) for k, v in exe.items()}
    missing = [p for p in paths.values() if not os.access(p, os.X_OK)]
    if missing:
        print(f"race_table: {missing[0]} is missing: build first (cmake --build {args.build})", file=sys.stderr)
        return 2
    # Scale every wait of the drivers to the load (they read DEADLINE when they wait).
    proc_tests.DEADLINE = proctest.DEADLINE = deadline_s(args)
    print(f"(each wait may take up to {proc_tests.DEADLINE:.0f} s at this load)", flush=True)
    suite = proc_tests.Suite(argparse.Namespace(emulator="", **paths))
    rows = {}
    ok = True
    try:
        for mode in modes:
            for run in range(args.runs):
                label = mode if args.runs == 1 else f"{mode} #{run + 1}"
                rows[label] = proc_tests.run_race(suite, mode == "classic", args.senders, args.messages,
                                                  args.interval, args.seed, tag=str(run))
            if args.stalled:
                rows[mode + ", stalled"] = proc_tests.run_stalled(suite, mode == "classic", args.stalled,
                                                                  args.interval)
    except proctest.Failure as failure:
        print(f"race_table: {failure}", file=sys.stderr)
        ok = False
    finally:
        suite.cleanup()
    loads = {counts["units"] for counts in rows.values() if "units" in counts}
    for sent in sorted(loads):  # one line: every load row sent the same messages
        print(f"the load: {len(expected)} messages per row, {sent} UTF-16 units in all")
    print(f"{'mode':<17}" + "".join(f"{c:>11}" for c in COLUMNS))
    for label, counts in rows.items():
        print(f"{label:<17}" + "".join(f"{counts[c]:>11}" for c in COLUMNS))
    if args.stalled:
        print(f"stalled: {args.stalled} writers, one at a time, each stopped mid-store until the receiver "
              "has looked: classic after unit 0, safe after the body")
    print("lost = never arrived whole (a torn message is also lost); torn = failed its checksum")
    for label, counts in rows.items():
        if label.startswith("safe") and (counts["lost"] or counts["torn"] or counts["duplicated"]):
            print(f"race_table: the safe protocol failed ({label}): {counts}", file=sys.stderr)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
