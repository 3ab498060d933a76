#!/usr/bin/env python3
"""bench.report: tools/bench-report.py writes README.md's performance table and
docs/performance.md's "today's report" from one real samplemap-bench --json report (two
scenarios, two runs, tiny counts), into copies of the two files: every scenario's rows and
targets with their spread in the report, the table in the README (its section added before
"## Read on" the first time, replaced after), nothing else of either file changed, and a second
run on its own output changes nothing. A report that is not the bench's JSON, or whose messages
were not all verified, is refused with one line and exit 2.
usage: check_report.py BENCH SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ARGS = ["--count", "300", "--runs", "2", "--scenarios", "quiet,1:19",
        "--only", "floor,floor-stream,samplemap-wake,samplemap-stream,pipe-acked,pipe-stream", "--json"]


def fail(why):
    print(f"FAIL: {why}")
    return 1


def outside(text, begin, end):
    """The text with what lies between the markers left out."""
    return re.sub(re.escape(begin) + ".*?" + re.escape(end), begin + end, text, flags=re.S)


def main():
    bench, source = sys.argv[1], sys.argv[2]
    tool = os.path.join(source, "tools", "bench-report.py")
    try:
        done = subprocess.run([bench] + ARGS, capture_output=True, text=True, timeout=120)
    except OSError as e:  # a cross-built bench (.exe) is not run here
        print(f"skipped: cannot run {bench}: {e.strerror}")
        return 77
    if done.returncode == 77:
        return 77
    if done.returncode != 0:
        return fail(f"the bench exited {done.returncode}: {done.stderr}")
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        os.makedirs(os.path.join(tmp, "docs"))
        for name in ("README.md", os.path.join("docs", "performance.md")):
            shutil.copy(os.path.join(source, name), os.path.join(tmp, name))
        readme_before = open(os.path.join(tmp, "README.md"), encoding="utf-8").read()
        perf_before = open(os.path.join(tmp, "docs", "performance.md"), encoding="utf-8").read()
        report = os.path.join(tmp, "report.jsonl")
        with open(report, "w", encoding="utf-8") as f:
            f.write(done.stdout)
        run = [sys.executable, tool, report, "--source", tmp, "--commit", "abc1234", "--machine", "the test"]
        made = subprocess.run(run, capture_output=True, text=True, timeout=60)
        if made.returncode != 0:
            return fail(f"bench-report.py exited {made.returncode}: {made.stderr}")
        readme = open(os.path.join(tmp, "README.md"), encoding="utf-8").read()
        perf = open(os.path.join(tmp, "docs", "performance.md"), encoding="utf-8").read()

        section = perf.split("<!-- bench-report begin -->")[1].split("<!-- bench-report end -->")[0]
        wants = [
            r"Made with `samplemap-bench --count 300 --runs 2 --scenarios quiet,1:19 [^`]*--json`.* "
            r"from the code of commit abc1234, on the test\.",
            r"### Scenario quiet \(nothing else started\)",
            r"\| floor \| 300 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9]+ \| [0-9.]+ \|",
            r"Targets \(scenario quiet\):\n- wake median <= 2\.0 x floor: \*\*(met|MISSED)\*\* "
            r"\([0-9.]+, the median of 2 runs: [0-9.]+ to [0-9.]+, met in [0-2] of them\)",
            r"### Scenario 1:19 \(1 CPU-bound processes at nice 19 beside the rows\)",
            r"the load used [0-9.]+ CPU-s in [0-9.]+ s at nice 19",
            r"Targets \(scenario 1:19\):\n- wake msgs/s >= 1\.5 x pipe-acked: \*\*(met|MISSED)\*\*",
            r"- wake max <= 2\.0 x pipe-acked: \*\*(met|MISSED)\*\*",
            r"- one slot's ceiling: floor-stream msgs/s = [0-9.]+ x pipe-stream",
            r"\| floor-stream \| 300 \|( [0-9.]+ \|){9} – \| – \|",
            r"\| transport \| quiet \| 1:19 \|\n\|---\|---:\|---:\|\n\| floor \| [0-9.]+ / [0-9.]+ / [0-9]+ / [0-9]+ \|",
        ]
        for want in wants:
            if not re.search(want, section):
                return fail(f"docs/performance.md's report lacks {want!r}:\n{section}")
        table = readme.split("<!-- bench-table begin -->")[1].split("<!-- bench-table end -->")[0]
        for want in [r"\| \| quiet \| 1:19 \|",
                     r"\| SampleMap `--wake`, acked \| [0-9.]+ / [0-9]+ k \| [0-9.]+ / [0-9]+ k \|",
                     r"\| floor streamed: one slot's ceiling \| [0-9.]+ / [0-9]+ k \| [0-9.]+ / [0-9]+ k \|",
                     r"\| targets met \| [0-3] of 3 \| [0-4] of 4 \|"]:
            if not re.search(want, table):
                return fail(f"README's table lacks {want!r}:\n{table}")
        if readme.index("## Performance") > readme.index("## Read on"):
            return fail("README's performance section is not before 'Read on'")
        marks = ("<!-- bench-table begin -->", "<!-- bench-table end -->")
        got, wanted = outside(readme, *marks), outside(readme_before, *marks)
        if marks[0] not in readme_before:  # the first time, the section itself is added
            added = "\n## Performance\n\n<!-- bench-table begin --><!-- bench-table end -->\n"
            got, wanted = got.replace(added, "", 1), readme_before
        if got != wanted:
            return fail("bench-report.py changed README.md outside its table")
        if outside(perf, "<!-- bench-report begin -->", "<!-- bench-report end -->") != \
                outside(perf_before, "<!-- bench-report begin -->", "<!-- bench-report end -->"):
            return fail("bench-report.py changed docs/performance.md outside its report")
        again = subprocess.run(run, capture_output=True, text=True, timeout=60)
        if again.returncode != 0 or open(os.path.join(tmp, "README.md"), encoding="utf-8").read() != readme \
                or open(os.path.join(tmp, "docs", "performance.md"), encoding="utf-8").read() != perf:
            return fail("a second run on its own output changed something")

        refusals = [("not json\n", "not JSON; give the output of samplemap-bench --json"),
                    (done.stdout.replace('"verified":true', '"verified":false'), "not every message was verified")]
        for text, want in refusals:
            with open(report, "w", encoding="utf-8") as f:
                f.write(text)
            bad = subprocess.run(run, capture_output=True, text=True, timeout=60)
            lines = bad.stderr.splitlines()
            if bad.returncode != 2 or len(lines) != 1 or want not in lines[0]:
                return fail(f"expected exit 2 and one line with {want!r}, got {bad.returncode}: {bad.stderr!r}")
    print("bench-report.py wrote the report and the table from one --json report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
