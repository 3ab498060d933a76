#!/usr/bin/env python3
"""Writes README.md's performance table and docs/performance.md's "today's report" from one
samplemap-bench --json report, so both always show the same run of the same code.

usage: tools/bench-report.py REPORT.jsonl [--source DIR] [--commit SHA] [--machine TEXT]

REPORT.jsonl is what `samplemap-bench --json ...` printed (docs/performance.md, "Method", gives
the command). The script replaces what lies between the markers
    <!-- bench-report begin -->  ...  <!-- bench-report end -->    in docs/performance.md
    <!-- bench-table begin -->   ...  <!-- bench-table end -->     in README.md
and nothing else. A README without the markers gets them, in a "## Performance" section put
before "## Read on". --commit names the code measured (default: `git rev-parse --short HEAD`
in --source); --machine describes the machine (default: the CPU count and kernel of this one).
A report that is not JSON Lines from samplemap-bench, or has no scenario, is refused with one
line and exit 2; a report whose messages were not all verified too (its figures mean nothing).
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys

PERF_BEGIN, PERF_END = "<!-- bench-report begin -->", "<!-- bench-report end -->"
README_BEGIN, README_END = "<!-- bench-table begin -->", "<!-- bench-table end -->"
# The rows the README shows; the full report has every row that ran.
README_ROWS = [
    ("floor", "floor: spinning on a shared page, no lock, no system call"),
    ("floor-stream", "floor streamed: one slot's ceiling"),
    ("samplemap-wake", "SampleMap `--wake`, acked"),
    ("pipe-acked", "pipe, acked"),
    ("samplemap-stream", "SampleMap streaming"),
    ("pipe-stream", "pipe streaming"),
]
RATIO_COLUMNS = [  # (header, field of the result line)
    ("median / pipe-acked", "median_ratio_to_pipe"),
    ("p99 / pipe-acked", "p99_ratio_to_pipe"),
    ("msgs/s / pipe-acked", "throughput_ratio_to_pipe"),
    ("msgs/s / pipe-stream", "throughput_ratio_to_stream_pipe"),
    ("median / pipe-idle", "median_ratio_to_idle_pipe"),
    ("p99 / pipe-idle", "p99_ratio_to_idle_pipe"),
]


class ReportError(Exception):
    pass


def read_report(path):
    """[(summary, [result...])] in the report's order of scenarios."""
    scenarios, results = [], []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        raise ReportError(f"{path}: cannot read it ({e.strerror})")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            raise ReportError(f"{path}:{number}: not JSON; give the output of samplemap-bench --json")
        kind = event.get("event") if isinstance(event, dict) else None
        if kind == "result":
            results.append(event)
        elif kind == "summary":
            if any(r.get("scenario") != event.get("scenario") for r in results):
                raise ReportError(f"{path}:{number}: a summary after another scenario's results")
            scenarios.append((event, results))
            results = []
        else:
            raise ReportError(f"{path}:{number}: not a samplemap-bench --json line (event {kind!r})")
    if not scenarios:
        raise ReportError(f"{path}: no scenario summary; give the whole output of samplemap-bench --json")
    for summary, _ in scenarios:
        if summary.get("verified") is not True:
            raise ReportError(f"{path}: scenario {summary.get('scenario')}: not every message was "
                              "verified, so its figures mean nothing; run the benchmark again")
    return scenarios


def targets_of(summary):
    """[(text, met, value, low, high, runs_met)] in the summary's order."""
    out = []
    for key, value in summary.items():
        if isinstance(value, bool) and f"{key}_text" in summary:
            out.append((summary[f"{key}_text"], value, summary[f"{key}_value"], summary[f"{key}_low"],
                        summary[f"{key}_high"], summary[f"{key}_runs_met"]))
    return out


def scenario_title(summary):
    if summary["load_processes"] == 0:
        return f"Scenario {summary['scenario']} (nothing else started)"
    return (f"Scenario {summary['scenario']} ({summary['load_processes']} CPU-bound processes at "
            f"nice {summary['load_nice']} beside the rows)")


def number(value, digits):
    return f"{value:.{digits}f}"


def verdict_line(target, runs):
    text, met, value, low, high, runs_met = target
    line = f"- {text}: **{'met' if met else 'MISSED'}** ({value:.3f}"
    if runs > 1:
        line += f", the median of {runs} runs: {low:.3f} to {high:.3f}, met in {runs_met} of them"
    return line + ")"


def performance_section(scenarios, commit, machine):
    first = scenarios[0][0]
    runs = first["runs"]
    out = [f"Made with `{first['command']}` (this section: `tools/bench-report.py` from its "
           f"`--json` output) on {first['time'][:10]} from the code of commit {commit}, on {machine}."]
    for summary, results in scenarios:
        out += ["", f"### {scenario_title(summary)}", ""]
        note = f"1-minute load average at the end: {summary['load_average_1min']}"
        if summary["load_processes"]:
            note += (f"; the load used {summary['load_cpu_s']:.1f} CPU-s in "
                     f"{summary['load_wall_s']:.1f} s at nice {summary['load_nice_seen']}")
        out += [note + "." + (f" Each figure is the median of {runs} runs (max: the largest); each "
                              "target is judged on the median of the runs' own ratios." if runs > 1 else ""), ""]
        out.append("| transport | messages | median µs | p99 µs | mean µs | max µs | msgs/s | "
                   + " | ".join(h for h, _ in RATIO_COLUMNS) + " |")
        out.append("|---|" + "---:|" * (6 + len(RATIO_COLUMNS)))
        for r in results:
            cells = [r["transport"], str(r["messages"]), number(r["median_us"], 2), number(r["p99_us"], 2),
                     number(r["mean_us"], 2), number(r["max_us"], 1), number(r["msgs_per_s"], 0)]
            cells += [number(r[f], 3) if f in r else "–" for _, f in RATIO_COLUMNS]
            out.append("| " + " | ".join(cells) + " |")
        if any(r["transport"].endswith("-stream") for r in results):
            out += ["", "*-stream latency includes time queued in the kernel buffer."]
        idle = [r for r in results if r["transport"].endswith("-idle")]
        if idle:
            out += ["", "Where the woken receiver took each idle message (% of the messages):", "",
                    "| transport | over 30 µs | on the other CPU | on the other CPU and over 30 µs |",
                    "|---|---:|---:|---:|"]
            for r in idle:
                other = [number(r[f], 2) if f in r else "–" for f in ("other_cpu_pct", "over_30us_other_cpu_pct")]
                out.append(f"| {r['transport']} | {number(r['over_30us_pct'], 2)} | {other[0]} | {other[1]} |")
        targets = targets_of(summary)
        if targets:
            out += ["", f"Targets (scenario {summary['scenario']}):"]
            out += [verdict_line(t, runs) for t in targets]
        ceiling = next((r for r in results if r["transport"] == "floor-stream"), None)
        if ceiling is not None and "throughput_ratio_to_stream_pipe" in ceiling:
            out.append(f"- one slot's ceiling: floor-stream msgs/s = "
                       f"{ceiling['throughput_ratio_to_stream_pipe']:.3f} x pipe-stream")
    if len(scenarios) > 1:
        out += ["", "### The scenarios side by side (median µs / p99 µs / max µs / msgs/s)", ""]
        out.append("| transport | " + " | ".join(s["scenario"] for s, _ in scenarios) + " |")
        out.append("|---|" + "---:|" * len(scenarios))
        names = []
        for _, results in scenarios:
            names += [r["transport"] for r in results if r["transport"] not in names]
        for name in names:
            cells = []
            for _, results in scenarios:
                r = next((r for r in results if r["transport"] == name), None)
                cells.append("–" if r is None else f"{r['median_us']:.2f} / {r['p99_us']:.1f} / "
                             f"{r['max_us']:.0f} / {r['msgs_per_s']:.0f}")
            out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def readme_section(scenarios, commit):
    first = scenarios[0][0]
    out = [f"A 2 KB message between two processes (`samplemap-bench`, medians of {first['runs']} "
           f"run{'s' if first['runs'] > 1 else ''}, commit {commit}; every figure and verdict with its "
           "spread: [docs/performance.md](docs/performance.md#todays-report)); `quiet`: nothing else "
           "running, `N:NICE`: N CPU-bound processes at that nice beside every row. Median µs / msgs/s:", ""]
    out.append("| | " + " | ".join(s["scenario"] for s, _ in scenarios) + " |")
    out.append("|---|" + "---:|" * len(scenarios))
    for name, label in README_ROWS:
        cells = []
        for _, results in scenarios:
            r = next((r for r in results if r["transport"] == name), None)
            cells.append("–" if r is None else f"{r['median_us']:.2f} / {r['msgs_per_s'] / 1000:.0f} k")
        if any(c != "–" for c in cells):
            out.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for summary, _ in scenarios:
        targets = targets_of(summary)
        cells.append(f"{sum(t[1] for t in targets)} of {len(targets)}" if targets else "–")
    out.append("| targets met | " + " | ".join(cells) + " |")
    return "\n".join(out)


def replace_between(text, begin, end, body, path):
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        raise ReportError(f"{path}: needs exactly one '{begin}' before one '{end}'")
    head, rest = text.split(begin)
    _, tail = rest.split(end)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def add_readme_markers(text, path):
    if README_BEGIN in text or README_END in text:
        return text
    anchor = "\n## Read on\n"
    if anchor not in text:
        raise ReportError(f"{path}: no markers and no '## Read on' section to put them before")
    section = f"\n## Performance\n\n{README_BEGIN}\n{README_END}\n"
    return text.replace(anchor, section + anchor, 1)


def default_commit(source):
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=source, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def default_machine():
    return f"a {os.cpu_count()}-CPU machine ({platform.system()} {platform.release()})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--commit")
    parser.add_argument("--machine")
    args = parser.parse_args()
    try:
        scenarios = read_report(args.report)
        commit = args.commit or default_commit(args.source)
        machine = args.machine or default_machine()
        perf_path = os.path.join(args.source, "docs", "performance.md")
        readme_path = os.path.join(args.source, "README.md")
        perf = open(perf_path, encoding="utf-8").read()
        readme = open(readme_path, encoding="utf-8").read()
        perf = replace_between(perf, PERF_BEGIN, PERF_END, performance_section(scenarios, commit, machine),
                               perf_path)
        readme = replace_between(add_readme_markers(readme, readme_path), README_BEGIN, README_END,
                                 readme_section(scenarios, commit), readme_path)
    except ReportError as e:
        print(f"bench-report.py: {e}", file=sys.stderr)
        return 2
    for path, text in ((perf_path, perf), (readme_path, readme)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"bench-report.py: wrote {len(scenarios)} scenario(s) into {perf_path} and {readme_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
